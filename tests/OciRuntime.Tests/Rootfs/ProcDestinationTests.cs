using OciRuntime.Rootfs;

namespace OciRuntime.Tests.Rootfs;

public sealed class ProcDestinationTests
{
    [Theory]
    [InlineData("/proc", true, true)]
    [InlineData("/proc", false, false)]
    [InlineData("/proc/cpuinfo", false, true)]
    [InlineData("/proc/sys/kernel/ns_last_pid", false, true)]
    [InlineData("/proc/sys", false, false)]
    [InlineData("/proc/self/root", false, false)]
    [InlineData("/procfoo", false, true)]
    [InlineData("/etc", false, true)]
    public void OnlyProcfsOnProcAndTheLxcfsFilesBelowIt(string destination, bool isProcfs, bool allowed)
    {
        if (allowed)
            Mounter.CheckProcDestination(destination, isProcfs);
        else
            Assert.Throws<RootfsException>(() => Mounter.CheckProcDestination(destination, isProcfs));
    }
}

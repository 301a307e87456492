using OciRuntime.Linux;

namespace OciRuntime.Tests.Linux;

public sealed class SysctlTests : IDisposable
{
    private readonly string _procSys = Directory.CreateTempSubdirectory("ocirt-sysctl-").FullName;

    public void Dispose() => Directory.Delete(_procSys, recursive: true);

    [Theory]
    [InlineData("net.ipv4.ip_forward", "net/ipv4/ip_forward")]
    [InlineData("net/ipv4/ip_forward", "net/ipv4/ip_forward")]
    [InlineData("kernel.shm_rmid_forced", "kernel/shm_rmid_forced")]
    [InlineData("kernel.domainname", "kernel/domainname")]
    // sysctl(8): with a slash first, dots belong to the name; in the dotted form a slash stands for such a dot.
    [InlineData("net/ipv4/conf/eth0.100/forwarding", "net/ipv4/conf/eth0.100/forwarding")]
    [InlineData("net.ipv4.conf.eth0/100.forwarding", "net/ipv4/conf/eth0.100/forwarding")]
    [InlineData("fs.mqueue.msg_max", "fs/mqueue/msg_max")]
    public void KeysMapToPathsUnderProcSys(string key, string path) => Assert.Equal(path, Sysctl.RelativePathOf(key));

    [Theory]
    [InlineData("")]
    [InlineData("../../etc/passwd")]
    [InlineData("net/../../etc/shadow")]
    [InlineData("net/./ipv4")]
    [InlineData("net/ipv4/..")]
    [InlineData("/net/ipv4/ip_forward")]
    [InlineData(".net.ipv4")]
    [InlineData("net..ipv4")]
    [InlineData("net.ipv4.")]
    [InlineData("net.ipv4\0.x")]
    [InlineData("..")]
    public void KeysThatWouldLeaveProcSysAreRefused(string key)
    {
        var e = Assert.Throws<ProcessAttributeException>(() => Sysctl.RelativePathOf(key));
        Assert.Contains("not a key under /proc/sys", e.Message);
    }

    [Fact]
    public void ApplyWritesEachValueToItsFile()
    {
        Directory.CreateDirectory(Path.Combine(_procSys, "net/ipv4"));
        File.WriteAllText(Path.Combine(_procSys, "net/ipv4/ip_forward"), "");
        Directory.CreateDirectory(Path.Combine(_procSys, "kernel"));
        File.WriteAllText(Path.Combine(_procSys, "kernel/msgmax"), "");

        Sysctl.Apply(new Dictionary<string, string> { ["net.ipv4.ip_forward"] = "1", ["kernel/msgmax"] = "65536" }, _procSys);

        Assert.Equal("1", File.ReadAllText(Path.Combine(_procSys, "net/ipv4/ip_forward")));
        Assert.Equal("65536", File.ReadAllText(Path.Combine(_procSys, "kernel/msgmax")));
    }

    [Fact]
    public void AMissingKeyIsAnErrorNamingKeyAndPath()
    {
        var e = Assert.Throws<ProcessAttributeException>(() =>
            Sysctl.Apply(new Dictionary<string, string> { ["net.nope"] = "1" }, _procSys));
        Assert.Equal("error setting sysctl net.nope", e.Message);
        Assert.Equal($"open {_procSys}/net/nope: No such file or directory", e.InnerException!.Message);
    }

    [Fact]
    public void ASymlinkIsNotFollowed()
    {
        string target = Path.Combine(_procSys, "target");
        File.WriteAllText(target, "");
        File.CreateSymbolicLink(Path.Combine(_procSys, "link"), target);

        Assert.Throws<ProcessAttributeException>(() => Sysctl.Apply(new Dictionary<string, string> { ["link"] = "1" }, _procSys));
        Assert.Equal("", File.ReadAllText(target));
    }

    [Fact]
    public void NothingToApply() => Sysctl.Apply(null, _procSys);
}

using OciRuntime.Linux;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Oci;

namespace OciRuntime.Tests.Linux;

public sealed class IoPriorityTests
{
    [Theory]
    [InlineData("IOPRIO_CLASS_RT", 1)]
    [InlineData("IOPRIO_CLASS_BE", 2)]
    [InlineData("IOPRIO_CLASS_IDLE", 3)]
    public void ClassesHaveTheKernelsNumbers(string name, int number) => Assert.Equal(number, IoPriority.ClassOf(name));

    // IOPRIO_PRIO_VALUE(class, data) = class << 13 | data (linux/ioprio.h).
    [Theory]
    [InlineData("IOPRIO_CLASS_RT", 0, 0x2000)]
    [InlineData("IOPRIO_CLASS_BE", 4, 0x4004)]
    [InlineData("IOPRIO_CLASS_IDLE", 7, 0x6007)]
    public void TheValuePacksClassAboveLevel(string name, int level, int expected) =>
        Assert.Equal(expected, IoPriority.Encode(new LinuxIOPriority { Class = name, Priority = level }));

    [Fact]
    public void TheShiftAgreesWithTheInstalledHeader()
    {
        var header = KernelHeaders.Values("/usr/include/linux/ioprio.h", "IOPRIO_CLASS_SHIFT");
        if (header.TryGetValue("IOPRIO_CLASS_SHIFT", out long shift))
            Assert.Equal(2 << (int)shift, IoPriority.Encode(new LinuxIOPriority { Class = "IOPRIO_CLASS_BE" }));
    }

    [Fact]
    public void AnUnknownClassIsRefused() =>
        Assert.Throws<ArgumentException>(() => IoPriority.ClassOf("IOPRIO_CLASS_NONE"));

    // Reads only: ioprio_get(2) of the test thread.
    [Fact]
    public void TheCurrentPriorityCanBeRead() => Assert.True(Libc.IoprioGet(Libc.IOPRIO_WHO_PROCESS, 0) >= 0);
}

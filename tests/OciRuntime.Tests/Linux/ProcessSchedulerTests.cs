using System.Runtime.InteropServices;
using OciRuntime.Linux;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Oci;

namespace OciRuntime.Tests.Linux;

public sealed class ProcessSchedulerTests
{
    [Theory]
    [InlineData("SCHED_OTHER", 0)]
    [InlineData("SCHED_FIFO", 1)]
    [InlineData("SCHED_RR", 2)]
    [InlineData("SCHED_BATCH", 3)]
    [InlineData("SCHED_ISO", 4)]
    [InlineData("SCHED_IDLE", 5)]
    [InlineData("SCHED_DEADLINE", 6)]
    public void PoliciesHaveTheKernelsNumbers(string name, uint number) => Assert.Equal(number, ProcessScheduler.PolicyOf(name));

    [Theory]
    [InlineData("SCHED_FLAG_RESET_ON_FORK", 0x01)]
    [InlineData("SCHED_FLAG_RECLAIM", 0x02)]
    [InlineData("SCHED_FLAG_DL_OVERRUN", 0x04)]
    [InlineData("SCHED_FLAG_KEEP_POLICY", 0x08)]
    [InlineData("SCHED_FLAG_KEEP_PARAMS", 0x10)]
    [InlineData("SCHED_FLAG_UTIL_CLAMP_MIN", 0x20)]
    [InlineData("SCHED_FLAG_UTIL_CLAMP_MAX", 0x40)]
    public void FlagsHaveTheKernelsBits(string name, ulong bit) => Assert.Equal(bit, ProcessScheduler.FlagsOf([name]));

    [Fact]
    public void TheTablesAgreeWithTheInstalledHeader()
    {
        var header = KernelHeaders.Values("/usr/include/linux/sched.h", "SCHED_(?:FLAG_)?[A-Z_]+");
        foreach ((string name, long value) in header)
        {
            if (name.StartsWith("SCHED_FLAG_", StringComparison.Ordinal) && KnownNames.SchedulerFlags.Contains(name))
                Assert.Equal((ulong)value, ProcessScheduler.FlagsOf([name]));
            else if (KnownNames.SchedulerPolicies.Contains(name))
                Assert.Equal((uint)value, ProcessScheduler.PolicyOf(name));
        }
        if (header.TryGetValue("SCHED_NORMAL", out long normal))
            Assert.Equal((uint)normal, ProcessScheduler.PolicyOf("SCHED_OTHER"));
    }

    [Fact]
    public void UnknownNamesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => ProcessScheduler.PolicyOf("SCHED_NOPE"));
        Assert.Throws<ArgumentException>(() => ProcessScheduler.FlagsOf(["SCHED_FLAG_NOPE"]));
    }

    [Fact]
    public void EncodesTheSpecAsStructSchedAttr()
    {
        var attr = ProcessScheduler.Encode(new Scheduler
        {
            Policy = "SCHED_DEADLINE",
            Flags = ["SCHED_FLAG_RESET_ON_FORK", "SCHED_FLAG_DL_OVERRUN"],
            Runtime = 10_000_000,
            Deadline = 30_000_000,
            Period = 100_000_000,
        });
        Assert.Equal(56u, attr.size);
        Assert.Equal(6u, attr.sched_policy);
        Assert.Equal(0x05UL, attr.sched_flags);
        Assert.Equal((10_000_000UL, 30_000_000UL, 100_000_000UL), (attr.sched_runtime, attr.sched_deadline, attr.sched_period));

        var nice = ProcessScheduler.Encode(new Scheduler { Policy = "SCHED_BATCH", Nice = -5 });
        Assert.Equal((3u, -5, 0u, 0UL), (nice.sched_policy, nice.sched_nice, nice.sched_priority, nice.sched_flags));

        var realtime = ProcessScheduler.Encode(new Scheduler { Policy = "SCHED_FIFO", Priority = 50 });
        Assert.Equal((1u, 50u), (realtime.sched_policy, realtime.sched_priority));
    }

    // include/uapi/linux/sched/types.h: SCHED_ATTR_SIZE_VER1 = 56.
    [Fact]
    public void StructSchedAttrHasTheKernelsLayout()
    {
        Assert.Equal(56, Marshal.SizeOf<Libc.sched_attr>());
        Assert.Equal(
            [0, 4, 8, 16, 20, 24, 32, 40, 48, 52],
            new[]
            {
                "size", "sched_policy", "sched_flags", "sched_nice", "sched_priority", "sched_runtime", "sched_deadline",
                "sched_period", "sched_util_min", "sched_util_max",
            }.Select(f => (int)Marshal.OffsetOf<Libc.sched_attr>(f)));
    }
}

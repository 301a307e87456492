using OciRuntime.Cgroups;
using OciRuntime.Cgroups.V1;
using OciRuntime.Oci;

namespace OciRuntime.Tests.Cgroups.V1;

public sealed class CpuV1Tests
{
    private static LinuxResources R(LinuxCpu c) => new() { Cpu = c };

    [Fact]
    public void NothingSetWritesNothing()
    {
        Assert.Empty(CpuV1.Plan(R(new LinuxCpu())));
        Assert.Empty(CpuV1.Plan(R(new LinuxCpu { Shares = 0, Quota = 0, Period = 0, RealtimePeriod = 0, RealtimeRuntime = 0 })));
    }

    [Fact]
    public void EveryFieldInRuncsOrder()
    {
        var plan = CpuV1.Plan(R(new LinuxCpu
        {
            Shares = 512, Period = 50000, Burst = 1000, Quota = 25000, Idle = 0, RealtimePeriod = 1000000, RealtimeRuntime = 950000,
        }));
        PlanAssert.Equal(plan,
            "cpu:cpu.shares=512",
            "cpu:cpu.cfs_period_us=50000",
            "cpu:cpu.cfs_burst_us=1000",
            "cpu:cpu.cfs_quota_us=25000",
            "cpu:cpu.cfs_period_us=50000",
            "cpu:cpu.cfs_burst_us=1000",
            "cpu:cpu.idle=0",
            "cpu:cpu.rt_period_us=1000000",
            "cpu:cpu.rt_runtime_us=950000",
            "cpu:cpu.rt_period_us=1000000");
        Assert.True(plan[1].Flags.HasFlag(CgroupWriteFlags.RetriedLater));
        Assert.True(plan[2].Flags.HasFlag(CgroupWriteFlags.RetriedLater | CgroupWriteFlags.IgnoreMissing));
        Assert.Equal(CgroupWriteFlags.None, plan[4].Flags);
        Assert.True(plan[7].Flags.HasFlag(CgroupWriteFlags.RetriedLater));
    }

    [Fact]
    public void PeriodWithoutQuotaIsWrittenOnceAndNotTolerated()
    {
        var plan = CpuV1.Plan(R(new LinuxCpu { Period = 100000 }));
        PlanAssert.Equal(plan, "cpu:cpu.cfs_period_us=100000");
        Assert.Equal(CgroupWriteFlags.None, plan[0].Flags);
    }

    [Fact]
    public void UnlimitedQuotaIsMinusOne() =>
        PlanAssert.Equal(CpuV1.Plan(R(new LinuxCpu { Quota = -1 })), "cpu:cpu.cfs_quota_us=-1");

    [Fact]
    public void IdleAlone() => PlanAssert.Equal(CpuV1.Plan(R(new LinuxCpu { Idle = 1 })), "cpu:cpu.idle=1");

    [Theory]
    [InlineData(1ul, "linux.resources.cpu.shares: the minimum allowed cpu-shares is 2")]
    [InlineData(262145ul, "linux.resources.cpu.shares: the maximum allowed cpu-shares is 262144")]
    public void SharesOutsideTheKernelsRangeAreRefused(ulong shares, string message) =>
        PlanAssert.Refused(() => CpuV1.Plan(R(new LinuxCpu { Shares = shares })), message);

    [Fact]
    public void CpusetCpusThenMems()
    {
        PlanAssert.Equal(CpusetV1.Plan(R(new LinuxCpu { Cpus = "0-1", Mems = "0" })), "cpuset:cpuset.cpus=0-1", "cpuset:cpuset.mems=0");
        Assert.Empty(CpusetV1.Plan(R(new LinuxCpu { Cpus = "", Mems = "" })));
    }
}

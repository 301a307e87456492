using OciRuntime.Cgroups;
using OciRuntime.Cgroups.V2;
using OciRuntime.Oci;

namespace OciRuntime.Tests.Cgroups.V2;

public sealed class CpuV2Tests
{
    private static LinuxResources R(LinuxCpu c) => new() { Cpu = c };

    // runc HEAD (opencontainers/cgroups utils_test.go table): min, just above, default, just below max, max, beyond.
    [Theory]
    [InlineData(0ul, 0ul)]
    [InlineData(1ul, 1ul)]
    [InlineData(2ul, 1ul)]
    [InlineData(3ul, 2ul)]
    [InlineData(1024ul, 100ul)]
    [InlineData(262143ul, 10000ul)]
    [InlineData(262144ul, 10000ul)]
    [InlineData(262145ul, 10000ul)]
    public void SharesToWeight(ulong shares, ulong weight) => Assert.Equal(weight, CpuWeight.FromShares(shares));

    // runc up to 1.3.1 (and the 1.1.5 on the test hosts).
    [Theory]
    [InlineData(2ul, 1ul)]
    [InlineData(1024ul, 39ul)]
    [InlineData(262144ul, 10000ul)]
    public void SharesToWeightLinear(ulong shares, ulong weight) => Assert.Equal(weight, CpuWeight.FromSharesLinear(shares));

    [Fact]
    public void WeightIsMonotonic()
    {
        ulong last = 0;
        for (ulong s = 2; s <= 262144; s += 97)
        {
            ulong w = CpuWeight.FromShares(s);
            Assert.InRange(w, last, 10000ul);
            last = w;
        }
    }

    [Fact]
    public void EveryFieldInRuncsOrder()
    {
        var plan = CpuV2.Plan(R(new LinuxCpu { Shares = 1024, Quota = 50000, Period = 200000, Burst = 10000, Idle = 0 }));
        PlanAssert.Equal(plan, ":cpu.idle=0", ":cpu.weight=100", ":cpu.max.burst=10000", ":cpu.max=50000 200000", ":cpu.max.burst=10000");
        Assert.Equal(CgroupWriteFlags.RetriedLater, plan[2].Flags);
    }

    [Theory]
    [InlineData(50000L, 0ul, "50000 100000")]
    [InlineData(-1L, 0ul, "max 100000")]
    [InlineData(0L, 250000ul, "max 250000")]
    [InlineData(-1L, 10000ul, "max 10000")]
    public void CpuMax(long quota, ulong period, string value) =>
        PlanAssert.Equal(CpuV2.Plan(R(new LinuxCpu { Quota = quota, Period = period })), ":cpu.max=" + value);

    [Fact]
    public void IdleSuppressesWeight() =>
        PlanAssert.Equal(CpuV2.Plan(R(new LinuxCpu { Shares = 1024, Idle = 1 })), ":cpu.idle=1");

    [Fact]
    public void BurstWithoutQuotaIsWrittenOnce() =>
        PlanAssert.Equal(CpuV2.Plan(R(new LinuxCpu { Burst = 5 })), ":cpu.max.burst=5");

    [Fact]
    public void RealtimeIsRefused()
    {
        PlanAssert.Refused(() => CpuV2.Plan(R(new LinuxCpu { RealtimeRuntime = 950000 })),
            "linux.resources.cpu.realtimeRuntime: realtime scheduling is not supported on cgroup v2");
        PlanAssert.Refused(() => CpuV2.Plan(R(new LinuxCpu { RealtimePeriod = 1000000 })),
            "linux.resources.cpu.realtimePeriod: realtime scheduling is not supported on cgroup v2");
        Assert.Empty(CpuV2.Plan(R(new LinuxCpu { RealtimePeriod = 0, RealtimeRuntime = 0 })));
    }

    [Fact]
    public void Cpuset() =>
        PlanAssert.Equal(CpusetV2.Plan(R(new LinuxCpu { Cpus = "0-3", Mems = "0" })), ":cpuset.cpus=0-3", ":cpuset.mems=0");
}

using OciRuntime.Cgroups;
using OciRuntime.Cgroups.V1;
using OciRuntime.Oci;

namespace OciRuntime.Tests.Cgroups.V1;

public sealed class MemoryV1Tests
{
    private static LinuxResources R(LinuxMemory m) => new() { Memory = m };

    [Fact]
    public void NothingSetWritesNothing()
    {
        Assert.Empty(MemoryV1.Plan(new LinuxResources()));
        Assert.Empty(MemoryV1.Plan(R(new LinuxMemory())));
        // 0 is runc's "unset" for the limits.
        Assert.Empty(MemoryV1.Plan(R(new LinuxMemory { Limit = 0, Swap = 0, Reservation = 0 })));
    }

    [Fact]
    public void EveryFieldToItsFile()
    {
        var plan = MemoryV1.Plan(R(new LinuxMemory
        {
            Limit = 100 << 20, Swap = 200 << 20, Reservation = 50 << 20, DisableOomKiller = true, Swappiness = 60, UseHierarchy = true,
        }));
        PlanAssert.Equal(plan,
            "memory:memory.limit_in_bytes=104857600",
            "memory:memory.memsw.limit_in_bytes=209715200",
            "memory:memory.soft_limit_in_bytes=52428800",
            "memory:memory.oom_control=1",
            "memory:memory.swappiness=60",
            "memory:memory.use_hierarchy=1");
    }

    [Fact]
    public void OomKillerFalseLeavesTheDefault() =>
        Assert.Empty(MemoryV1.Plan(R(new LinuxMemory { DisableOomKiller = false })));

    [Fact]
    public void RaisingAboveTheCurrentLimitWritesSwapFirst()
    {
        // Current limit 100M; new memsw 400M is above it, so memsw first (the limit may not exceed memsw).
        var plan = MemoryV1.Plan(R(new LinuxMemory { Limit = 300 << 20, Swap = 400 << 20 }), currentLimit: 100 << 20);
        PlanAssert.Equal(plan, "memory:memory.memsw.limit_in_bytes=419430400", "memory:memory.limit_in_bytes=314572800");
    }

    [Fact]
    public void LoweringBelowTheCurrentLimitWritesTheLimitFirst()
    {
        var plan = MemoryV1.Plan(R(new LinuxMemory { Limit = 10 << 20, Swap = 20 << 20 }), currentLimit: 100 << 20);
        PlanAssert.Equal(plan, "memory:memory.limit_in_bytes=10485760", "memory:memory.memsw.limit_in_bytes=20971520");
    }

    [Fact]
    public void UnlimitedMemoryWithSwapUnsetMakesSwapUnlimitedWhereAccountingExists()
    {
        var plan = MemoryV1.Plan(R(new LinuxMemory { Limit = -1 }));
        PlanAssert.Equal(plan, "memory:memory.memsw.limit_in_bytes=-1", "memory:memory.limit_in_bytes=-1");
        Assert.Equal(CgroupWriteFlags.IgnoreMissing, plan[0].Flags);
        Assert.Equal(CgroupWriteFlags.None, plan[1].Flags);
    }

    [Fact]
    public void SwapAloneIsWrittenAlone() =>
        PlanAssert.Equal(MemoryV1.Plan(R(new LinuxMemory { Swap = -1 })), "memory:memory.memsw.limit_in_bytes=-1");

    [Fact]
    public void SwappinessAbove100IsRefused() =>
        PlanAssert.Refused(() => MemoryV1.Plan(R(new LinuxMemory { Swappiness = 101 })),
            "linux.resources.memory.swappiness: invalid memory swappiness value: 101 (valid range is 0-100)");

    [Fact]
    public void KernelMemoryIsRefused()
    {
        PlanAssert.Refused(() => MemoryV1.Plan(R(new LinuxMemory { Kernel = 1 << 20 })),
            "linux.resources.memory.kernel: kernel memory limits are obsolete and not supported");
        PlanAssert.Refused(() => MemoryV1.Plan(R(new LinuxMemory { KernelTcp = 1 << 20 })),
            "linux.resources.memory.kernelTCP: kernel memory limits are obsolete and not supported");
    }
}

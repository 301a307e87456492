using OciRuntime.Cgroups;
using OciRuntime.Cgroups.V2;
using OciRuntime.Oci;

namespace OciRuntime.Tests.Cgroups.V2;

public sealed class MemoryV2Tests
{
    private static LinuxResources R(LinuxMemory m) => new() { Memory = m };

    [Fact]
    public void NothingSetWritesNothing() => Assert.Empty(MemoryV2.Plan(R(new LinuxMemory { Limit = 0, Swap = 0, Reservation = 0 })));

    [Fact]
    public void SwapMaxIsSwapMinusLimitWrittenFirst() =>
        PlanAssert.Equal(MemoryV2.Plan(R(new LinuxMemory { Limit = 200, Swap = 500, Reservation = 100 })),
            ":memory.swap.max=300", ":memory.max=200", ":memory.low=100");

    [Theory]
    [InlineData(0L, 0L, null)]
    [InlineData(-1L, 0L, "max")]
    [InlineData(-1L, -1L, "max")]
    [InlineData(-1L, 1000L, "max")]
    [InlineData(1000L, 1000L, "0")]
    [InlineData(500L, 200L, "300")]
    [InlineData(0L, -1L, "max")]
    public void SwapConversion(long swap, long limit, string? expected) => Assert.Equal(expected, MemoryV2.SwapMax(swap, limit));

    [Theory]
    [InlineData(300L, 400L, "linux.resources.memory.swap: memory+swap limit should be >= memory limit")]
    [InlineData(300L, 0L, "linux.resources.memory.swap: unable to set swap limit without memory limit")]
    [InlineData(300L, -1L, "linux.resources.memory.swap: unable to set swap limit without memory limit")]
    [InlineData(-2L, 0L, "linux.resources.memory.swap: invalid memory+swap value: -2")]
    [InlineData(300L, -5L, "linux.resources.memory.limit: invalid memory value: -5")]
    public void BadSwapIsRefused(long swap, long limit, string message) =>
        PlanAssert.Refused(() => MemoryV2.SwapMax(swap, limit), message);

    [Fact]
    public void UnlimitedEverything()
    {
        var plan = MemoryV2.Plan(R(new LinuxMemory { Limit = -1, Reservation = -1 }));
        PlanAssert.Equal(plan, ":memory.swap.max=max", ":memory.max=max", ":memory.low=max");
        // No swap accounting, no memory.swap.max: "max" and "0" are skipped there, as runc does.
        Assert.Equal(CgroupWriteFlags.IgnoreMissing, plan[0].Flags);
    }

    [Fact]
    public void RealSwapLimitIsNotToleratedWhenMissing() =>
        Assert.Equal(CgroupWriteFlags.None, MemoryV2.Plan(R(new LinuxMemory { Limit = 200, Swap = 500 }))[0].Flags);

    [Theory]
    [InlineData("kernel")]
    [InlineData("kernelTCP")]
    [InlineData("swappiness")]
    [InlineData("disableOOMKiller")]
    [InlineData("useHierarchy")]
    public void UnsupportedFieldsAreRefusedByName(string field)
    {
        var m = field switch
        {
            "kernel" => new LinuxMemory { Kernel = 1 },
            "kernelTCP" => new LinuxMemory { KernelTcp = 1 },
            "swappiness" => new LinuxMemory { Swappiness = 10 },
            "disableOOMKiller" => new LinuxMemory { DisableOomKiller = true },
            _ => new LinuxMemory { UseHierarchy = false },
        };
        PlanAssert.Refused(() => MemoryV2.Plan(R(m)), $"linux.resources.memory.{field}: ");
    }

    [Fact]
    public void HarmlessDefaultsAreAccepted() =>
        Assert.Empty(MemoryV2.Plan(R(new LinuxMemory { DisableOomKiller = false, UseHierarchy = true, CheckBeforeUpdate = true })));
}

using OciRuntime.Oci;
using static OciRuntime.Cgroups.CgroupFormat;

namespace OciRuntime.Cgroups.V2;

/// <summary>The v2 memory controller (runc libcontainer/cgroups/fs2/memory.go; kernel cgroup-v2.rst "Memory").</summary>
internal static class MemoryV2
{
    /// <summary>In runc's order: memory.swap.max, memory.max, memory.low. The spec's swap is memory+swap (v1's memsw);
    /// v2 limits swap alone, so swap.max = swap - limit (<see cref="SwapMax"/>). v2 has no swappiness and no switch for
    /// the OOM killer: runc ignores both silently, ocirt refuses them.</summary>
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources r)
    {
        var writes = new List<CgroupWrite>();
        var m = r.Memory;
        if (m is null)
            return writes;
        MemoryChecks.RefuseKernelMemory(m);
        if (m.Swappiness is not null)
            throw CgroupException.Field("memory.swappiness", "not supported on cgroup v2 (there is no memory.swappiness)");
        if (m.DisableOomKiller == true)
            throw CgroupException.Field("memory.disableOOMKiller", "not supported on cgroup v2 (there is no memory.oom_control)");
        if (m.UseHierarchy == false)
            throw CgroupException.Field("memory.useHierarchy", "cgroup v2 is always hierarchical");

        long limit = m.Limit ?? 0;
        long swap = m.Swap ?? 0;
        if (SwapMax(swap, limit) is { } swapMax)
            // A kernel without swap accounting has no memory.swap.max; runc then skips "no swap" and "unlimited".
            writes.Add(new("", "memory.swap.max", swapMax, swapMax is "max" or "0" ? CgroupWriteFlags.IgnoreMissing : CgroupWriteFlags.None));
        if (limit != 0)
            writes.Add(new("", "memory.max", MaxOr(limit)));
        if (m.Reservation is { } reservation and not 0)
            writes.Add(new("", "memory.low", MaxOr(reservation)));
        return writes;
    }

    /// <summary>memory.swap.max for a spec's swap (memory+swap) and limit, 0 meaning unset in both (runc's
    /// ConvertMemorySwapToCgroupV2Value): null when nothing is to be written; "max" for -1, and for an unlimited
    /// limit with swap unset (v1 compatibility: "unlimited memory" means memory and swap); otherwise swap - limit,
    /// "0" when they are equal (no swap).</summary>
    public static string? SwapMax(long swap, long limit)
    {
        if (limit == -1 && swap == 0)
            return "max";
        if (swap == 0)
            return null;
        if (swap == -1)
            return "max";
        if (swap < -1)
            throw CgroupException.Field("memory.swap", $"invalid memory+swap value: {swap}");
        if (limit is 0 or -1)
            throw CgroupException.Field("memory.swap", "unable to set swap limit without memory limit");
        if (limit < 0)
            throw CgroupException.Field("memory.limit", $"invalid memory value: {limit}");
        if (swap < limit)
            throw CgroupException.Field("memory.swap", "memory+swap limit should be >= memory limit");
        return Int(swap - limit);
    }
}

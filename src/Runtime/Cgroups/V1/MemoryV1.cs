using OciRuntime.Oci;
using static OciRuntime.Cgroups.CgroupFormat;

namespace OciRuntime.Cgroups.V1;

/// <summary>The v1 memory controller (runc libcontainer/cgroups/fs/memory.go; kernel cgroup-v1/memory.rst).</summary>
internal static class MemoryV1
{
    private const string Controller = "memory";
    private const string Limit = "memory.limit_in_bytes";
    private const string Swap = "memory.memsw.limit_in_bytes";

    /// <summary>Writes only the fields the spec sets (0 means unset, as in runc). Limit and memsw are ordered as runc
    /// orders them: the kernel refuses a limit above memsw and a memsw below the limit, so when both are set and
    /// memsw is unlimited or above <paramref name="currentLimit"/> (the value memory.limit_in_bytes holds now),
    /// memsw goes first; otherwise the limit does. A new cgroup is unlimited (the default), which puts the limit
    /// first.</summary>
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources r, ulong currentLimit = ulong.MaxValue)
    {
        var writes = new List<CgroupWrite>();
        var m = r.Memory;
        if (m is null)
            return writes;
        MemoryChecks.RefuseKernelMemory(m);

        long limit = m.Limit ?? 0;
        long swap = m.Swap ?? 0;
        var swapFlags = CgroupWriteFlags.None;
        // "Unlimited memory" with swap unset means both unlimited, where the kernel has swap accounting at all.
        if (limit == -1 && swap == 0)
        {
            swap = -1;
            swapFlags = CgroupWriteFlags.IgnoreMissing;
        }
        bool swapFirst = limit != 0 && swap != 0 && (swap == -1 || currentLimit < (ulong)swap);
        if (swapFirst && swap != 0)
            writes.Add(new(Controller, Swap, Int(swap), swapFlags));
        if (limit != 0)
            writes.Add(new(Controller, Limit, Int(limit)));
        if (!swapFirst && swap != 0)
            writes.Add(new(Controller, Swap, Int(swap), swapFlags));

        if (m.Reservation is { } reservation and not 0)
            writes.Add(new(Controller, "memory.soft_limit_in_bytes", Int(reservation)));
        // runc only ever turns the OOM killer off; false leaves the kernel's default (on).
        if (m.DisableOomKiller == true)
            writes.Add(new(Controller, "memory.oom_control", "1"));
        if (m.Swappiness is { } swappiness)
        {
            if (swappiness > 100)
                throw CgroupException.Field("memory.swappiness", $"invalid memory swappiness value: {swappiness} (valid range is 0-100)");
            writes.Add(new(Controller, "memory.swappiness", UInt(swappiness)));
        }
        // runc ignores useHierarchy; crun writes it. Written, so the kernel decides: since 5.11 it is always 1
        // and refuses 0 with EINVAL, which then names the file.
        if (m.UseHierarchy is { } hierarchy)
            writes.Add(new(Controller, "memory.use_hierarchy", hierarchy ? "1" : "0"));
        return writes;
    }
}

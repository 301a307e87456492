using OciRuntime.Oci;
using static OciRuntime.Cgroups.CgroupFormat;

namespace OciRuntime.Cgroups.V2;

/// <summary>The v2 cpu controller (runc libcontainer/cgroups/fs2/cpu.go; kernel cgroup-v2.rst "CPU").</summary>
internal static class CpuV2
{
    /// <summary>The kernel's default period (cgroup-v2.rst, cpu.max), used when only the quota is given.</summary>
    public const ulong DefaultPeriod = 100000;

    /// <summary>In runc's order: cpu.idle; cpu.weight (from shares, not when idle is on: the kernel refuses a weight
    /// for an idle group); cpu.max.burst; cpu.max "quota period" ("max period" for a quota of -1 or unset), written
    /// when either is set; the burst again after cpu.max when it may have been refused against the old quota.
    /// Realtime scheduling has no v2 interface: refused.</summary>
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources r)
    {
        var writes = new List<CgroupWrite>();
        var c = r.Cpu;
        if (c is null)
            return writes;
        if (c.RealtimeRuntime is not null and not 0 || c.RealtimePeriod is not null and not 0)
            throw CgroupException.Field(c.RealtimeRuntime is not null and not 0 ? "cpu.realtimeRuntime" : "cpu.realtimePeriod",
                "realtime scheduling is not supported on cgroup v2");
        if (c.Shares is { } shares and > CpuV1Limits.MaxShares)
            throw CgroupException.Field("cpu.shares", $"the maximum allowed cpu-shares is {CpuV1Limits.MaxShares}");

        if (c.Idle is { } idle)
            writes.Add(new("", "cpu.idle", Int(idle)));
        ulong weight = CpuWeight.FromShares(c.Shares ?? 0);
        if (weight != 0 && (c.Idle ?? 0) == 0)
            writes.Add(new("", "cpu.weight", UInt(weight)));

        long quota = c.Quota ?? 0;
        ulong period = c.Period ?? 0;
        bool max = quota != 0 || period != 0;
        if (c.Burst is { } burst)
            writes.Add(new("", "cpu.max.burst", UInt(burst), quota != 0 ? CgroupWriteFlags.RetriedLater : CgroupWriteFlags.None));
        if (max)
        {
            string q = quota > 0 ? Int(quota) : "max";
            writes.Add(new("", "cpu.max", $"{q} {UInt(period == 0 ? DefaultPeriod : period)}"));
            if (c.Burst is { } again && quota != 0)
                writes.Add(new("", "cpu.max.burst", UInt(again)));
        }
        return writes;
    }
}

using OciRuntime.Oci;
using static OciRuntime.Cgroups.CgroupFormat;

namespace OciRuntime.Cgroups.V1;

/// <summary>The v1 cpu controller (runc libcontainer/cgroups/fs/cpu.go; kernel scheduler/sched-bwc.rst,
/// sched-rt-group.rst).</summary>
internal static class CpuV1
{
    private const string Controller = "cpu";

    /// <summary>In runc's order: shares; period, burst, quota; idle; rt period, rt runtime. A period or burst the
    /// kernel refuses against the old quota (EINVAL) is written again after the quota, and an rt period again after
    /// the rt runtime (CgroupWriteFlags.RetriedLater).</summary>
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources r)
    {
        var writes = new List<CgroupWrite>();
        var c = r.Cpu;
        if (c is null)
            return writes;

        // runc writes, reads back what the kernel clamped to, and fails with these words; ocirt refuses first.
        if (c.Shares is { } shares and not 0)
        {
            if (shares < CpuV1Limits.MinShares)
                throw CgroupException.Field("cpu.shares", $"the minimum allowed cpu-shares is {CpuV1Limits.MinShares}");
            if (shares > CpuV1Limits.MaxShares)
                throw CgroupException.Field("cpu.shares", $"the maximum allowed cpu-shares is {CpuV1Limits.MaxShares}");
            writes.Add(new(Controller, "cpu.shares", UInt(shares)));
        }

        long quota = c.Quota ?? 0;
        var retry = quota != 0 ? CgroupWriteFlags.RetriedLater : CgroupWriteFlags.None;
        ulong period = c.Period ?? 0;
        if (period != 0)
            writes.Add(new(Controller, "cpu.cfs_period_us", UInt(period), retry));
        // cpu.cfs_burst_us arrived in 5.14; runc skips it where missing.
        if (c.Burst is { } burst)
            writes.Add(new(Controller, "cpu.cfs_burst_us", UInt(burst), retry | CgroupWriteFlags.IgnoreMissing));
        if (quota != 0)
        {
            writes.Add(new(Controller, "cpu.cfs_quota_us", Int(quota)));
            if (period != 0)
                writes.Add(new(Controller, "cpu.cfs_period_us", UInt(period)));
            if (c.Burst is { } again)
                writes.Add(new(Controller, "cpu.cfs_burst_us", UInt(again), CgroupWriteFlags.IgnoreMissing));
        }

        if (c.Idle is { } idle)
            writes.Add(new(Controller, "cpu.idle", Int(idle)));

        // The rt files exist only with CONFIG_RT_GROUP_SCHED; a missing file is then an error naming it, as in runc.
        long rtRuntime = c.RealtimeRuntime ?? 0;
        ulong rtPeriod = c.RealtimePeriod ?? 0;
        if (rtPeriod != 0)
            writes.Add(new(Controller, "cpu.rt_period_us", UInt(rtPeriod), rtRuntime != 0 ? CgroupWriteFlags.RetriedLater : CgroupWriteFlags.None));
        if (rtRuntime != 0)
        {
            writes.Add(new(Controller, "cpu.rt_runtime_us", Int(rtRuntime)));
            if (rtPeriod != 0)
                writes.Add(new(Controller, "cpu.rt_period_us", UInt(rtPeriod)));
        }
        return writes;
    }
}

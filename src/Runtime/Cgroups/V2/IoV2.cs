using OciRuntime.Oci;
using static OciRuntime.Cgroups.CgroupFormat;

namespace OciRuntime.Cgroups.V2;

/// <summary>The v2 io controller (runc libcontainer/cgroups/fs2/io.go; kernel cgroup-v2.rst "IO").</summary>
internal static class IoV2
{
    /// <summary>In runc's order: the weight (to io.bfq.weight unconverted where BFQ is there, else io.weight
    /// converted), per-device weights (only through BFQ, 5.4+), then io.max lines "MAJ:MIN rbps=N", wbps, riops,
    /// wiops for each non-zero rate. runc silently drops what v2 cannot do (leaf weights; per-device weights without
    /// BFQ); ocirt refuses them.</summary>
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources r, bool bfq = false, bool bfqDeviceWeight = false)
    {
        var writes = new List<CgroupWrite>();
        var b = r.BlockIO;
        if (b is null)
            return writes;
        if (b.LeafWeight is not null and not 0 || b.WeightDevice?.Any(d => d.LeafWeight is not null and not 0) == true)
            throw CgroupException.Field("blockIO.leafWeight", "not supported on cgroup v2");

        if (b.Weight is { } weight and not 0)
            writes.Add(bfq ? new("", "io.bfq.weight", UInt(weight)) : new("", "io.weight", UInt(IoWeight(weight))));
        foreach (var d in b.WeightDevice ?? [])
        {
            if (d.Weight is not { } w || w == 0)
                continue;
            if (!bfqDeviceWeight)
                throw CgroupException.Field("blockIO.weightDevice", "per-device weights need the BFQ I/O scheduler's io.bfq.weight (kernel 5.4+)");
            writes.Add(new("", "io.bfq.weight", $"{Int(d.Major)}:{Int(d.Minor)} {UInt(w)}"));
        }
        Max(writes, b.ThrottleReadBpsDevice, "rbps");
        Max(writes, b.ThrottleWriteBpsDevice, "wbps");
        Max(writes, b.ThrottleReadIopsDevice, "riops");
        Max(writes, b.ThrottleWriteIopsDevice, "wiops");
        return writes;
    }

    /// <summary>blkio weight [10, 1000] to io.weight [1, 10000] (runc's ConvertBlkIOToIOWeightValue):
    /// 1 + (weight - 10) * 9999 / 990. 10→1, 500→4950, 1000→10000.</summary>
    public static ulong IoWeight(ushort weight)
    {
        if (weight is < 10 or > 1000)
            throw CgroupException.Field("blockIO.weight", $"{weight} is out of range [10, 1000]");
        return 1 + ((ulong)weight - 10) * 9999 / 990;
    }

    // A rate of 0 is "unset" in runc's v2 path (on v1 it is written and clears the limit).
    private static void Max(List<CgroupWrite> writes, List<LinuxThrottleDevice>? devices, string key)
    {
        foreach (var d in devices ?? [])
            if (d.Rate != 0)
                writes.Add(new("", "io.max", $"{Int(d.Major)}:{Int(d.Minor)} {key}={UInt(d.Rate)}"));
    }
}

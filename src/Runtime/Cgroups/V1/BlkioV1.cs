using OciRuntime.Oci;
using static OciRuntime.Cgroups.CgroupFormat;

namespace OciRuntime.Cgroups.V1;

/// <summary>The v1 blkio controller (runc libcontainer/cgroups/fs/blkio.go; kernel cgroup-v1/blkio-controller.rst).
/// The weight files are CFQ's blkio.weight where that scheduler exists (before 5.0) and BFQ's blkio.bfq.weight
/// otherwise, as runc picks them.</summary>
internal static class BlkioV1
{
    private const string Controller = "blkio";

    /// <summary>In runc's order: weight, leaf weight, per-device weights (weight then leaf weight of each), then the
    /// four throttle lists. Throttle entries are written even with rate 0, which removes that device's limit.</summary>
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources r, bool cfq = false)
    {
        var writes = new List<CgroupWrite>();
        var b = r.BlockIO;
        if (b is null)
            return writes;
        string weightFile = cfq ? "blkio.weight" : "blkio.bfq.weight";
        string weightDeviceFile = cfq ? "blkio.weight_device" : "blkio.bfq.weight_device";

        if (b.Weight is { } weight and not 0)
            writes.Add(new(Controller, weightFile, UInt(weight)));
        if (b.LeafWeight is { } leaf and not 0)
            writes.Add(new(Controller, "blkio.leaf_weight", UInt(leaf)));
        foreach (var d in b.WeightDevice ?? [])
        {
            if (d.Weight is { } w and not 0)
                writes.Add(new(Controller, weightDeviceFile, $"{Int(d.Major)}:{Int(d.Minor)} {UInt(w)}"));
            if (d.LeafWeight is { } lw and not 0)
                writes.Add(new(Controller, "blkio.leaf_weight_device", $"{Int(d.Major)}:{Int(d.Minor)} {UInt(lw)}"));
        }
        Throttle(writes, b.ThrottleReadBpsDevice, "blkio.throttle.read_bps_device");
        Throttle(writes, b.ThrottleWriteBpsDevice, "blkio.throttle.write_bps_device");
        Throttle(writes, b.ThrottleReadIopsDevice, "blkio.throttle.read_iops_device");
        Throttle(writes, b.ThrottleWriteIopsDevice, "blkio.throttle.write_iops_device");
        return writes;
    }

    private static void Throttle(List<CgroupWrite> writes, List<LinuxThrottleDevice>? devices, string file)
    {
        foreach (var d in devices ?? [])
            writes.Add(new(Controller, file, $"{Int(d.Major)}:{Int(d.Minor)} {UInt(d.Rate)}"));
    }
}

using OciRuntime.Oci;

namespace OciRuntime.Cgroups;

/// <summary>rdma.max, the same on v1 and v2: one "device [hca_handle=N] [hca_object=N]" line per device. runc walks a
/// Go map (random order); ocirt sorts by device name so the plan is deterministic.</summary>
internal static class RdmaWrites
{
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources r, string controller)
    {
        var writes = new List<CgroupWrite>();
        foreach (var (device, limit) in (r.Rdma ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (device.Length == 0 || device.Any(ch => char.IsWhiteSpace(ch) || ch == '/'))
                throw CgroupException.Field("rdma", $"invalid device name \"{device}\"");
            string line = device;
            if (limit.HcaHandles is { } handles)
                line += " hca_handle=" + CgroupFormat.UInt(handles);
            if (limit.HcaObjects is { } objects)
                line += " hca_object=" + CgroupFormat.UInt(objects);
            // A device with neither limit would be a bare name, which the kernel refuses; nothing to write.
            if (line != device)
                writes.Add(new(controller, "rdma.max", line));
        }
        return writes;
    }
}

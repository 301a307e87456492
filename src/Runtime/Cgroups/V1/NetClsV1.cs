using OciRuntime.Oci;

namespace OciRuntime.Cgroups.V1;

/// <summary>The v1 net_cls controller (runc libcontainer/cgroups/fs/net_cls.go; kernel cgroup-v1/net_cls.rst):
/// net_cls.classid in decimal; 0 is "unset" in runc and not written.</summary>
internal static class NetClsV1
{
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources r) =>
        r.Network?.ClassId is { } id and not 0 ? [new("net_cls", "net_cls.classid", CgroupFormat.UInt(id))] : [];
}

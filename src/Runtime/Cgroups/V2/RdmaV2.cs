using OciRuntime.Oci;

namespace OciRuntime.Cgroups.V2;

/// <summary>The v2 rdma controller (runc libcontainer/cgroups/fscommon/rdma.go; kernel cgroup-v2.rst "RDMA").</summary>
internal static class RdmaV2
{
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources r) => RdmaWrites.Plan(r, "");
}

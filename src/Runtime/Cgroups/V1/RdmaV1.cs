using OciRuntime.Oci;

namespace OciRuntime.Cgroups.V1;

/// <summary>The v1 rdma controller (runc libcontainer/cgroups/fscommon/rdma.go; kernel cgroup-v1/rdma.rst).</summary>
internal static class RdmaV1
{
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources r) => RdmaWrites.Plan(r, "rdma");
}

using OciRuntime.Oci;

namespace OciRuntime.Cgroups.V2;

/// <summary>The v2 cpuset controller (runc libcontainer/cgroups/fs2/cpuset.go): cpuset.cpus, cpuset.mems.</summary>
internal static class CpusetV2
{
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources r) => CpusetWrites.Plan(r, "");
}

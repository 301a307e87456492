using OciRuntime.Oci;

namespace OciRuntime.Cgroups.V1;

/// <summary>The v1 cpuset controller (runc libcontainer/cgroups/fs/cpuset.go). The directory already holds the
/// parent's cpus and mems (ContainerCgroup copies them down so tasks can join); these narrow them.</summary>
internal static class CpusetV1
{
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources r) => CpusetWrites.Plan(r, "cpuset");
}

using OciRuntime.Oci;

namespace OciRuntime.Cgroups.V1;

/// <summary>The v1 pids controller (runc libcontainer/cgroups/fs/pids.go). pids.max has the same spelling on v1
/// and v2.</summary>
internal static class PidsV1
{
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources r) => PidsWrites.Plan(r, "pids");
}

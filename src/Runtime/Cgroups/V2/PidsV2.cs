using OciRuntime.Oci;

namespace OciRuntime.Cgroups.V2;

/// <summary>The v2 pids controller (runc libcontainer/cgroups/fs2/pids.go): pids.max.</summary>
internal static class PidsV2
{
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources r) => PidsWrites.Plan(r, "");
}

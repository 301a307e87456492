using OciRuntime.Oci;

namespace OciRuntime.Cgroups;

/// <summary>pids.max, the same on v1 and v2 (runc fs/pids.go, fs2/pids.go): a positive limit is written as is, and
/// 0 or a negative one as "max". runc before runtime-spec 1.3 treated 0 as "unset"; with the limit optional
/// (null = unset) a 0 that is present means "no limit", as runc HEAD does.</summary>
internal static class PidsWrites
{
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources r, string controller)
    {
        if (r.Pids?.Limit is not { } limit)
            return [];
        return [new(controller, "pids.max", limit > 0 ? CgroupFormat.Int(limit) : "max")];
    }
}

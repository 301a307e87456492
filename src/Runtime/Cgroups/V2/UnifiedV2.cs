using OciRuntime.Oci;

namespace OciRuntime.Cgroups.V2;

/// <summary>linux.resources.unified: raw v2 files (runc libcontainer/cgroups/fs2/fs2.go setUnified).</summary>
internal static class UnifiedV2
{
    /// <summary>Files that are not resource settings: writing them moves, freezes or kills processes, which the
    /// runtime does itself at defined points. runc lets them through; ocirt refuses them.</summary>
    private static readonly string[] Forbidden = ["cgroup.procs", "cgroup.threads", "cgroup.kill", "cgroup.freeze"];

    /// <summary>Keys must be "controller.file" names in the container's directory (no '/'). Written last, so a key
    /// that names a file an explicit field also writes (memory.max next to memory.limit) wins, as in runc. A value of
    /// several lines is written one line at a time (runc's WriteFileByLine: io.max takes one device per write).
    /// Keys are in ordinal order (runc walks a Go map).</summary>
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources r)
    {
        var writes = new List<CgroupWrite>();
        foreach (var (key, value) in (r.Unified ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            Check(key);
            foreach (string line in value.Split('\n'))
                if (line.Length > 0)
                    writes.Add(new("", key, line));
            // An empty value is one empty write; the kernel decides what it means for that file.
            if (value.Length == 0)
                writes.Add(new("", key, ""));
        }
        return writes;
    }

    private static void Check(string key)
    {
        if (key.Contains('/'))
            throw CgroupException.Field("unified", $"unified resource \"{key}\" must be a file name (no slashes)");
        int dot = key.IndexOf('.');
        if (dot <= 0 || dot == key.Length - 1 || key.Any(char.IsWhiteSpace) || key.Contains('\0'))
            throw CgroupException.Field("unified", $"unified resource \"{key}\" must be in the form CONTROLLER.PARAMETER");
        if (Forbidden.Contains(key))
            throw CgroupException.Field("unified", $"unified resource \"{key}\" is not a resource setting");
    }
}

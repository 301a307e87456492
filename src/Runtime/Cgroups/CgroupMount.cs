namespace OciRuntime.Cgroups;

/// <summary>One mounted cgroup hierarchy: a v1 hierarchy with its controllers (or a named one such as
/// name=systemd), or the v2 unified hierarchy.</summary>
internal sealed record CgroupMount(string MountPoint, string Root, bool IsV2, IReadOnlyList<string> Controllers)
{
    /// <summary>The hierarchies of this host, read from mountinfo (not by listing /sys/fs/cgroup: engines leave
    /// plain directories there that are not hierarchies).</summary>
    public static IReadOnlyList<CgroupMount> Read(string mountinfo = "/proc/self/mountinfo") => Parse(File.ReadAllLines(mountinfo));

    /// <summary>mountinfo(5): "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS".</summary>
    public static IReadOnlyList<CgroupMount> Parse(IEnumerable<string> lines)
    {
        var mounts = new List<CgroupMount>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in lines)
        {
            string[] fields = line.Split(' ');
            int dash = Array.IndexOf(fields, "-");
            if (dash < 6 || dash + 3 >= fields.Length)
                continue;
            string fsType = fields[dash + 1];
            if (fsType is not ("cgroup" or "cgroup2"))
                continue;
            bool v2 = fsType == "cgroup2";
            var controllers = v2
                ? (IReadOnlyList<string>)[]
                : fields[dash + 3].Split(',').Where(IsController).ToArray();
            string key = v2 ? "cgroup2" : string.Join(',', controllers);
            // A hierarchy mounted twice is one hierarchy: keep the first mount point.
            if (seen.Add(key))
                mounts.Add(new CgroupMount(Unescape(fields[4]), Unescape(fields[3]), v2, controllers));
        }
        return mounts;
    }

    // A v1 mount's super options mix its controllers with generic options (cgroups(7)); a named hierarchy is
    // "name=X". Everything else with a '=' (release_agent=...) is an option.
    private static bool IsController(string option) =>
        option.StartsWith("name=", StringComparison.Ordinal) ||
        !option.Contains('=') && option is not ("rw" or "ro" or "xattr" or "noprefix" or "clone_children" or "cpuset_v2_mode" or "favordynmods" or "none");

    // mountinfo escapes space, tab, newline and backslash as octal.
    private static string Unescape(string field) => field.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
}

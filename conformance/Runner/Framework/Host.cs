namespace OciConformance.Framework;

/// <summary>Facts about the host the cases run on, read once.</summary>
public static class Host
{
    private const long Cgroup2Magic = 0x63677270;

    /// <summary>/sys/fs/cgroup is a cgroup2 mount (a pure v2 host).</summary>
    public static bool IsCgroupV2 { get; } = FsType("/sys/fs/cgroup") == "cgroup2";

    /// <summary>The v1 hierarchies mounted under /sys/fs/cgroup (controller dir names: "memory", "cpu,cpuacct"...).</summary>
    public static IReadOnlyList<string> V1Hierarchies { get; } = ReadV1Hierarchies();

    /// <summary>The kernel has time namespaces.</summary>
    public static bool HasTimeNamespace { get; } = File.Exists("/proc/self/ns/time");

    /// <summary>The host directory of <paramref name="cgroupsPath"/> for a v1 controller, or the unified dir on v2.</summary>
    public static string CgroupDir(string controller, string cgroupsPath)
    {
        if (IsCgroupV2) return Path.Combine("/sys/fs/cgroup", cgroupsPath.TrimStart('/'));
        var hierarchy = V1Hierarchies.FirstOrDefault(h => h.Split(',').Contains(controller))
                        ?? throw new CaseSkippedException($"cgroup v1 controller {controller} is not mounted on this host");
        return Path.Combine("/sys/fs/cgroup", hierarchy, cgroupsPath.TrimStart('/'));
    }

    /// <summary>Every host directory <paramref name="cgroupsPath"/> can have: one per v1 hierarchy and the unified
    /// mount of a hybrid host, or the one v2 directory.</summary>
    public static IReadOnlyList<string> CgroupDirs(string cgroupsPath)
    {
        var relative = cgroupsPath.TrimStart('/');
        if (IsCgroupV2) return [Path.Combine("/sys/fs/cgroup", relative)];
        var roots = V1Hierarchies.Select(h => Path.Combine("/sys/fs/cgroup", h)).ToList();
        if (Directory.Exists("/sys/fs/cgroup/unified")) roots.Add("/sys/fs/cgroup/unified");
        return [.. roots.Select(r => Path.Combine(r, relative))];
    }

    /// <summary>The namespace link of a process ("net:[4026531840]").</summary>
    public static string NamespaceOf(int pid, string type) => new FileInfo($"/proc/{pid}/ns/{type}").LinkTarget ?? "";

    public static bool ProcessExists(int pid) => Directory.Exists($"/proc/{pid}");

    /// <summary>The process has exited but is not reaped yet (state Z in /proc/PID/stat), or is gone altogether.</summary>
    public static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static string FsType(string path)
    {
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var parts = line.Split(' ');
            var dash = Array.IndexOf(parts, "-");
            if (parts.Length > 4 && parts[4] == path && dash > 0) return parts[dash + 1];
        }
        return "";
    }

    private static IReadOnlyList<string> ReadV1Hierarchies()
    {
        var list = new List<string>();
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var parts = line.Split(' ');
            var dash = Array.IndexOf(parts, "-");
            if (dash > 0 && parts[dash + 1] == "cgroup" && parts[4].StartsWith("/sys/fs/cgroup/", StringComparison.Ordinal))
                list.Add(parts[4]["/sys/fs/cgroup/".Length..]);
        }
        return list;
    }
}

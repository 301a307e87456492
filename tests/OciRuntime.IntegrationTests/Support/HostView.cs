namespace OciRuntime.IntegrationTests.Support;

/// <summary>
/// What the host sees, read straight from /proc and /sys: the "nothing left behind" checks (mounts, processes,
/// cgroups, zombies) and the host side of namespace comparisons.
/// </summary>
public static class HostView
{
    /// <summary>The namespace file name under /proc/PID/ns for a runtime-spec namespace type.</summary>
    public static string NsFile(string specType) => specType switch
    {
        "network" => "net",
        "mount" => "mnt",
        _ => specType,
    };

    /// <summary><c>readlink /proc/PID/ns/FILE</c>, e.g. "net:[4026531833]"; null if the process is gone.</summary>
    public static string? Namespace(string nsFile, int? pid = null)
    {
        try
        {
            return new FileInfo($"/proc/{pid?.ToString() ?? "self"}/ns/{nsFile}").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>One line of /proc/PID/mountinfo: the fields tests look at.</summary>
    public sealed record MountInfo(string Root, string MountPoint, string Options, string OptionalFields, string FsType, string SuperOptions)
    {
        public static MountInfo? Parse(string line)
        {
            var parts = line.Split(' ');
            var dash = Array.IndexOf(parts, "-");
            if (parts.Length < 10 || dash < 6)
                return null;
            return new MountInfo(Unescape(parts[3]), Unescape(parts[4]), parts[5], string.Join(' ', parts[6..dash]),
                parts[dash + 1], parts.Length > dash + 3 ? parts[dash + 3] : "");
        }

        public bool HasOption(string option) => Options.Split(',').Contains(option);

        public bool HasSuperOption(string option) => SuperOptions.Split(',').Contains(option);
    }

    public static IReadOnlyList<MountInfo> Mounts(string pid = "self") => ParseMountInfo(ReadOrEmpty($"/proc/{pid}/mountinfo"));

    public static IReadOnlyList<MountInfo> ParseMountInfo(string text) =>
        text.Split('\n').Select(MountInfo.Parse).OfType<MountInfo>().ToList();

    /// <summary>Host mount points at or below <paramref name="dir"/>: a runtime must never leave one behind.</summary>
    public static IReadOnlyList<string> MountPointsUnder(string dir)
    {
        var prefix = dir.TrimEnd('/');
        return Mounts().Select(m => m.MountPoint)
            .Where(p => p == prefix || p.StartsWith(prefix + "/", StringComparison.Ordinal)).ToList();
    }

    /// <summary>
    /// Host pids whose mount table uses <paramref name="rootfs"/> (a test's private rootfs copy) as the root of a
    /// mount: a container init before or after pivot_root, or anything else still holding the container's mounts.
    /// /proc/PID/root is no help here: it reads "/" for a process that pivoted into another mount namespace.
    /// </summary>
    public static IReadOnlyList<int> ProcessesUsingRootfs(string rootfs)
    {
        var fsRelative = FsRelativePath(rootfs);
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
                continue;
            if (State(pid) is null or 'Z')
                continue;
            if (ParseMountInfo(ReadOrEmpty($"{dir}/mountinfo")).Any(m => m.Root == fsRelative))
                found.Add(pid);
        }
        return found;
    }

    /// <summary>The process state letter from /proc/PID/stat (R, S, Z, ...), or null if there is no such process.</summary>
    public static char? State(int pid)
    {
        var stat = ReadOrEmpty($"/proc/{pid}/stat");
        var close = stat.LastIndexOf(')');
        return close > 0 && close + 2 < stat.Length ? stat[close + 2] : null;
    }

    /// <summary>Alive means it exists and is not a zombie.</summary>
    public static bool IsAlive(int pid) => State(pid) is { } s && s != 'Z';

    public static int ParentOf(int pid)
    {
        var stat = ReadOrEmpty($"/proc/{pid}/stat");
        var close = stat.LastIndexOf(')');
        return close > 0 ? int.Parse(stat[(close + 2)..].Split(' ')[1]) : 0;
    }

    /// <summary>Zombie children of <paramref name="parent"/> (this test host by default): nobody reaped them.</summary>
    public static IReadOnlyList<int> ZombieChildren(int? parent = null)
    {
        var ppid = parent ?? Environment.ProcessId;
        return Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && State(pid) == 'Z' && ParentOf(pid) == ppid).ToList();
    }

    /// <summary>Cgroup directories named <paramref name="name"/> in any hierarchy (v1 or v2), at most 4 levels down.</summary>
    public static IReadOnlyList<string> CgroupDirsNamed(string name) => CgroupDirsMatching(n => n == name);

    /// <summary>Cgroup directories whose name matches, in any hierarchy, at most 4 levels down (one walk).</summary>
    public static IReadOnlyList<string> CgroupDirsMatching(Func<string, bool> nameMatches)
    {
        var found = new List<string>();
        void Walk(string dir, int depth)
        {
            IEnumerable<string> children;
            try
            {
                children = Directory.EnumerateDirectories(dir).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return;
            }
            foreach (var child in children)
            {
                if (nameMatches(Path.GetFileName(child)))
                    found.Add(child);
                else if (depth < 4)
                    Walk(child, depth + 1);
            }
        }
        Walk("/sys/fs/cgroup", 0);
        return found;
    }

    /// <summary>Fds open in a process: a runtime that exited cleanly leaks none into the caller.</summary>
    public static IReadOnlyList<string> OpenFds(int pid) =>
        Directory.Exists($"/proc/{pid}/fd") ? Directory.GetFileSystemEntries($"/proc/{pid}/fd").Select(Path.GetFileName).OfType<string>().ToList() : [];

    /// <summary>
    /// A host path as mountinfo's root field shows it: relative to the root of the filesystem that holds it.
    /// </summary>
    public static string FsRelativePath(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd('/');
        var holder = Mounts()
            .Where(m => m.MountPoint == "/" || full == m.MountPoint || full.StartsWith(m.MountPoint + "/", StringComparison.Ordinal))
            .MaxBy(m => m.MountPoint.Length)!;
        var rest = holder.MountPoint == "/" ? full : full[holder.MountPoint.Length..];
        return (holder.Root.TrimEnd('/') + rest) is { Length: > 0 } p ? p : "/";
    }

    public static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    // mountinfo escapes space, tab, newline and backslash as \ooo.
    private static string Unescape(string field) =>
        field.Contains('\\')
            ? System.Text.RegularExpressions.Regex.Replace(field, @"\\([0-7]{3})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString())
            : field;
}

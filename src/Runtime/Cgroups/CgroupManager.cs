using OciRuntime.Cgroups.V1;
using OciRuntime.Cgroups.V2;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Oci;

namespace OciRuntime.Cgroups;

/// <summary>Picks the container's cgroup manager for this host, and what all layouts share: where the container's
/// cgroup is, making its directories, and removing exactly the ones create made (never one it found).</summary>
internal static class CgroupManager
{
    /// <summary>The manager for a container's cgroup path: v2 on a host with only the unified hierarchy, v1 on v1 and
    /// hybrid hosts (engines and runc use the v1 controllers there).</summary>
    public static ICgroupManager For(string? cgroupPath, IReadOnlyList<CgroupMount>? mounts = null)
    {
        if (cgroupPath is null)
            throw new CgroupException("the container has no cgroup");
        mounts ??= CgroupMount.Read();
        return mounts.Count > 0 && mounts.All(m => m.IsV2)
            ? new V2Manager(DirectoryIn(mounts[0], cgroupPath))
            : new V1Manager(mounts.ToDictionary(m => m, m => DirectoryIn(m, cgroupPath)));
    }

    /// <summary>The cgroup path inside each hierarchy: cgroupsPath as given when absolute; under the runtime's own
    /// cgroup when relative (as runc does); "/&lt;id&gt;" when absent.</summary>
    public static string PathFor(Spec spec, string id, bool systemdCgroup)
    {
        string? path = spec.Linux?.CgroupsPath;
        if (systemdCgroup || path?.Contains(':') == true)
            throw new InvalidOperationException("systemd not running on this host");
        return string.IsNullOrEmpty(path) ? "/" + id : path;
    }

    /// <summary>Removes the directories it was given, deepest first, retrying while the kernel still counts exiting
    /// tasks (EBUSY). A parent that still has other children stays.</summary>
    public static void Remove(IReadOnlyList<string> created)
    {
        foreach (string dir in created.OrderByDescending(d => d.Length))
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    Directory.Delete(dir);
                    break;
                }
                catch (DirectoryNotFoundException)
                {
                    break;
                }
                catch (IOException) when (attempt < 50)
                {
                    Thread.Sleep(10);
                }
                catch (IOException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>The container's directory in one hierarchy.</summary>
    internal static string DirectoryIn(CgroupMount mount, string cgroupPath)
    {
        string path = cgroupPath.StartsWith('/') ? cgroupPath : Path.Combine(OwnCgroup(mount), cgroupPath);
        // The mount shows the hierarchy from its root (not "/" inside a cgroup namespace): paths are relative to it.
        if (mount.Root != "/" && path.StartsWith(mount.Root, StringComparison.Ordinal))
            path = path[mount.Root.Length..];
        string full = Path.GetFullPath(Path.Combine(mount.MountPoint, path.TrimStart('/')));
        if (!full.StartsWith(mount.MountPoint, StringComparison.Ordinal))
            throw new InvalidOperationException($"linux.cgroupsPath {cgroupPath}: leaves the cgroup hierarchy");
        return full;
    }

    /// <summary>A sub-cgroup of the container's (exec --cgroup): it must exist and stay below the container's.</summary>
    internal static string Below(string directory, string? sub)
    {
        if (string.IsNullOrEmpty(sub))
            return directory;
        string full = Path.GetFullPath(Path.Combine(directory, sub.TrimStart('/')));
        if (!full.StartsWith(directory + "/", StringComparison.Ordinal) && full != directory)
            throw new CgroupException($"--cgroup {sub}: not below the container's cgroup");
        if (!Directory.Exists(full))
            throw new CgroupException($"--cgroup {sub}: {full} does not exist");
        return full;
    }

    /// <summary>mkdir -p below the mount point, recording each directory it made (top-down) in <paramref name="created"/>.</summary>
    internal static void CreateDirectories(string dir, List<string> created)
    {
        var missing = new Stack<string>();
        for (string? d = dir; d is not null && !Directory.Exists(d); d = Path.GetDirectoryName(d))
            missing.Push(d);
        foreach (string d in missing)
        {
            if (Libc.MkdirIfAbsent(d, 0b111_101_101))
                created.Add(d);
        }
    }

    /// <summary>The pids listed in a cgroup.procs file, sorted (none when it does not exist).</summary>
    internal static IReadOnlyList<int> ReadPids(string procs)
    {
        if (!File.Exists(procs))
            return [];
        var pids = new List<int>();
        foreach (string line in File.ReadAllLines(procs))
            if (int.TryParse(line, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid))
                pids.Add(pid);
        pids.Sort();
        return pids;
    }

    private static string OwnCgroup(CgroupMount mount)
    {
        foreach (string line in File.ReadLines("/proc/self/cgroup"))
        {
            string[] parts = line.Split(':', 3);
            if (parts.Length != 3)
                continue;
            bool match = mount.IsV2 ? parts[0] == "0" && parts[1].Length == 0 : parts[1].Split(',').Intersect(mount.Controllers).Any();
            if (match)
                return parts[2];
        }
        return "/";
    }
}

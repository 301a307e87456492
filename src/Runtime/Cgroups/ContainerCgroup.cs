using System.Globalization;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Cgroups.V2;
using OciRuntime.Oci;

namespace OciRuntime.Cgroups;

/// <summary>Places a container's init in its cgroup in every hierarchy before any of its code runs, applies the
/// device rules (v1), and removes at delete exactly the directories it created, never one it found.
/// Resource controllers other than devices are the cgroup work's (refused at create until then).</summary>
internal static class ContainerCgroup
{
    /// <summary>The cgroup path inside each hierarchy: cgroupsPath as given when absolute; under the runtime's own
    /// cgroup when relative (as runc does); "/&lt;id&gt;" when absent.</summary>
    public static string PathFor(Spec spec, string id, bool systemdCgroup)
    {
        string? path = spec.Linux?.CgroupsPath;
        if (systemdCgroup || path?.Contains(':') == true)
            throw new InvalidOperationException("systemd not running on this host");
        return string.IsNullOrEmpty(path) ? "/" + id : path;
    }

    /// <summary>Creates the container's directories, applies its resource limits and device rules, then moves
    /// <paramref name="pid"/> in: the limits are in force before the process runs any of its own code. Returns every
    /// directory it created, deepest last, for <see cref="Remove"/>.</summary>
    public static IReadOnlyList<string> Join(Spec spec, string cgroupPath, int pid, IReadOnlyList<CgroupMount> mounts)
    {
        var created = new List<string>();
        try
        {
            // A pure v2 host has one hierarchy; a hybrid one is v1 for every controller it has there, and its v2
            // mount only needs the process placed.
            bool pureV2 = mounts.Count > 0 && mounts.All(m => m.IsV2);
            var dirs = new Dictionary<CgroupMount, string>();
            foreach (var mount in mounts)
            {
                string dir = DirectoryIn(mount, cgroupPath);
                dirs[mount] = dir;
                int before = created.Count;
                CreateDirectories(mount.MountPoint, dir, created);
                // Top-down, so each new level copies from a parent that already has values.
                if (mount.Controllers.Contains("cpuset"))
                    foreach (string level in created.Skip(before).Append(dir))
                        InheritCpuset(level);
            }

            if (spec.Linux?.Resources is { } resources)
            {
                var plan = pureV2 ? ResourcePlan.ForV2(resources, CgroupProbe.New) : ResourcePlan.ForV1(resources, CgroupProbe.New);
                CgroupApply.Apply(plan, controller => pureV2
                    ? dirs.Values.First()
                    : dirs.FirstOrDefault(d => !d.Key.IsV2 && d.Key.Controllers.Contains(controller)).Value);
            }
            foreach (var (mount, dir) in dirs)
            {
                if (!mount.IsV2 && mount.Controllers.Contains("devices"))
                    foreach (var (file, line) in DeviceRules.Plan(spec))
                        File.WriteAllText(Path.Combine(dir, file), line);
                else if (pureV2)
                    DeviceFilterLoader.Apply(dir, DeviceRules.Rules(spec));
            }

            foreach (string dir in dirs.Values)
                File.WriteAllText(Path.Combine(dir, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));
            return created;
        }
        catch
        {
            Remove(created);
            throw;
        }
    }

    /// <summary>Applies changed resources to a running container's cgroup (`update`), planned against the cgroup as it
    /// is now (the v1 memory/swap order depends on the current limit).</summary>
    /// <param name="spec">The container's spec with the update merged in: device rules are rebuilt from all of it.</param>
    public static void Update(string? cgroupPath, LinuxResources resources, Spec spec, IReadOnlyList<CgroupMount> mounts)
    {
        if (cgroupPath is null)
            throw new CgroupException("the container has no cgroup to update");
        bool pureV2 = mounts.Count > 0 && mounts.All(m => m.IsV2);
        if (pureV2)
        {
            string dir = DirectoryIn(mounts[0], cgroupPath);
            CgroupApply.Apply(ResourcePlan.ForV2(resources, CgroupProbe.ReadV2(dir)), _ => dir);
            if (resources.Devices is not null)
                DeviceFilterLoader.Apply(dir, DeviceRules.Rules(spec));
            return;
        }
        string? DirOf(string controller) =>
            mounts.Where(m => !m.IsV2 && m.Controllers.Contains(controller)).Select(m => DirectoryIn(m, cgroupPath)).FirstOrDefault();
        CgroupApply.Apply(ResourcePlan.ForV1(resources, CgroupProbe.ReadV1(DirOf)), DirOf);
        if (resources.Devices is not null && DirOf("devices") is { } devices)
            foreach (var (file, line) in DeviceRules.Plan(spec))
                File.WriteAllText(Path.Combine(devices, file), line);
    }

    /// <summary>Moves <paramref name="pid"/> into an existing container's cgroup in every hierarchy (exec).</summary>
    public static void JoinExisting(string? cgroupPath, int pid, IReadOnlyList<CgroupMount> mounts)
    {
        if (cgroupPath is null)
            return;
        foreach (var mount in mounts)
        {
            string procs = Path.Combine(DirectoryIn(mount, cgroupPath), "cgroup.procs");
            if (File.Exists(procs))
                File.WriteAllText(procs, pid.ToString(CultureInfo.InvariantCulture));
        }
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

    private static void CreateDirectories(string mountPoint, string dir, List<string> created)
    {
        var missing = new Stack<string>();
        for (string? d = dir; d is not null && d.Length > mountPoint.Length && !Directory.Exists(d); d = Path.GetDirectoryName(d))
            missing.Push(d);
        foreach (string d in missing)
        {
            if (Libc.MkdirIfAbsent(d, 0b111_101_101))
                created.Add(d);
        }
    }

    // A new v1 cpuset cgroup starts with empty cpus and mems, and the kernel refuses tasks until they are set.
    private static void InheritCpuset(string dir)
    {
        foreach (string file in new[] { "cpuset.cpus", "cpuset.mems" })
        {
            string path = Path.Combine(dir, file);
            if (File.Exists(path) && File.ReadAllText(path).Trim().Length == 0)
            {
                string parent = Path.Combine(Path.GetDirectoryName(dir)!, file);
                File.WriteAllText(path, File.ReadAllText(parent).Trim());
            }
        }
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

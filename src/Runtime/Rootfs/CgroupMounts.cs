using OciRuntime.Linux.Syscalls;
using static OciRuntime.Linux.Syscalls.MountFlags;

namespace OciRuntime.Rootfs;

/// <summary>What a "cgroup" mount becomes on this host: mounts to make and, on cgroup v1, symlinks for co-mounted
/// controllers ("cpu" -> "cpu,cpuacct").</summary>
internal sealed record CgroupLayout(IReadOnlyList<PlannedMount> Mounts, IReadOnlyList<(string Link, string Target)> Symlinks);

/// <summary>
/// A mount of type "cgroup" names no filesystem: the runtime gives the container a view of its own cgroups
/// (runc rootfs_linux.go mountCgroupV1, mountCgroupV2; crun does the same).
/// cgroup v2: a cgroup2 mount, or a bind of /sys/fs/cgroup where the kernel refuses one (a user namespace without a
/// cgroup namespace). cgroup v1 (and hybrid): a tmpfs, and in it one entry per v1 hierarchy: a bind of the
/// container's own cgroup directory, or with a cgroup namespace a fresh mount of the hierarchy.
/// The layout is computed from the text of /proc/self/mountinfo and /proc/self/cgroup, so it is testable.
/// </summary>
internal static class CgroupMounts
{
    public const string Root = "/sys/fs/cgroup";

    /// <summary>Whether the host runs the unified hierarchy alone (cgroup2 mounted at /sys/fs/cgroup).</summary>
    public static bool IsUnified() => Libc.Statfs(Root).Type == CGROUP2_SUPER_MAGIC;

    public static PlannedMount PlanV2(PlannedMount cgroup) => cgroup with
    {
        Kind = MountKind.Filesystem,
        FsType = "cgroup2",
        Source = string.IsNullOrEmpty(cgroup.Source) ? "cgroup2" : cgroup.Source,
    };

    /// <summary>cgroup2 cannot be mounted from a user namespace that did not also unshare cgroups (EPERM, or
    /// EBUSY): bind the host's tree instead, with the requested flags (runc#2158).</summary>
    public static PlannedMount PlanV2Fallback(PlannedMount cgroup)
    {
        ulong flags = MS_BIND | cgroup.RequestedFlags;
        return cgroup with
        {
            Kind = MountKind.Bind,
            Source = Root,
            FsType = "bind",
            Flags = flags,
            RequestedFlags = flags,
            Data = null,
            BindRemountFlags = MountPlan.BindRemount(flags, cgroup.ClearedFlags),
        };
    }

    public static CgroupLayout PlanV1(PlannedMount cgroup, IReadOnlyList<MountInfo> mounts, string procSelfCgroup, bool cgroupNamespace)
    {
        var ownPaths = ParseProcCgroup(procSelfCgroup);
        var plan = new List<PlannedMount>
        {
            new()
            {
                Kind = MountKind.Filesystem,
                Destination = cgroup.Destination,
                Source = "tmpfs",
                FsType = "tmpfs",
                Flags = MountPlan.DefaultMountFlags,
                RequestedFlags = MountPlan.DefaultMountFlags,
                Data = "mode=755",
                Propagation = cgroup.Propagation,
                KeepDirectoryMode = true,
            },
        };
        var symlinks = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var mount in mounts.Where(m => m.FsType == "cgroup"))
        {
            // The hierarchy's controllers are among its super options ("rw,cpu,cpuacct", "rw,name=systemd").
            string? controller = mount.SuperOptions.Split(',').FirstOrDefault(ownPaths.ContainsKey);
            if (controller is null || !seen.Add(controller))
                continue;
            string name = Path.GetFileName(mount.MountPoint);
            string destination = cgroup.Destination.TrimEnd('/') + "/" + name;
            if (cgroupNamespace)
            {
                // Inside its own cgroup namespace the container may mount the hierarchy itself; the namespace
                // roots it at the container's cgroup.
                bool systemd = name == "systemd";
                ulong flags = MountPlan.DefaultMountFlags | (cgroup.RequestedFlags & MS_RDONLY);
                plan.Add(new PlannedMount
                {
                    Kind = MountKind.Filesystem,
                    Destination = destination,
                    Source = systemd ? "systemd" : "cgroup",
                    FsType = "cgroup",
                    Flags = flags,
                    RequestedFlags = flags,
                    Data = systemd ? "name=systemd" : name,
                });
            }
            else
            {
                ulong flags = MS_BIND | MS_REC | cgroup.RequestedFlags;
                plan.Add(new PlannedMount
                {
                    Kind = MountKind.Bind,
                    Destination = destination,
                    Source = mount.MountPoint.TrimEnd('/') + RelativeTo(mount.Root, ownPaths[controller]),
                    FsType = "bind",
                    Flags = flags,
                    RequestedFlags = flags,
                    ClearedFlags = cgroup.ClearedFlags,
                    Propagation = cgroup.Propagation,
                    BindRemountFlags = MountPlan.BindRemount(flags, cgroup.ClearedFlags),
                });
            }
            if (name.Contains(','))
            {
                foreach (string single in name.Split(','))
                    symlinks.Add((cgroup.Destination.TrimEnd('/') + "/" + single, name));
            }
        }
        return new CgroupLayout(plan, symlinks);
    }

    /// <summary>/proc/self/cgroup ("4:cpu,cpuacct:/user.slice") as controller -> path; v1 lines only.</summary>
    public static Dictionary<string, string> ParseProcCgroup(string text)
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = line.Split(':', 3);
            if (fields.Length != 3 || fields[1].Length == 0)
                continue;
            foreach (string controller in fields[1].Split(','))
                paths.TryAdd(controller, fields[2]);
        }
        return paths;
    }

    /// <summary>The part of <paramref name="path"/> below the hierarchy's mounted root, with a leading "/" (or ""
    /// when the mount is the cgroup itself). A cgroup outside the mounted subtree gets the whole mount.</summary>
    private static string RelativeTo(string mountRoot, string path)
    {
        string root = mountRoot.TrimEnd('/');
        if (path == root || path == mountRoot)
            return "";
        if (root.Length == 0)
            return path == "/" ? "" : path;
        return path.StartsWith(root + "/", StringComparison.Ordinal) ? path[root.Length..] : "";
    }
}

using OciRuntime.Oci;
using static OciRuntime.Linux.Syscalls.MountFlags;

namespace OciRuntime.Rootfs;

/// <summary>
/// Turns the spec into the ordered mount operations, with no syscall: what <see cref="Mounter"/> applies and the
/// unit tests check. The rules are runc's (libcontainer/specconv createLibcontainerMount, rootfs_linux.go
/// mountToRootfs, mountPropagate, finalizeRootfs), checked against an strace of runc 1.1.5.
/// </summary>
internal static class MountPlan
{
    // rootfs_linux.go defaultMountFlags: what runc puts on the tmpfs it makes for a cgroup v1 tree.
    public const ulong DefaultMountFlags = MS_NOEXEC | MS_NOSUID | MS_NODEV;

    private static readonly Dictionary<string, ulong> RootPropagations = new(StringComparer.Ordinal)
    {
        ["private"] = MS_PRIVATE,
        ["rprivate"] = MS_PRIVATE | MS_REC,
        ["slave"] = MS_SLAVE,
        ["rslave"] = MS_SLAVE | MS_REC,
        ["shared"] = MS_SHARED,
        ["rshared"] = MS_SHARED | MS_REC,
        ["unbindable"] = MS_UNBINDABLE,
        ["runbindable"] = MS_UNBINDABLE | MS_REC,
    };

    /// <summary>The spec's mounts in order. Relative bind sources are taken relative to <paramref name="bundle"/>
    /// (runc resolves them against the bundle directory).</summary>
    public static IReadOnlyList<PlannedMount> Build(Spec spec, string bundle)
    {
        var plan = new List<PlannedMount>();
        foreach (Mount mount in spec.Mounts ?? [])
            plan.Add(Plan(mount, bundle));
        return plan;
    }

    public static PlannedMount Plan(Mount mount, string bundle)
    {
        MountOptions options = MountOptions.Parse(mount.Options);
        string destination = SafePath.Clean(mount.Destination);
        if (options.IdMap || mount.UidMappings is { Count: > 0 } || mount.GidMappings is { Count: > 0 })
            throw new RootfsException($"mount {destination}: id-mapped mounts are not supported");

        // A "bind"/"rbind" option makes a bind whatever the type says (runc); type "bind" alone does too (crun,
        // and the spec's own examples), which runc would instead pass to the kernel as a filesystem name.
        bool bind = options.IsBind || mount.Type == "bind";
        ulong requested = options.Flags | (bind ? MS_BIND : 0);

        // tmpfs and /dev stay writable until Finish: device nodes, symlinks and chmods still go into them.
        bool delayReadonly = (!bind && mount.Type == "tmpfs") || destination == "/dev";
        ulong first = delayReadonly ? requested & ~MS_RDONLY : requested;

        if (bind)
        {
            string source = mount.Source ?? "";
            return new PlannedMount
            {
                Kind = MountKind.Bind,
                Destination = destination,
                Source = Path.IsPathRooted(source) ? source : Path.GetFullPath(source, bundle),
                FsType = "bind",
                Flags = first,
                RequestedFlags = requested,
                ClearedFlags = options.ClearedFlags,
                Data = options.Data,
                Propagation = options.Propagation,
                BindRemountFlags = BindRemount(requested, options.ClearedFlags),
                RecursiveAttributes = options.HasRecursiveAttributes ? (options.RecursiveSet, options.RecursiveClear) : null,
                RemountReadonlyAtFinish = delayReadonly && (requested & MS_RDONLY) != 0,
            };
        }

        bool procOrSys = mount.Type is "proc" or "sysfs";
        return new PlannedMount
        {
            Kind = mount.Type == "cgroup" ? MountKind.Cgroup : MountKind.Filesystem,
            Destination = destination,
            Source = mount.Source,
            FsType = mount.Type,
            Flags = first,
            RequestedFlags = requested,
            ClearedFlags = options.ClearedFlags,
            Data = options.Data,
            Propagation = options.Propagation,
            KeepDirectoryMode = mount.Type == "tmpfs",
            CopyUp = options.TmpCopyUp && mount.Type == "tmpfs",
            RequiresOrdinaryDirectory = procOrSys,
            RemountReadonlyAtFinish = delayReadonly && (requested & MS_RDONLY) != 0,
        };
    }

    /// <summary>runc remounts a bind only when the options set a flag beyond bind/rec/remount, or cleared one: a
    /// bind with no flags keeps the source mount's flags.</summary>
    public static ulong? BindRemount(ulong flags, ulong cleared) =>
        (flags & ~(MS_BIND | MS_REC | MS_REMOUNT)) != 0 || cleared != 0
            ? flags | MS_BIND | MS_REMOUNT
            : null;

    /// <summary>The spec's rootfsPropagation as MS_* flags, or runc's default rslave (crun uses rprivate): host
    /// unmounts still reach the container, nothing flows back.</summary>
    public static ulong RootPropagation(Spec spec) =>
        string.IsNullOrEmpty(spec.Linux?.RootfsPropagation)
            ? MS_SLAVE | MS_REC
            : RootPropagations.TryGetValue(spec.Linux.RootfsPropagation, out ulong flags)
                ? flags
                : throw new RootfsException($"rootfsPropagation={spec.Linux.RootfsPropagation} is not supported");

    /// <summary>The propagation "/" gets before anything is mounted. An unbindable tree cannot be the source of a
    /// bind (mount(2) EINVAL): the rootfs bind and every bind mount would fail, as they do in runc 1.1.5. So an
    /// unbindable request starts as rslave and becomes unbindable at the end of Finish.</summary>
    public static ulong InitialRootPropagation(Spec spec)
    {
        ulong flags = RootPropagation(spec);
        return (flags & MS_UNBINDABLE) != 0 ? MS_SLAVE | MS_REC : flags;
    }

    /// <summary>The propagation to set on the new "/" once it is the root, or 0. Shared on the old root does not
    /// carry over to the rootfs, which was bound from a private parent for pivot_root; unbindable must wait for
    /// the last bind (runc PR #4724, fixing runc#1755). Private and slave are in place from the start.</summary>
    public static ulong FinalRootPropagation(Spec spec)
    {
        if (string.IsNullOrEmpty(spec.Linux?.RootfsPropagation))
            return 0;
        ulong flags = RootPropagation(spec);
        return (flags & (MS_SHARED | MS_UNBINDABLE)) != 0 ? flags : 0;
    }

    /// <summary>runc sets up /dev (default devices, /dev/ptmx, the /dev symlinks) unless a bind mount provides it.</summary>
    public static bool NeedsDevSetup(IReadOnlyList<PlannedMount> plan) =>
        !plan.Any(m => m.Kind == MountKind.Bind && m.Destination == "/dev");
}

namespace OciRuntime.Rootfs;

/// <summary>How a planned mount is made.</summary>
internal enum MountKind
{
    /// <summary>mount(source, dest, type, flags, data) of a filesystem (proc, tmpfs, devpts, mqueue, ...).</summary>
    Filesystem,

    /// <summary>A bind mount of a host path: the destination is made a file or a directory like the source, and
    /// the flags are applied by a second MS_REMOUNT|MS_BIND call (a bind ignores them on the first).</summary>
    Bind,

    /// <summary>type "cgroup": expanded at apply time from the host's cgroup layout (<see cref="CgroupMounts"/>).</summary>
    Cgroup,
}

/// <summary>
/// One mount, decided from the spec before any syscall (style §4.6): the calls <see cref="Mounter"/> makes and in
/// which order. Flags are MS_* values; <see cref="Destination"/> is a clean path inside the container.
/// </summary>
internal sealed record PlannedMount
{
    public required MountKind Kind { get; init; }

    public required string Destination { get; init; }

    public string? Source { get; init; }

    public string? FsType { get; init; }

    /// <summary>Flags of the first mount(2) call. For tmpfs and /dev, MS_RDONLY is held back until
    /// <see cref="RemountReadonlyAtFinish"/>: devices and chmods still have to be made in them (runc's
    /// mountPropagate).</summary>
    public ulong Flags { get; init; }

    /// <summary>The flags the spec asked for, MS_RDONLY included (the ones a later remount applies).</summary>
    public ulong RequestedFlags { get; init; }

    /// <summary>Flags the options explicitly cleared ("rw", "suid", ...): a bind remount is needed to clear them.</summary>
    public ulong ClearedFlags { get; init; }

    public string? Data { get; init; }

    /// <summary>mount("", dest, NULL, flag) calls made after the mount, in the order the options gave them.</summary>
    public IReadOnlyList<ulong> Propagation { get; init; } = [];

    /// <summary>For a bind: the MS_REMOUNT|MS_BIND flags of the second call, or null when the options set no flag
    /// (then the bind keeps the source mount's flags).</summary>
    public ulong? BindRemountFlags { get; init; }

    /// <summary>mount_setattr(2) AT_RECURSIVE attributes (rro, rnosuid, ...), bind mounts only as in runc.</summary>
    public (ulong Set, ulong Clear)? RecursiveAttributes { get; init; }

    /// <summary>For a tmpfs over an existing directory: prefix the data with "mode=" of that directory, so the
    /// mount keeps its permissions unless the options give a mode (runc).</summary>
    public bool KeepDirectoryMode { get; init; }

    /// <summary>tmpcopyup: the tmpfs starts with a copy of what the directory held.</summary>
    public bool CopyUp { get; init; }

    /// <summary>proc and sysfs refuse a symlink as their mountpoint (runc: "must be mounted on ordinary
    /// directory"), and skip the /proc destination check.</summary>
    public bool RequiresOrdinaryDirectory { get; init; }

    /// <summary>Finish remounts this read-only (MS_REMOUNT|MS_BIND|MS_RDONLY plus the requested flags).</summary>
    public bool RemountReadonlyAtFinish { get; init; }
}

using static OciRuntime.Linux.Syscalls.MountFlags;

namespace OciRuntime.Rootfs;

/// <summary>
/// A mount's "options" list, split the way mount(8) and runc split it: MS_* flags to set and to clear,
/// propagation changes (applied by separate mount(2) calls after the mount), recursive attributes for
/// mount_setattr(2), runtime extensions, and everything else joined by "," as the filesystem's data string.
/// The table is runc's (libcontainer/specconv mountFlags, recAttrFlags, mountPropagationMapping, extensionFlags),
/// which crun's mount_flags.perf matches. Later options override earlier ones ("ro,rw" is read-write).
/// </summary>
internal sealed record MountOptions(
    ulong Flags,
    ulong ClearedFlags,
    IReadOnlyList<ulong> Propagation,
    ulong RecursiveSet,
    ulong RecursiveClear,
    bool TmpCopyUp,
    bool IdMap,
    string? Data)
{
    private enum Kind
    {
        Flag,
        Propagation,
        Recursive,
        CopyUp,
        IdMap,
        Ignored,
    }

    private readonly record struct Entry(Kind Kind, bool Clear, ulong Value);

    private static readonly Dictionary<string, Entry> Table = new(StringComparer.Ordinal)
    {
        // mount(8)'s "defaults" is rw,suid,dev,exec,async: all clear bits, so it changes nothing. runc lists it
        // with flag 0 and then (by accident) passes it to the filesystem, which tmpfs rejects with EINVAL;
        // crun and mount(8) ignore it, and so does ocirt.
        ["defaults"] = new(Kind.Ignored, false, 0),
        ["ro"] = new(Kind.Flag, false, MS_RDONLY),
        ["rw"] = new(Kind.Flag, true, MS_RDONLY),
        ["nosuid"] = new(Kind.Flag, false, MS_NOSUID),
        ["suid"] = new(Kind.Flag, true, MS_NOSUID),
        ["nodev"] = new(Kind.Flag, false, MS_NODEV),
        ["dev"] = new(Kind.Flag, true, MS_NODEV),
        ["noexec"] = new(Kind.Flag, false, MS_NOEXEC),
        ["exec"] = new(Kind.Flag, true, MS_NOEXEC),
        ["sync"] = new(Kind.Flag, false, MS_SYNCHRONOUS),
        ["async"] = new(Kind.Flag, true, MS_SYNCHRONOUS),
        ["dirsync"] = new(Kind.Flag, false, MS_DIRSYNC),
        ["remount"] = new(Kind.Flag, false, MS_REMOUNT),
        ["mand"] = new(Kind.Flag, false, MS_MANDLOCK),
        ["nomand"] = new(Kind.Flag, true, MS_MANDLOCK),
        ["noatime"] = new(Kind.Flag, false, MS_NOATIME),
        ["atime"] = new(Kind.Flag, true, MS_NOATIME),
        ["nodiratime"] = new(Kind.Flag, false, MS_NODIRATIME),
        ["diratime"] = new(Kind.Flag, true, MS_NODIRATIME),
        ["relatime"] = new(Kind.Flag, false, MS_RELATIME),
        ["norelatime"] = new(Kind.Flag, true, MS_RELATIME),
        ["strictatime"] = new(Kind.Flag, false, MS_STRICTATIME),
        ["nostrictatime"] = new(Kind.Flag, true, MS_STRICTATIME),
        ["lazytime"] = new(Kind.Flag, false, MS_LAZYTIME),
        ["nolazytime"] = new(Kind.Flag, true, MS_LAZYTIME),
        ["iversion"] = new(Kind.Flag, false, MS_I_VERSION),
        ["noiversion"] = new(Kind.Flag, true, MS_I_VERSION),
        ["silent"] = new(Kind.Flag, false, MS_SILENT),
        ["loud"] = new(Kind.Flag, true, MS_SILENT),
        ["nosymfollow"] = new(Kind.Flag, false, MS_NOSYMFOLLOW),     // since Linux 5.10
        ["symfollow"] = new(Kind.Flag, true, MS_NOSYMFOLLOW),
        ["bind"] = new(Kind.Flag, false, MS_BIND),
        ["rbind"] = new(Kind.Flag, false, MS_BIND | MS_REC),

        ["private"] = new(Kind.Propagation, false, MS_PRIVATE),
        ["rprivate"] = new(Kind.Propagation, false, MS_PRIVATE | MS_REC),
        ["shared"] = new(Kind.Propagation, false, MS_SHARED),
        ["rshared"] = new(Kind.Propagation, false, MS_SHARED | MS_REC),
        ["slave"] = new(Kind.Propagation, false, MS_SLAVE),
        ["rslave"] = new(Kind.Propagation, false, MS_SLAVE | MS_REC),
        ["unbindable"] = new(Kind.Propagation, false, MS_UNBINDABLE),
        ["runbindable"] = new(Kind.Propagation, false, MS_UNBINDABLE | MS_REC),

        // mount_setattr(2) with AT_RECURSIVE (runtime-spec 1.1, Linux 5.12): applied to the whole tree.
        ["rro"] = new(Kind.Recursive, false, MOUNT_ATTR_RDONLY),
        ["rrw"] = new(Kind.Recursive, true, MOUNT_ATTR_RDONLY),
        ["rnosuid"] = new(Kind.Recursive, false, MOUNT_ATTR_NOSUID),
        ["rsuid"] = new(Kind.Recursive, true, MOUNT_ATTR_NOSUID),
        ["rnodev"] = new(Kind.Recursive, false, MOUNT_ATTR_NODEV),
        ["rdev"] = new(Kind.Recursive, true, MOUNT_ATTR_NODEV),
        ["rnoexec"] = new(Kind.Recursive, false, MOUNT_ATTR_NOEXEC),
        ["rexec"] = new(Kind.Recursive, true, MOUNT_ATTR_NOEXEC),
        ["rnodiratime"] = new(Kind.Recursive, false, MOUNT_ATTR_NODIRATIME),
        ["rdiratime"] = new(Kind.Recursive, true, MOUNT_ATTR_NODIRATIME),
        ["rrelatime"] = new(Kind.Recursive, false, MOUNT_ATTR_RELATIME),
        ["rnorelatime"] = new(Kind.Recursive, true, MOUNT_ATTR_RELATIME),
        ["rnoatime"] = new(Kind.Recursive, false, MOUNT_ATTR_NOATIME),
        ["ratime"] = new(Kind.Recursive, true, MOUNT_ATTR_NOATIME),
        ["rstrictatime"] = new(Kind.Recursive, false, MOUNT_ATTR_STRICTATIME),
        ["rnostrictatime"] = new(Kind.Recursive, true, MOUNT_ATTR_STRICTATIME),
        ["rnosymfollow"] = new(Kind.Recursive, false, MOUNT_ATTR_NOSYMFOLLOW),  // since Linux 5.14
        ["rsymfollow"] = new(Kind.Recursive, true, MOUNT_ATTR_NOSYMFOLLOW),

        // Runtime extensions: copy the directory's old content into a new tmpfs (runc, crun), and id-mapped
        // mounts (runtime-spec 1.2).
        ["tmpcopyup"] = new(Kind.CopyUp, false, 0),
        ["idmap"] = new(Kind.IdMap, false, 0),
        ["ridmap"] = new(Kind.IdMap, false, 0),
    };

    /// <summary>Every option name the table knows, sorted: what `features` reports as mountOptions.</summary>
    public static IReadOnlyList<string> Known { get; } = [.. Table.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Whether the option set makes a bind mount ("bind" or "rbind").</summary>
    public bool IsBind => (Flags & MS_BIND) != 0;

    public bool HasRecursiveAttributes => RecursiveSet != 0 || RecursiveClear != 0;

    public static MountOptions Parse(IEnumerable<string>? options)
    {
        ulong flags = 0, cleared = 0, recursiveSet = 0, recursiveClear = 0;
        bool copyUp = false, idMap = false;
        var propagation = new List<ulong>();
        var data = new List<string>();
        foreach (string option in options ?? [])
        {
            if (!Table.TryGetValue(option, out Entry entry))
            {
                data.Add(option);
                continue;
            }
            switch (entry.Kind)
            {
                case Kind.Flag when entry.Clear:
                    flags &= ~entry.Value;
                    cleared |= entry.Value;
                    break;
                case Kind.Flag:
                    flags |= entry.Value;
                    cleared &= ~entry.Value;
                    break;
                case Kind.Propagation:
                    propagation.Add(entry.Value);
                    break;
                case Kind.Recursive when entry.Clear:
                    recursiveClear |= entry.Value;
                    recursiveSet &= ~entry.Value;
                    // mount_setattr(2) refuses an attr_clr with only part of MOUNT_ATTR__ATIME (EINVAL): clearing an
                    // access-time mode clears them all, and what is left in attr_set (relatime, 0, if nothing) rules.
                    if (entry.Value != 0 && (entry.Value & MOUNT_ATTR__ATIME) == entry.Value)
                        recursiveClear |= MOUNT_ATTR__ATIME;
                    break;
                case Kind.Recursive:
                    recursiveSet |= entry.Value;
                    recursiveClear &= ~entry.Value;
                    // mount_setattr(2): an access-time mode is set only together with MOUNT_ATTR__ATIME in attr_clr.
                    if ((entry.Value & MOUNT_ATTR__ATIME) == entry.Value)
                        recursiveClear |= MOUNT_ATTR__ATIME;
                    break;
                case Kind.CopyUp:
                    copyUp = true;
                    break;
                case Kind.IdMap:
                    idMap = true;
                    break;
            }
        }
        return new MountOptions(flags, cleared, propagation, recursiveSet, recursiveClear, copyUp, idMap,
            data.Count > 0 ? string.Join(',', data) : null);
    }
}

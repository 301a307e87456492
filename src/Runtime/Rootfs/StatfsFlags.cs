using static OciRuntime.Linux.Syscalls.MountFlags;

namespace OciRuntime.Rootfs;

/// <summary>
/// Mount flags as statfs(2) reports them, turned back into MS_* values. Needed where a remount must repeat the
/// flags a mount already has: in a user namespace the kernel locks the flags of mounts inherited from the host
/// (MNT_LOCK_*: ro, nodev, nosuid, noexec, atime), and an MS_REMOUNT|MS_BIND that would drop one fails with EPERM
/// (mount_namespaces(7)). runc: statfsToMountFlags, mntLockFlags.
/// </summary>
internal static class StatfsFlags
{
    /// <summary>The mutually exclusive atime modes.</summary>
    public const ulong AtimeModes = MS_NOATIME | MS_RELATIME | MS_STRICTATIME;

    public const ulong AtimeFlags = AtimeModes | MS_NODIRATIME;

    /// <summary>Flags the kernel locks on mounts a less privileged user namespace inherits.</summary>
    public const ulong LockFlags = MS_RDONLY | MS_NODEV | MS_NOEXEC | MS_NOSUID | AtimeFlags;

    private static readonly (ulong St, ulong Ms)[] Map =
    [
        (ST_RDONLY, MS_RDONLY),
        (ST_NOSUID, MS_NOSUID),
        (ST_NODEV, MS_NODEV),
        (ST_NOEXEC, MS_NOEXEC),
        (ST_MANDLOCK, MS_MANDLOCK),
        (ST_SYNCHRONOUS, MS_SYNCHRONOUS),
        (ST_NOATIME, MS_NOATIME),
        (ST_NODIRATIME, MS_NODIRATIME),
        (ST_RELATIME, MS_RELATIME),
        (ST_NOSYMFOLLOW, MS_NOSYMFOLLOW),
    ];

    public static ulong ToMountFlags(ulong statfsFlags)
    {
        ulong flags = 0;
        foreach (var (st, ms) in Map)
        {
            if ((statfsFlags & st) == st)
                flags |= ms;
        }
        // MS_STRICTATIME is not stored on the mount, so statfs cannot show it: a mount with no other atime mode
        // is strictatime.
        if ((flags & AtimeModes) == 0)
            flags |= MS_STRICTATIME;
        return flags;
    }
}

namespace OciRuntime.Linux.Syscalls;

/// <summary>The kernel's mount flag values under their kernel names: mount(2)'s MS_*, mount_setattr(2)'s
/// MOUNT_ATTR_*, and statfs(2)'s ST_* (f_flags), which use different bit positions for the same ideas.</summary>
internal static class MountFlags
{
    // <linux/mount.h>, mount(2).
    public const ulong MS_RDONLY = 0x1;
    public const ulong MS_NOSUID = 0x2;
    public const ulong MS_NODEV = 0x4;
    public const ulong MS_NOEXEC = 0x8;
    public const ulong MS_SYNCHRONOUS = 0x10;
    public const ulong MS_REMOUNT = 0x20;
    public const ulong MS_MANDLOCK = 0x40;
    public const ulong MS_DIRSYNC = 0x80;
    public const ulong MS_NOSYMFOLLOW = 0x100;
    public const ulong MS_NOATIME = 0x400;
    public const ulong MS_NODIRATIME = 0x800;
    public const ulong MS_BIND = 0x1000;
    public const ulong MS_MOVE = 0x2000;
    public const ulong MS_REC = 0x4000;
    public const ulong MS_SILENT = 0x8000;
    public const ulong MS_UNBINDABLE = 0x20000;
    public const ulong MS_PRIVATE = 0x40000;
    public const ulong MS_SLAVE = 0x80000;
    public const ulong MS_SHARED = 0x100000;
    public const ulong MS_RELATIME = 0x200000;
    public const ulong MS_I_VERSION = 0x800000;
    public const ulong MS_STRICTATIME = 0x1000000;
    public const ulong MS_LAZYTIME = 0x2000000;

    /// <summary>Every propagation type; a mount(2) call carrying one of them changes propagation only.</summary>
    public const ulong MS_PROPAGATION = MS_SHARED | MS_SLAVE | MS_PRIVATE | MS_UNBINDABLE;

    // <linux/mount.h>, mount_setattr(2). MOUNT_ATTR_RELATIME is 0: relatime is "no other atime bit".
    public const ulong MOUNT_ATTR_RDONLY = 0x1;
    public const ulong MOUNT_ATTR_NOSUID = 0x2;
    public const ulong MOUNT_ATTR_NODEV = 0x4;
    public const ulong MOUNT_ATTR_NOEXEC = 0x8;
    public const ulong MOUNT_ATTR__ATIME = 0x70;
    public const ulong MOUNT_ATTR_RELATIME = 0x0;
    public const ulong MOUNT_ATTR_NOATIME = 0x10;
    public const ulong MOUNT_ATTR_STRICTATIME = 0x20;
    public const ulong MOUNT_ATTR_NODIRATIME = 0x80;
    public const ulong MOUNT_ATTR_IDMAP = 0x100000;
    public const ulong MOUNT_ATTR_NOSYMFOLLOW = 0x200000;

    // <sys/statvfs.h>, statfs(2) f_flags (see calculate_f_flags() in fs/statfs.c).
    public const ulong ST_RDONLY = 0x1;
    public const ulong ST_NOSUID = 0x2;
    public const ulong ST_NODEV = 0x4;
    public const ulong ST_NOEXEC = 0x8;
    public const ulong ST_SYNCHRONOUS = 0x10;
    public const ulong ST_MANDLOCK = 0x40;
    public const ulong ST_NOATIME = 0x400;
    public const ulong ST_NODIRATIME = 0x800;
    public const ulong ST_RELATIME = 0x1000;
    public const ulong ST_NOSYMFOLLOW = 0x2000;

    // statfs(2) f_type values the rootfs code checks.
    public const long PROC_SUPER_MAGIC = 0x9fa0;
    public const long CGROUP2_SUPER_MAGIC = 0x63677270;
}

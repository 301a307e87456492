namespace OciRuntime.Linux.Syscalls;

/// <summary>The parts of statx(2) the runtime uses: st_mode (type and permission bits), owner, the device number a
/// device node stands for, size and modification time (nanoseconds since the epoch).</summary>
internal readonly record struct FileStatus(uint Mode, uint Uid, uint Gid, uint RdevMajor, uint RdevMinor, ulong Size, long ModifiedNs)
{
    public const uint S_IFMT = 0xF000;
    public const uint S_IFIFO = 0x1000;
    public const uint S_IFCHR = 0x2000;
    public const uint S_IFDIR = 0x4000;
    public const uint S_IFBLK = 0x6000;
    public const uint S_IFREG = 0x8000;
    public const uint S_IFLNK = 0xA000;

    public uint Type => Mode & S_IFMT;

    /// <summary>Permission bits including set-uid, set-gid and sticky (07777).</summary>
    public uint Permissions => Mode & 0xFFF;

    public bool IsDirectory => Type == S_IFDIR;

    public bool IsRegularFile => Type == S_IFREG;

    public bool IsSymlink => Type == S_IFLNK;
}

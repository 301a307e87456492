using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace OciRuntime.Linux.Syscalls;

/// <summary>Mount-table calls: mount(2), umount2(2), mount_setattr(2), pivot_root(2), chroot(2), fchdir(2),
/// statfs(2). Flags are in <see cref="MountFlags"/>.</summary>
internal static partial class Libc
{
    public const int MNT_DETACH = 2;
    public const uint AT_RECURSIVE = 0x8000;

    // glibc has no wrapper for pivot_root, mount_setattr or openat2: they go through syscall(2). Numbers 424 and
    // up are the same on every architecture; pivot_root predates that table.
    private static readonly nint SYS_pivot_root = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 41 : 155;
    private const nint SYS_openat2 = 437;
    private const nint SYS_mount_setattr = 442;

    [StructLayout(LayoutKind.Sequential)]
    private struct MountAttr
    {
        public ulong attr_set;
        public ulong attr_clr;
        public ulong propagation;
        public ulong userns_fd;
    }

    [LibraryImport("libc", EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mount(string? source, string target, string? fstype, nuint flags, string? data);

    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int umount2(string target, int flags);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static unsafe partial nint syscall_pivot_root(nint number, byte* newRoot, byte* putOld);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static unsafe partial nint syscall_mount_setattr(nint number, int dirfd, byte* path, uint flags, MountAttr* attr, nuint size);

    [LibraryImport("libc", EntryPoint = "chroot", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int chroot(string path);

    [LibraryImport("libc", EntryPoint = "fchdir", SetLastError = true)]
    private static partial int fchdir(SafeHandle fd);

    [LibraryImport("libc", EntryPoint = "statfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statfs(string path, byte* buffer);

    /// <summary>mount(2). <paramref name="what"/> names the target in the error when <paramref name="target"/> is a
    /// /proc/self/fd path: "mount /etc/hosts (via /proc/self/fd/7): Permission denied".</summary>
    public static void Mount(string? source, string target, string? fstype, ulong flags, string? data = null, string? what = null)
    {
        while (mount(source, target, fstype, (nuint)flags, data) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
                throw new SyscallException("mount", errno, what is null ? target : $"{what} (via {target})");
        }
    }

    public static void Umount2(string target, int flags)
    {
        while (umount2(target, flags) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
                throw new SyscallException("umount2", errno, target);
        }
    }

    /// <summary>mount_setattr(2) on the mount at <paramref name="path"/> (and below it with AT_RECURSIVE).</summary>
    public static unsafe void MountSetattr(string path, uint flags, ulong attrSet, ulong attrClear, string? what = null)
    {
        var attr = new MountAttr { attr_set = attrSet, attr_clr = attrClear };
        fixed (byte* p = Utf8z(path))
        {
            if (syscall_mount_setattr(SYS_mount_setattr, AT_FDCWD, p, flags, &attr, (nuint)sizeof(MountAttr)) != 0)
                throw SyscallException.FromLastError("mount_setattr", what is null ? path : $"{what} (via {path})");
        }
    }

    public static unsafe void PivotRoot(string newRoot, string putOld)
    {
        fixed (byte* n = Utf8z(newRoot))
        fixed (byte* o = Utf8z(putOld))
        {
            if (syscall_pivot_root(SYS_pivot_root, n, o) != 0)
                throw SyscallException.FromLastError("pivot_root", newRoot);
        }
    }

    public static void Chroot(string path)
    {
        if (chroot(path) != 0)
            throw SyscallException.FromLastError("chroot", path);
    }

    public static void Fchdir(SafeFileHandle fd, string what)
    {
        if (fchdir(fd) != 0)
            throw SyscallException.FromLastError("fchdir", what);
    }

    /// <summary>statfs(2): the filesystem's magic number (f_type) and its mount flags (f_flags, ST_* values).</summary>
    public static unsafe (long Type, ulong Flags) Statfs(string path)
    {
        // struct statfs on 64-bit Linux: f_type at 0, f_flags at 80 (after bsize, blocks, bfree, bavail, files,
        // ffree, fsid, namelen, frsize), 120 bytes in all.
        byte* buffer = stackalloc byte[128];
        while (statfs(path, buffer) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
                throw new SyscallException("statfs", errno, path);
        }
        return (*(long*)buffer, *(ulong*)(buffer + 80));
    }

    /// <summary>A NUL-terminated UTF-8 copy of <paramref name="s"/>, for raw syscall() arguments.</summary>
    private static byte[] Utf8z(string s)
    {
        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }
}

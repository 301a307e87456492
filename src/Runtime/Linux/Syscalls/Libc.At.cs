using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace OciRuntime.Linux.Syscalls;

/// <summary>The *at(2) family: calls relative to a directory fd. The rootfs code walks a container's root one
/// component at a time through fds, so nothing it creates or opens can be redirected out of the root by a
/// symlink swapped in between a check and a use (CVE-2019-16884, CVE-2021-30465, CVE-2024-45310).</summary>
internal static partial class Libc
{
    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    public const int AT_EMPTY_PATH = 0x1000;

    // <linux/openat2.h> resolve flags.
    public const ulong RESOLVE_NO_MAGICLINKS = 0x02;
    public const ulong RESOLVE_IN_ROOT = 0x10;

    private const uint STATX_BASIC_STATS = 0x7ff;

    [StructLayout(LayoutKind.Sequential)]
    private struct OpenHow
    {
        public ulong flags;
        public ulong mode;
        public ulong resolve;
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static unsafe partial nint syscall_openat2(nint number, SafeHandle dirfd, byte* path, OpenHow* how, nuint size);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial SafeFileHandle openat(SafeHandle dirfd, string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mkdirat(SafeHandle dirfd, string path, uint mode);

    [LibraryImport("libc", EntryPoint = "mknodat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mknodat(SafeHandle dirfd, string path, uint mode, ulong dev);

    [LibraryImport("libc", EntryPoint = "symlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int symlinkat(string target, SafeHandle dirfd, string linkPath);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int unlinkat(SafeHandle dirfd, string path, int flags);

    [LibraryImport("libc", EntryPoint = "readlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial nint readlinkat(SafeHandle dirfd, string path, byte* buffer, nuint size);

    [LibraryImport("libc", EntryPoint = "readlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial nint readlink(string path, byte* buffer, nuint size);

    [LibraryImport("libc", EntryPoint = "fchownat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int fchownat(SafeHandle dirfd, string path, uint uid, uint gid, int flags);

    [LibraryImport("libc", EntryPoint = "fchownat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int fchownat_cwd(int dirfd, string path, uint uid, uint gid, int flags);

    [LibraryImport("libc", EntryPoint = "fchmodat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int fchmodat(int dirfd, string path, uint mode, int flags);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statx_at(SafeHandle dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statx_cwd(int dirfd, string path, int flags, uint mask, byte* buffer);

    /// <summary>openat2(2). Returns null when the kernel lacks it (ENOSYS, before 5.6) or a seccomp profile
    /// refuses it (EPERM), so the caller can fall back; other errors throw. Retried on EAGAIN, which
    /// RESOLVE_IN_ROOT returns when a concurrent rename could have made ".." resolution unsafe.</summary>
    public static unsafe SafeFileHandle? Openat2(SafeFileHandle dirfd, string path, ulong flags, ulong resolve, string what)
    {
        var how = new OpenHow { flags = flags | (ulong)O_CLOEXEC, resolve = resolve };
        fixed (byte* p = Utf8z(path))
        {
            while (true)
            {
                nint fd = syscall_openat2(SYS_openat2, dirfd, p, &how, (nuint)sizeof(OpenHow));
                if (fd >= 0)
                    return new SafeFileHandle(fd, ownsHandle: true);
                int errno = Marshal.GetLastPInvokeError();
                if (errno is Errno.ENOSYS or Errno.EPERM)
                    return null;
                if (errno is not (Errno.EINTR or Errno.EAGAIN))
                    throw new SyscallException("openat2", errno, what);
            }
        }
    }

    /// <summary>openat(2), or null when the name does not exist (ENOENT).</summary>
    public static SafeFileHandle? OpenatIfExists(SafeFileHandle dirfd, string name, int flags, string what)
    {
        while (true)
        {
            var handle = openat(dirfd, name, flags | O_CLOEXEC, 0);
            if (!handle.IsInvalid)
                return handle;
            int errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            if (errno == Errno.ENOENT)
                return null;
            if (errno != Errno.EINTR)
                throw new SyscallException("openat", errno, what);
        }
    }

    /// <summary>mkdirat(2). False when the name already exists (whatever it is: mkdirat never follows it).</summary>
    public static bool MkdiratIfAbsent(SafeFileHandle dirfd, string name, uint mode, string what) =>
        CreatedUnlessExists(mkdirat(dirfd, name, mode), "mkdirat", what);

    /// <summary>mknodat(2). False when the name already exists; a trailing symlink is not followed.</summary>
    public static bool MknodatIfAbsent(SafeFileHandle dirfd, string name, uint mode, ulong dev, string what) =>
        CreatedUnlessExists(mknodat(dirfd, name, mode, dev), "mknodat", what);

    /// <summary>symlinkat(2). False when the link name already exists.</summary>
    public static bool SymlinkatIfAbsent(string target, SafeFileHandle dirfd, string name, string what) =>
        CreatedUnlessExists(symlinkat(target, dirfd, name), "symlinkat", what);

    /// <summary>unlinkat(2) of a non-directory; a missing name is not an error.</summary>
    public static void UnlinkatIfExists(SafeFileHandle dirfd, string name, string what)
    {
        if (unlinkat(dirfd, name, 0) != 0 && Marshal.GetLastPInvokeError() != Errno.ENOENT)
            throw SyscallException.FromLastError("unlinkat", what);
    }

    /// <summary>readlinkat(2); with an empty name, the target of the symlink <paramref name="dirfd"/> was opened on
    /// (O_PATH|O_NOFOLLOW).</summary>
    public static unsafe string Readlinkat(SafeFileHandle dirfd, string name, string what)
    {
        byte* buffer = stackalloc byte[4096];
        nint n = readlinkat(dirfd, name, buffer, 4096);
        if (n < 0)
            throw SyscallException.FromLastError("readlinkat", what);
        return Encoding.UTF8.GetString(buffer, (int)n);
    }

    /// <summary>readlink(2), used on /proc/self/fd/N to learn where an fd really points.</summary>
    public static unsafe string Readlink(string path)
    {
        byte* buffer = stackalloc byte[4096];
        nint n = readlink(path, buffer, 4096);
        if (n < 0)
            throw SyscallException.FromLastError("readlink", path);
        return Encoding.UTF8.GetString(buffer, (int)n);
    }

    /// <summary>fchownat(2) of the file <paramref name="fd"/> refers to (AT_EMPTY_PATH; works on O_PATH fds).</summary>
    public static void Fchown(SafeFileHandle fd, uint uid, uint gid, string what)
    {
        if (fchownat(fd, "", uid, gid, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW) != 0)
            throw SyscallException.FromLastError("fchownat", what);
    }

    /// <summary>chown without following a final symlink (lchown).</summary>
    public static void Lchown(string path, uint uid, uint gid)
    {
        if (fchownat_cwd(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW) != 0)
            throw SyscallException.FromLastError("lchown", path);
    }

    /// <summary>chmod(2). An O_PATH fd cannot be fchmod'ed; its /proc/self/fd path can.</summary>
    public static void Chmod(string path, uint mode, string? what = null)
    {
        if (fchmodat(AT_FDCWD, path, mode, 0) != 0)
            throw SyscallException.FromLastError("chmod", what ?? path);
    }

    /// <summary>statx(2) of the file <paramref name="fd"/> refers to, not following it if it is a symlink.</summary>
    public static unsafe FileStatus Fstat(SafeFileHandle fd, string what)
    {
        byte* buffer = stackalloc byte[256];
        if (statx_at(fd, "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, buffer) != 0)
            throw SyscallException.FromLastError("statx", what);
        return ReadStatx(buffer);
    }

    /// <summary>statx(2) of a raw fd (a stdio fd the process did not open); null when it is not open (EBADF).</summary>
    public static unsafe FileStatus? FstatFd(int fd)
    {
        byte* buffer = stackalloc byte[256];
        if (statx_cwd(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, buffer) == 0)
            return ReadStatx(buffer);
        int errno = Marshal.GetLastPInvokeError();
        return errno == 9 /* EBADF */ ? null : throw new SyscallException("statx", errno, $"fd {fd}");
    }

    /// <summary>statx(2) of a path; <paramref name="followSymlinks"/> false is lstat.</summary>
    public static unsafe FileStatus Stat(string path, bool followSymlinks = true)
    {
        byte* buffer = stackalloc byte[256];
        if (statx_cwd(AT_FDCWD, path, followSymlinks ? 0 : AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, buffer) != 0)
            throw SyscallException.FromLastError("stat", path);
        return ReadStatx(buffer);
    }

    // struct statx has one layout everywhere: uid at 20, gid at 24, mode (u16) at 28, size at 40, mtime at 112
    // (seconds, then nanoseconds), rdev major/minor at 128/132.
    private static unsafe FileStatus ReadStatx(byte* buffer) =>
        new(*(ushort*)(buffer + 28), *(uint*)(buffer + 20), *(uint*)(buffer + 24), *(uint*)(buffer + 128), *(uint*)(buffer + 132),
            *(ulong*)(buffer + 40), *(long*)(buffer + 112) * 1_000_000_000 + *(uint*)(buffer + 120));

    private static bool CreatedUnlessExists(int result, string call, string what)
    {
        if (result == 0)
            return true;
        int errno = Marshal.GetLastPInvokeError();
        if (errno == Errno.EEXIST)
            return false;
        throw new SyscallException(call, errno, what);
    }
}

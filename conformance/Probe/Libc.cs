using System.Runtime.InteropServices;
using System.Text;

namespace OciConformance.Probe;

/// <summary>
/// The libc calls the probe makes (x86_64 layouts), plus small helpers over them. Nothing here throws for a refused
/// call: the helpers return the errno (0 on success), because inside a locked-down container a refusal is a finding.
/// </summary>
internal static unsafe partial class Libc
{
    public const int O_RDONLY = 0x0;
    public const int O_WRONLY = 0x1;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;

    public const int EINTR = 4;
    public const int ENOENT = 2;
    public const int EINVAL = 22;

    private const int AT_FDCWD = -100;
    private const int AT_SYMLINK_NOFOLLOW = 0x100;
    private const uint STATX_BASIC_STATS = 0x7ff;

    [LibraryImport("libc")] public static partial int getpid();
    [LibraryImport("libc")] public static partial int getppid();
    [LibraryImport("libc")] public static partial uint getuid();
    [LibraryImport("libc")] public static partial uint getgid();
    [LibraryImport("libc")] public static partial uint geteuid();
    [LibraryImport("libc")] public static partial uint getegid();
    [LibraryImport("libc")] public static partial uint umask(uint mask);
    [LibraryImport("libc")] public static partial int isatty(int fd);
    [LibraryImport("libc")] public static partial void _exit(int status);

    // sigaction(2) with glibc's struct sigaction: handler @0, sa_mask (128 bytes) @8, sa_flags @136, restorer @144.
    [LibraryImport("libc", SetLastError = true)]
    public static partial int sigaction(int signal, byte* action, byte* old);
    // sigset_t is 128 bytes: bit (n - 1) of the first word is signal n.
    [LibraryImport("libc", SetLastError = true)] public static partial int sigprocmask(int how, ulong* set, ulong* old);
    [LibraryImport("libc", SetLastError = true)] public static partial int sigsuspend(ulong* mask);
    public const int SIG_BLOCK = 0;
    public const int SigactionSize = 152;
    public const int SigsetSize = 128;

    [LibraryImport("libc", SetLastError = true)] public static partial int getgroups(int size, uint* list);
    [LibraryImport("libc", SetLastError = true)] public static partial int uname(byte* buf);
    [LibraryImport("libc", SetLastError = true)] public static partial int getrlimit(int resource, ulong* rlim);
    [LibraryImport("libc", SetLastError = true)] public static partial int personality(ulong persona);
    [LibraryImport("libc", SetLastError = true)] public static partial byte* getcwd(byte* buf, nuint size);

    // prctl(2) is variadic in C; glibc reads four unsigned longs, which x86_64 passes in the same registers.
    [LibraryImport("libc", SetLastError = true)]
    public static partial int prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    // open(2) is variadic too: the mode is only read with O_CREAT.
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags, uint mode);
    [LibraryImport("libc", SetLastError = true)] public static partial nint read(int fd, byte* buf, nint count);
    [LibraryImport("libc", SetLastError = true)] public static partial nint write(int fd, byte* buf, nint count);
    [LibraryImport("libc", SetLastError = true)] public static partial int close(int fd);
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int unlink(string path);
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint readlink(string path, byte* buf, nint size);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int dirfd, string path, int flags, uint mask, byte* buf);
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int fstatat(int dirfd, string path, byte* buf, int flags);
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statfs(string path, byte* buf);
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statvfs(string path, byte* buf);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint opendir(string path);
    [LibraryImport("libc", SetLastError = true)] private static partial byte* readdir(nint dir);
    [LibraryImport("libc", SetLastError = true)] private static partial int closedir(nint dir);

    /// <summary>The errno of the last call made with SetLastError.</summary>
    public static int Errno => Marshal.GetLastPInvokeError();

    /// <summary>What statx(2) says about a path (the link itself when <c>follow</c> is false).</summary>
    public readonly record struct Stat(uint Mode, uint Uid, uint Gid, long Size, uint RdevMajor, uint RdevMinor);

    /// <summary>
    /// statx(2); when that fails for another reason than a missing path (a seccomp profile older than statx refuses
    /// it), fstatat(2) with x86_64's struct stat.
    /// </summary>
    public static int StatPath(string path, bool follow, out Stat stat)
    {
        byte* buf = stackalloc byte[256];
        stat = default;
        int flags = follow ? 0 : AT_SYMLINK_NOFOLLOW;
        if (statx(AT_FDCWD, path, flags, STATX_BASIC_STATS, buf) == 0)
        {
            // stx_uid @20, stx_gid @24, stx_mode @28 (u16), stx_size @40, stx_rdev_major @128, stx_rdev_minor @132.
            stat = new Stat(*(ushort*)(buf + 28), *(uint*)(buf + 20), *(uint*)(buf + 24), *(long*)(buf + 40),
                *(uint*)(buf + 128), *(uint*)(buf + 132));
            return 0;
        }
        int errno = Errno;
        if (errno == ENOENT)
            return errno;
        if (fstatat(AT_FDCWD, path, buf, flags) != 0)
            return Errno;
        // st_mode @24, st_uid @28, st_gid @32, st_rdev @40, st_size @48; major and minor as gnu_dev_major/minor.
        ulong rdev = *(ulong*)(buf + 40);
        uint major = (uint)(((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffUL));
        uint minor = (uint)((rdev & 0xff) | ((rdev >> 12) & ~0xffUL));
        stat = new Stat(*(uint*)(buf + 24), *(uint*)(buf + 28), *(uint*)(buf + 32), *(long*)(buf + 48), major, minor);
        return 0;
    }

    /// <summary>statfs(2) f_type (the first field of struct statfs).</summary>
    public static int FsType(string path, out ulong type)
    {
        byte* buf = stackalloc byte[256];
        type = 0;
        if (statfs(path, buf) != 0)
            return Errno;
        type = *(ulong*)buf;
        return 0;
    }

    /// <summary>statvfs(3) f_flag (offset 72 of glibc's x86_64 struct statvfs).</summary>
    public static int MountFlags(string path, out ulong flags)
    {
        byte* buf = stackalloc byte[256];
        flags = 0;
        if (statvfs(path, buf) != 0)
            return Errno;
        flags = *(ulong*)(buf + 72);
        return 0;
    }

    /// <summary>readlink(2), decoded as UTF-8.</summary>
    public static int ReadLink(string path, out string target)
    {
        byte* buf = stackalloc byte[4096];
        target = "";
        nint n = readlink(path, buf, 4096);
        if (n < 0)
            return Errno;
        target = Encoding.UTF8.GetString(buf, (int)n);
        return 0;
    }

    /// <summary>
    /// Reads a file from the start, at most <paramref name="max"/> bytes, with one descriptor that is closed again.
    /// </summary>
    public static int ReadFile(string path, int max, out byte[] data)
    {
        data = [];
        int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
        if (fd < 0)
            return Errno;
        try
        {
            byte[] buffer = new byte[Math.Min(max, 4096)];
            int length = 0;
            while (length < max)
            {
                if (length == buffer.Length)
                    Array.Resize(ref buffer, Math.Min(max, buffer.Length * 2));
                nint n;
                fixed (byte* p = buffer)
                    n = read(fd, p + length, buffer.Length - length);
                if (n < 0)
                {
                    int errno = Errno;
                    if (errno == EINTR)
                        continue;
                    if (length == 0)
                        return errno;
                    break; // keep what was read before the error
                }
                if (n == 0)
                    break;
                length += (int)n;
            }
            data = buffer.AsSpan(0, length).ToArray();
            return 0;
        }
        finally
        {
            close(fd);
        }
    }

    /// <summary>The most read from one /proc file: thousands of mount lines, and little enough for the heap.</summary>
    public const int ProcMax = 1 << 20;

    /// <summary>The entry names of a directory, without "." and "..", unsorted.</summary>
    public static int ListDir(string path, out List<string> names)
    {
        names = [];
        nint dir = opendir(path);
        if (dir == 0)
            return Errno;
        try
        {
            while (true)
            {
                byte* entry = readdir(dir);
                if (entry == null)
                    return Errno; // 0 at the end of the directory
                // struct dirent: d_name at offset 19, NUL-terminated.
                var name = Marshal.PtrToStringUTF8((nint)(entry + 19)) ?? "";
                if (name is not ("." or ".."))
                    names.Add(name);
            }
        }
        finally
        {
            closedir(dir);
        }
    }

    /// <summary>A line on stderr. Not through System.Console: its first use starts a thread (RLIMIT_NPROC).</summary>
    public static void Warn(string message) => WriteAll(2, Encoding.UTF8.GetBytes($"oci-probe: {message}\n"));

    /// <summary>Writes all of <paramref name="data"/> to a descriptor.</summary>
    public static int WriteAll(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            int done = 0;
            while (done < data.Length)
            {
                nint n = write(fd, p + done, data.Length - done);
                if (n < 0)
                {
                    int errno = Errno;
                    if (errno == EINTR)
                        continue;
                    return errno;
                }
                done += (int)n;
            }
        }
        return 0;
    }

    /// <summary>The symbolic name of an errno value ("EACCES"), "E&lt;n&gt;" for the uncommon ones.</summary>
    public static string ErrnoName(int errno) => errno switch
    {
        1 => "EPERM", 2 => "ENOENT", 3 => "ESRCH", 4 => "EINTR", 5 => "EIO", 6 => "ENXIO", 7 => "E2BIG",
        8 => "ENOEXEC", 9 => "EBADF", 11 => "EAGAIN", 12 => "ENOMEM", 13 => "EACCES", 14 => "EFAULT",
        16 => "EBUSY", 17 => "EEXIST", 18 => "EXDEV", 19 => "ENODEV", 20 => "ENOTDIR", 21 => "EISDIR",
        22 => "EINVAL", 23 => "ENFILE", 24 => "EMFILE", 25 => "ENOTTY", 26 => "ETXTBSY", 27 => "EFBIG",
        28 => "ENOSPC", 29 => "ESPIPE", 30 => "EROFS", 31 => "EMLINK", 32 => "EPIPE", 34 => "ERANGE",
        36 => "ENAMETOOLONG", 38 => "ENOSYS", 39 => "ENOTEMPTY", 40 => "ELOOP", 61 => "ENODATA",
        75 => "EOVERFLOW", 95 => "EOPNOTSUPP", 122 => "EDQUOT",
        _ => $"E{errno}",
    };
}

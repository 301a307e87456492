using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OciRuntime.Linux.Syscalls;

/// <summary>Pseudo-terminal and session calls (tty_ioctl(4), pts(4), setsid(2)). The ioctl numbers are the
/// generic Linux ones (x86_64 and arm64 share them). No grantpt: on devpts the slave already belongs to the opener.</summary>
internal static partial class Libc
{
    public const uint TIOCSCTTY = 0x540E;
    public const uint TIOCGWINSZ = 0x5413;
    public const uint TIOCSWINSZ = 0x5414;
    public const uint TIOCGPTN = 0x80045430;   // _IOR('T', 0x30, unsigned int)
    public const uint TIOCSPTLCK = 0x40045431; // _IOW('T', 0x31, int)
    public const uint TIOCGPTPEER = 0x5441;    // _IO('T', 0x41), Linux 4.13

    private const int ENOTTY = 25;

    /// <summary>struct winsize.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct WinSize
    {
        public ushort ws_row;
        public ushort ws_col;
        public ushort ws_xpixel;
        public ushort ws_ypixel;
    }

    // ioctl(2) is variadic; every request used here takes one pointer or one int, passed in a general register.
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static unsafe partial int ioctl_ptr(SafeHandle fd, nuint request, void* argument);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int ioctl_int(SafeHandle fd, nuint request, nint argument);

    [LibraryImport("libc", EntryPoint = "setsid", SetLastError = true)]
    private static partial int setsid();

    [LibraryImport("libc", EntryPoint = "getsid", SetLastError = true)]
    private static partial int getsid(int pid);

    // statx(2) on the fd itself (AT_EMPTY_PATH): stx_mode at offset 28, stx_rdev_major/minor at 128/132.
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statx_fd(SafeHandle fd, string path, int flags, uint mask, byte* buffer);

    /// <summary>The (major, minor) of the character device an fd refers to, or null when it is not one.</summary>
    public static unsafe (uint Major, uint Minor)? CharDevice(SafeHandle fd, string path)
    {
        const int AT_EMPTY_PATH = 0x1000;
        const uint STATX_TYPE = 0x1;
        const ushort S_IFMT = 0xF000, S_IFCHR = 0x2000;
        byte* buffer = stackalloc byte[256];
        if (statx_fd(fd, "", AT_EMPTY_PATH, STATX_TYPE, buffer) != 0)
            throw SyscallException.FromLastError("statx", path);
        if ((*(ushort*)(buffer + 28) & S_IFMT) != S_IFCHR)
            return null;
        return (*(uint*)(buffer + 128), *(uint*)(buffer + 132));
    }

    /// <summary>TIOCGPTN: the number N of the master's slave, /dev/pts/N.</summary>
    public static unsafe uint PtyNumber(SafeHandle master)
    {
        uint number;
        if (ioctl_ptr(master, TIOCGPTN, &number) != 0)
            throw SyscallException.FromLastError("ioctl(TIOCGPTN)");
        return number;
    }

    /// <summary>TIOCSPTLCK 0: unlockpt(3); the slave cannot be opened before.</summary>
    public static unsafe void UnlockPty(SafeHandle master)
    {
        int locked = 0;
        if (ioctl_ptr(master, TIOCSPTLCK, &locked) != 0)
            throw SyscallException.FromLastError("ioctl(TIOCSPTLCK)");
    }

    /// <summary>TIOCGPTPEER: opens the master's own slave without a path lookup. Null when the kernel lacks the
    /// ioctl (before 4.13), so that the caller can fall back to the path.</summary>
    public static SafeFileHandle? OpenPtyPeer(SafeHandle master, int flags)
    {
        int fd = ioctl_int(master, TIOCGPTPEER, flags | O_CLOEXEC);
        if (fd >= 0)
            return new SafeFileHandle(fd, ownsHandle: true);
        int errno = Marshal.GetLastPInvokeError();
        if (errno is ENOTTY or Errno.EINVAL)
            return null;
        throw new SyscallException("ioctl(TIOCGPTPEER)", errno);
    }

    /// <summary>TIOCSWINSZ: sets the terminal's rows and columns (the pixel sizes stay 0).</summary>
    public static unsafe void SetWindowSize(SafeHandle tty, ushort rows, ushort columns)
    {
        var size = new WinSize { ws_row = rows, ws_col = columns };
        if (ioctl_ptr(tty, TIOCSWINSZ, &size) != 0)
            throw SyscallException.FromLastError("ioctl(TIOCSWINSZ)");
    }

    /// <summary>TIOCGWINSZ: the terminal's rows and columns.</summary>
    public static unsafe (ushort Rows, ushort Columns) GetWindowSize(SafeHandle tty)
    {
        WinSize size;
        if (ioctl_ptr(tty, TIOCGWINSZ, &size) != 0)
            throw SyscallException.FromLastError("ioctl(TIOCGWINSZ)");
        return (size.ws_row, size.ws_col);
    }

    /// <summary>TIOCSCTTY 0: makes the tty the controlling terminal of our session (we must lead it, and it must
    /// not be another session's).</summary>
    public static void SetControllingTerminal(SafeHandle tty)
    {
        if (ioctl_int(tty, TIOCSCTTY, 0) != 0)
            throw SyscallException.FromLastError("ioctl(TIOCSCTTY)");
    }

    /// <summary>setsid(2). Succeeds without change when we already lead our own session (setsid then fails with
    /// EPERM, as it does for any process group leader).</summary>
    public static void Setsid()
    {
        if (setsid() >= 0)
            return;
        int errno = Marshal.GetLastPInvokeError();
        if (errno == Errno.EPERM && getsid(0) == Environment.ProcessId)
            return;
        throw new SyscallException("setsid", errno);
    }
}

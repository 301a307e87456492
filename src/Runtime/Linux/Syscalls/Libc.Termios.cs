using System.Runtime.InteropServices;

namespace OciRuntime.Linux.Syscalls;

internal static partial class Libc
{
    private const int TCSANOW = 0;
    /// <summary>sizeof(struct termios) is 60 with glibc on Linux; a larger buffer is harmless.</summary>
    public const int TermiosSize = 64;

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static unsafe partial int tcgetattr(SafeHandle fd, byte* termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static unsafe partial int tcsetattr(SafeHandle fd, int action, byte* termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    private static unsafe partial void cfmakeraw(byte* termios);

    [LibraryImport("libc", EntryPoint = "isatty")]
    public static partial int isatty(int fd);

    /// <summary>The terminal's current settings, or null when <paramref name="fd"/> is not a terminal.</summary>
    public static unsafe byte[]? GetTermios(SafeHandle fd)
    {
        var saved = new byte[TermiosSize];
        fixed (byte* p = saved)
            return tcgetattr(fd, p) == 0 ? saved : null;
    }

    public static unsafe void SetTermios(SafeHandle fd, byte[] termios)
    {
        fixed (byte* p = termios)
            if (tcsetattr(fd, TCSANOW, p) != 0)
                throw SyscallException.FromLastError("tcsetattr");
    }

    /// <summary>cfmakeraw(3) applied to a copy of <paramref name="termios"/>.</summary>
    public static unsafe byte[] MakeRaw(byte[] termios)
    {
        var raw = (byte[])termios.Clone();
        fixed (byte* p = raw)
            cfmakeraw(p);
        return raw;
    }
}

using System.Runtime.InteropServices;

namespace OciRuntime.Linux.Syscalls;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint geteuid();

    [LibraryImport("libc", EntryPoint = "getegid")]
    public static partial uint getegid();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    /// <summary>kill(2). Returns false when the process no longer exists (ESRCH), which callers treat as "already gone".</summary>
    public static bool Kill(int pid, int signal)
    {
        if (kill(pid, signal) == 0)
            return true;
        int errno = Marshal.GetLastPInvokeError();
        if (errno == Errno.ESRCH)
            return false;
        throw new SyscallException("kill", errno, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

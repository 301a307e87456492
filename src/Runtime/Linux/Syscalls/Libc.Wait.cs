using System.Runtime.InteropServices;

namespace OciRuntime.Linux.Syscalls;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static unsafe partial int waitpid(int pid, int* status, int options);

    /// <summary>waitpid(2) for one child, retried on EINTR. Returns the raw wait status.</summary>
    public static unsafe int WaitPid(int pid)
    {
        int status;
        while (waitpid(pid, &status, 0) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
                throw new SyscallException("waitpid", errno, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return status;
    }

    /// <summary>The shell's convention for a wait status: the exit code, or 128 + the signal that ended it.</summary>
    public static int ExitCode(int waitStatus)
    {
        int signal = waitStatus & 0x7f;
        return signal == 0 ? (waitStatus >> 8) & 0xff : 128 + signal;
    }
}

internal static partial class Libc
{
    public const int WNOHANG = 1;

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static unsafe partial int waitpid_nohang(int pid, int* status, int options);

    /// <summary>waitpid(WNOHANG): the raw status if the child has ended, else null.</summary>
    public static unsafe int? TryWaitPid(int pid)
    {
        int status;
        while (true)
        {
            int result = waitpid_nohang(pid, &status, WNOHANG);
            if (result == pid)
                return status;
            if (result == 0)
                return null;
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
                throw new SyscallException("waitpid", errno, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

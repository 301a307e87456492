using System.Runtime.InteropServices;

namespace OciRuntime.Linux.Syscalls;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "dup3", SetLastError = true)]
    private static partial int dup3(SafeHandle oldFd, int newFd, int flags);

    /// <summary>dup3(2) without O_CLOEXEC: <paramref name="newFd"/> (a stdio fd) becomes a copy of
    /// <paramref name="oldFd"/> that survives execve.</summary>
    public static void Dup3(SafeHandle oldFd, int newFd, string what)
    {
        while (dup3(oldFd, newFd, 0) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is not (Errno.EINTR or Errno.EBUSY))
                throw new SyscallException("dup3", errno, what);
        }
    }
}

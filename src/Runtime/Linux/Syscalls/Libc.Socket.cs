using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OciRuntime.Linux.Syscalls;

internal static partial class Libc
{
    private const int AF_UNIX = 1;
    private const int SOCK_STREAM = 1;
    private const int SOCK_CLOEXEC = 0x80000;

    [LibraryImport("libc", EntryPoint = "socketpair", SetLastError = true)]
    private static unsafe partial int socketpair(int domain, int type, int protocol, int* fds);

    /// <summary>An AF_UNIX stream socketpair, both ends close-on-exec (an end meant for a child is dup'ed into it).</summary>
    public static unsafe (SafeFileHandle, SafeFileHandle) SocketPair()
    {
        int* fds = stackalloc int[2];
        if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
            throw SyscallException.FromLastError("socketpair");
        return (new SafeFileHandle(fds[0], ownsHandle: true), new SafeFileHandle(fds[1], ownsHandle: true));
    }
}

using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OciRuntime.Linux.Syscalls;

internal static partial class Libc
{
    public const uint MFD_CLOEXEC = 1;
    public const uint MFD_ALLOW_SEALING = 2;
    public const uint MFD_EXEC = 0x10;
    public const int F_DUPFD_CLOEXEC = 1030;
    public const int F_ADD_SEALS = 1033;
    public const int F_GET_SEALS = 1034;
    public const int F_SEAL_SEAL = 1;
    public const int F_SEAL_SHRINK = 2;
    public const int F_SEAL_GROW = 4;
    public const int F_SEAL_WRITE = 8;
    public const int F_SEAL_EXEC = 0x20;

    [LibraryImport("libc", EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int memfd_create(string name, uint flags);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int fcntl(SafeHandle fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    private static partial nint sendfile(SafeHandle outFd, SafeHandle inFd, nint offset, nuint count);

    public static SafeFileHandle MemfdCreate(string name, uint flags)
    {
        int fd = memfd_create(name, flags);
        if (fd < 0)
            throw SyscallException.FromLastError("memfd_create", name);
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>fcntl(2) with an int argument; returns the call's result.</summary>
    public static int Fcntl(SafeHandle fd, int command, int argument, string what)
    {
        int result = fcntl(fd, command, argument);
        if (result < 0)
            throw SyscallException.FromLastError("fcntl", what);
        return result;
    }

    /// <summary>sendfile(2) from the current offsets until the source ends: an in-kernel copy.</summary>
    public static void SendfileAll(SafeHandle to, SafeHandle from, string what)
    {
        while (true)
        {
            nint n = sendfile(to, from, 0, 1 << 30);
            if (n == 0)
                return;
            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                    throw new SyscallException("sendfile", errno, what);
            }
        }
    }
}

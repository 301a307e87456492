using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OciRuntime.Linux.Syscalls;

/// <summary>File-level calls the BCL does not offer with the semantics the runtime needs (blocking flock, O_PATH).</summary>
internal static partial class Libc
{
    public const int LOCK_SH = 1;
    public const int LOCK_EX = 2;
    public const int LOCK_UN = 8;

    public const int O_RDONLY = 0;
    public const int O_DIRECTORY = 0x10000;
    public const int O_CLOEXEC = 0x80000;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int flock(SafeFileHandle fd, int operation);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial SafeFileHandle open(string path, int flags, int mode);

    /// <summary>open(2); the fd comes back owned by a SafeFileHandle.</summary>
    public static SafeFileHandle Open(string path, int flags, int mode = 0)
    {
        while (true)
        {
            var handle = open(path, flags | O_CLOEXEC, mode);
            if (!handle.IsInvalid)
                return handle;
            int errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            if (errno != Errno.EINTR)
                throw new SyscallException("open", errno, path);
        }
    }

    /// <summary>flock(2), retried when a signal interrupts the wait.</summary>
    public static void Flock(SafeFileHandle fd, int operation, string path)
    {
        while (flock(fd, operation) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
                throw new SyscallException("flock", errno, path);
        }
    }
}

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mkdir(string path, uint mode);

    /// <summary>mkdir(2). Returns false when the path already exists; that is the atomic "claim" callers rely on.</summary>
    public static bool MkdirIfAbsent(string path, uint mode)
    {
        if (mkdir(path, mode) == 0)
            return true;
        int errno = Marshal.GetLastPInvokeError();
        if (errno == Errno.EEXIST)
            return false;
        throw new SyscallException("mkdir", errno, path);
    }
}

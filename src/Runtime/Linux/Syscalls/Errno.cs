using System.Runtime.InteropServices;

namespace OciRuntime.Linux.Syscalls;

/// <summary>The errno values the runtime branches on, and their strerror text.</summary>
internal static partial class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EACCES = 13;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int ENOTDIR = 20;
    public const int EINVAL = 22;
    public const int ENOSYS = 38;
    public const int ELOOP = 40;

    [LibraryImport("libc", EntryPoint = "strerror")]
    private static partial nint strerror(int errnum);

    /// <summary>strerror(3): "Operation not permitted" for EPERM.</summary>
    public static string Describe(int errno) =>
        Marshal.PtrToStringUTF8(strerror(errno)) ?? $"errno {errno}";
}

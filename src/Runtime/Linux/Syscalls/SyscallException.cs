using System.Runtime.InteropServices;

namespace OciRuntime.Linux.Syscalls;

/// <summary>A failed system call: the call's name, the errno and, where there is one, the path it was about.
/// The message reads like the kernel's own tools: "mount /proc: Operation not permitted".</summary>
internal sealed class SyscallException : IOException
{
    public SyscallException(string call, int errno, string? path = null)
        : base(Format(call, errno, path))
    {
        Call = call;
        Errno = errno;
        Path = path;
        HResult = errno;
    }

    public string Call { get; }
    public int Errno { get; }
    public string? Path { get; }

    /// <summary>Builds the exception from the errno the last P/Invoke (SetLastError = true) left behind.</summary>
    public static SyscallException FromLastError(string call, string? path = null) =>
        new(call, Marshal.GetLastPInvokeError(), path);

    private static string Format(string call, int errno, string? path) =>
        path is null ? $"{call}: {Syscalls.Errno.Describe(errno)}" : $"{call} {path}: {Syscalls.Errno.Describe(errno)}";
}

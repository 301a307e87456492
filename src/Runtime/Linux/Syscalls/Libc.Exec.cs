using System.Runtime.InteropServices;

using OciRuntime.Linux;

namespace OciRuntime.Linux.Syscalls;

internal static partial class Libc
{
    private const uint CLOSE_RANGE_CLOEXEC = 4;

    [LibraryImport("libc", EntryPoint = "execve", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int execve(string path, byte** argv, byte** envp);

    [LibraryImport("libc", EntryPoint = "close_range", SetLastError = true)]
    private static partial int close_range(uint first, uint last, uint flags);

    /// <summary>execve(2): only returns by throwing.</summary>
    public static unsafe void Execve(string path, IReadOnlyList<string> argv, IReadOnlyList<string> env)
    {
        using var args = new NativeStringArray(argv);
        using var environment = new NativeStringArray(env);
        execve(path, args.Pointer, environment.Pointer);
        throw SyscallException.FromLastError("exec", path);
    }

    /// <summary>Marks every fd from <paramref name="first"/> up close-on-exec: they vanish at execve, while the
    /// runtime may still use them until then (the sync socket reports errors up to the last moment).</summary>
    public static void CloseOnExecFrom(int first)
    {
        if (close_range((uint)first, uint.MaxValue, CLOSE_RANGE_CLOEXEC) != 0)
            throw SyscallException.FromLastError("close_range");
    }
}

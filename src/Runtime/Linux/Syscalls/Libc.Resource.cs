using System.Runtime.InteropServices;

namespace OciRuntime.Linux.Syscalls;

/// <summary>prlimit(2): reads or sets a resource limit of this process (pid 0) or of another one. Limits are per
/// process; the new limits survive execve.</summary>
internal static partial class Libc
{
    public const ulong RLIM_INFINITY = ulong.MaxValue;

    [StructLayout(LayoutKind.Sequential)]
    private struct rlimit64
    {
        public ulong rlim_cur;
        public ulong rlim_max;
    }

    [LibraryImport("libc", EntryPoint = "prlimit64", SetLastError = true)]
    private static unsafe partial int prlimit64(int pid, int resource, rlimit64* newLimit, rlimit64* oldLimit);

    /// <summary>The (soft, hard) limit of a resource of process <paramref name="pid"/> (0: this process).</summary>
    public static unsafe (ulong Soft, ulong Hard) GetRlimit(int pid, int resource, string name)
    {
        rlimit64 old;
        if (prlimit64(pid, resource, null, &old) != 0)
            throw SyscallException.FromLastError("prlimit", name);
        return (old.rlim_cur, old.rlim_max);
    }

    /// <summary>Sets both limits. Raising the hard limit needs CAP_SYS_RESOURCE in the initial user namespace
    /// (setrlimit(2)); acting on another process needs the same credentials or CAP_SYS_RESOURCE over it.</summary>
    public static unsafe void SetRlimit(int pid, int resource, ulong soft, ulong hard, string name)
    {
        var limit = new rlimit64 { rlim_cur = soft, rlim_max = hard };
        if (prlimit64(pid, resource, &limit, null) != 0)
            throw SyscallException.FromLastError("prlimit", name);
    }
}

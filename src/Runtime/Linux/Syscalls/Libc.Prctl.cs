using System.Globalization;
using System.Runtime.InteropServices;

namespace OciRuntime.Linux.Syscalls;

/// <summary>prctl(2) operations the container process set-up uses, and personality(2). Every one of them acts on the
/// calling thread (keep-caps, the bounding and ambient sets, no_new_privs, the parent-death signal, the persona), so
/// the init calls them on the thread that later calls execve.</summary>
internal static partial class Libc
{
    public const int PR_SET_PDEATHSIG = 1;
    public const int PR_GET_PDEATHSIG = 2;
    public const int PR_SET_KEEPCAPS = 8;
    public const int PR_CAPBSET_READ = 23;
    public const int PR_CAPBSET_DROP = 24;
    public const int PR_SET_NO_NEW_PRIVS = 38;
    public const int PR_CAP_AMBIENT = 47;
    public const int PR_CAP_AMBIENT_RAISE = 2;
    public const int PR_CAP_AMBIENT_CLEAR_ALL = 4;

    // glibc declares prctl variadic; its five integer-sized arguments travel in the same registers either way.
    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", EntryPoint = "personality", SetLastError = true)]
    private static partial int personality(nuint persona);

    /// <summary>prctl(PR_SET_NO_NEW_PRIVS, 1): execve can no longer grant privileges (setuid bits, file capabilities);
    /// it cannot be undone and is inherited (prctl(2), Documentation/userspace-api/no_new_privs.rst).</summary>
    public static void SetNoNewPrivs()
    {
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
            throw SyscallException.FromLastError("prctl(PR_SET_NO_NEW_PRIVS)");
    }

    /// <summary>prctl(PR_SET_KEEPCAPS): with it set, a switch from uid 0 to non-zero uids keeps the permitted set
    /// (capabilities(7), "Effect of user ID changes on capabilities"). execve always clears it.</summary>
    public static void SetKeepCaps(bool keep)
    {
        if (prctl(PR_SET_KEEPCAPS, keep ? 1u : 0u, 0, 0, 0) != 0)
            throw SyscallException.FromLastError("prctl(PR_SET_KEEPCAPS)");
    }

    /// <summary>prctl(PR_CAPBSET_READ): whether the capability is in the bounding set, or null when the kernel does
    /// not know the capability (EINVAL).</summary>
    public static bool? CapBsetRead(int capability)
    {
        int result = prctl(PR_CAPBSET_READ, (nuint)capability, 0, 0, 0);
        if (result >= 0)
            return result == 1;
        int errno = Marshal.GetLastPInvokeError();
        if (errno == Errno.EINVAL)
            return null;
        throw new SyscallException("prctl(PR_CAPBSET_READ)", errno, capability.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>prctl(PR_CAPBSET_DROP): needs CAP_SETPCAP in the effective set.</summary>
    public static void CapBsetDrop(int capability, string name)
    {
        if (prctl(PR_CAPBSET_DROP, (nuint)capability, 0, 0, 0) != 0)
            throw SyscallException.FromLastError("prctl(PR_CAPBSET_DROP)", name);
    }

    /// <summary>prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL). Returns false on kernels without ambient
    /// capabilities (before 4.3: EINVAL).</summary>
    public static bool AmbientClearAll()
    {
        if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) == 0)
            return true;
        int errno = Marshal.GetLastPInvokeError();
        if (errno == Errno.EINVAL)
            return false;
        throw new SyscallException("prctl(PR_CAP_AMBIENT_CLEAR_ALL)", errno);
    }

    /// <summary>prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE): EPERM unless the capability is both permitted and
    /// inheritable, or when SECBIT_NO_CAP_AMBIENT_RAISE is set.</summary>
    public static void AmbientRaise(int capability, string name)
    {
        if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, (nuint)capability, 0, 0) != 0)
            throw SyscallException.FromLastError("prctl(PR_CAP_AMBIENT_RAISE)", name);
    }

    /// <summary>prctl(PR_GET_PDEATHSIG): the signal sent when the parent dies, 0 for none.</summary>
    public static unsafe int GetPdeathSig()
    {
        int signal = 0;
        if (prctl(PR_GET_PDEATHSIG, (nuint)(&signal), 0, 0, 0) != 0)
            throw SyscallException.FromLastError("prctl(PR_GET_PDEATHSIG)");
        return signal;
    }

    /// <summary>prctl(PR_SET_PDEATHSIG). The kernel clears it on any change of the credentials (prctl(2)), so it is
    /// set again after the uid switch.</summary>
    public static void SetPdeathSig(int signal)
    {
        if (prctl(PR_SET_PDEATHSIG, (nuint)signal, 0, 0, 0) != 0)
            throw SyscallException.FromLastError("prctl(PR_SET_PDEATHSIG)", signal.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>personality(2): sets the execution domain (PER_LINUX, PER_LINUX32 ...) of the calling thread; the
    /// new program inherits it across execve.</summary>
    public static void Personality(ulong persona, string name)
    {
        if (personality((nuint)persona) == -1)
            throw SyscallException.FromLastError("personality", name);
    }
}

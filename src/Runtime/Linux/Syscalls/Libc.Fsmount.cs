using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OciRuntime.Linux.Syscalls;

/// <summary>The new mount API's filesystem-context calls: fsopen(2), fsconfig(2), fsmount(2). fsmount returns a
/// detached mount: it belongs to no mount namespace and lives only as long as fds refer to it, unless move_mount(2)
/// attaches it somewhere (nothing here does). They go through syscall(2): glibc added wrappers only in 2.36, and the
/// numbers are the same on every architecture.</summary>
internal static partial class Libc
{
    public const uint FSOPEN_CLOEXEC = 1;
    public const uint FSMOUNT_CLOEXEC = 1;
    private const uint FSCONFIG_SET_STRING = 1;
    private const uint FSCONFIG_CMD_CREATE = 6;

    private const nint SYS_fsopen = 430;
    private const nint SYS_fsconfig = 431;
    private const nint SYS_fsmount = 432;

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static unsafe partial nint syscall_fsopen(nint number, byte* fsName, uint flags);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static unsafe partial nint syscall_fsconfig(nint number, SafeHandle fsfd, uint command, byte* key, byte* value, int aux);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial nint syscall_fsmount(nint number, SafeHandle fsfd, uint flags, ulong attrFlags);

    /// <summary>fsopen(2): a filesystem context for <paramref name="fsName"/>, close-on-exec.</summary>
    public static unsafe SafeFileHandle Fsopen(string fsName)
    {
        fixed (byte* name = Utf8z(fsName))
        {
            nint fd = syscall_fsopen(SYS_fsopen, name, FSOPEN_CLOEXEC);
            if (fd < 0)
                throw SyscallException.FromLastError("fsopen", fsName);
            return new SafeFileHandle(fd, ownsHandle: true);
        }
    }

    /// <summary>fsconfig(2) FSCONFIG_SET_STRING: one key=value mount option.</summary>
    public static unsafe void FsconfigSetString(SafeFileHandle fsfd, string key, string value)
    {
        fixed (byte* k = Utf8z(key))
        fixed (byte* v = Utf8z(value))
        {
            if (syscall_fsconfig(SYS_fsconfig, fsfd, FSCONFIG_SET_STRING, k, v, 0) != 0)
                throw SyscallException.FromLastError("fsconfig", $"{key}={value}");
        }
    }

    /// <summary>fsconfig(2) FSCONFIG_CMD_CREATE: makes the superblock from the options set.</summary>
    public static unsafe void FsconfigCreate(SafeFileHandle fsfd, string what)
    {
        if (syscall_fsconfig(SYS_fsconfig, fsfd, FSCONFIG_CMD_CREATE, null, null, 0) != 0)
            throw SyscallException.FromLastError("fsconfig create", what);
    }

    /// <summary>fsmount(2): a detached mount of the context's superblock with MOUNT_ATTR_* <paramref name="attrFlags"/>,
    /// close-on-exec. Its fd is the mount's root directory.</summary>
    public static SafeFileHandle Fsmount(SafeFileHandle fsfd, ulong attrFlags, string what)
    {
        nint fd = syscall_fsmount(SYS_fsmount, fsfd, FSMOUNT_CLOEXEC, attrFlags);
        if (fd < 0)
            throw SyscallException.FromLastError("fsmount", what);
        return new SafeFileHandle(fd, ownsHandle: true);
    }
}

using System.Runtime.InteropServices;

namespace OciRuntime.Linux.Syscalls;

/// <summary>capget(2)/capset(2) with the version 3 header: two 32-bit words per set, so capabilities 0..63. Both act
/// on the calling thread only (capset(2): "pid" 0 is the caller); the init calls them on the thread that execs.</summary>
internal static partial class Libc
{
    private const uint _LINUX_CAPABILITY_VERSION_3 = 0x20080522;

    [StructLayout(LayoutKind.Sequential)]
    private struct cap_user_header
    {
        public uint version;
        public int pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct cap_user_data
    {
        public uint effective;
        public uint permitted;
        public uint inheritable;
    }

    [LibraryImport("libc", EntryPoint = "capget", SetLastError = true)]
    private static unsafe partial int capget(cap_user_header* header, cap_user_data* data);

    [LibraryImport("libc", EntryPoint = "capset", SetLastError = true)]
    private static unsafe partial int capset(cap_user_header* header, cap_user_data* data);

    /// <summary>capget(2) of the calling thread: its effective, permitted and inheritable sets as 64-bit masks.</summary>
    public static unsafe (ulong Effective, ulong Permitted, ulong Inheritable) CapGet()
    {
        var header = new cap_user_header { version = _LINUX_CAPABILITY_VERSION_3, pid = 0 };
        cap_user_data* data = stackalloc cap_user_data[2];
        if (capget(&header, data) != 0)
            throw SyscallException.FromLastError("capget");
        return (CapMask(data[0].effective, data[1].effective), CapMask(data[0].permitted, data[1].permitted),
            CapMask(data[0].inheritable, data[1].inheritable));
    }

    /// <summary>capset(2) of the calling thread. The kernel refuses (EPERM) an effective set that is not a subset of
    /// the new permitted set, a permitted set that grows, or an inheritable set outside permitted | bounding.</summary>
    public static unsafe void CapSet(ulong effective, ulong permitted, ulong inheritable)
    {
        var header = new cap_user_header { version = _LINUX_CAPABILITY_VERSION_3, pid = 0 };
        cap_user_data* data = stackalloc cap_user_data[2];
        data[0] = new cap_user_data { effective = (uint)effective, permitted = (uint)permitted, inheritable = (uint)inheritable };
        data[1] = new cap_user_data
        {
            effective = (uint)(effective >> 32), permitted = (uint)(permitted >> 32), inheritable = (uint)(inheritable >> 32),
        };
        if (capset(&header, data) != 0)
            throw SyscallException.FromLastError("capset");
    }

    private static ulong CapMask(uint low, uint high) => low | (ulong)high << 32;
}

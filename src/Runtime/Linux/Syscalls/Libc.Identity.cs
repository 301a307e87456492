using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace OciRuntime.Linux.Syscalls;

/// <summary>What the container process is: its user and groups, its umask and working directory, and the UTS names of
/// its namespace. glibc runs setgroups/setresgid/setresuid on every thread of the process (nptl's setxid broadcast), as
/// POSIX requires, so a multi-threaded .NET process changes identity as a whole.</summary>
internal static partial class Libc
{
    // The raw imports live in a nested class: other files of this partial class add calls of their own in parallel,
    // and kernel names such as chdir or umask must not collide.
    private static partial class IdentityCalls
    {
        [LibraryImport("libc", EntryPoint = "setgroups", SetLastError = true)]
        public static unsafe partial int setgroups(nuint size, uint* list);

        [LibraryImport("libc", EntryPoint = "setresgid", SetLastError = true)]
        public static partial int setresgid(uint rgid, uint egid, uint sgid);

        [LibraryImport("libc", EntryPoint = "setresuid", SetLastError = true)]
        public static partial int setresuid(uint ruid, uint euid, uint suid);

        [LibraryImport("libc", EntryPoint = "umask")]
        public static partial uint umask(uint mask);

        [LibraryImport("libc", EntryPoint = "chdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int chdir(string path);

        [LibraryImport("libc", EntryPoint = "sethostname", SetLastError = true)]
        public static unsafe partial int sethostname(byte* name, nuint length);

        [LibraryImport("libc", EntryPoint = "setdomainname", SetLastError = true)]
        public static unsafe partial int setdomainname(byte* name, nuint length);
    }

    /// <summary>setgroups(2): replaces the supplementary group list (an empty list clears it). EPERM without
    /// CAP_SETGID, and in a user namespace whose /proc/PID/setgroups says "deny" (user_namespaces(7)).</summary>
    public static unsafe void SetGroups(IReadOnlyList<uint> groups)
    {
        uint[] list = [.. groups];
        fixed (uint* p = list)
        {
            if (IdentityCalls.setgroups((nuint)list.Length, p) != 0)
                throw SyscallException.FromLastError("setgroups", string.Join(',', list));
        }
    }

    /// <summary>setresgid(2) with the real, effective and saved ids all set to <paramref name="gid"/>.</summary>
    public static void SetResGid(uint gid)
    {
        if (IdentityCalls.setresgid(gid, gid, gid) != 0)
            throw SyscallException.FromLastError("setresgid", gid.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>setresuid(2) with the real, effective and saved ids all set to <paramref name="uid"/>. Leaving uid 0
    /// clears the effective set, and the permitted set too unless keep-caps is on (capabilities(7)).</summary>
    public static void SetResUid(uint uid)
    {
        if (IdentityCalls.setresuid(uid, uid, uid) != 0)
            throw SyscallException.FromLastError("setresuid", uid.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>umask(2); never fails, returns the previous mask. The mask is shared by all threads.</summary>
    public static uint Umask(uint mask) => IdentityCalls.umask(mask);

    /// <summary>chdir(2).</summary>
    public static void ChangeDirectory(string path)
    {
        if (IdentityCalls.chdir(path) != 0)
            throw SyscallException.FromLastError("chdir", path);
    }

    /// <summary>sethostname(2) in the calling process's UTS namespace (needs CAP_SYS_ADMIN over it).</summary>
    public static unsafe void SetHostname(string name)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(name);
        fixed (byte* p = bytes)
        {
            if (IdentityCalls.sethostname(p, (nuint)bytes.Length) != 0)
                throw SyscallException.FromLastError("sethostname", name);
        }
    }

    /// <summary>setdomainname(2) (the NIS domain name) in the calling process's UTS namespace.</summary>
    public static unsafe void SetDomainname(string name)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(name);
        fixed (byte* p = bytes)
        {
            if (IdentityCalls.setdomainname(p, (nuint)bytes.Length) != 0)
                throw SyscallException.FromLastError("setdomainname", name);
        }
    }
}

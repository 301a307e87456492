using System.Globalization;
using Microsoft.Win32.SafeHandles;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Logging;
using OciRuntime.Oci;

namespace OciRuntime.Linux;

/// <summary>
/// Becoming <c>process.user</c>, as runc's setupUser does (libcontainer/init_linux.go): check that the ids are mapped,
/// hand the stdio over to the user, then supplementary groups, gid, uid, in that order (setgroups and setresgid need
/// CAP_SETGID, which leaving uid 0 takes away). Keeping the capabilities across the switch is the caller's part
/// (<see cref="ProcessAttributes"/>: PR_SET_KEEPCAPS around this call).
/// </summary>
internal static class ProcessIdentity
{
    private const int EROFS = 30;

    public static void Switch(User user)
    {
        EnsureMapped("/proc/self/uid_map", user.Uid, "cannot set uid to unmapped user in user namespace");
        EnsureMapped("/proc/self/gid_map", user.Gid, "cannot set gid to unmapped user in user namespace");
        FixStdioOwnership(user.Uid);
        SetSupplementaryGroups(user.AdditionalGids ?? []);
        Libc.SetResGid(user.Gid);
        Libc.SetResUid(user.Uid);
    }

    /// <summary>Whether an id map (the text of /proc/PID/uid_map: "inside outside count" lines, user_namespaces(7))
    /// maps <paramref name="id"/> of the namespace.</summary>
    public static bool IsMapped(string map, uint id)
    {
        foreach (string line in map.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 3
                && ulong.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out ulong first)
                && ulong.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out ulong count)
                && id >= first && id - first < count)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether setgroups(2) is allowed: /proc/self/setgroups says "deny" in a user namespace whose gid map
    /// was written by an unprivileged process (user_namespaces(7)); a kernel or /proc without the file allows it.</summary>
    public static bool SetgroupsAllowed(string? setgroupsFileText) => setgroupsFileText?.Trim() != "deny";

    /// <summary>The home directory of a uid in /etc/passwd text ("name:x:uid:gid:gecos:home:shell"), or null.</summary>
    public static string? ParseHome(string passwd, uint uid)
    {
        string id = uid.ToString(CultureInfo.InvariantCulture);
        foreach (string line in passwd.Split('\n'))
        {
            string[] fields = line.Split(':');
            if (fields.Length >= 6 && fields[2] == id)
                return fields[5];
        }
        return null;
    }

    /// <summary>HOME for the process when its env has none: the user's entry in the container's /etc/passwd (read
    /// after pivot_root), else "/", as runc does.</summary>
    public static string HomeOf(uint uid, string passwdPath = "/etc/passwd")
    {
        try
        {
            return ParseHome(File.ReadAllText(passwdPath), uid) is { Length: > 0 } home ? home : "/";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "/";
        }
    }

    // setresuid to an unmapped id fails with EINVAL; say why instead (runc checks its configured maps the same way).
    private static void EnsureMapped(string mapPath, uint id, string message)
    {
        string map;
        try
        {
            map = File.ReadAllText(mapPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // no /proc: let the kernel decide
        }
        if (!IsMapped(map, id))
            throw new ProcessAttributeException(message);
    }

    // The stdio fds were opened outside the container (pipes, the pty's slave); without this a non-root user could not
    // use its own console. Only the owner changes: the gid may be the mount's tty group. /dev/null is left alone, and
    // so is any fd the kernel will not let us chown (unmapped owner, read-only /dev), as runc's fixStdioPermissions does.
    private static void FixStdioOwnership(uint uid)
    {
        FileStatus devNull = Libc.Stat("/dev/null");
        for (int fd = 0; fd <= 2; fd++)
        {
            if (Libc.FstatFd(fd) is not FileStatus stdio) // not open
                continue;
            if (stdio.Uid == uid || (stdio.RdevMajor, stdio.RdevMinor) == (devNull.RdevMajor, devNull.RdevMinor))
                continue;
            try
            {
                using var handle = new SafeFileHandle(fd, ownsHandle: false);
                Libc.Fchown(handle, uid, stdio.Gid, $"fd {fd}");
            }
            catch (SyscallException e) when (e.Errno is Errno.EINVAL or Errno.EPERM or EROFS)
            {
            }
        }
    }

    // Always called when allowed, even with an empty list: the init must not keep the host's supplementary groups.
    private static void SetSupplementaryGroups(IReadOnlyList<uint> groups)
    {
        string? setgroups;
        try
        {
            setgroups = File.ReadAllText("/proc/self/setgroups");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            setgroups = null;
        }
        if (SetgroupsAllowed(setgroups))
        {
            Libc.SetGroups(groups);
            return;
        }
        // runc skips the call the same way: there is nothing to clear, and the kernel refuses any list.
        if (groups.Count > 0)
            Log.Warn("ignoring process.user.additionalGids: setgroups is denied in this user namespace");
    }
}

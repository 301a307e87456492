using static OciRuntime.Linux.Syscalls.MountFlags;

namespace OciRuntime.Tests.Rootfs;

/// <summary>Formats MS_* flags the way strace prints them, so expected plans read like runc's syscalls.</summary>
internal static class MountFlagNames
{
    private static readonly (ulong Flag, string Name)[] Names =
    [
        (MS_RDONLY, "MS_RDONLY"), (MS_NOSUID, "MS_NOSUID"), (MS_NODEV, "MS_NODEV"), (MS_NOEXEC, "MS_NOEXEC"),
        (MS_SYNCHRONOUS, "MS_SYNCHRONOUS"), (MS_REMOUNT, "MS_REMOUNT"), (MS_MANDLOCK, "MS_MANDLOCK"),
        (MS_DIRSYNC, "MS_DIRSYNC"), (MS_NOSYMFOLLOW, "MS_NOSYMFOLLOW"), (MS_NOATIME, "MS_NOATIME"),
        (MS_NODIRATIME, "MS_NODIRATIME"), (MS_BIND, "MS_BIND"), (MS_MOVE, "MS_MOVE"), (MS_REC, "MS_REC"),
        (MS_SILENT, "MS_SILENT"), (MS_UNBINDABLE, "MS_UNBINDABLE"), (MS_PRIVATE, "MS_PRIVATE"),
        (MS_SLAVE, "MS_SLAVE"), (MS_SHARED, "MS_SHARED"), (MS_RELATIME, "MS_RELATIME"),
        (MS_I_VERSION, "MS_I_VERSION"), (MS_STRICTATIME, "MS_STRICTATIME"), (MS_LAZYTIME, "MS_LAZYTIME"),
    ];

    public static string Format(ulong flags)
    {
        if (flags == 0)
            return "0";
        var parts = Names.Where(n => (flags & n.Flag) != 0).Select(n => n.Name).ToList();
        ulong known = Names.Aggregate(0UL, (all, n) => all | n.Flag);
        if ((flags & ~known) != 0)
            parts.Add($"0x{flags & ~known:x}");
        return string.Join('|', parts);
    }
}

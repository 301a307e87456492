using OciRuntime.Linux.Syscalls;
using static OciRuntime.Linux.Syscalls.MountFlags;

namespace OciRuntime.Rootfs;

/// <summary>
/// linux.maskedPaths and linux.readonlyPaths, applied inside the container after pivot_root. /proc and /sys are
/// not namespaced: /proc/kcore, /proc/keys, /proc/timer_list, /sys/firmware and the like describe the host, and
/// /proc/sys, /proc/sysrq-trigger, /proc/irq write to it. Masking hides them, read-only stops the writes (runc
/// maskPath and readonlyPath; the default lists are containerd's and podman's). A path that does not exist on
/// this kernel is skipped.
/// </summary>
internal static class MaskedPaths
{
    /// <summary>A file is covered by /dev/null; a directory (ENOTDIR from that bind) by an empty read-only tmpfs.</summary>
    public static void Mask(string path)
    {
        try
        {
            Libc.Mount("/dev/null", path, null, MS_BIND);
        }
        catch (SyscallException e) when (e.Errno == Errno.ENOENT)
        {
        }
        catch (SyscallException e) when (e.Errno == Errno.ENOTDIR)
        {
            Libc.Mount("tmpfs", path, "tmpfs", MS_RDONLY);
        }
    }

    /// <summary>Binds the path onto itself (recursively) and remounts that bind read-only, keeping its nosuid,
    /// nodev and noexec (a remount that dropped them would fail in a user namespace).</summary>
    public static void MakeReadonly(string path)
    {
        try
        {
            Libc.Mount(path, path, null, MS_BIND | MS_REC);
        }
        catch (SyscallException e) when (e.Errno == Errno.ENOENT)
        {
            return;
        }
        ulong keep = StatfsFlags.ToMountFlags(Libc.Statfs(path).Flags) & (MS_NOSUID | MS_NODEV | MS_NOEXEC);
        Libc.Mount(path, path, null, keep | MS_BIND | MS_REMOUNT | MS_RDONLY);
    }

    /// <summary>Remounts a mount that was kept writable during setup (tmpfs, /dev) read-only. MS_REMOUNT|MS_BIND
    /// changes only the per-mount flags, which a user namespace may do; EBUSY is retried (runc remountReadonly).</summary>
    public static void RemountReadonly(string path, ulong flags)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                Libc.Mount(null, path, null, flags | MS_REMOUNT | MS_BIND | MS_RDONLY);
                return;
            }
            catch (SyscallException e) when (e.Errno == Errno.EBUSY && attempt < 4)
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>root.readonly: remount "/" read-only. In a user namespace "/" may carry locked flags, which the
    /// remount must repeat; statfs gives them (runc setReadonly).</summary>
    public static void MakeRootReadonly()
    {
        const ulong flags = MS_BIND | MS_REMOUNT | MS_RDONLY;
        try
        {
            Libc.Mount(null, "/", null, flags);
        }
        catch (SyscallException)
        {
            Libc.Mount(null, "/", null, flags | StatfsFlags.ToMountFlags(Libc.Statfs("/").Flags));
        }
    }
}

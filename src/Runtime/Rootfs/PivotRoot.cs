using Microsoft.Win32.SafeHandles;
using OciRuntime.Linux.Syscalls;
using static OciRuntime.Linux.Syscalls.MountFlags;

namespace OciRuntime.Rootfs;

/// <summary>Making the rootfs the process's "/": pivot_root(2), or for --no-pivot an MS_MOVE onto "/" and chroot.</summary>
internal static class PivotRoot
{
    /// <summary>
    /// pivot_root(".", ".") from inside the new root stacks the old root on top of the new one, at the same place,
    /// so no directory has to be created in the rootfs for it (pivot_root(2) NOTES; the LXC trick runc and crun
    /// use). The old root is then made rslave, so the unmount cannot propagate to the host, and detached.
    /// </summary>
    public static void Pivot(string rootfs)
    {
        using SafeFileHandle oldRoot = Libc.Open("/", Libc.O_DIRECTORY | Libc.O_RDONLY);
        using SafeFileHandle newRoot = Libc.Open(rootfs, Libc.O_DIRECTORY | Libc.O_RDONLY);
        Libc.Fchdir(newRoot, rootfs);
        Libc.PivotRoot(".", ".");
        // "." is now the old root as the kernel works today; fchdir to it anyway rather than rely on that.
        Libc.Fchdir(oldRoot, "old root");
        Libc.Mount(null, ".", null, MS_SLAVE | MS_REC);
        Libc.Umount2(".", Libc.MNT_DETACH);
        Directory.SetCurrentDirectory("/");
    }

    /// <summary>
    /// --no-pivot: move the rootfs mount onto "/" and chroot into it. chroot leaves the host's mounts reachable in
    /// this mount namespace, and the kernel lets a container mount a new procfs or sysfs only where a full one is
    /// visible (mount_too_revealing); so the host's full proc and sysfs mounts are detached first, or covered
    /// with a tmpfs where detaching is refused (runc msMoveRoot).
    /// </summary>
    public static void MoveRoot(string rootfs)
    {
        foreach (MountInfo mount in MountInfo.ReadSelf())
        {
            if (mount.Root != "/" || mount.FsType is not ("proc" or "sysfs") || MountInfo.IsUnder(mount.MountPoint, rootfs))
                continue;
            try
            {
                // Slave first, so the unmount does not propagate to the host.
                Libc.Mount(null, mount.MountPoint, null, MS_SLAVE | MS_REC);
            }
            catch (SyscallException e) when (e.Errno == Errno.ENOENT)
            {
                continue; // a parent was detached already
            }
            try
            {
                Libc.Umount2(mount.MountPoint, Libc.MNT_DETACH);
            }
            catch (SyscallException e) when (e.Errno is Errno.EINVAL or Errno.EPERM)
            {
                Libc.Mount("tmpfs", mount.MountPoint, "tmpfs", 0);
            }
        }
        Libc.Mount(rootfs, "/", null, MS_MOVE);
        Libc.Chroot(".");
        Directory.SetCurrentDirectory("/");
    }

    /// <summary>stdio fds that are the host's /dev/null are reopened on the container's, so nothing the container
    /// runs holds a file of the host's mount tree (runc reOpenDevNull).</summary>
    public static void ReopenDevNull()
    {
        SafeFileHandle devNull;
        try
        {
            devNull = Libc.Open("/dev/null", Libc.O_RDWR);
        }
        catch (SyscallException e) when (e.Errno == Errno.ENOENT)
        {
            return;
        }
        using (devNull)
        {
            FileStatus devNullStatus = Libc.Fstat(devNull, "/dev/null");
            for (int fd = 0; fd < 3; fd++)
            {
                FileStatus? status = Libc.FstatFd(fd);
                if (status is { } s && s.Type == FileStatus.S_IFCHR && s.RdevMajor == devNullStatus.RdevMajor && s.RdevMinor == devNullStatus.RdevMinor)
                    Libc.Dup3(devNull, fd, $"fd {fd}");
            }
        }
    }
}

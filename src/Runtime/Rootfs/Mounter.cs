using Microsoft.Win32.SafeHandles;
using OciRuntime.Linux.Syscalls;
using static OciRuntime.Linux.Syscalls.MountFlags;

namespace OciRuntime.Rootfs;

/// <summary>
/// Applies <see cref="PlannedMount"/>s inside the container's root, before pivot_root. Every target is resolved
/// with <see cref="SafePath"/> to an fd and mounted through /proc/self/fd/N. A mount changes what a path resolves
/// to, so each later step (propagation, remount, mount_setattr) resolves the destination again (runc's
/// mountPropagate does the same with a second WithProcfd).
/// </summary>
internal sealed class Mounter(SafeFileHandle root, string rootReal, bool cgroupNamespace)
{
    // The only entries below /proc a mount may cover: files lxcfs emulates (runc checkProcMount).
    private static readonly HashSet<string> AllowedUnderProc = new(StringComparer.Ordinal)
    {
        "/proc/cpuinfo", "/proc/diskstats", "/proc/meminfo", "/proc/stat", "/proc/swaps", "/proc/uptime",
        "/proc/loadavg", "/proc/slabinfo", "/proc/net/dev", "/proc/sys/kernel/ns_last_pid",
        "/proc/sys/crypto/fips_enabled",
    };

    public void Apply(PlannedMount mount)
    {
        switch (mount.Kind)
        {
            case MountKind.Cgroup:
                MountCgroup(mount);
                break;
            case MountKind.Bind:
                MountBind(mount);
                break;
            default:
                MountFilesystem(mount);
                break;
        }
    }

    /// <summary>A mount over /proc or under it could hide the kernel's own files from the container's view of
    /// masked paths, or replace them (CVE-2019-19921: a volume mounted over /proc with symlinks to evade
    /// AppArmor); runc allows only a procfs on /proc and the lxcfs files below it.</summary>
    public static void CheckProcDestination(string inRoot, bool isProcfs)
    {
        if (!MountInfo.IsUnder(inRoot, "/proc"))
            return;
        if (inRoot == "/proc")
        {
            if (isProcfs)
                return;
            throw new RootfsException($"\"{inRoot}\" cannot be mounted because it is not of type proc");
        }
        if (!AllowedUnderProc.Contains(inRoot))
            throw new RootfsException($"\"{inRoot}\" cannot be mounted because it is inside /proc");
    }

    private void MountFilesystem(PlannedMount mount)
    {
        bool checkProc = !mount.RequiresOrdinaryDirectory;
        if (checkProc)
            CheckProcDestination(mount.Destination, isProcfs: false);

        // proc and sysfs must not land on a symlink: the last name is not followed and must be a directory.
        SafeFileHandle? existing = mount.RequiresOrdinaryDirectory ? null : SafePath.OpenIfExists(root, mount.Destination);
        using SafeFileHandle target = existing
            ?? SafePath.Resolve(root, mount.Destination, SafePath.Create.Directory, followLast: !mount.RequiresOrdinaryDirectory);
        FileStatus status = Libc.Fstat(target, mount.Destination);
        if (mount.RequiresOrdinaryDirectory && !status.IsDirectory)
            throw new RootfsException($"filesystem \"{mount.FsType}\" must be mounted on ordinary directory");
        if (checkProc)
            CheckProcDestination(SafePath.PathInRoot(rootReal, target), isProcfs: false);

        string? data = mount.Data;
        if (mount.KeepDirectoryMode && existing is not null && status.IsDirectory)
            data = $"mode={Convert.ToString(status.Permissions, 8).PadLeft(4, '0')}" + (data is null ? "" : "," + data);

        if (mount.CopyUp)
            TmpCopyUp.Mount(mount, target, data);
        else
            Libc.Mount(mount.Source, SafePath.ProcFdPath(target), mount.FsType, mount.Flags, data, mount.Destination);
        SetPropagation(mount);
    }

    private void MountBind(PlannedMount mount)
    {
        string source = mount.Source ?? "";
        // The source must exist (nothing to bind otherwise); a non-directory gets a file as its mountpoint.
        FileStatus sourceStatus = Libc.Stat(source);
        CheckProcDestination(mount.Destination, mount.Destination == "/proc" && IsProcfs(source));
        using (SafeFileHandle target = SafePath.Resolve(root, mount.Destination,
            sourceStatus.IsDirectory ? SafePath.Create.Directory : SafePath.Create.File))
        {
            string inRoot = SafePath.PathInRoot(rootReal, target);
            if (!sourceStatus.IsDirectory && inRoot == "/")
                throw new RootfsException("config tries to change rootfs to file: file bind mount over rootfs");
            if (inRoot != mount.Destination)
                CheckProcDestination(inRoot, inRoot == "/proc" && IsProcfs(source));
            Libc.Mount(source, SafePath.ProcFdPath(target), mount.FsType, mount.Flags, mount.Data, mount.Destination);
        }
        SetPropagation(mount);
        if (mount.BindRemountFlags is ulong remount)
            Remount(mount, remount);
        if (mount.RecursiveAttributes is var (set, clear))
        {
            using SafeFileHandle mounted = Reopen(mount.Destination);
            Libc.MountSetattr(SafePath.ProcFdPath(mounted), Libc.AT_RECURSIVE, set, clear, mount.Destination);
        }
    }

    /// <summary>The second call of a bind: MS_REMOUNT|MS_BIND with the requested flags. If it fails, the mount may
    /// carry flags locked by a user namespace: retry with the source's lockable flags kept, unless the options
    /// asked to clear one of them or for another atime mode, which cannot be honoured (runc, util-linux#2433).</summary>
    private void Remount(PlannedMount mount, ulong flags)
    {
        using SafeFileHandle mounted = Reopen(mount.Destination);
        string procFd = SafePath.ProcFdPath(mounted);
        try
        {
            Libc.Mount(null, procFd, null, flags, null, mount.Destination);
        }
        catch (SyscallException)
        {
            ulong sourceFlags = StatfsFlags.ToMountFlags(Libc.Statfs(mount.Source ?? procFd).Flags);
            if ((sourceFlags & mount.ClearedFlags & StatfsFlags.LockFlags) != 0)
                throw;
            ulong atime = mount.RequestedFlags & StatfsFlags.AtimeFlags;
            if (atime != 0 && atime != (sourceFlags & StatfsFlags.AtimeFlags))
                throw;
            Libc.Mount(null, procFd, null, flags | (sourceFlags & StatfsFlags.LockFlags), null, mount.Destination);
        }
    }

    private void MountCgroup(PlannedMount mount)
    {
        if (CgroupMounts.IsUnified())
        {
            try
            {
                MountFilesystem(CgroupMounts.PlanV2(mount));
            }
            catch (SyscallException e) when (e.Call == "mount" && e.Errno is Errno.EPERM or Errno.EBUSY)
            {
                MountBind(CgroupMounts.PlanV2Fallback(mount));
            }
            return;
        }

        CgroupLayout layout = CgroupMounts.PlanV1(mount, MountInfo.ReadSelf(), File.ReadAllText("/proc/self/cgroup"), cgroupNamespace);
        foreach (PlannedMount part in layout.Mounts)
            Apply(part);
        foreach (var (link, linkTarget) in layout.Symlinks)
        {
            using SafeFileHandle dir = SafePath.Resolve(root, Path.GetDirectoryName(link) ?? "/", SafePath.Create.Directory);
            Libc.SymlinkatIfAbsent(linkTarget, dir, Path.GetFileName(link), link);
        }
    }

    private void SetPropagation(PlannedMount mount)
    {
        if (mount.Propagation.Count == 0)
            return;
        using SafeFileHandle mounted = Reopen(mount.Destination);
        foreach (ulong flag in mount.Propagation)
            Libc.Mount(null, SafePath.ProcFdPath(mounted), null, flag, null, mount.Destination);
    }

    private SafeFileHandle Reopen(string destination) =>
        SafePath.OpenIfExists(root, destination) ?? throw new SyscallException("openat", Errno.ENOENT, destination);

    private static bool IsProcfs(string path)
    {
        try
        {
            return Libc.Statfs(path).Type == PROC_SUPER_MAGIC;
        }
        catch (SyscallException)
        {
            return false;
        }
    }
}

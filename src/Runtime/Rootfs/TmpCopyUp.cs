using Microsoft.Win32.SafeHandles;
using OciRuntime.Linux.Syscalls;
using static OciRuntime.Linux.Syscalls.MountFlags;

namespace OciRuntime.Rootfs;

/// <summary>
/// The "tmpcopyup" extension (runc, crun; podman sets it on --tmpfs mounts): the new tmpfs starts with a copy of
/// what the image had in that directory. The tmpfs is mounted in a scratch directory on the host, filled, then
/// moved over the destination with MS_MOVE, so the container never sees it half-filled. The scratch directory
/// is bind-mounted onto itself and made private first: MS_MOVE refuses to move a mount whose parent is shared
/// (mount(2) EINVAL), which / is when rootfsPropagation asks for it (runc prepareTmp, doTmpfsCopyUp).
/// </summary>
internal static class TmpCopyUp
{
    public static void Mount(PlannedMount mount, SafeFileHandle destination, string? data)
    {
        string top = MakeScratchDirectory();
        try
        {
            Libc.Mount(top, top, "bind", MS_BIND);
            Libc.Mount(null, top, null, MS_PRIVATE);
            string scratch = Path.Combine(top, "tmpfs");
            Libc.MkdirIfAbsent(scratch, 0x1C0 /* 0700 */);
            Libc.Mount(mount.Source, scratch, mount.FsType, mount.Flags, data);
            try
            {
                // The trailing "/" makes the enumeration go through the magic link to the directory itself.
                CopyTree(SafePath.ProcFdPath(destination) + "/", scratch);
                Libc.Mount(scratch, SafePath.ProcFdPath(destination), null, MS_MOVE, null, mount.Destination);
            }
            catch
            {
                TryUnmount(scratch);
                throw;
            }
        }
        finally
        {
            TryUnmount(top);
            try
            {
                Directory.Delete(top, recursive: true);
            }
            catch (IOException)
            {
                // A leftover empty directory in /tmp is not worth failing the container for.
            }
        }
    }

    private static string MakeScratchDirectory()
    {
        for (int attempt = 0; ; attempt++)
        {
            string path = $"/tmp/ocirt-copyup-{Random.Shared.Next():x8}";
            if (Libc.MkdirIfAbsent(path, 0x1C0 /* 0700 */) || attempt >= 100)
                return path;
        }
    }

    /// <summary>Copies a directory's entries with their modes and owners; symlinks are copied, never followed.</summary>
    private static void CopyTree(string from, string to)
    {
        foreach (string entry in Directory.EnumerateFileSystemEntries(from))
        {
            string target = Path.Combine(to, Path.GetFileName(entry));
            FileStatus status = Libc.Stat(entry, followSymlinks: false);
            switch (status.Type)
            {
                case FileStatus.S_IFDIR:
                    Libc.MkdirIfAbsent(target, status.Permissions);
                    CopyTree(entry, target);
                    break;
                case FileStatus.S_IFREG:
                    File.Copy(entry, target);
                    break;
                case FileStatus.S_IFLNK:
                    File.CreateSymbolicLink(target, Libc.Readlink(entry));
                    Libc.Lchown(target, status.Uid, status.Gid);
                    continue;
                default:
                    // Device nodes, fifos and sockets are skipped: a tmpfs copy-up is for files and directories.
                    continue;
            }
            Libc.Chmod(target, status.Permissions);
            Libc.Lchown(target, status.Uid, status.Gid);
        }
    }

    private static void TryUnmount(string path)
    {
        try
        {
            Libc.Umount2(path, Libc.MNT_DETACH);
        }
        catch (SyscallException)
        {
            // Already gone, or never mounted: the original error (if any) is the one to report.
        }
    }
}

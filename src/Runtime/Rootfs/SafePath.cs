using Microsoft.Win32.SafeHandles;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Rootfs;

/// <summary>
/// Resolves paths inside the container's root as if that root were "/", on the host side of pivot_root.
///
/// A mount destination comes from config.json and the rootfs comes from an image: both are untrusted. A symlink
/// in the image (rootfs/etc -> /etc), or one swapped in by another container sharing a volume while we work, must
/// never make a mount or a mkdir land on the host. Paths are therefore resolved to O_PATH fds, never to strings:
/// openat2(2) with RESOLVE_IN_ROOT when the target exists, else a walk one component at a time with
/// O_NOFOLLOW, resolving each symlink ourselves against the root. The mount then targets /proc/self/fd/N, which is
/// exactly the inode that was resolved (runc's WithProcfd and MkdirAllInRoot: CVE-2019-16884, CVE-2021-30465,
/// CVE-2024-45310).
/// </summary>
internal static class SafePath
{
    /// <summary>What to create when the walk finds a name missing.</summary>
    public enum Create
    {
        Nothing,
        Directory,
        File,
    }

    // The kernel's own limit on symlinks followed in one lookup (MAXSYMLINKS).
    private const int MaxSymlinks = 40;

    // Each missing name costs one create-then-reopen turn; a name that keeps vanishing is a race being played.
    private const int MaxCreateTurns = 4096;

    private static bool openat2Unavailable;

    /// <summary>The container path in canonical form: absolute, no "." or "..", no repeated or trailing "/". A
    /// relative path is taken relative to "/" (config.md); ".." never climbs above "/".</summary>
    public static string Clean(string path)
    {
        var parts = new List<string>();
        foreach (string part in path.Split('/'))
        {
            if (part is "" or ".")
                continue;
            if (part == "..")
            {
                if (parts.Count > 0)
                    parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return "/" + string.Join('/', parts);
    }

    /// <summary>An O_PATH fd on the rootfs directory (a host path, trusted).</summary>
    public static SafeFileHandle OpenRoot(string rootfs) => Libc.Open(rootfs, Libc.O_PATH | Libc.O_DIRECTORY);

    /// <summary>A host directory's path with every symlink resolved, as /proc/self/mountinfo names it.</summary>
    public static string RealPath(string directory)
    {
        using SafeFileHandle fd = OpenRoot(directory);
        return Libc.Readlink(ProcFdPath(fd));
    }

    /// <summary>The fd's path for syscalls that take a path: the kernel resolves it to the fd's own inode.</summary>
    public static string ProcFdPath(SafeFileHandle fd) => $"/proc/self/fd/{fd.DangerousGetHandle()}";

    /// <summary>Resolves <paramref name="path"/> inside <paramref name="root"/>; null when it does not exist.</summary>
    public static SafeFileHandle? OpenIfExists(SafeFileHandle root, string path)
    {
        string clean = Clean(path);
        if (!openat2Unavailable)
        {
            try
            {
                var fd = Libc.Openat2(root, clean == "/" ? "." : clean[1..], (ulong)Libc.O_PATH,
                    Libc.RESOLVE_IN_ROOT | Libc.RESOLVE_NO_MAGICLINKS, clean);
                if (fd is not null)
                    return fd;
                openat2Unavailable = true;
            }
            catch (SyscallException e) when (e.Errno == Errno.ENOENT)
            {
                return null;
            }
            catch (SyscallException e) when (e.Errno == Errno.ELOOP)
            {
                // RESOLVE_NO_MAGICLINKS refuses a symlink through /proc/self/... (an image's /etc/mtab, say); the
                // walk resolves it as a plain path inside the root instead, or finds a real loop.
            }
        }
        try
        {
            return Walk(root, clean, Create.Nothing, followLast: true);
        }
        catch (SyscallException e) when (e.Errno == Errno.ENOENT)
        {
            return null;
        }
    }

    /// <summary>Resolves <paramref name="path"/> inside <paramref name="root"/>, creating what is missing: parent
    /// directories (0755) and the last name as <paramref name="create"/> asks (a directory 0755 or an empty regular
    /// file 0644, made with mknodat so nothing already there is ever opened). With <paramref name="followLast"/>
    /// false a symlink in the last place is returned as itself, for callers that refuse to mount on one.</summary>
    public static SafeFileHandle Resolve(SafeFileHandle root, string path, Create create, bool followLast = true)
    {
        if (followLast && OpenIfExists(root, path) is { } existing)
            return existing;
        return Walk(root, Clean(path), create, followLast);
    }

    /// <summary>Where <paramref name="fd"/> points, as a path inside the root whose real host path is
    /// <paramref name="rootReal"/> ("/" for the root itself).</summary>
    public static string PathInRoot(string rootReal, SafeFileHandle fd)
    {
        string real = Libc.Readlink(ProcFdPath(fd));
        if (real == rootReal)
            return "/";
        string prefix = rootReal == "/" ? "/" : rootReal + "/";
        return real.StartsWith(prefix, StringComparison.Ordinal) ? "/" + real[prefix.Length..] : real;
    }

    private static SafeFileHandle Walk(SafeFileHandle root, string clean, Create create, bool followLast)
    {
        var dirs = new List<SafeFileHandle>();      // opened below the root; the root itself is the caller's
        var names = new List<string>();             // their names, for messages
        var pending = new Stack<string>();
        Push(pending, clean);
        int links = 0, turns = 0;
        try
        {
            while (pending.Count > 0)
            {
                string part = pending.Pop();
                if (part == "..")
                {
                    // ".." of the root is the root, as in the kernel's own lookup under chroot.
                    if (dirs.Count > 0)
                        Pop(dirs, names);
                    continue;
                }

                SafeFileHandle current = dirs.Count > 0 ? dirs[^1] : root;
                bool last = pending.Count == 0;
                string shown = Show(names, part);
                SafeFileHandle? next = Libc.OpenatIfExists(current, part, Libc.O_PATH | Libc.O_NOFOLLOW, shown);
                if (next is null)
                {
                    if (create == Create.Nothing)
                        throw new SyscallException("openat", Errno.ENOENT, shown);
                    if (++turns > MaxCreateTurns)
                        throw new SyscallException("mkdirat", Errno.ELOOP, shown);
                    // mkdirat and mknodat never follow a symlink in the last place, so neither can create outside
                    // `current`. Whatever is there now (ours or a racer's) is looked at again on the next turn.
                    if (last && create == Create.File)
                        Libc.MknodatIfAbsent(current, part, FileStatus.S_IFREG | 0x1A4 /* 0644 */, 0, shown);
                    else
                        Libc.MkdiratIfAbsent(current, part, 0x1ED /* 0755 */, shown);
                    pending.Push(part);
                    continue;
                }

                FileStatus status = Libc.Fstat(next, shown);
                if (status.IsSymlink && (!last || followLast))
                {
                    // Follow it ourselves: an absolute target restarts at the container's root, not the host's.
                    string target = Libc.Readlinkat(next, "", shown);
                    next.Dispose();
                    if (++links > MaxSymlinks)
                        throw new SyscallException("openat", Errno.ELOOP, shown);
                    if (target.StartsWith('/'))
                    {
                        while (dirs.Count > 0)
                            Pop(dirs, names);
                    }
                    Push(pending, target);
                    continue;
                }
                if (last)
                    return next;
                if (!status.IsDirectory)
                {
                    next.Dispose();
                    throw new SyscallException("openat", Errno.ENOTDIR, shown);
                }
                dirs.Add(next);
                names.Add(part);
            }

            // The walk ended on a directory already entered (or on the root, through ".."): a fresh fd to it.
            SafeFileHandle end = dirs.Count > 0 ? dirs[^1] : root;
            return Libc.OpenatIfExists(end, ".", Libc.O_PATH | Libc.O_DIRECTORY, Show(names, "."))
                ?? throw new SyscallException("openat", Errno.ENOENT, Show(names, "."));
        }
        finally
        {
            foreach (var dir in dirs)
                dir.Dispose();
        }
    }

    private static void Push(Stack<string> pending, string path)
    {
        string[] parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (int i = parts.Length - 1; i >= 0; i--)
        {
            if (parts[i] != ".")
                pending.Push(parts[i]);
        }
    }

    private static void Pop(List<SafeFileHandle> dirs, List<string> names)
    {
        dirs[^1].Dispose();
        dirs.RemoveAt(dirs.Count - 1);
        names.RemoveAt(names.Count - 1);
    }

    private static string Show(List<string> names, string part) =>
        names.Count == 0 ? "/" + part : "/" + string.Join('/', names) + "/" + part;
}

namespace OciConformance.Probe;

/// <summary>What one path is (lstat, statfs) and whether it can be read and written, changing nothing.</summary>
internal static class PathProbe
{
    private const uint S_IFMT = 0xf000;

    /// <summary>
    /// A <see cref="PathInfo"/> for <paramref name="path"/>. With <paramref name="tryAccess"/> a file (or a link to
    /// one) is opened for reading and for writing, a directory listed and a file created and removed in it; devices,
    /// fifos and sockets are never opened.
    /// </summary>
    public static PathInfo Probe(string path, bool tryAccess)
    {
        var info = new PathInfo { Path = path };
        int errno = Libc.StatPath(path, follow: false, out var stat);
        if (errno != 0)
        {
            // Missing is the expected answer; anything else (EACCES on a parent, ELOOP...) is worth seeing.
            if (errno != Libc.ENOENT)
                info.ReadError = Libc.ErrnoName(errno);
            return info;
        }

        info.Exists = true;
        info.Type = TypeName(stat.Mode);
        info.Mode = stat.Mode & 0xfff; // 07777
        info.Uid = stat.Uid;
        info.Gid = stat.Gid;
        info.Size = stat.Size;
        if (info.Type is "char" or "block")
        {
            info.Major = stat.RdevMajor;
            info.Minor = stat.RdevMinor;
        }
        if (info.Type == "symlink" && Libc.ReadLink(path, out string target) == 0)
            info.LinkTarget = target;
        if (Libc.FsType(path, out ulong magic) == 0)
            info.FsMagic = "0x" + magic.ToString("x");

        if (!tryAccess)
            return info;

        // The read and write attempts follow links: what matters is what the path gives to open(2). A dangling link
        // is tried as a file, so that open reports why it fails.
        string kind = info.Type;
        if (kind == "symlink")
            kind = Libc.StatPath(path, follow: true, out var followed) == 0 ? TypeName(followed.Mode) : "file";
        switch (kind)
        {
            case "file":
                TryReadFile(info);
                TryWriteFile(info);
                break;
            case "dir":
                TryListDir(info);
                TryWriteDir(info);
                break;
        }
        return info;
    }

    /// <summary>
    /// Everything under /dev, depth first in name order, at most three levels deep, not following links. /dev/shm
    /// and /dev/mqueue are listed but not entered: what is in them is the container's data, not its devices.
    /// </summary>
    public static List<PathInfo> Devices(List<string> errors)
    {
        var found = new List<PathInfo>();
        Walk("/dev", 1, found, errors);
        return found;
    }

    private static void Walk(string dir, int depth, List<PathInfo> found, List<string> errors)
    {
        // The listing is complete (and its descriptor closed) before going down: one descriptor at a time.
        int errno = Libc.ListDir(dir, out var names);
        if (errno != 0)
        {
            errors.Add($"{dir}: {Libc.ErrnoName(errno)}");
            return;
        }
        names.Sort(StringComparer.Ordinal);
        foreach (string name in names)
        {
            string path = dir + "/" + name;
            var info = Probe(path, tryAccess: false);
            found.Add(info);
            if (info.Type == "dir" && depth < 3 && path is not ("/dev/shm" or "/dev/mqueue"))
                Walk(path, depth + 1, found, errors);
        }
    }

    private static void TryReadFile(PathInfo info)
    {
        int errno = Libc.ReadFile(info.Path, 4096, out byte[] data);
        if (errno != 0)
            info.ReadError = Libc.ErrnoName(errno);
        else
            info.Content = System.Text.Encoding.UTF8.GetString(data);
    }

    // open(O_WRONLY) without O_TRUNC or O_CREAT, closed again at once: nothing is written.
    private static void TryWriteFile(PathInfo info)
    {
        int fd = Libc.open(info.Path, Libc.O_WRONLY | Libc.O_CLOEXEC | Libc.O_NONBLOCK, 0);
        if (fd < 0)
        {
            info.WriteError = Libc.ErrnoName(Libc.Errno);
            return;
        }
        Libc.close(fd);
    }

    private static void TryListDir(PathInfo info)
    {
        int errno = Libc.ListDir(info.Path, out var names);
        if (errno != 0)
        {
            info.ReadError = Libc.ErrnoName(errno);
            return;
        }
        names.Sort(StringComparer.Ordinal);
        info.Entries = names;
    }

    // Creates a file no one else can have made (O_EXCL, pid and random in the name) and removes it again.
    private static void TryWriteDir(PathInfo info)
    {
        string name = Path.Join(info.Path, $".oci-probe-{Libc.getpid()}-{Random.Shared.Next():x8}");
        int fd = Libc.open(name, Libc.O_CREAT | Libc.O_EXCL | Libc.O_WRONLY | Libc.O_CLOEXEC, 0x180); // 0600
        if (fd < 0)
        {
            info.WriteError = Libc.ErrnoName(Libc.Errno);
            return;
        }
        Libc.close(fd);
        if (Libc.unlink(name) != 0)
        {
            int errno = Libc.Errno;
            Libc.Warn($"could not remove {name}: {Libc.ErrnoName(errno)}");
        }
    }

    private static string TypeName(uint mode) => (mode & S_IFMT) switch
    {
        0x8000 => "file",
        0x4000 => "dir",
        0xa000 => "symlink",
        0x2000 => "char",
        0x6000 => "block",
        0x1000 => "fifo",
        0xc000 => "socket",
        _ => "",
    };
}

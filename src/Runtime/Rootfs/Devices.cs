using Microsoft.Win32.SafeHandles;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Oci;
using static OciRuntime.Linux.Syscalls.MountFlags;

namespace OciRuntime.Rootfs;

/// <summary>A device node to create in the container: 'c' (char), 'b' (block) or 'p' (fifo).</summary>
internal sealed record DeviceNode(string Path, char Type, long Major, long Minor, uint FileMode, uint Uid, uint Gid);

/// <summary>
/// The container's /dev content: runtime-spec's default devices (config-linux.md "Default Devices") plus
/// linux.devices, /dev/ptmx as a symlink to the devpts instance, and the /dev/fd family of symlinks.
/// In a user namespace mknod is refused, so each node is a bind mount of the host's node onto an empty file
/// (runc createDevices; the same fallback is taken when mknod fails with EPERM).
/// </summary>
internal static class Devices
{
    /// <summary>runc's defaults, in its order (specconv AllowedDevices with a path).</summary>
    public static readonly IReadOnlyList<DeviceNode> Defaults =
    [
        new("/dev/null", 'c', 1, 3, 0x1B6, 0, 0),
        new("/dev/random", 'c', 1, 8, 0x1B6, 0, 0),
        new("/dev/full", 'c', 1, 7, 0x1B6, 0, 0),
        new("/dev/tty", 'c', 5, 0, 0x1B6, 0, 0),
        new("/dev/zero", 'c', 1, 5, 0x1B6, 0, 0),
        new("/dev/urandom", 'c', 1, 9, 0x1B6, 0, 0),
    ];

    /// <summary>The nodes to create: the defaults a spec device does not replace (same path), then the spec's
    /// devices. /dev/ptmx is skipped: it becomes a symlink to pts/ptmx.</summary>
    public static IReadOnlyList<DeviceNode> Plan(Spec spec)
    {
        var specDevices = spec.Linux?.Devices ?? [];
        var nodes = Defaults.Where(d => !specDevices.Any(s => s.Path == d.Path)).ToList();
        foreach (LinuxDevice device in specDevices)
        {
            if (string.IsNullOrEmpty(device.Path) || SafePath.Clean(device.Path) == "/dev/ptmx")
                continue;
            char type = device.Type switch
            {
                "c" or "u" => 'c',
                "b" => 'b',
                "p" => 'p',
                _ => throw new RootfsException($"{device.Type} is not a valid device type for device {device.Path}"),
            };
            nodes.Add(new DeviceNode(device.Path, type, device.Major ?? 0, device.Minor ?? 0,
                (device.FileMode ?? 0x1B6 /* 0666 */) & ~FileStatus.S_IFMT, device.Uid ?? 0, device.Gid ?? 0));
        }
        return nodes;
    }

    /// <summary>The /dev symlinks (link, target); /dev/core only when the kernel has /proc/kcore.</summary>
    public static IReadOnlyList<(string Link, string Target)> Symlinks(bool kcoreExists)
    {
        var links = new List<(string, string)>
        {
            ("/dev/fd", "/proc/self/fd"),
            ("/dev/stdin", "/proc/self/fd/0"),
            ("/dev/stdout", "/proc/self/fd/1"),
            ("/dev/stderr", "/proc/self/fd/2"),
        };
        if (kcoreExists)
            links.Add(("/dev/core", "/proc/kcore"));
        return links;
    }

    /// <summary>makedev(3) as glibc encodes it.</summary>
    public static ulong Makedev(long major, long minor) =>
        (((ulong)major & 0xfffff000) << 32) | (((ulong)major & 0xfff) << 8)
        | (((ulong)minor & 0xffffff00) << 12) | ((ulong)minor & 0xff);

    public static void Create(SafeFileHandle root, IReadOnlyList<DeviceNode> nodes, bool bindFromHost)
    {
        foreach (DeviceNode node in nodes)
            CreateNode(root, node, bindFromHost);
    }

    /// <summary>/dev/ptmx -> pts/ptmx: the container's devpts has its own ptmx (newinstance), the host's must not
    /// be reachable through a device node (runc setupPtmx; devpts.rst).</summary>
    public static void CreatePtmx(SafeFileHandle root)
    {
        using SafeFileHandle dev = SafePath.Resolve(root, "/dev", SafePath.Create.Directory);
        Libc.UnlinkatIfExists(dev, "ptmx", "/dev/ptmx");
        Libc.SymlinkatIfAbsent("pts/ptmx", dev, "ptmx", "/dev/ptmx");
    }

    public static void CreateSymlinks(SafeFileHandle root, bool kcoreExists)
    {
        using SafeFileHandle dev = SafePath.Resolve(root, "/dev", SafePath.Create.Directory);
        foreach (var (link, target) in Symlinks(kcoreExists))
            Libc.SymlinkatIfAbsent(target, dev, Path.GetFileName(link), link);
    }

    private static void CreateNode(SafeFileHandle root, DeviceNode node, bool bindFromHost)
    {
        string path = SafePath.Clean(node.Path);
        if (path == "/")
            throw new RootfsException("config tries to change rootfs to file: mknod over rootfs");
        if (bindFromHost)
        {
            BindHostNode(root, path);
            return;
        }

        using SafeFileHandle parent = SafePath.Resolve(root, Path.GetDirectoryName(path) ?? "/", SafePath.Create.Directory);
        string name = Path.GetFileName(path);
        uint type = node.Type switch
        {
            'b' => FileStatus.S_IFBLK,
            'p' => FileStatus.S_IFIFO,
            _ => FileStatus.S_IFCHR,
        };
        try
        {
            // An existing node that is the requested device is left as it is (runc); anything else at the path is an
            // error (config-linux.md Devices: "If a file already exists at path that does not match the requested
            // device, the runtime MUST generate an error").
            if (!Libc.MknodatIfAbsent(parent, name, type | node.FileMode, Makedev(node.Major, node.Minor), path))
            {
                CheckExistingMatches(parent, name, path, type, node);
                return;
            }
        }
        catch (SyscallException e) when (e.Errno == Errno.EPERM)
        {
            BindHostNode(root, path);
            return;
        }
        // mknod applied the umask; set the exact mode, then the owner.
        using SafeFileHandle created = Libc.OpenatIfExists(parent, name, Libc.O_PATH | Libc.O_NOFOLLOW, path)
            ?? throw new SyscallException("openat", Errno.ENOENT, path);
        Libc.Chmod(SafePath.ProcFdPath(created), node.FileMode, path);
        Libc.Fchown(created, node.Uid, node.Gid, path);
    }

    private static void CheckExistingMatches(SafeFileHandle parent, string name, string path, uint type, DeviceNode node)
    {
        using SafeFileHandle existing = Libc.OpenatIfExists(parent, name, Libc.O_PATH | Libc.O_NOFOLLOW, path)
            ?? throw new SyscallException("openat", Errno.ENOENT, path);
        FileStatus status = Libc.Fstat(existing, path);
        bool sameType = status.Type == type;
        bool sameNumbers = type == FileStatus.S_IFIFO || (status.RdevMajor == node.Major && status.RdevMinor == node.Minor);
        if (!sameType || !sameNumbers)
            throw new RootfsException($"device {path}: a file that is not the requested device ({node.Type} {node.Major}:{node.Minor}) already exists there");
    }

    private static void BindHostNode(SafeFileHandle root, string path)
    {
        using SafeFileHandle target = SafePath.Resolve(root, path, SafePath.Create.File);
        Libc.Mount(path, SafePath.ProcFdPath(target), "bind", MS_BIND, null, path);
    }
}

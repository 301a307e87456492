using Microsoft.Win32.SafeHandles;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Logging;

namespace OciRuntime.Processes;

/// <summary>The binary a container's init and exec'd processes are started from: never the file on disk as such.
/// CVE-2019-5736: a process in the container could open /proc/PID/exe of the runtime while it runs in the
/// container's namespaces, wait for it to exit, and re-open it for writing: that would overwrite the host's binary.
/// Two ways to prevent it, in the order runc (1.2 and later) tries them:
/// <list type="number">
/// <item>A read-only overlayfs view of the binary's directory: two lower layers and no upper, so the kernel refuses
/// every write through it, and unlike a read-only bind mount it cannot be turned read-write again. The view is a
/// detached mount (fsmount(2), never move_mount(2)): it is attached to no mount namespace, the host's included, so it
/// appears in no mount table and nothing propagates; it goes away with the last fd. 0.07 ms, no copy, and the page
/// cache is shared with the binary. It needs CAP_SYS_ADMIN and overlayfs.</item>
/// <item>Otherwise (rootless, no overlayfs, a binary overlayfs cannot stack on, an upgraded binary): a memfd copy
/// sealed against writes. The 6 MB copy costs ~2.5 ms of CPU in the kernel, so it runs on a thread of its own while
/// the command reads its config.</item>
/// </list>
/// The child gets the handle at a fixed fd number and execs /proc/self/fd/N: the kernel opens the file at execve,
/// before close-on-exec fds go; the init marks it close-on-exec with the rest of its fds, so the user's program never
/// holds it.</summary>
internal static class SelfExe
{
    private const string Self = "/proc/self/exe";

    private static Lazy<SafeFileHandle>? _exe;

    /// <summary>The protected binary; waits for a copy <see cref="Prepare"/> began, and throws that copy's failure.</summary>
    public static SafeFileHandle Handle =>
        (_exe ?? throw new InvalidOperationException("SelfExe.Prepare was not called")).Value;

    /// <summary>Makes the overlay view, or begins the sealed copy. A command that will start a process calls this
    /// first. <paramref name="spareLayer"/> is a directory of the runtime's own (its state root, as runc uses): the
    /// second lower layer overlayfs requires to be read-only; it must not contain or lie inside the binary's
    /// directory, or overlayfs refuses the layers and the copy is made instead.</summary>
    public static void Prepare(string spareLayer)
    {
        var view = OverlayView(spareLayer, out string? refused);
        if (view is not null)
        {
            _exe = new Lazy<SafeFileHandle>(view);
            Phases.Mark("binary protected (overlay view)");
            return;
        }
        Log.Debug($"no overlay view of the binary ({refused}); making a sealed copy");
        _exe = new Lazy<SafeFileHandle>(SealedCopy, LazyThreadSafetyMode.ExecutionAndPublication);
        // A plain thread, not the pool: the pool starts its own threads first (2 ms here).
        new Thread(() =>
        {
            try
            {
                _ = _exe.Value;
            }
            catch (Exception)
            {
                // The Lazy keeps it and Handle throws it again on the thread that reports errors; an exception left
                // to escape this thread would end the process without a word.
            }
        }) { IsBackground = true, Name = "sealed copy" }.Start();
    }

    /// <summary>An O_PATH fd of the running binary through a read-only overlay, or null with the reason.</summary>
    internal static SafeFileHandle? OverlayView(string spareLayer, out string? refused)
    {
        refused = null;
        try
        {
            string binary = Libc.Readlink(Self);
            if (binary.EndsWith(" (deleted)", StringComparison.Ordinal))
            {
                refused = $"{binary}: the running binary was replaced or removed";
                return null;
            }
            using var context = Libc.Fsopen("overlay");
            // The binary's directory is the upper of the two layers, so a file of the same name in the spare layer
            // cannot shadow it. ':' and '\' in a path are escaped, as overlayfs' option parser expects.
            string layers = $"{EscapeLayer(Path.GetDirectoryName(binary)!)}:{EscapeLayer(spareLayer)}";
            Libc.FsconfigSetString(context, "lowerdir", layers);
            // Inode-number remapping across filesystems is of no use here and logs to dmesg when it is turned on by
            // itself (runc turns it off too); a kernel without the option is fine.
            try
            {
                Libc.FsconfigSetString(context, "xino", "off");
            }
            catch (SyscallException)
            {
            }
            Libc.FsconfigCreate(context, $"overlay lowerdir={layers}");
            using var mount = Libc.Fsmount(context, MountFlags.MOUNT_ATTR_RDONLY | MountFlags.MOUNT_ATTR_NODEV | MountFlags.MOUNT_ATTR_NOSUID, "overlay");
            string name = Path.GetFileName(binary);
            var view = Libc.OpenatIfExists(mount, name, Libc.O_PATH | Libc.O_NOFOLLOW, name);
            if (view is null)
            {
                refused = $"{name} is not in the overlay of {layers}";
                return null;
            }
            // The name could meanwhile be another file (an upgrade renamed over it): that binary is not the one
            // running, and its protocol could differ. A regular file of the same size and modification time, or the
            // copy is made.
            try
            {
                var running = Libc.Stat(Self);
                var seen = Libc.Fstat(view, name);
                if (!seen.IsRegularFile || running.Size != seen.Size || running.ModifiedNs != seen.ModifiedNs)
                {
                    view.Dispose();
                    refused = $"{binary} on disk is not the running binary";
                    return null;
                }
            }
            catch
            {
                view.Dispose();
                throw;
            }
            return view;
        }
        catch (SyscallException e)
        {
            refused = e.Message;
            return null;
        }
    }

    /// <summary>A memfd copy of the running binary, sealed against writes (F_SEAL_WRITE, and sealed again so the seals
    /// stay). Nobody can modify it, and it goes away with the last process using it.</summary>
    internal static SafeFileHandle SealedCopy()
    {
        var memfd = Libc.MemfdCreate("ocirt_cloned:/proc/self/exe", Libc.MFD_CLOEXEC | Libc.MFD_ALLOW_SEALING);
        try
        {
            using (var source = File.OpenHandle(Self))
                Libc.SendfileAll(memfd, source, Self);
            Libc.Fcntl(memfd, Libc.F_ADD_SEALS, Libc.F_SEAL_SHRINK | Libc.F_SEAL_GROW | Libc.F_SEAL_WRITE | Libc.F_SEAL_SEAL, "memfd");
            Phases.Mark("binary protected (sealed copy)");
            return memfd;
        }
        catch
        {
            memfd.Dispose();
            throw;
        }
    }

    private static string EscapeLayer(string path) => path.Replace(@"\", @"\\").Replace(":", @"\:");
}

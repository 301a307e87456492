using Microsoft.Win32.SafeHandles;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Oci;
using static OciRuntime.Linux.Syscalls.MountFlags;

namespace OciRuntime.Rootfs;

/// <summary>
/// The container's root filesystem, in the three steps the init takes (runc prepareRootfs, finalizeRootfs and
/// the path protections of standard_init_linux.go; crun libcrun_set_mounts). All of it runs in the container's
/// new mount namespace, on the init's main thread:
/// <list type="number">
/// <item><see cref="Prepare"/>: first thing in the namespace; then the createRuntime/createContainer hooks run
/// with the old root still visible.</item>
/// <item><see cref="Enter"/>: pivot_root (or MS_MOVE + chroot with --no-pivot).</item>
/// <item><see cref="Finish"/>: after the console and the sysctls (it makes /proc/sys read-only).</item>
/// </list>
/// </summary>
internal static class RootfsSetup
{
    /// <summary>Create-time checks of what only the rootfs code knows (runc specconv): call before starting the
    /// init, so a bad config fails `create` without a half-made container.</summary>
    public static void Validate(Spec spec, bool noPivot, string bundle)
    {
        ulong propagation = MountPlan.RootPropagation(spec);
        if (noPivot && !string.IsNullOrEmpty(spec.Linux?.RootfsPropagation) && (propagation & MS_PRIVATE) != 0)
            throw new RootfsException("rootfsPropagation of [r]private is not safe without pivot_root");
        MountPlan.Build(spec, bundle);
        Devices.Plan(spec);
    }

    /// <summary>
    /// Makes the mount tree private to the container, then builds the rootfs under <paramref name="rootfs"/> (an
    /// absolute host path): the spec's mounts in order, then (unless a bind mount provides /dev) the device
    /// nodes, /dev/ptmx and the /dev symlinks. <paramref name="inUserNamespace"/>: devices are bind-mounted from
    /// the host instead of made with mknod. Relative bind sources are relative to <paramref name="bundle"/>.
    /// </summary>
    public static void Prepare(Spec spec, string rootfs, bool inUserNamespace, string bundle)
    {
        rootfs = Path.GetFullPath(rootfs);
        // Decide everything before the first syscall: a config error leaves nothing half-done.
        IReadOnlyList<PlannedMount> plan = MountPlan.Build(spec, bundle);
        IReadOnlyList<DeviceNode> devices = Devices.Plan(spec);

        Step("error preparing rootfs", () =>
        {
            // The new namespace's mounts are still peers of the host's: change that before mounting anything, or
            // every mount below would appear on the host too.
            Libc.Mount(null, "/", null, MountPlan.InitialRootPropagation(spec));
            MakeParentMountPrivate(SafePath.RealPath(rootfs));
            // pivot_root needs the new root to be a mount point; the recursive bind also takes the submounts.
            Libc.Mount(rootfs, rootfs, "bind", MS_BIND | MS_REC);
        });

        using SafeFileHandle root = SafePath.OpenRoot(rootfs);
        string rootReal = Libc.Readlink(SafePath.ProcFdPath(root));
        bool cgroupNamespace = spec.Linux?.Namespaces?.Any(n => n.Type == "cgroup") == true;
        var mounter = new Mounter(root, rootReal, cgroupNamespace);
        foreach (PlannedMount mount in plan)
        {
            Step($"error mounting \"{mount.Source}\" to rootfs at \"{mount.Destination}\"", () => mounter.Apply(mount));
        }

        // A missing working directory is made (runc does), inside the root and after the mounts it may sit in.
        if (spec.Process?.Cwd is { Length: > 0 } cwd)
            Step($"error creating cwd {cwd}", () => SafePath.Resolve(root, cwd, SafePath.Create.Directory).Dispose());

        if (!MountPlan.NeedsDevSetup(plan))
            return;
        Step("error creating device nodes", () => Devices.Create(root, devices, inUserNamespace));
        Step("error setting up ptmx", () => Devices.CreatePtmx(root));
        // CONFIG_PROC_KCORE may be off; the link is made only if the kernel has the file.
        Step("error setting up /dev symlinks", () => Devices.CreateSymlinks(root, File.Exists("/proc/kcore")));
    }

    /// <summary>Makes <paramref name="rootfs"/> the process's "/" and its working directory "/". Afterwards stdio
    /// fds that were the host's /dev/null are reopened on the container's.</summary>
    public static void Enter(string rootfs, bool noPivot)
    {
        rootfs = Path.GetFullPath(rootfs);
        Step("error jailing process inside rootfs", () =>
        {
            Directory.SetCurrentDirectory(rootfs);
            if (noPivot)
                PivotRoot.MoveRoot(SafePath.RealPath(rootfs));
            else
                PivotRoot.Pivot(rootfs);
        });
        Step("error reopening /dev/null inside container", PivotRoot.ReopenDevNull);
    }

    /// <summary>
    /// After pivot_root: read-only remounts of tmpfs and /dev mounts that asked for "ro", root.readonly, then
    /// readonlyPaths and maskedPaths, and last a shared or unbindable rootfsPropagation on the new "/". runc
    /// writes the sysctls before this (readonlyPaths usually includes /proc/sys).
    /// </summary>
    public static void Finish(Spec spec)
    {
        foreach (PlannedMount mount in MountPlan.Build(spec, "/").Where(m => m.RemountReadonlyAtFinish))
            Step($"error remounting \"{mount.Destination}\" as readonly", () => MaskedPaths.RemountReadonly(mount.Destination, mount.RequestedFlags));

        if (spec.Root?.Readonly == true)
            Step("error setting rootfs as readonly", MaskedPaths.MakeRootReadonly);

        foreach (string path in spec.Linux?.ReadonlyPaths ?? [])
            Step($"can't make \"{path}\" read-only", () => MaskedPaths.MakeReadonly(path));
        foreach (string path in spec.Linux?.MaskedPaths ?? [])
            Step($"can't mask path {path}", () => MaskedPaths.Mask(path));

        // Last, because an unbindable tree refuses the binds above (EINVAL); runc sets it right after pivot_root
        // and so fails readonlyPaths with runbindable.
        ulong propagation = MountPlan.FinalRootPropagation(spec);
        if (propagation != 0)
            Step("unable to apply root propagation flags", () => Libc.Mount(null, "/", null, propagation));
    }

    /// <summary>pivot_root refuses a new root whose parent mount is shared, and a bind under a shared mount would
    /// propagate to its peers: make the mount holding the rootfs private when it is shared (runc
    /// rootfsParentMountPrivate; with the default rslave "/" it is not).</summary>
    private static void MakeParentMountPrivate(string rootfs)
    {
        MountInfo? parent = MountInfo.Containing(MountInfo.ReadSelf(), rootfs);
        if (parent is { IsShared: true })
            Libc.Mount(null, parent.MountPoint, null, MS_PRIVATE);
    }

    /// <summary>Runs one step, wrapping its failure in what was being done (runc's words); the cause stays inner.</summary>
    private static void Step(string what, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or RootfsException)
        {
            throw new RootfsException(what, e);
        }
    }
}

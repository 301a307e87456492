namespace OciRuntime.Oci;

/// <summary>
/// The config.json the <c>spec</c> command writes: the same document as runc's
/// <c>specconv.Example()</c> (runc HEAD, runtime-spec 1.3.0), and <c>specconv.ToRootless()</c> for
/// <c>--rootless</c>. Host facts are parameters so that the result is testable.
/// </summary>
public static class DefaultSpec
{
    private static readonly string[] DefaultCapabilities = ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"];

    /// <summary>
    /// The default spec. runc adds a cgroup namespace only on a cgroup v2 (unified) host, so pass
    /// whether /sys/fs/cgroup is cgroup2.
    /// </summary>
    public static Spec Create(bool cgroupNamespace = false)
    {
        var spec = new Spec
        {
            OciVersion = SpecVersion.Current,
            Process = new Process
            {
                Terminal = true,
                User = new User(),
                Args = ["sh"],
                Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"],
                Cwd = "/",
                Capabilities = new LinuxCapabilities
                {
                    Bounding = [.. DefaultCapabilities],
                    Effective = [.. DefaultCapabilities],
                    Permitted = [.. DefaultCapabilities],
                },
                Rlimits = [new PosixRlimit { Type = "RLIMIT_NOFILE", Hard = 1024, Soft = 1024 }],
                NoNewPrivileges = true,
            },
            Root = new Root { Path = "rootfs", Readonly = true },
            Hostname = "runc",
            Mounts =
            [
                new Mount { Destination = "/proc", Type = "proc", Source = "proc" },
                new Mount { Destination = "/dev", Type = "tmpfs", Source = "tmpfs", Options = ["nosuid", "strictatime", "mode=755", "size=65536k"] },
                new Mount { Destination = "/dev/pts", Type = "devpts", Source = "devpts", Options = ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"] },
                new Mount { Destination = "/dev/shm", Type = "tmpfs", Source = "shm", Options = ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"] },
                new Mount { Destination = "/dev/mqueue", Type = "mqueue", Source = "mqueue", Options = ["nosuid", "noexec", "nodev"] },
                new Mount { Destination = "/sys", Type = "sysfs", Source = "sysfs", Options = ["nosuid", "noexec", "nodev", "ro"] },
                new Mount { Destination = "/sys/fs/cgroup", Type = "cgroup", Source = "cgroup", Options = ["nosuid", "noexec", "nodev", "relatime", "ro"] },
            ],
            Linux = new Linux
            {
                Resources = new LinuxResources
                {
                    Devices = [new LinuxDeviceCgroup { Allow = false, Access = "rwm" }],
                },
                Namespaces =
                [
                    new LinuxNamespace { Type = LinuxNamespaceType.Pid },
                    new LinuxNamespace { Type = LinuxNamespaceType.Network },
                    new LinuxNamespace { Type = LinuxNamespaceType.Ipc },
                    new LinuxNamespace { Type = LinuxNamespaceType.Uts },
                    new LinuxNamespace { Type = LinuxNamespaceType.Mount },
                ],
                MaskedPaths =
                [
                    "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                    "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware",
                    "/proc/scsi", "/sys/devices/virtual/tpm",
                ],
                ReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"],
            },
        };
        if (cgroupNamespace)
            spec.Linux.Namespaces.Add(new LinuxNamespace { Type = LinuxNamespaceType.Cgroup });
        return spec;
    }

    /// <summary>
    /// The <c>--rootless</c> spec, for a user whose effective uid and gid are
    /// <paramref name="hostUid"/> and <paramref name="hostGid"/>.
    /// </summary>
    public static Spec CreateRootless(uint hostUid, uint hostGid, bool cgroupNamespace = false)
    {
        Spec spec = Create(cgroupNamespace);
        ToRootless(spec, hostUid, hostGid);
        return spec;
    }

    /// <summary>
    /// Adapts a spec for a runtime running without root, as runc's ToRootless does: a user namespace
    /// mapping the caller to root, no network namespace (creating interfaces needs real root),
    /// /sys bind-mounted (sysfs cannot be mounted without owning the network namespace), no
    /// uid=/gid= mount options (those ids are unmapped) and no cgroup limits (no cgroup to write).
    /// </summary>
    public static void ToRootless(Spec spec, uint hostUid, uint hostGid)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Linux linux = spec.Linux ??= new Linux();

        List<LinuxNamespace> namespaces = [.. (linux.Namespaces ?? []).Where(ns => ns.Type is not (LinuxNamespaceType.Network or LinuxNamespaceType.User))];
        namespaces.Add(new LinuxNamespace { Type = LinuxNamespaceType.User });
        linux.Namespaces = namespaces;

        linux.UidMappings = [new LinuxIdMapping { ContainerId = 0, HostId = hostUid, Size = 1 }];
        linux.GidMappings = [new LinuxIdMapping { ContainerId = 0, HostId = hostGid, Size = 1 }];

        var mounts = new List<Mount>();
        foreach (Mount mount in spec.Mounts ?? [])
        {
            if (Path.TrimEndingDirectorySeparator(mount.Destination) == "/sys")
            {
                mounts.Add(new Mount { Destination = "/sys", Type = "none", Source = "/sys", Options = ["rbind", "nosuid", "noexec", "nodev", "ro"] });
                continue;
            }
            List<string> kept = [.. (mount.Options ?? []).Where(o => !o.StartsWith("gid=", StringComparison.Ordinal) && !o.StartsWith("uid=", StringComparison.Ordinal))];
            mount.Options = kept.Count > 0 ? kept : null;
            mounts.Add(mount);
        }
        spec.Mounts = mounts;

        linux.Resources = null;
    }
}

using OciConformance.Framework;
using OciConformance.Probe;
using static OciConformance.Framework.MountSupport;

namespace OciConformance.Cases;

/// <summary>config.md mounts, config-linux.md default filesystems, propagation, masked and readonly paths.</summary>
public static class MountCases
{
    private const string Marker = "written by the conformance runner on the host\n";

    public static IEnumerable<Case> All()
    {
        // ---- config.md Mounts ----

        yield return Case.Must("config.mounts.order", "config.md", "Mounts",
            "The runtime MUST mount entries in the listed order", async t =>
            {
                var host = HostDirWithMarker(t, "order-src");
                var bundle = await t.NewBundleAsync(b =>
                {
                    // Same destination twice: the later entry must be the one on top.
                    b.AddMount(Tmpfs("/conformance-order"));
                    b.AddMount(Bind(host, "/conformance-order"));
                    // A mount nested in an earlier one: in reverse order it would be hidden under its parent.
                    b.AddMount(Tmpfs("/conformance-nest"));
                    b.AddMount(Tmpfs("/conformance-nest/inner", "mode=0710"));
                });
                var report = await t.ProbeAsync(bundle, "--path", "/conformance-order/marker", "--path", "/conformance-nest/inner");
                Check.Equal(Marker, PathAt(report, "/conformance-order/marker").Content,
                    "/conformance-order/marker (the bind listed after a tmpfs at the same destination)");
                var inner = PathAt(report, "/conformance-nest/inner");
                Check.True(inner.Exists && inner.Type == "dir" && inner.Mode == 0x1c8 /* 0710 */,
                    $"/conformance-nest/inner (a tmpfs listed after the tmpfs at /conformance-nest) is not the inner tmpfs: exists={inner.Exists} type={inner.Type} mode={Convert.ToString(inner.Mode, 8)}");
            });

        yield return Case.Must("config.mounts.destination", "config.md", "Mounts",
            "destination (string, REQUIRED) Destination of mount point: path inside container (one the rootfs does not have yet)", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.AddMount(Tmpfs("/conformance/not/yet/there")));
                var report = await t.ProbeAsync(bundle);
                Check.Equal("tmpfs", MountAt(report, "/conformance/not/yet/there").FsType, "filesystem at /conformance/not/yet/there");
            });

        yield return Case.Must("config.mounts.destination-relative", "config.md", "Mounts",
            "Linux: destination ... MAY be a relative path, in which case it MUST be interpreted as relative to \"/\"", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.AddMount(Tmpfs("conformance-relative")));
                var report = await t.ProbeAsync(bundle);
                Check.Equal("tmpfs", MountAt(report, "/conformance-relative").FsType, "filesystem at /conformance-relative");
            });

        yield return Case.Must("config.mounts.type", "config.md", "POSIX-platform Mounts",
            "type ... Linux: filesystem types supported by the kernel as listed in /proc/filesystems", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                    b.AddMount(new() { Destination = "/conformance-ramfs", Type = "ramfs", Source = "ramfs" }));
                var report = await t.ProbeAsync(bundle);
                Check.Equal("ramfs", MountAt(report, "/conformance-ramfs").FsType, "filesystem at /conformance-ramfs");
            });

        yield return Case.Must("config.mounts.type-unknown", "config.md", "POSIX-platform Mounts",
            "type ... filesystem types supported by the kernel; one the kernel lacks cannot be mounted, so create MUST fail (runtime.md Lifecycle: unable to create the environment ... MUST generate an error)", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                    b.AddMount(new() { Destination = "/conformance-bogus", Type = "conformancefs", Source = "none" }));
                Check.Failed(await t.CreateAsync(bundle, t.NewId()), "create with a mount of type conformancefs");
            });

        yield return Case.Must("config.mounts.source", "config.md", "Mounts",
            "source (string, OPTIONAL) A device name, but can also be ... a dummy", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                    b.AddMount(new() { Destination = "/conformance-source", Type = "tmpfs", Source = "conformance-src", Options = ["size=1m"] }));
                var report = await t.ProbeAsync(bundle);
                Check.Equal("conformance-src", MountAt(report, "/conformance-source").Source, "mount source of /conformance-source");
            });

        yield return Case.Must("config.mounts.bind-directory", "config.md", "Mounts",
            "source ... can also be a file or directory name for bind mounts; a mount is a bind mount if it has either bind or rbind in the options", async t =>
            {
                var host = HostDirWithMarker(t, "bind-src");
                var bundle = await t.NewBundleAsync(b => b.AddMount(Bind(host, "/conformance-bind")));
                var report = await t.ProbeAsync(bundle, "--path", "/conformance-bind/marker");
                Check.Equal(Marker, PathAt(report, "/conformance-bind/marker").Content, "/conformance-bind/marker (from the host directory)");
            });

        yield return Case.Must("config.mounts.bind-file", "config.md", "Mounts",
            "source ... can also be a file ... name for bind mounts", async t =>
            {
                var file = Path.Combine(HostDirWithMarker(t, "file-src"), "marker");
                var bundle = await t.NewBundleAsync(b => b.AddMount(Bind(file, "/etc/conformance-file")));
                var report = await t.ProbeAsync(bundle, "--path", "/etc/conformance-file");
                var info = PathAt(report, "/etc/conformance-file");
                Check.Equal("file", info.Type, "type of /etc/conformance-file");
                Check.Equal(Marker, info.Content, "/etc/conformance-file (bound from a host file)");
            });

        yield return Case.Must("config.mounts.bind-relative-source", "config.md", "Mounts",
            "Path values for bind mounts are either absolute or relative to the bundle", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                {
                    WriteMarker(Path.Combine(b.Dir, "relative-src"));
                    b.AddMount(Bind("relative-src", "/conformance-relsrc"));
                });
                var report = await t.ProbeAsync(bundle, "--path", "/conformance-relsrc/marker");
                Check.Equal(Marker, PathAt(report, "/conformance-relsrc/marker").Content,
                    "/conformance-relsrc/marker (source \"relative-src\" in the bundle)");
            });

        yield return Case.Must("config.mounts.rbind", "config.md", "Linux mount options",
            "rbind | MUST | Recursive bind mount", async t =>
            {
                var (source, submounts) = HostDirWithSubmounts();
                var bundle = await t.NewBundleAsync(b => b.AddMount(Bind(source, "/conformance-rbind", "rbind")));
                var report = await t.ProbeAsync(bundle);
                foreach (var sub in submounts)
                    MountAt(report, "/conformance-rbind" + sub[source.Length..]);
            });

        yield return Case.Should("config.mounts.filesystem-options", "config.md", "Linux mount options",
            "Runtimes SHOULD treat unknown options as filesystem-specific ones and pass those as a comma-separated string to the fifth (data) argument of mount(2)", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.AddMount(Tmpfs("/conformance-fsopts", "size=2m", "mode=0710")));
                var report = await t.ProbeAsync(bundle);
                var entry = MountAt(report, "/conformance-fsopts");
                Check.Contains("size=2048k", entry.SuperOptions, "tmpfs options of /conformance-fsopts");
                Check.Contains("mode=710", entry.SuperOptions, "tmpfs options of /conformance-fsopts");
            });

        yield return Case.Must("config.mounts.option.ro", "config.md", "Linux mount options",
            "ro | MUST (a read-only bind mount of a writable host directory)", async t =>
            {
                var host = HostDirWithMarker(t, "ro-src");
                var bundle = await t.NewBundleAsync(b => b.AddMount(Bind(host, "/conformance-ro", "ro")));
                var report = await t.ProbeAsync(bundle, "--path", "/conformance-ro", "--path", "/conformance-ro/marker");
                Check.Contains("ro", MountAt(report, "/conformance-ro").Options, "mount options of /conformance-ro");
                Check.Equal("EROFS", PathAt(report, "/conformance-ro").WriteError, "creating a file in /conformance-ro");
                Check.Equal("EROFS", PathAt(report, "/conformance-ro/marker").WriteError, "opening /conformance-ro/marker for writing");
            });

        foreach (var option in (string[])["nosuid", "nodev", "noexec", "noatime"])
            yield return FlagCase(option, option, superblock: false);
        yield return FlagCase("sync", "sync", superblock: true);

        yield return Case.Must("config.mounts.option.strictatime", "config.md", "Linux mount options",
            "strictatime | MUST (no relatime or noatime on the mount)", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.AddMount(Tmpfs("/conformance-flag", "strictatime")));
                var options = MountAt(await t.ProbeAsync(bundle), "/conformance-flag").Options;
                Check.True(!options.Contains("relatime") && !options.Contains("noatime"),
                    $"mount options of /conformance-flag with strictatime: {string.Join(",", options)}");
            });

        yield return Case.Must("config.mounts.option.clearing", "config.md", "Linux mount options",
            "rw, suid, dev, exec | MUST (each clears ro, nosuid, nodev, noexec given before it, as in mount(8))", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.AddMount(
                    Tmpfs("/conformance-flag", "ro", "nosuid", "nodev", "noexec", "rw", "suid", "dev", "exec")));
                var options = MountAt(await t.ProbeAsync(bundle), "/conformance-flag").Options;
                Check.Contains("rw", options, "mount options of /conformance-flag");
                foreach (var cleared in (string[])["nosuid", "nodev", "noexec"])
                    Check.True(!options.Contains(cleared), $"mount options of /conformance-flag still have {cleared}: {string.Join(",", options)}");
            });

        yield return Case.Should("config.mounts.option.nosymfollow", "config.md", "Linux mount options",
            "nosymfollow | SHOULD (Introduced in kernel 5.10)", async t =>
            {
                Skip.Unless(KernelAtLeast(5, 10), "the kernel is older than 5.10 (no MS_NOSYMFOLLOW)");
                var bundle = await t.NewBundleAsync(b => b.AddMount(Tmpfs("/conformance-flag", "nosymfollow")));
                Check.Contains("nosymfollow", MountAt(await t.ProbeAsync(bundle), "/conformance-flag").Options, "mount options of /conformance-flag");
            });

        yield return Case.Should("config.mounts.option.rro", "config.md", "Linux mount options",
            "rro | SHOULD | Recursive ro (AT_RECURSIVE, kernel 5.12 or later)", async t =>
            {
                Skip.Unless(KernelAtLeast(5, 12), "the kernel is older than 5.12 (no mount_setattr)");
                var (source, submounts) = HostDirWithSubmounts();
                var bundle = await t.NewBundleAsync(b => b.AddMount(Bind(source, "/conformance-rro", "rbind", "rro")));
                var report = await t.ProbeAsync(bundle);
                foreach (var sub in submounts.Prepend(source))
                {
                    var point = "/conformance-rro" + sub[source.Length..];
                    Check.Contains("ro", MountAt(report, point).Options, $"mount options of {point}");
                }
            });

        yield return Case.Must("config.mounts.option.shared", "config.md", "Linux mount options",
            "shared | MUST (the mount gets a peer group)", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.AddMount(Tmpfs("/conformance-prop", "shared")));
                var entry = MountAt(await t.ProbeAsync(bundle), "/conformance-prop");
                Check.True(entry.Optional.Any(o => o.StartsWith("shared:", StringComparison.Ordinal)),
                    $"/conformance-prop is not shared (optional fields: [{string.Join(" ", entry.Optional)}])");
            });

        yield return Case.Must("config.mounts.option.unbindable", "config.md", "Linux mount options",
            "unbindable | MUST | Bind mount propagation", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.AddMount(Tmpfs("/conformance-prop", "unbindable")));
                Check.Contains("unbindable", MountAt(await t.ProbeAsync(bundle), "/conformance-prop").Optional, "optional fields of /conformance-prop");
            });

        // A bind of a shared mount joins its peer group unless told otherwise: the peer is a shared tmpfs the config
        // mounts first, bound by its path in the bundle's rootfs (where the runtime mounted it, in listed order).
        yield return Case.Must("config.mounts.option.slave", "config.md", "Linux mount options",
            "slave | MUST | Bind mount propagation (a bind of a shared mount becomes its slave)", async t =>
            {
                var (peer, bound) = await ProbeBindOfSharedAsync(t, "slave");
                var group = PeerGroup(peer);
                Check.Contains($"master:{group}", bound.Optional, "optional fields of the slave bind /conformance-bound");
                Check.True(!bound.Optional.Any(o => o.StartsWith("shared:", StringComparison.Ordinal)),
                    $"/conformance-bound is still shared (optional fields: [{string.Join(" ", bound.Optional)}])");
            });

        yield return Case.Must("config.mounts.option.private", "config.md", "Linux mount options",
            "private | MUST | Bind mount propagation (a bind of a shared mount leaves its peer group)", async t =>
            {
                var (peer, bound) = await ProbeBindOfSharedAsync(t, "private");
                PeerGroup(peer);
                Check.True(bound.Optional.Count == 0,
                    $"/conformance-bound is not private (optional fields: [{string.Join(" ", bound.Optional)}])");
            });

        yield return Case.Should("config.mounts.destination-symlink", "config.md", "Mounts",
            "destination ... path inside container: a destination reached through a symlink in the rootfs stays inside the rootfs (the spec says nothing of symlinks; runc resolves them within the rootfs)", async t =>
            {
                var outside = Path.Combine(t.Dir, "outside");
                Directory.CreateDirectory(outside);
                var bundle = await t.NewBundleAsync(b =>
                {
                    File.CreateSymbolicLink(b.InRootfs("/conformance-link"), outside);
                    b.AddMount(Tmpfs("/conformance-link/inner"));
                });
                var id = t.NewId();
                var create = await t.CreateAsync(bundle, id);
                Check.True(!Directory.Exists(Path.Combine(outside, "inner")),
                    $"the runtime followed /conformance-link out of the rootfs and made {outside}/inner on the host");
                if (!create.Succeeded) return; // refusing the config also keeps the mount inside the rootfs
                Check.Succeeded(await t.StartAsync(id), "start");
                await t.WaitForStatusAsync(id, "stopped");
                var report = CaseContext.ParseReport(t.OutputOf(id), RuntimeDriver.ReadSoFar(t.StderrOf(id)));
                Check.Equal("tmpfs", MountAt(report, outside + "/inner").FsType,
                    $"filesystem at {outside}/inner in the container (the link resolved inside the rootfs)");
            });

        // ---- config-linux.md Rootfs Mount Propagation ----
        // Run where the runtime's own mounts are shared, so that slave and private differ from each other and from
        // whatever a runtime does by default.

        yield return RootPropagationCase("shared", "the rootfs mount belongs to a new peer group",
            o => o.Any(x => x.StartsWith("shared:", StringComparison.Ordinal)));
        yield return RootPropagationCase("slave", "the rootfs mount receives propagation events from the host ... but not the other way around",
            o => o.Any(x => x.StartsWith("master:", StringComparison.Ordinal)) && !o.Any(x => x.StartsWith("shared:", StringComparison.Ordinal)));
        yield return RootPropagationCase("private", "the rootfs mount doesn't receive mount propagation events from the host",
            o => o.Count == 0);
        yield return RootPropagationCase("unbindable", "the rootfs mount is a private mount that cannot be bind-mounted",
            o => o.Contains("unbindable") && !o.Any(x => x.StartsWith("shared:", StringComparison.Ordinal) || x.StartsWith("master:", StringComparison.Ordinal)));

        // ---- config-linux.md Default Filesystems ----

        foreach (var (path, type) in (ValueTuple<string, string>[])[("/proc", "proc"), ("/sys", "sysfs"), ("/dev/pts", "devpts"), ("/dev/shm", "tmpfs")])
            yield return Case.Should($"linux.default-filesystems.{path.TrimStart('/').Replace('/', '-')}", "config-linux.md", "Default Filesystems",
                $"The following filesystems SHOULD be made available in each container's filesystem: {path} {type}", async t =>
                {
                    var report = await t.ProbeAsync(await t.NewBundleAsync());
                    Check.Equal(type, MountAt(report, path).FsType, $"filesystem at {path}");
                });

        // ---- config-linux.md Masked Paths / Readonly Paths ----

        yield return Case.Must("linux.masked-paths.file", "config-linux.md", "Masked Paths",
            "maskedPaths ... will mask over the provided paths inside the container so that they cannot be read (a file)", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                {
                    WriteMarker(b.InRootfs("/etc"), "conformance-secret");
                    (b.Linux.MaskedPaths ??= []).Add("/etc/conformance-secret");
                });
                var info = PathAt(await t.ProbeAsync(bundle, "--path", "/etc/conformance-secret"), "/etc/conformance-secret");
                Check.True(info.ReadError is not null || string.IsNullOrEmpty(info.Content),
                    $"/etc/conformance-secret can still be read: \"{info.Content?.Trim()}\"");
            });

        yield return Case.Must("linux.masked-paths.directory", "config-linux.md", "Masked Paths",
            "maskedPaths ... will mask over the provided paths inside the container so that they cannot be read (a directory)", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                {
                    WriteMarker(b.InRootfs("/etc/conformance-secrets"));
                    (b.Linux.MaskedPaths ??= []).Add("/etc/conformance-secrets");
                });
                var info = PathAt(await t.ProbeAsync(bundle, "--path", "/etc/conformance-secrets"), "/etc/conformance-secrets");
                Check.True(info.ReadError is not null || info.Entries is { Count: 0 },
                    $"/etc/conformance-secrets can still be listed: [{string.Join(", ", info.Entries ?? [])}]");
            });

        yield return Case.Must("linux.readonly-paths.directory", "config-linux.md", "Readonly Paths",
            "readonlyPaths ... will set the provided paths as readonly inside the container (a directory)", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                {
                    WriteMarker(b.InRootfs("/conformance-rodir"));
                    (b.Linux.ReadonlyPaths ??= []).Add("/conformance-rodir");
                });
                var report = await t.ProbeAsync(bundle, "--path", "/conformance-rodir", "--path", "/conformance-rodir/marker");
                Check.Equal("EROFS", PathAt(report, "/conformance-rodir").WriteError, "creating a file in /conformance-rodir");
                Check.Equal("EROFS", PathAt(report, "/conformance-rodir/marker").WriteError, "opening /conformance-rodir/marker for writing");
                Check.Contains("ro", MountAt(report, "/conformance-rodir").Options, "mount options of /conformance-rodir");
            });

        yield return Case.Must("linux.readonly-paths.file", "config-linux.md", "Readonly Paths",
            "readonlyPaths ... will set the provided paths as readonly inside the container (a file)", async t =>
            {
                var bundle = await t.NewBundleAsync(b =>
                {
                    WriteMarker(b.InRootfs("/etc"), "conformance-rofile");
                    (b.Linux.ReadonlyPaths ??= []).Add("/etc/conformance-rofile");
                });
                var info = PathAt(await t.ProbeAsync(bundle, "--path", "/etc/conformance-rofile"), "/etc/conformance-rofile");
                Check.Equal(Marker, info.Content, "/etc/conformance-rofile (still readable)");
                Check.Equal("EROFS", info.WriteError, "opening /etc/conformance-rofile for writing");
            });

        // ---- runtime-linux.md Dev symbolic links ----

        yield return Case.Must("linux.dev-symlinks", "runtime-linux.md", "Dev symbolic links",
            "runtimes MUST create the following symlinks if the source file exists after processing mounts: /dev/fd, /dev/stdin, /dev/stdout, /dev/stderr", async t =>
            {
                var report = await t.ProbeAsync(await t.NewBundleAsync());
                foreach (var (link, target) in (ValueTuple<string, string>[])[
                             ("/dev/fd", "/proc/self/fd"), ("/dev/stdin", "/proc/self/fd/0"),
                             ("/dev/stdout", "/proc/self/fd/1"), ("/dev/stderr", "/proc/self/fd/2")])
                {
                    var info = DeviceAt(report, link);
                    Check.Equal("symlink", info.Type, $"type of {link}");
                    Check.Equal(target, info.LinkTarget, $"target of {link}");
                }
            });
    }

    private static Case FlagCase(string option, string shown, bool superblock) =>
        Case.Must($"config.mounts.option.{option}", "config.md", "Linux mount options",
            $"{option} | MUST (mount(8) filesystem-independent option)", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.AddMount(Tmpfs("/conformance-flag", option)));
                var entry = MountAt(await t.ProbeAsync(bundle), "/conformance-flag");
                Check.Contains(shown, superblock ? entry.SuperOptions : entry.Options,
                    $"{(superblock ? "superblock" : "mount")} options of /conformance-flag");
            });

    private static Case RootPropagationCase(string value, string meaning, Func<List<string>, bool> expected) =>
        Case.Must($"linux.rootfs-propagation.{value}", "config-linux.md", "Rootfs Mount Propagation",
            $"rootfsPropagation ... {value}: {meaning}", async t =>
            {
                var bundle = await t.NewBundleAsync(b => b.Linux.RootfsPropagation = value);
                var root = MountAt(await ProbeUnderSharedMountsAsync(t, bundle), "/");
                Check.True(expected(root.Optional),
                    $"rootfsPropagation {value}: the container's / has optional fields [{string.Join(" ", root.Optional)}]");
            });

    /// <summary>A shared tmpfs at /conformance-peer, then a bind of it at /conformance-bound with one propagation option.</summary>
    private static async Task<(MountEntry Peer, MountEntry Bound)> ProbeBindOfSharedAsync(CaseContext t, string propagation)
    {
        var bundle = await t.NewBundleAsync(b =>
        {
            Directory.CreateDirectory(b.InRootfs("/conformance-peer"));
            b.AddMount(Tmpfs("/conformance-peer", "shared"));
            b.AddMount(Bind(b.InRootfs("/conformance-peer"), "/conformance-bound", "bind", propagation));
        });
        var report = await t.ProbeAsync(bundle);
        return (MountAt(report, "/conformance-peer"), MountAt(report, "/conformance-bound"));
    }

    private static string PeerGroup(MountEntry entry) =>
        entry.Optional.FirstOrDefault(o => o.StartsWith("shared:", StringComparison.Ordinal))?["shared:".Length..]
        ?? throw new CaseFailedException($"{entry.MountPoint} (options shared) is not shared (optional fields: [{string.Join(" ", entry.Optional)}])");

    /// <summary>A host directory under the case directory holding a file "marker".</summary>
    private static string HostDirWithMarker(CaseContext t, string name)
    {
        var dir = Path.Combine(t.Dir, name);
        WriteMarker(dir);
        return dir;
    }

    private static void WriteMarker(string dir, string file = "marker")
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, file), Marker);
    }

    /// <summary>
    /// A directory of the runtime's mount namespace with mounts below it (/dev has pts and shm), for recursive binds:
    /// the runner may not mount anything itself.
    /// </summary>
    private static (string Source, IReadOnlyList<string> Submounts) HostDirWithSubmounts()
    {
        foreach (var dir in (string[])["/dev", "/sys/fs/cgroup", "/sys"])
        {
            var below = Mounts.Under(dir).Where(p => p != dir).Distinct().ToList();
            if (below.Count > 0) return (dir, below);
        }
        throw new CaseSkippedException("no directory here (/dev, /sys) has a mount below it to bind recursively");
    }
}

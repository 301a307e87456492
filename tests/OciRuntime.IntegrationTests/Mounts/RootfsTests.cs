namespace OciRuntime.IntegrationTests.Mounts;

/// <summary>
/// The container's root and the filesystems the default spec mounts: root.readonly, /proc, /sys, /dev with its
/// default devices and symlinks, /dev/pts, /dev/shm, /dev/mqueue, /sys/fs/cgroup, linux.devices, maskedPaths and
/// readonlyPaths, all as the container sees them.
/// </summary>
public sealed class RootfsTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ReadonlyRootRefusesWrites(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true)).ReadonlyRoot(true)
            .Sh("touch /file 2>&1; awk '$5 == \"/\" { print $6 }' /proc/self/mountinfo");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("roroot"));

        run.ShouldSucceed($"{rt.Name} run with a read-only root");
        Assert.Contains("Read-only file system", run.StdoutLines[0]);
        Assert.Contains("ro", run.StdoutLines[^1].Split(','));
        Assert.False(File.Exists(Path.Combine(bundle.RootfsPath(), "file")));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task WritableRootTakesWrites(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true)).ReadonlyRoot(false).Sh("echo x > /file");

        (await rt.RunAsync(bundle, ContainerDriver.NewId("rwroot"))).ShouldSucceed($"{rt.Name} run with a writable root");

        Assert.Equal("x\n", File.ReadAllText(Path.Combine(bundle.RootfsPath(), "file")));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task DevHasTheDefaultDevicesAndLinks(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh(
            "for f in null zero full random urandom tty; do stat -c '%n %F %t:%T %a' /dev/$f; done; " +
            "for f in fd stdin stdout stderr ptmx core; do [ -L /dev/$f ] && echo \"/dev/$f -> $(readlink /dev/$f)\"; done; " +
            "ls -A /dev");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("dev"));

        run.ShouldSucceed($"{rt.Name} run");
        var lines = run.StdoutLines;
        // stat prints major:minor in hex; all six are 0666 character devices.
        foreach (var (name, dev) in new[] { ("null", "1:3"), ("zero", "1:5"), ("full", "1:7"), ("random", "1:8"), ("urandom", "1:9"), ("tty", "5:0") })
            Assert.Contains($"/dev/{name} character special file {dev} 666", lines);
        Assert.Contains("/dev/fd -> /proc/self/fd", lines);
        Assert.Contains("/dev/stdin -> /proc/self/fd/0", lines);
        Assert.Contains("/dev/stdout -> /proc/self/fd/1", lines);
        Assert.Contains("/dev/stderr -> /proc/self/fd/2", lines);
        Assert.Contains("/dev/ptmx -> pts/ptmx", lines);
        // runc links /dev/core only when the host has /proc/kcore (rootfs_linux.go setupDevSymlinks).
        Assert.Equal(File.Exists("/proc/kcore"), lines.Contains("/dev/core -> /proc/kcore"));
        // Nothing from the host's /dev: the directory holds exactly the defaults and the spec's mounts.
        string[] expected = ["core", "fd", "full", "mqueue", "null", "ptmx", "pts", "random", "shm", "stderr", "stdin", "stdout", "tty", "urandom", "zero"];
        Assert.Equal(expected.Where(e => e != "core" || File.Exists("/proc/kcore")), lines.SkipWhile(l => l.StartsWith('/')));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task LinuxDevicesAreCreatedWithTheirModeAndOwner(string runtime)
    {
        var rt = Use(runtime);
        // Root without CAP_DAC_OVERRIDE (not in the default set) can write /dev/mynull only as its owner.
        var bundle = (await NewBundleAsync())
            .Device("/dev/mynull", "c", 1, 3, Convert.ToUInt32("640", 8))
            .Device("/dev/myzero", "c", 1, 5, Convert.ToUInt32("600", 8), uid: 1000, gid: 1001)
            .Sh("stat -c '%n %F %t:%T %a %u:%g' /dev/mynull /dev/myzero; echo discarded > /dev/mynull && echo written");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("devices"));

        run.ShouldSucceed($"{rt.Name} run with linux.devices");
        Assert.Equal(["/dev/mynull character special file 1:3 640 0:0", "/dev/myzero character special file 1:5 600 1000:1001", "written"], run.StdoutLines);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task TheDefaultFilesystemsAreMountedAsTheSpecSays(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh("cat /proc/self/mountinfo");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("defaults"));

        run.ShouldSucceed($"{rt.Name} run");
        var mounts = HostView.ParseMountInfo(run.Stdout);
        HostView.MountInfo At(string point) => mounts.LastOrDefault(m => m.MountPoint == point)
                                               ?? throw new Xunit.Sdk.XunitException($"no {point} mount\n{run.Describe()}");
        Assert.Equal("proc", At("/proc").FsType);
        Assert.Equal("sysfs", At("/sys").FsType);
        Assert.True(At("/sys").HasOption("ro"), "/sys is not read-only");
        Assert.Equal("tmpfs", At("/dev").FsType);
        Assert.True(At("/dev").HasOption("nosuid") && At("/dev").HasSuperOption("mode=755"), $"/dev: {At("/dev").Options} {At("/dev").SuperOptions}");
        var pts = At("/dev/pts");
        Assert.Equal("devpts", pts.FsType);
        // newinstance, ptmxmode=0666, mode=0620, gid=5 from the spec's options.
        Assert.True(pts.HasSuperOption("ptmxmode=666") && pts.HasSuperOption("mode=620") && pts.HasSuperOption("gid=5"), $"/dev/pts: {pts.SuperOptions}");
        Assert.True(new[] { "nosuid", "nodev", "noexec" }.All(At("/dev/shm").HasOption), $"/dev/shm: {At("/dev/shm").Options}");
        Assert.Equal("mqueue", At("/dev/mqueue").FsType);
        // The cgroup mount: a v2 host gives one cgroup2 mount, a v1 host a tmpfs with one mount per hierarchy.
        var cgroup = At("/sys/fs/cgroup");
        Assert.True(cgroup.FsType is "cgroup2" or "tmpfs", $"/sys/fs/cgroup is {cgroup.FsType}");
        if (cgroup.FsType == "tmpfs")
            Assert.Contains(mounts, m => m.MountPoint.StartsWith("/sys/fs/cgroup/", StringComparison.Ordinal) && m.FsType == "cgroup" && m.HasOption("ro"));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task TheCgroupMountIsAViewOfTheContainersOwnCgroup(string runtime)
    {
        // Without a cgroup namespace, each cgroup mount's root (mountinfo field 4) must be the process's own
        // cgroup in that hierarchy, as /proc/self/cgroup names it, and that cgroup must be the container's own,
        // not the caller's: the runtime placed it there before the user process ran.
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh("cat /proc/self/mountinfo; echo '--- cgroup'; cat /proc/self/cgroup");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("cgview"));

        run.ShouldSucceed($"{rt.Name} run");
        var split = run.Stdout.IndexOf("--- cgroup", StringComparison.Ordinal);
        var mounts = HostView.ParseMountInfo(run.Stdout[..split]).Where(m => m.FsType is "cgroup" or "cgroup2").ToList();
        // "N:controllers:path" -> controllers (v2: empty) -> path
        var own = run.Stdout[split..].Split('\n').Skip(1).Select(l => l.Split(':', 3)).Where(p => p.Length == 3)
            .ToDictionary(p => p[1], p => p[2]);
        Assert.NotEmpty(mounts);
        foreach (var mount in mounts)
        {
            var key = mount.FsType == "cgroup2" ? "" : own.Keys.FirstOrDefault(k => k.Length > 0 && k.Split(',').Any(mount.HasSuperOption));
            Assert.True(key is not null && own[key] == mount.Root,
                $"{mount.MountPoint} shows cgroup {mount.Root}, the process is in {(key is null ? "?" : own[key])}\n{run.Describe()}");
        }
        var caller = File.ReadAllLines("/proc/self/cgroup").Select(l => l.Split(':', 3)).ToDictionary(p => p[1], p => p[2]);
        Assert.Contains(own, kv => caller.TryGetValue(kv.Key, out var path) && path != kv.Value);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task MaskedPathsAreEmpty(string runtime)
    {
        // Files are masked with /dev/null, directories with an empty read-only tmpfs. /proc/keys and
        // /proc/timer_list are in the default list; they are checked only where the host kernel has them.
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true)).MaskedPaths("/etc/passwd", "/var")
            .Sh("for f in /etc/passwd /proc/keys /proc/timer_list; do [ -e $f ] && echo \"$f=[$(cat $f)]\"; done; " +
                "echo \"/var=[$(ls -A /var)]\"; touch /var/x 2>&1; true");
        Directory.CreateDirectory(Path.Combine(bundle.RootfsPath(), "var", "content"));

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("masked"));

        run.ShouldSucceed($"{rt.Name} run with masked paths");
        Assert.Contains("/etc/passwd=[]", run.StdoutLines);
        Assert.Contains("/var=[]", run.StdoutLines);
        Assert.Contains(run.StdoutLines, l => l.Contains("Read-only file system"));
        foreach (var file in new[] { "/proc/keys", "/proc/timer_list" }.Where(File.Exists))
            Assert.Contains($"{file}=[]", run.StdoutLines);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ReadonlyPathsRefuseWrites(string runtime)
    {
        // /proc/sys is in the default readonlyPaths; /tmp is added (on a writable root).
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true)).ReadonlyPaths("/tmp")
            .Sh("{ echo 1 > /proc/sys/kernel/shm_rmid_forced; } 2>&1; touch /tmp/x 2>&1; touch /root-is-writable && echo root-ok; " +
                "awk '$5 == \"/tmp\" || $5 == \"/proc/sys\" { print $5, $6 }' /proc/self/mountinfo");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("ropaths"));

        run.ShouldSucceed($"{rt.Name} run with readonly paths");
        Assert.Equal(2, run.StdoutLines.Count(l => l.Contains("Read-only file system")));
        Assert.Contains("root-ok", run.StdoutLines);
        Assert.Contains(run.StdoutLines, l => l.StartsWith("/tmp ", StringComparison.Ordinal) && l.Split(' ')[1].Split(',').Contains("ro"));
        Assert.Contains(run.StdoutLines, l => l.StartsWith("/proc/sys ", StringComparison.Ordinal) && l.Split(' ')[1].Split(',').Contains("ro"));
    }
}

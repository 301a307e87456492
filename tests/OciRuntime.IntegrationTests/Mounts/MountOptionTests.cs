namespace OciRuntime.IntegrationTests.Mounts;

/// <summary>
/// config.json mounts with their options, checked in the container's /proc/self/mountinfo (per-mount flags in
/// field 6, filesystem options after the "-") and by using the mount: writing through rw/ro binds, executing
/// from noexec, seeing or not seeing a host submount. Tests that add mount points use a private rootfs copy, since
/// a runtime creates missing mount points inside the rootfs.
/// </summary>
public sealed class MountOptionTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    private async Task<(CliResult Run, IReadOnlyList<HostView.MountInfo> Mounts)> RunAndReadMountsAsync(ContainerDriver rt, TempBundle bundle, string script)
    {
        bundle.Sh($"{script}; echo '--- mountinfo'; cat /proc/self/mountinfo");
        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("mnt"));
        var marker = run.Stdout.IndexOf("--- mountinfo", StringComparison.Ordinal);
        Assert.True(marker >= 0, $"{rt.Name}: the container did not get to print its mountinfo\n{run.Describe()}");
        return (run, HostView.ParseMountInfo(run.Stdout[marker..]));
    }

    private static HostView.MountInfo At(IReadOnlyList<HostView.MountInfo> mounts, string mountPoint, CliResult run) =>
        mounts.LastOrDefault(m => m.MountPoint == mountPoint)
        ?? throw new Xunit.Sdk.XunitException($"no mount at {mountPoint} in the container\n{run.Describe()}");

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ReadWriteBindWritesReachTheHost(string runtime)
    {
        var rt = Use(runtime);
        var dir = NewHostDir("rw");
        var bundle = (await NewBundleAsync(copyRootfs: true)).Bind(dir, "/mnt/rw", "rbind", "rw");

        var (run, mounts) = await RunAndReadMountsAsync(rt, bundle, "echo hello > /mnt/rw/file");

        run.ShouldSucceed($"{rt.Name} run with a rw bind");
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(dir, "file")));
        Assert.True(At(mounts, "/mnt/rw", run).HasOption("rw"));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ReadOnlyBindRefusesWrites(string runtime)
    {
        var rt = Use(runtime);
        var dir = NewHostDir("ro");
        var bundle = (await NewBundleAsync(copyRootfs: true)).Bind(dir, "/mnt/ro", "rbind", "ro");

        var (run, mounts) = await RunAndReadMountsAsync(rt, bundle, "touch /mnt/ro/file 2>&1; true");

        Assert.Contains("Read-only file system", run.Stdout);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir));
        Assert.True(At(mounts, "/mnt/ro", run).HasOption("ro"));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task RbindCarriesSubmountsAndBindDoesNot(string runtime)
    {
        var rt = Use(runtime);
        var dir = NewHostDir("tree");
        var sub = Directory.CreateDirectory(Path.Combine(dir, "sub")).FullName;
        HostMount(sub);
        File.WriteAllText(Path.Combine(sub, "in-submount"), "");
        var bundle = (await NewBundleAsync(copyRootfs: true))
            .Bind(dir, "/mnt/recursive", "rbind")
            .Bind(dir, "/mnt/single", "bind");

        var (run, mounts) = await RunAndReadMountsAsync(rt, bundle, "ls /mnt/recursive/sub /mnt/single/sub");

        run.ShouldSucceed($"{rt.Name} run with bind and rbind");
        Assert.Contains(mounts, m => m.MountPoint == "/mnt/recursive/sub" && m.FsType == "tmpfs");
        Assert.DoesNotContain(mounts, m => m.MountPoint == "/mnt/single/sub");
        Assert.Equal(1, run.StdoutLines.Count(l => l == "in-submount"));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task RroMakesSubmountsReadOnlyToo(string runtime)
    {
        // "ro" on an rbind covers the top mount only; "rro" (mount_setattr AT_RECURSIVE) covers the whole tree.
        var rt = Use(runtime);
        var dir = NewHostDir("rro");
        var sub = Directory.CreateDirectory(Path.Combine(dir, "sub")).FullName;
        HostMount(sub);
        var bundle = (await NewBundleAsync(copyRootfs: true)).Bind(dir, "/mnt/rro", "rbind", "rro");

        var (run, mounts) = await RunAndReadMountsAsync(rt, bundle, "touch /mnt/rro/sub/x 2>&1; touch /mnt/rro/x 2>&1; true");

        Assert.Equal(2, run.StdoutLines.Count(l => l.Contains("Read-only file system")));
        Assert.True(At(mounts, "/mnt/rro", run).HasOption("ro"));
        Assert.True(At(mounts, "/mnt/rro/sub", run).HasOption("ro"));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task RecursiveNosuidNodevNoexecNoatimeCoverSubmounts(string runtime)
    {
        var rt = Use(runtime);
        var dir = NewHostDir("rflags");
        var sub = Directory.CreateDirectory(Path.Combine(dir, "sub")).FullName;
        HostMount(sub);
        var bundle = (await NewBundleAsync(copyRootfs: true)).Bind(dir, "/mnt/r", "rbind", "rnosuid", "rnodev", "rnoexec", "rnoatime");

        var (run, mounts) = await RunAndReadMountsAsync(rt, bundle, "true");

        run.ShouldSucceed($"{rt.Name} run with recursive mount attributes");
        foreach (var point in new[] { "/mnt/r", "/mnt/r/sub" })
            foreach (var flag in new[] { "nosuid", "nodev", "noexec", "noatime" })
                Assert.True(At(mounts, point, run).HasOption(flag), $"{point} lacks {flag}: {At(mounts, point, run).Options}");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task TmpfsTakesItsOptions(string runtime)
    {
        // /mnt/t does not exist in the rootfs. (runc 1.1.5 chmods a tmpfs to the mode of a mount point that
        // existed before, overriding mode=; a fresh one keeps mode=700.)
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true))
            .Mount("/mnt/t", "tmpfs", "tmpfs", "nosuid", "nodev", "noexec", "noatime", "size=1m", "mode=700");

        var (run, mounts) = await RunAndReadMountsAsync(rt, bundle, "stat -c %a /mnt/t; cp /bin/busybox /mnt/t/bb; /mnt/t/bb true 2>&1; echo exec=$?");

        var tmpfs = At(mounts, "/mnt/t", run);
        Assert.Equal("tmpfs", tmpfs.FsType);
        Assert.True(new[] { "nosuid", "nodev", "noexec", "noatime" }.All(tmpfs.HasOption), $"options: {tmpfs.Options}");
        Assert.True(tmpfs.HasSuperOption("size=1024k") && tmpfs.HasSuperOption("mode=700"), $"tmpfs options: {tmpfs.SuperOptions}");
        Assert.Equal("700", run.StdoutLines[0]);
        // noexec is enforced, not just shown: executing a copy of busybox from there is refused (126).
        Assert.Contains("exec=126", run.StdoutLines);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task TmpcopyupCopiesTheUnderlyingContent(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true)).Mount("/etc", "tmpfs", "tmpfs", "tmpcopyup");

        var (run, mounts) = await RunAndReadMountsAsync(rt, bundle, "cat /etc/hostname; echo new > /etc/added");

        run.ShouldSucceed($"{rt.Name} run with tmpcopyup");
        Assert.Equal("tmpfs", At(mounts, "/etc", run).FsType);
        Assert.Equal("ocirt", run.StdoutLines[0]);
        Assert.False(File.Exists(Path.Combine(bundle.RootfsPath(), "etc", "added")), "the write went to the rootfs, not the tmpfs");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task AtimeFlagsAreApplied(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true))
            .Mount("/mnt/strict", "tmpfs", "tmpfs", "strictatime")
            .Mount("/mnt/noatime", "tmpfs", "tmpfs", "noatime")
            .Mount("/mnt/nodiratime", "tmpfs", "tmpfs", "nodiratime", "relatime");

        var (run, mounts) = await RunAndReadMountsAsync(rt, bundle, "true");

        run.ShouldSucceed($"{rt.Name} run");
        // mountinfo shows no flag for strictatime: neither relatime nor noatime.
        var strict = At(mounts, "/mnt/strict", run);
        Assert.False(strict.HasOption("relatime") || strict.HasOption("noatime"), $"strictatime: {strict.Options}");
        Assert.True(At(mounts, "/mnt/noatime", run).HasOption("noatime"));
        Assert.True(At(mounts, "/mnt/nodiratime", run).HasOption("nodiratime") && At(mounts, "/mnt/nodiratime", run).HasOption("relatime"));
    }

    // Row: runtime, the bind's propagation option, whether a mount made on the host afterwards shows up inside.
    public static TheoryData<string, string, bool> Propagations => new()
    {
        { "ocirt", "rslave", true }, { "ocirt", "rprivate", false }, { "ocirt", "rshared", true },
        { "runc", "rslave", true }, { "runc", "rprivate", false }, { "runc", "rshared", true },
    };

    [SkippableTheory]
    [MemberData(nameof(Propagations))]
    public async Task BindPropagationDecidesWhetherLaterHostMountsAppear(string runtime, string propagation, bool appears)
    {
        var rt = Use(runtime);
        var dir = NewHostDir("prop");
        HostMount(dir);
        Sh($"mount --make-shared {FileStdio.Quote(dir)}");
        var bundle = (await NewBundleAsync(copyRootfs: true)).Bind(dir, "/mnt/prop", "rbind", propagation)
            .Sh("grep ' /mnt/prop ' /proc/self/mountinfo; echo ready; " +
                "for i in $(seq 30); do grep -q ' /mnt/prop/late ' /proc/self/mountinfo && { echo seen; exit 0; }; sleep 0.1; done; echo not-seen");
        var io = rt.NewStdio();

        var run = rt.RunAsync(bundle, ContainerDriver.NewId("prop"), io);
        await ContainerDriver.WaitForFileAsync(io.Stdout, "ready");
        var late = Directory.CreateDirectory(Path.Combine(dir, "late")).FullName;
        HostMount(late);
        var result = await run;

        result.ShouldSucceed($"{rt.Name} run with a {propagation} bind");
        Assert.Equal(appears ? "seen" : "not-seen", result.StdoutLines[^1]);
        // mountinfo's optional fields: master:N for a slave, shared:N for a peer, neither for private.
        var fields = result.StdoutLines[0];
        Assert.True(propagation switch
        {
            "rslave" => fields.Contains(" master:") && !fields.Contains(" shared:"),
            "rshared" => fields.Contains(" shared:"),
            _ => !fields.Contains(" master:") && !fields.Contains(" shared:"),
        }, $"{propagation} bind: {fields}");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task RootfsPropagationRsharedMakesTheContainerMountsShared(string runtime)
    {
        // runc 1.1.5 takes the r-forms; "shared" (no r) shows no effect, "unbindable" fails with EINVAL.
        var rt = Use(runtime);
        var shared = (await NewBundleAsync("shared", copyRootfs: true));
        shared.Linux["rootfsPropagation"] = "rshared";
        var priv = (await NewBundleAsync("private", copyRootfs: true));
        priv.Linux["rootfsPropagation"] = "rprivate";

        var (sharedRun, sharedMounts) = await RunAndReadMountsAsync(rt, shared, "true");
        var (privRun, privMounts) = await RunAndReadMountsAsync(rt, priv, "true");

        sharedRun.ShouldSucceed($"{rt.Name} run with rootfsPropagation rshared");
        privRun.ShouldSucceed($"{rt.Name} run with rootfsPropagation rprivate");
        Assert.Contains(sharedMounts, m => m.OptionalFields.Contains("shared:"));
        Assert.DoesNotContain(privMounts, m => m.OptionalFields.Contains("shared:") || m.OptionalFields.Contains("master:"));
    }
}

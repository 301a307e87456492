namespace OciRuntime.IntegrationTests.Security;

/// <summary>
/// Paths from config.json are resolved inside the rootfs, never through a symlink out of it: an image can ship a
/// symlink pointing at a host path (absolute, or ../../.. climbing out), and a runtime that followed it on the host
/// would create directories, mount or chdir there (runc's CVE-2021-30465 family). Each test plants such symlinks in
/// a private rootfs copy, aims them at a host dir of the test, and checks that the host dir stays empty while the
/// mount (or cwd) lands at the same path *inside* the rootfs.
/// </summary>
public sealed class RootfsEscapeTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    private async Task<(TempBundle Bundle, string HostTarget)> BundleWithEscapingLinksAsync()
    {
        var bundle = await NewBundleAsync(copyRootfs: true);
        var hostTarget = NewHostDir("host-target");
        var rootfs = bundle.RootfsPath();
        // /evil -> /tmp/ocirt-it-X/host-target (absolute), /evil2 -> ../../../../../../../../tmp/ocirt-it-X/host-target.
        File.CreateSymbolicLink(Path.Combine(rootfs, "evil"), hostTarget);
        File.CreateSymbolicLink(Path.Combine(rootfs, "evil2"), string.Concat(Enumerable.Repeat("../", 12)) + hostTarget.TrimStart('/'));
        return (bundle, hostTarget);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task MountDestinationThroughASymlinkStaysInsideTheRootfs(string runtime)
    {
        var rt = Use(runtime);
        var (bundle, hostTarget) = await BundleWithEscapingLinksAsync();
        var source = NewHostDir("bind-source");
        File.WriteAllText(Path.Combine(source, "marker"), "from-source\n");
        bundle.Bind(source, "/evil/sub", "rbind")
            .Mount("/evil2/sub2", "tmpfs", "tmpfs")
            .Sh("cat /evil/sub/marker; cat /proc/self/mountinfo");
        var id = ContainerDriver.NewId("mntlink");

        var run = await rt.RunAsync(bundle, id);

        run.ShouldSucceed($"{rt.Name} run with mount destinations through escaping symlinks");
        // The host dir the links point at was not touched: no mount point directories were made there.
        Assert.Empty(Directory.EnumerateFileSystemEntries(hostTarget));
        // Inside, both mounts are where the links resolve to within the container's root.
        Assert.Equal("from-source", run.StdoutLines[0]);
        var mountPoints = HostView.ParseMountInfo(run.Stdout).Select(m => m.MountPoint).ToList();
        Assert.Contains(hostTarget + "/sub", mountPoints);
        Assert.Contains(hostTarget + "/sub2", mountPoints);
        Assert.True(Directory.Exists(Path.Combine(bundle.RootfsPath(), hostTarget.TrimStart('/'), "sub")),
            "the mount point was not created inside the rootfs copy");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task CwdThroughADanglingSymlinkNeverReachesTheHost(string runtime)
    {
        // Inside the rootfs the link's target does not exist. runc 1.1.5 refuses ("mkdir /evil: file exists": it
        // creates a missing cwd with MkdirAll, which will not replace a symlink); creating the target inside the
        // rootfs would be safe too. Either way nothing may appear in the host dir the link names.
        var rt = Use(runtime);
        var (bundle, hostTarget) = await BundleWithEscapingLinksAsync();
        bundle.Cwd("/evil").Sh("touch planted; pwd");
        var id = ContainerDriver.NewId("cwdlink");

        var run = await rt.RunAsync(bundle, id);

        Assert.Empty(Directory.EnumerateFileSystemEntries(hostTarget));
        if (run.ExitCode == 0)
            Assert.True(File.Exists(Path.Combine(bundle.RootfsPath(), hostTarget.TrimStart('/'), "planted")),
                $"the file written in cwd is not inside the rootfs copy\n{run.Describe()}");
        else
            run.ShouldHaveOneErrorLine($"{rt.Name} run with cwd through a dangling escaping symlink");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task CwdThroughASymlinkResolvesInsideTheRootfs(string runtime)
    {
        // The same path exists inside the rootfs: chdir must land there, not in the host dir.
        var rt = Use(runtime);
        var (bundle, hostTarget) = await BundleWithEscapingLinksAsync();
        var inside = Path.Combine(bundle.RootfsPath(), hostTarget.TrimStart('/'));
        Directory.CreateDirectory(inside);
        bundle.Cwd("/evil2").Sh("touch planted; pwd");
        var id = ContainerDriver.NewId("cwdlink2");

        var run = await rt.RunAsync(bundle, id);

        run.ShouldSucceed($"{rt.Name} run with cwd through an escaping symlink");
        Assert.Empty(Directory.EnumerateFileSystemEntries(hostTarget));
        Assert.True(File.Exists(Path.Combine(inside, "planted")), $"the file written in cwd is not inside the rootfs copy\n{run.Describe()}");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task RelativeCwdIsRefused(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true)).Cwd("../../..").Sh("pwd");
        var id = ContainerDriver.NewId("cwdrel");

        var run = await rt.RunAsync(bundle, id);

        // runc 1.1.5: "runc run failed: Cwd must be an absolute path", exit 1, before anything is set up.
        run.ShouldFailMentioning($"{rt.Name} run with a relative cwd", 1, RuncMessages.CwdNotAbsolute);
        run.ShouldHaveOneErrorLine($"{rt.Name} run with a relative cwd");
        Assert.True(Runtimes.IsEmptyDir(rt.Root), "a refused run left something under --root");
        Assert.Empty(HostView.ProcessesUsingRootfs(bundle.RootfsPath()));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task DotDotInCwdCannotClimbAboveTheContainerRoot(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true)).Cwd("/../../../tmp").Sh("pwd; ls /proc/self/cwd/");
        File.WriteAllText(Path.Combine(bundle.RootfsPath(), "tmp", "inside-marker"), "");
        var id = ContainerDriver.NewId("cwddotdot");

        var run = await rt.RunAsync(bundle, id);

        run.ShouldSucceed($"{rt.Name} run with cwd /../../../tmp");
        Assert.Equal(["/tmp", "inside-marker"], run.StdoutLines);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task MaskedPathsCannotBeUnmaskedWithoutCapSysAdmin(string runtime)
    {
        // The default capabilities lack CAP_SYS_ADMIN, so umount of the /dev/null (file) and read-only tmpfs
        // (directory) masks fails and the contents stay hidden.
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true))
            .MaskedPaths("/etc/hostname", "/root")
            .Sh("umount /etc/hostname; umount -l /etc/hostname; umount /root; umount -l /root; " +
                "echo \"hostname=[$(cat /etc/hostname)]\"; echo \"root=[$(ls -A /root)]\"");
        File.WriteAllText(Path.Combine(bundle.RootfsPath(), "root", "secret"), "s");
        var id = ContainerDriver.NewId("unmask");

        var run = await rt.RunAsync(bundle, id);

        Assert.Contains("hostname=[]", run.StdoutLines);
        Assert.Contains("root=[]", run.StdoutLines);
        Assert.Contains("Operation not permitted", run.Stderr);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task WithCapSysAdminTheSameUnmaskWorks(string runtime)
    {
        // The control for the test above: it is the missing capability that keeps the masks on.
        var rt = Use(runtime);
        string[] caps = ["CAP_SYS_ADMIN", "CAP_KILL"];
        var bundle = (await NewBundleAsync(copyRootfs: true))
            .MaskedPaths("/etc/hostname")
            .Capabilities(bounding: caps, effective: caps, permitted: caps)
            .Sh("umount /etc/hostname && echo \"hostname=[$(cat /etc/hostname)]\"");
        var id = ContainerDriver.NewId("unmaskcap");

        var run = await rt.RunAsync(bundle, id);

        run.ShouldSucceed($"{rt.Name} umount of a masked path with CAP_SYS_ADMIN");
        Assert.Equal(["hostname=[ocirt]"], run.StdoutLines);
    }
}

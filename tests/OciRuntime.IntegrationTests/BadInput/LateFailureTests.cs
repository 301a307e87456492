namespace OciRuntime.IntegrationTests.BadInput;

/// <summary>A create that fails after the init was started (here: the pid file cannot be written) leaves nothing:
/// no state dir, no process on the rootfs, no cgroup. The init is already waiting on the exec fifo at that point,
/// so the runtime must end it.</summary>
public sealed class LateFailureTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task AnUnwritablePidFileLeavesNothingBehind(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true)).Args("sleep", "100");
        var id = ContainerDriver.NewId("latefail");
        bundle.Linux["cgroupsPath"] = "/" + id;
        bundle.Save();

        var create = await rt.CreateAsync(bundle, id, "--pid-file", "/nonexistent-dir/init.pid");

        Assert.NotEqual(0, create.ExitCode);
        Assert.Contains("nonexistent-dir", create.Stderr);
        Assert.False(Directory.Exists(rt.StateDir(id)), $"{runtime} left {rt.StateDir(id)}");
        Assert.Empty(HostView.ProcessesUsingRootfs(Path.Combine(bundle.Dir, "rootfs")));
        Assert.False(Directory.Exists($"/sys/fs/cgroup/pids/{id}"), $"{runtime} left its cgroup");
    }
}

namespace OciRuntime.IntegrationTests.Security;

/// <summary>
/// No fd of the caller beyond 0-2 (and what --preserve-fds/LISTEN_FDS ask for) may reach a container process.
/// containerd's shim leaks its ttrpc listening socket as fd 3 into `create` and `exec`; a container that got it
/// could talk to the shim. Here the runtime is called with fds 3 and 4 open without CLOEXEC (files standing in
/// for that socket), and the process lists its shell's fds (`ls /proc/$$/fd; true`: ls is a child, so its own
/// dir fd is not listed; without the trailing builtin, busybox ash execs the last command in place and $$ is ls).
/// </summary>
public sealed class FdLeakTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    private const string ListFds = "ls /proc/$$/fd; true";

    private Dictionary<int, string> LeakedFds()
    {
        var file = Path.Combine(Rt.WorkDir, "leaked.txt");
        File.WriteAllText(file, "secret\n");
        return new Dictionary<int, string> { [3] = file, [4] = file };
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task RunPassesOnlyStdio(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh(ListFds);
        var id = ContainerDriver.NewId("fdrun");

        var run = await rt.RunAsync(bundle, id, rt.NewStdio(io => io with { ExtraFds = LeakedFds() }));

        run.ShouldSucceed($"{rt.Name} run");
        Assert.Equal(["0", "1", "2"], run.StdoutLines);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task CreatePassesOnlyStdio(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh(ListFds);
        var id = ContainerDriver.NewId("fdcreate");

        (await rt.CreateAsync(bundle, id, io => io with { ExtraFds = LeakedFds() })).ShouldSucceed($"{rt.Name} create");
        // Also from the host: while it waits for start, the init holds no fd of the caller's beyond 0-2 (its own
        // fds, like the exec fifo, are fine, but not the leaked file).
        var pid = await rt.InitPidAsync(id);
        var leaked = Path.Combine(Rt.WorkDir, "leaked.txt");
        var targets = HostView.OpenFds(pid).Select(fd => new FileInfo($"/proc/{pid}/fd/{fd}").LinkTarget).ToList();
        Assert.DoesNotContain(leaked, targets);

        (await rt.StartAsync(id)).ShouldSucceed($"{rt.Name} start");
        await rt.WaitForStatusAsync(id, "stopped");
        Assert.Equal("0\n1\n2\n", rt.ContainerStdout(id));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ExecPassesOnlyStdio(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Args("sleep", "100");
        var id = ContainerDriver.NewId("fdexec");
        await rt.CreateAndStartAsync(bundle, id);

        var exec = await rt.RunWithFilesAsync(rt.NewStdio(io => io with { ExtraFds = LeakedFds() }), "exec", id, "sh", "-c", ListFds);

        exec.ShouldSucceed($"{rt.Name} exec");
        Assert.Equal(["0", "1", "2"], exec.StdoutLines);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task TheRuntimeLeavesNoFdOpenInTheContainerInit(string runtime)
    {
        // After start, init is the user's process: every fd the runtime used (sync socket, log pipe, exec fifo,
        // rootfs and proc handles) must be gone, leaving the three stdio fds.
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Args("sleep", "100");
        var id = ContainerDriver.NewId("fdinit");

        var pid = await rt.CreateAndStartAsync(bundle, id);

        Assert.Equal(["0", "1", "2"], HostView.OpenFds(pid).Order());
    }
}

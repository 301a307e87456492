namespace OciRuntime.IntegrationTests.Lifecycle;

/// <summary>
/// `run`: create + start in one call. In the foreground it waits for the process, passes its stdio through and
/// exits with the process's code, or 128+signal when the process was killed (runc's ExitStatus rule, which
/// callers rely on); then the container is deleted unless --keep. `run -d` returns once the process runs.
/// </summary>
public sealed class RunTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    public static TheoryData<string, int> ExitCodes => new()
    {
        { "ocirt", 0 }, { "ocirt", 3 }, { "ocirt", 255 },
        { "runc", 0 }, { "runc", 3 }, { "runc", 255 },
    };

    [SkippableTheory]
    [MemberData(nameof(ExitCodes))]
    public async Task ForegroundRunExitsWithTheProcessCode(string runtime, int code)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh($"exit {code}");
        var id = ContainerDriver.NewId("exit");

        var run = await rt.RunAsync(bundle, id);

        run.ShouldExit(code, $"{rt.Name} run of `exit {code}`");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ForegroundRunPassesStdioThrough(string runtime)
    {
        var rt = Use(runtime);
        var stdin = Path.Combine(Rt.WorkDir, "stdin.txt");
        File.WriteAllText(stdin, "from-stdin\n");
        var bundle = (await NewBundleAsync()).Sh("read line; echo \"out:$line\"; echo err-line >&2");
        var id = ContainerDriver.NewId("stdio");

        var run = await rt.RunAsync(bundle, id, rt.NewStdio(io => io with { Stdin = stdin }));

        run.ShouldSucceed($"{rt.Name} run");
        Assert.Equal("out:from-stdin\n", run.Stdout);
        Assert.Equal("err-line\n", run.Stderr);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ForegroundRunDeletesTheContainerAfterwards(string runtime)
    {
        var rt = Use(runtime);
        var bundle = await NewBundleAsync();
        var id = ContainerDriver.NewId("autodel");

        (await rt.RunAsync(bundle, id)).ShouldSucceed($"{rt.Name} run");

        Assert.False(Directory.Exists(rt.StateDir(id)), $"run left its state dir {rt.StateDir(id)}");
        (await rt.Cli.RunAsync("state", id)).ShouldFailWith(RecordedRunc.NotExist, "state after run");
        Assert.Empty(HostView.CgroupDirsNamed(id));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task RunKeepLeavesAStoppedContainer(string runtime)
    {
        var rt = Use(runtime);
        var bundle = await NewBundleAsync();
        var id = ContainerDriver.NewId("keep");

        (await rt.RunAsync(bundle, id, "--keep")).ShouldSucceed($"{rt.Name} run --keep");

        Assert.Equal("stopped", await rt.StatusAsync(id));
        (await rt.DeleteAsync(id)).ShouldSucceed($"{rt.Name} delete after run --keep");
        Assert.False(Directory.Exists(rt.StateDir(id)));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task KilledProcessGives128PlusSignal(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Args("sleep", "100");
        var id = ContainerDriver.NewId("sigkill");

        var run = rt.RunAsync(bundle, id);
        await rt.WaitForStatusAsync(id, "running");
        (await rt.KillAsync(id, "KILL")).ShouldSucceed($"{rt.Name} kill KILL");

        (await run).ShouldExit(128 + 9, $"{rt.Name} run killed by SIGKILL");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task TermKillsAProcessThatIsNotAPidNamespaceInit(string runtime)
    {
        // Without a pid namespace `sleep` is an ordinary process, so SIGTERM's default action ends it: 128+15.
        // (As pid 1 of its own namespace it would ignore a TERM it has no handler for; KillTests use a trap.)
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).RemoveNamespace("pid").Args("sleep", "100");
        var id = ContainerDriver.NewId("sigterm");

        var run = rt.RunAsync(bundle, id);
        await rt.WaitForStatusAsync(id, "running");
        (await rt.KillAsync(id)).ShouldSucceed($"{rt.Name} kill (default TERM)");

        (await run).ShouldExit(128 + 15, $"{rt.Name} run killed by SIGTERM");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ForegroundRunForwardsSignalsToTheProcess(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh("trap 'echo got-USR1; exit 42' USR1; echo ready; while :; do sleep 0.1; done");
        var id = ContainerDriver.NewId("forward");
        var runtimePid = new TaskCompletionSource<int>();
        var io = rt.NewStdio(s => s with { OnStarted = pid => runtimePid.TrySetResult(pid) });

        var run = rt.RunAsync(bundle, id, io);
        await ContainerDriver.WaitForFileAsync(io.Stdout, "ready");
        // The signal goes to the runtime (as a shell or a supervisor would send it), which must pass it on.
        Sh($"kill -USR1 {await runtimePid.Task}");

        var result = await run;
        result.ShouldExit(42, $"{rt.Name} run after SIGUSR1 to the runtime");
        Assert.Contains("got-USR1", result.Stdout);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task DetachedRunReturnsWhileTheProcessRuns(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh("echo detached; exec sleep 100");
        var id = ContainerDriver.NewId("detach");
        var pidFile = Path.Combine(Rt.WorkDir, "run.pid");

        var run = await rt.RunDetachedAsync(bundle, id, "--pid-file", pidFile);

        run.ShouldSucceed($"{rt.Name} run -d");
        Assert.Equal("running", await rt.StatusAsync(id));
        Assert.Equal(File.ReadAllText(pidFile), (await rt.InitPidAsync(id)).ToString());
        // The container kept the runtime's stdout (a file here, a conmon pipe in podman).
        await ContainerDriver.WaitForFileAsync(rt.StdoutFile(id), "detached");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task WithoutBundleFlagTheCurrentDirectoryIsTheBundle(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true)).Sh("echo in-bundle");
        bundle.Save();
        var id = ContainerDriver.NewId("cwdbundle");

        // root.path is the relative "rootfs": it must resolve against the cwd-as-bundle.
        var run = await rt.RunWithFilesAsync(rt.NewStdio(io => io with { WorkingDirectory = bundle.Dir }), "run", id);

        run.ShouldSucceed($"{rt.Name} run without --bundle");
        Assert.Equal("in-bundle\n", run.Stdout);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task NoPivotStillHidesTheHostMounts(string runtime)
    {
        // --no-pivot: MS_MOVE of the rootfs onto / plus chroot instead of pivot_root (for ramfs roots).
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh("ls /; cat /proc/self/mountinfo");
        var id = ContainerDriver.NewId("nopivot");

        var run = await rt.RunAsync(bundle, id, "--no-pivot");

        run.ShouldSucceed($"{rt.Name} run --no-pivot");
        // `ls /` (one name a line when not on a tty) shows the busybox rootfs.
        Assert.Contains("bin", run.StdoutLines);
        Assert.Contains("proc", run.StdoutLines);
        var mountPoints = HostView.ParseMountInfo(run.Stdout).Select(m => m.MountPoint).ToList();
        Assert.Contains("/", mountPoints);
        Assert.DoesNotContain(mountPoints, p => p.StartsWith(Rt.WorkDir, StringComparison.Ordinal) || p.StartsWith("/work", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task NoNewKeyringIsAccepted(string runtime)
    {
        // The keyring itself is not visible from inside (/proc/keys is masked); callers pass the flag, it must work.
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh("echo ok");
        var id = ContainerDriver.NewId("keyring");

        var run = await rt.RunAsync(bundle, id, "--no-new-keyring");

        run.ShouldSucceed($"{rt.Name} run --no-new-keyring");
        Assert.Equal("ok\n", run.Stdout);
    }
}

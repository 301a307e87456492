namespace OciRuntime.IntegrationTests.Lifecycle;

/// <summary>
/// `kill ID [SIG]`: SIG is a name (TERM), a SIG-prefixed name (SIGTERM) or a number (15: containerd and podman
/// always send numbers); the default is TERM. The container's process (pid 1 of its pid namespace) traps the
/// signals and writes their names, since as a pid-namespace init it ignores any signal it has no handler for.
/// </summary>
public sealed class KillTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    private const string TrapScript =
        "for s in TERM USR1 HUP INT; do trap \"echo got-$s\" $s; done; echo ready; while :; do sleep 0.1; done";

    // Row: runtime, the signal argument ("" = none), the name the process must see.
    public static TheoryData<string, string, string> Signals()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var runtime in new[] { "ocirt", "runc" })
            foreach (var (arg, name) in new[]
                     {
                         ("", "TERM"), ("TERM", "TERM"), ("SIGTERM", "TERM"), ("15", "TERM"),
                         ("USR1", "USR1"), ("SIGUSR1", "USR1"), ("10", "USR1"), ("HUP", "HUP"), ("1", "HUP"), ("2", "INT"),
                     })
                data.Add(runtime, arg, name);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Signals))]
    public async Task KillDeliversTheNamedSignal(string runtime, string signal, string expected)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh(TrapScript);
        var id = ContainerDriver.NewId("kill");
        await rt.CreateAndStartAsync(bundle, id);
        await ContainerDriver.WaitForFileAsync(rt.StdoutFile(id), "ready");

        var kill = signal.Length == 0 ? await rt.KillAsync(id) : await rt.KillAsync(id, signal);

        kill.ShouldSucceed($"{rt.Name} kill {id} {signal}");
        var output = await ContainerDriver.WaitForFileAsync(rt.StdoutFile(id), $"got-{expected}");
        Assert.Equal(["ready", $"got-{expected}"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("running", await rt.StatusAsync(id));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task KillWithSigkillStopsTheContainer(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh(TrapScript);
        var id = ContainerDriver.NewId("kill9");
        var pid = await rt.CreateAndStartAsync(bundle, id);

        (await rt.KillAsync(id, "9")).ShouldSucceed($"{rt.Name} kill 9");

        await rt.WaitForStatusAsync(id, "stopped");
        Assert.False(HostView.IsAlive(pid), $"init {pid} survived SIGKILL");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task KillOfACreatedContainerReachesTheWaitingInit(string runtime)
    {
        // containerd kills a created-but-not-started task on `ctr task rm -f`; the init must die, not start.
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh("echo started");
        var id = ContainerDriver.NewId("killcreated");
        (await rt.CreateAsync(bundle, id)).ShouldSucceed($"{rt.Name} create");
        var pid = await rt.InitPidAsync(id);

        (await rt.KillAsync(id, "KILL")).ShouldSucceed($"{rt.Name} kill KILL of a created container");

        await rt.WaitForStatusAsync(id, "stopped");
        Assert.False(HostView.IsAlive(pid));
        Assert.Equal("", rt.ContainerStdout(id));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task KillAllKillsEveryProcessOfTheContainer(string runtime)
    {
        var rt = Use(runtime);
        // Two extra processes besides init; with SIGKILL they all go with the pid namespace.
        var bundle = (await NewBundleAsync()).Sh("sleep 100 & sleep 100 & echo ready; wait");
        var id = ContainerDriver.NewId("killall");
        await rt.CreateAndStartAsync(bundle, id);
        await ContainerDriver.WaitForFileAsync(rt.StdoutFile(id), "ready");

        (await rt.KillAsync(id, "--all", "KILL")).ShouldSucceed($"{rt.Name} kill --all KILL");

        await rt.WaitForStatusAsync(id, "stopped");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task KillAllOfAStoppedContainerSucceeds(string runtime)
    {
        // runc's kill.go: with --all, "container not running" is not an error (containerd's KillAll on cleanup).
        var rt = Use(runtime);
        var bundle = await NewBundleAsync();
        var id = ContainerDriver.NewId("killallstopped");
        await rt.CreateAndStartAsync(bundle, id);
        await rt.WaitForStatusAsync(id, "stopped");

        (await rt.KillAsync(id, "--all", "KILL")).ShouldSucceed($"{rt.Name} kill --all of a stopped container");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task KillOfAMissingContainerFails(string runtime)
    {
        var rt = Use(runtime);

        var kill = await rt.KillAsync("missing", "KILL");

        kill.ShouldFailWith(RecordedRunc.NotExist, $"{rt.Name} kill of a missing container");
        Assert.True(Runtimes.IsEmptyDir(rt.Root), "kill created something under --root");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task KillWithAnUnknownSignalFails(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Args("sleep", "100");
        var id = ContainerDriver.NewId("badsig");
        await rt.CreateAndStartAsync(bundle, id);

        var kill = await rt.KillAsync(id, "NOSUCHSIG");

        // runc 1.1.5: `unknown signal "NOSUCHSIG"`, exit 1.
        kill.ShouldFailWith("unknown signal", $"{rt.Name} kill NOSUCHSIG");
        Assert.Equal("running", await rt.StatusAsync(id));
    }
}

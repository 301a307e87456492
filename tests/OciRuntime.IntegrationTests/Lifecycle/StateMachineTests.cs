using System.Text.RegularExpressions;

namespace OciRuntime.IntegrationTests.Lifecycle;

/// <summary>
/// The runtime-spec state machine as containerd and podman drive it: create → created (init waiting on the exec
/// fifo) → start → running → the process exits → stopped → delete. Each step is checked through `state` and
/// through what the host sees (the init pid in /proc, the state dir under --root).
/// </summary>
public sealed partial class StateMachineTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task CreateLeavesInitWaitingAndWritesThePidFile(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh("echo started");
        var id = ContainerDriver.NewId("create");
        var pidFile = Path.Combine(Rt.WorkDir, "init.pid");

        var create = await rt.CreateAsync(bundle, id, "--pid-file", pidFile);

        create.ShouldSucceed($"{rt.Name} create");
        Assert.True(create.Stdout.Length == 0 && create.Stderr.Length == 0, $"create printed something\n{create.Describe()}");
        // go-runc and conmon read the pid file as a bare decimal number: no newline, no padding.
        var text = File.ReadAllText(pidFile);
        Assert.Matches(DecimalPid(), text);
        var pid = int.Parse(text);
        Assert.True(HostView.IsAlive(pid), $"init {pid} from the pid file is not alive");
        var state = await rt.StateAsync(id);
        Assert.Equal("created", (string?)state["status"]);
        Assert.Equal(pid, (int)state["pid"]!);
        // The user process has not run yet: init waits for `start`.
        await Task.Delay(300);
        Assert.Equal("", rt.ContainerStdout(id));
        Assert.True(Directory.Exists(rt.StateDir(id)), $"no state dir {rt.StateDir(id)}");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task StateJsonHasTheSpecFields(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true)).Args("sleep", "100");
        var id = ContainerDriver.NewId("state");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        (await rt.CreateAsync(bundle, id)).ShouldSucceed($"{rt.Name} create");

        var state = await rt.StateAsync(id);

        Assert.False(string.IsNullOrEmpty((string?)state["ociVersion"]), $"no ociVersion in {state}");
        Assert.Equal(id, (string?)state["id"]);
        Assert.Equal("created", (string?)state["status"]);
        Assert.True((int)state["pid"]! > 0, $"pid in {state}");
        Assert.Equal(bundle.Dir, (string?)state["bundle"]);
        // root.path is "rootfs" here: the state shows it resolved against the bundle, absolute.
        Assert.Equal(bundle.RootfsPath(), (string?)state["rootfs"]);
        // runc: RFC3339Nano in UTC.
        var created = DateTimeOffset.Parse((string)state["created"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(created, before, DateTimeOffset.UtcNow.AddSeconds(5));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ARelativeBundleIsRecordedAbsolute(string runtime)
    {
        // podman runs create from its own cwd; the state must not depend on where the caller was.
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync("relbundle")).Args("sleep", "100");
        bundle.SaveAtomically();
        var id = ContainerDriver.NewId("relbundle");

        var create = await rt.RunWithFilesAsync(rt.NewStdio(io => io with { WorkingDirectory = Rt.WorkDir }), "create", "--bundle", "relbundle", id);

        create.ShouldSucceed($"{rt.Name} create --bundle relbundle");
        Assert.Equal(bundle.Dir, (string?)(await rt.StateAsync(id))["bundle"]);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task StartRunsTheProcessWhichEndsStopped(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh("echo started; sleep 0.3");
        var id = ContainerDriver.NewId("start");
        (await rt.CreateAsync(bundle, id)).ShouldSucceed($"{rt.Name} create");

        var start = await rt.StartAsync(id);

        start.ShouldSucceed($"{rt.Name} start");
        await ContainerDriver.WaitForFileAsync(rt.StdoutFile(id), "started");
        await rt.WaitForStatusAsync(id, "stopped");
        // runc reports pid 0 once stopped; the spec requires a pid only for created and running.
        var state = await rt.StateAsync(id);
        Assert.True(state["pid"] is null || (int)state["pid"]! == 0, $"a stopped container reports a pid: {state}");
        Assert.True(Directory.Exists(rt.StateDir(id)), "a stopped container keeps its state dir until delete");

        (await rt.DeleteAsync(id)).ShouldSucceed($"{rt.Name} delete");
        Assert.False(Directory.Exists(rt.StateDir(id)), $"delete left {rt.StateDir(id)}");
        (await rt.Cli.RunAsync("state", id)).ShouldFailWith(RecordedRunc.NotExist, "state after delete");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task RunningUntilKilledThenStopped(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Args("sleep", "100");
        var id = ContainerDriver.NewId("running");
        var pid = await rt.CreateAndStartAsync(bundle, id);

        Assert.Equal("running", await rt.StatusAsync(id));
        // The init pid is the user process itself after exec, not a runtime helper.
        Assert.Equal("sleep", HostView.ReadOrEmpty($"/proc/{pid}/comm").Trim());

        (await rt.KillAsync(id, "KILL")).ShouldSucceed($"{rt.Name} kill KILL");
        await rt.WaitForStatusAsync(id, "stopped");
        (await rt.DeleteAsync(id)).ShouldSucceed($"{rt.Name} delete");
        Assert.False(Directory.Exists(rt.StateDir(id)), $"delete left {rt.StateDir(id)}");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task DeleteOfRunningWithoutForceFails(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Args("sleep", "100");
        var id = ContainerDriver.NewId("delrun");
        var pid = await rt.CreateAndStartAsync(bundle, id);

        var delete = await rt.DeleteAsync(id);

        // runc 1.1.5: `cannot delete container ID that is not stopped: running`, exit 1.
        delete.ShouldFailWith($"cannot delete container {id} that is not stopped: running", $"{rt.Name} delete of a running container");
        Assert.True(HostView.IsAlive(pid), "a refused delete killed the container");
        Assert.Equal("running", await rt.StatusAsync(id));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task DeleteForceKillsARunningContainer(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Args("sleep", "100");
        var id = ContainerDriver.NewId("delforce");
        var pid = await rt.CreateAndStartAsync(bundle, id);

        (await rt.DeleteAsync(id, force: true)).ShouldSucceed($"{rt.Name} delete --force");

        await WaitGoneAsync(pid);
        Assert.False(Directory.Exists(rt.StateDir(id)), $"delete --force left {rt.StateDir(id)}");
        Assert.Empty(HostView.CgroupDirsNamed(id));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task DeleteOfACreatedContainerKillsItsInit(string runtime)
    {
        // runc deletes a created container without --force (delete.go: `case libcontainer.Created: killContainer`).
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Args("sleep", "100");
        var id = ContainerDriver.NewId("delcreated");
        (await rt.CreateAsync(bundle, id)).ShouldSucceed($"{rt.Name} create");
        var pid = await rt.InitPidAsync(id);

        (await rt.DeleteAsync(id)).ShouldSucceed($"{rt.Name} delete of a created container");

        await WaitGoneAsync(pid);
        Assert.False(Directory.Exists(rt.StateDir(id)), $"delete left {rt.StateDir(id)}");
        Assert.Equal("", rt.ContainerStdout(id));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task StartOfARunningContainerFails(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Args("sleep", "100");
        var id = ContainerDriver.NewId("startrun");
        await rt.CreateAndStartAsync(bundle, id);

        var again = await rt.StartAsync(id);

        again.ShouldFailWith("cannot start an already running container", $"{rt.Name} second start");
        again.ShouldHaveOneErrorLine($"{rt.Name} second start");
        Assert.Equal("running", await rt.StatusAsync(id));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task StartOfAStoppedContainerFails(string runtime)
    {
        var rt = Use(runtime);
        var bundle = await NewBundleAsync();
        var id = ContainerDriver.NewId("startstop");
        await rt.CreateAndStartAsync(bundle, id);
        await rt.WaitForStatusAsync(id, "stopped");

        var again = await rt.StartAsync(id);

        again.ShouldFailWith("cannot start a container that has stopped", $"{rt.Name} start of a stopped container");
        again.ShouldHaveOneErrorLine($"{rt.Name} start of a stopped container");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task KillOfAStoppedContainerFails(string runtime)
    {
        var rt = Use(runtime);
        var bundle = await NewBundleAsync();
        var id = ContainerDriver.NewId("killstop");
        await rt.CreateAndStartAsync(bundle, id);
        await rt.WaitForStatusAsync(id, "stopped");

        // containerd's checkKillError matches this text; `kill --all` turns it into success (covered in KillTests).
        var kill = await rt.KillAsync(id, "KILL");

        kill.ShouldFailWith(RuncMessages.NotRunning, $"{rt.Name} kill of a stopped container");
        kill.ShouldHaveOneErrorLine($"{rt.Name} kill of a stopped container");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task CreateWithAnExistingIdFailsAndLeavesTheFirstAlone(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Args("sleep", "100");
        var id = ContainerDriver.NewId("dup");
        (await rt.CreateAsync(bundle, id)).ShouldSucceed($"{rt.Name} create");
        var pid = await rt.InitPidAsync(id);

        var second = await rt.RunWithFilesAsync(null, "create", "--bundle", bundle.Dir, id);

        // runc 1.1.5: "runc create failed: container with given ID already exists".
        second.ShouldFailWith("container with given ID already exists", $"{rt.Name} second create");
        second.ShouldHaveOneErrorLine($"{rt.Name} second create");
        Assert.Equal("created", await rt.StatusAsync(id));
        Assert.Equal(pid, await rt.InitPidAsync(id));
    }

    /// <summary>The pid is gone or a zombie (pid 1 on the host reaps it when it gets to it).</summary>
    private static async Task WaitGoneAsync(int pid)
    {
        for (var i = 0; i < 100 && HostView.IsAlive(pid); i++)
            await Task.Delay(50);
        Assert.False(HostView.IsAlive(pid), $"process {pid} still alive");
    }

    [GeneratedRegex(@"\A[1-9][0-9]*\z")]
    private static partial Regex DecimalPid();
}

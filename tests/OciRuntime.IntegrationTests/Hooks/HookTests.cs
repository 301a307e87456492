using System.Diagnostics;
using System.Text.Json.Nodes;

namespace OciRuntime.IntegrationTests.Hooks;

/// <summary>
/// The six hook kinds at their points of the lifecycle. Every hook is `sh -c SCRIPT argzero arg1` that saves the
/// state JSON from its stdin, its argv, env and network namespace under a marker dir and appends its name to a
/// shared order file. Hooks running on the host write to the marker dir's host path; startContainer resolves its
/// path in the container and writes through a bind mount of the same dir at /markers. createContainer runs in the
/// container's namespaces but before pivot_root, so the host path still works there.
/// </summary>
public sealed class HookTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    private static readonly string[] Kinds = ["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"];

    private string _markers = "";

    private static string Recorder(string name, string dir) =>
        $"cat > {dir}/{name}.json; echo {name} >> {dir}/order; echo \"$0 $1\" > {dir}/{name}.argv; " +
        $"env | grep -v -e ^PWD= -e ^SHLVL= -e ^_= -e ^PATH= | sort > {dir}/{name}.env; readlink /proc/self/ns/net > {dir}/{name}.netns";

    private async Task<TempBundle> BundleWithAllHooksAsync()
    {
        _markers = NewHostDir("markers");
        var bundle = (await NewBundleAsync(copyRootfs: true)).Bind(_markers, "/markers", "rbind")
            .Sh("echo main >> /markers/main; exec sleep 100");
        foreach (var kind in Kinds)
        {
            var dir = kind == "startContainer" ? "/markers" : _markers;
            bundle.Hook(kind, "/bin/sh", ["sh", "-c", Recorder(kind, dir), "argzero", "arg1"], [$"HOOK_KIND={kind}"]);
        }
        return bundle;
    }

    private string Marker(string file) => HostView.ReadOrEmpty(Path.Combine(_markers, file));

    private string[] Order() => Marker("order").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task AllSixHooksRunInOrderWithTheirState(string runtime)
    {
        var rt = Use(runtime);
        var bundle = await BundleWithAllHooksAsync();
        var id = ContainerDriver.NewId("hooks");

        // A variable in the runtime's own environment, which no hook may inherit.
        var withEnv = (Func<StdioSpec, StdioSpec>)(io => io with { Environment = new Dictionary<string, string?> { ["OCIRT_IT_RUNTIME_ENV"] = "leaked" } });
        (await rt.CreateAsync(bundle, id, withEnv)).ShouldSucceed($"{rt.Name} create");
        var pid = await rt.InitPidAsync(id);
        // runc 1.1.5 runs poststart hooks during create, before startContainer (fixed in later runc: the spec
        // puts them after the user process started).
        string[] createHooks = rt.IsRunc ? ["prestart", "createRuntime", "createContainer", "poststart"] : ["prestart", "createRuntime", "createContainer"];
        Assert.Equal(createHooks, Order());
        Assert.Equal("", Marker("main"));

        (await rt.StartAsync(id)).ShouldSucceed($"{rt.Name} start");
        await ContainerDriver.WaitForFileAsync(Path.Combine(_markers, "main"), "main");
        await ContainerDriver.WaitForFileAsync(Path.Combine(_markers, "order"), rt.IsRunc ? "startContainer" : "poststart");
        (await rt.KillAsync(id, "KILL")).ShouldSucceed($"{rt.Name} kill");
        await rt.WaitForStatusAsync(id, "stopped");
        (await rt.DeleteAsync(id)).ShouldSucceed($"{rt.Name} delete");

        string[] expected = rt.IsRunc
            ? ["prestart", "createRuntime", "createContainer", "poststart", "startContainer", "poststop"]
            : ["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"];
        Assert.Equal(expected, Order());

        var hostNet = HostView.Namespace("net");
        foreach (var kind in Kinds)
        {
            var state = JsonNode.Parse(Marker($"{kind}.json"))?.AsObject()
                        ?? throw new Xunit.Sdk.XunitException($"{kind}: no state JSON on stdin");
            Assert.True((string?)state["id"] == id && (string?)state["bundle"] == bundle.Dir, $"{kind}: id/bundle in {state}");
            Assert.False(string.IsNullOrEmpty((string?)state["ociVersion"]), $"{kind}: {state}");
            // Argv from the hook's args (args[0] is argv[0]); env is exactly the hook's env, nothing inherited.
            // (PATH is left out: busybox sh, which runs startContainer, sets a default PATH when there is none.)
            Assert.True(Marker($"{kind}.argv").Trim() == "argzero arg1", $"{kind}: argv {Marker($"{kind}.argv")}");
            Assert.True(Marker($"{kind}.env").Trim() == $"HOOK_KIND={kind}", $"{kind}: env {Marker($"{kind}.env")}");

            var inContainer = kind is "createContainer" or "startContainer";
            var netns = Marker($"{kind}.netns").Trim();
            Assert.True(inContainer ? netns != hostNet : netns == hostNet, $"{kind} ran in {netns}, host is {hostNet}");

            var (status, statePid) = ((string?)state["status"], (int?)state["pid"] ?? 0);
            var expectedStatus = kind switch
            {
                "prestart" or "createRuntime" or "createContainer" => "creating",
                "startContainer" => "created",
                "poststart" => rt.IsRunc ? "created" : "running",
                _ => "stopped",
            };
            Assert.True(status == expectedStatus, $"{kind}: status {status}, expected {expectedStatus}: {state}");
            // The pid as seen from where the hook runs (runtime-spec config.md): the host's pid of init for
            // hooks in the runtime namespace, 1 for hooks in the container's pid namespace, none once stopped.
            var expectedPid = kind == "poststop" ? 0 : inContainer ? 1 : pid;
            Assert.True(statePid == expectedPid, $"{kind}: pid {statePid}, expected {expectedPid}: {state}");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task TheInitIsInItsCgroupWhenTheFirstHookRuns(string runtime)
    {
        // ocirt moves the init into its cgroup while the init boots (the v1 join waits out an RCU grace period);
        // the move must be finished before any hook runs, and before the cgroup mount that shows it.
        var rt = Use(runtime);
        var markers = NewHostDir("markers");
        var bundle = (await NewBundleAsync(copyRootfs: true))
            .Hook("prestart", "/bin/sh", ["sh", "-c", $"pid=$(sed -n 's/.*\"pid\": *\\([0-9]*\\).*/\\1/p'); cat /proc/$pid/cgroup > {markers}/cgroup"])
            .Args("sleep", "100");
        var id = ContainerDriver.NewId("hookcg");

        (await rt.CreateAsync(bundle, id)).ShouldSucceed($"{rt.Name} create");

        var pidsLine = HostView.ReadOrEmpty(Path.Combine(markers, "cgroup")).Split('\n').FirstOrDefault(l => l.Contains(":pids:")) ?? "";
        Assert.True(pidsLine.EndsWith("/" + id, StringComparison.Ordinal), $"{rt.Name}: the prestart hook saw the init in \"{pidsLine}\"");
    }

    public static TheoryData<string, string> AbortingKinds()
    {
        var data = new TheoryData<string, string>();
        foreach (var runtime in new[] { "ocirt", "runc" })
            foreach (var kind in new[] { "prestart", "createRuntime", "createContainer" })
                data.Add(runtime, kind);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(AbortingKinds))]
    public async Task AFailingCreateHookAbortsCreateAndLeavesNothing(string runtime, string kind)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true))
            .Hook(kind, "/bin/sh", ["sh", "-c", "echo hook-says-no >&2; exit 3"])
            .Args("sleep", "100");
        var id = ContainerDriver.NewId("hookfail");

        var create = await rt.CreateAsync(bundle, id);

        // runc 1.1.5: "runc create failed: ... error running hook #0: error running hook: exit status 3, stdout: ,
        // stderr: hook-says-no\n" (one line: the hook's newline is escaped).
        create.ShouldFailWith("hook", $"{rt.Name} create with a failing {kind} hook");
        create.ShouldHaveOneErrorLine($"{rt.Name} create with a failing {kind} hook");
        await AssertNothingLeftAsync(rt, id, bundle);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task AHookPastItsTimeoutIsKilledAndCreateFails(string runtime)
    {
        var rt = Use(runtime);
        var markers = NewHostDir("markers");
        var bundle = (await NewBundleAsync(copyRootfs: true))
            .Hook("createRuntime", "/bin/sh", ["sh", "-c", $"echo $$ > {markers}/hookpid; exec sleep 30"], timeout: 1)
            .Args("sleep", "100");
        var id = ContainerDriver.NewId("hooktimeout");
        var clock = Stopwatch.StartNew();

        var create = await rt.CreateAsync(bundle, id);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"create took {clock.Elapsed.TotalSeconds:0.0}s with a 1 s hook timeout");
        // runc 1.1.5: "error running hook #0: hook ran past specified timeout of 1.0s".
        create.ShouldFailWith("timeout", $"{rt.Name} create with a hung hook");
        var hookPid = int.Parse(HostView.ReadOrEmpty(Path.Combine(markers, "hookpid")).Trim());
        for (var i = 0; i < 50 && HostView.IsAlive(hookPid); i++)
            await Task.Delay(100);
        Assert.False(HostView.IsAlive(hookPid), $"the timed-out hook {hookPid} is still running");
        await AssertNothingLeftAsync(rt, id, bundle);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task AFailingStartContainerHookStopsTheContainerBeforeTheProcessRuns(string runtime)
    {
        var rt = Use(runtime);
        var markers = NewHostDir("markers");
        var bundle = (await NewBundleAsync(copyRootfs: true)).Bind(markers, "/markers", "rbind")
            .Hook("startContainer", "/bin/sh", ["sh", "-c", "echo start-hook-says-no >&2; exit 4"])
            .Sh("echo main > /markers/main; exec sleep 100");
        var id = ContainerDriver.NewId("starthookfail");
        (await rt.CreateAsync(bundle, id)).ShouldSucceed($"{rt.Name} create");

        var start = await rt.StartAsync(id);

        // The hook runs in init after `start` has signalled it, so runc (1.1.5 and later) returns 0 from start and
        // init reports the hook's failure on the container's stderr. A runtime may also fail start itself; either
        // way the error must be visible, the container must stop and the user process must never run.
        if (start.ExitCode != 0)
            start.ShouldHaveOneErrorLine($"{rt.Name} start with a failing startContainer hook");
        await rt.WaitForStatusAsync(id, "stopped");
        Assert.True((start.Stderr + rt.ContainerStderr(id)).Contains("start-hook-says-no"),
            $"the hook's error is neither on start's stderr nor on the container's\n{start.Describe()}\ncontainer stderr: {rt.ContainerStderr(id)}");
        Assert.False(File.Exists(Path.Combine(markers, "main")), "the user process ran although startContainer failed");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task AFailingPoststartHookOnlyWarns(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true)).Hook("poststart", "/bin/false").Args("sleep", "100");
        var id = ContainerDriver.NewId("poststartfail");

        var create = await rt.CreateAsync(bundle, id);

        if (rt.IsRunc)
        {
            // runc 1.1.5 runs poststart inside create and treats a failure as fatal: create fails and cleans up.
            create.ShouldFailWith("error running hook", "runc 1.1.5 create with a failing poststart hook");
            await AssertNothingLeftAsync(rt, id, bundle);
            return;
        }
        create.ShouldSucceed($"{rt.Name} create");
        (await rt.StartAsync(id)).ShouldSucceed($"{rt.Name} start with a failing poststart hook (spec: warn and continue)");
        Assert.Equal("running", await rt.StatusAsync(id));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task AFailingPoststopHookOnlyWarns(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true)).Hook("poststop", "/bin/false");
        var id = ContainerDriver.NewId("poststopfail");
        await rt.CreateAndStartAsync(bundle, id);
        await rt.WaitForStatusAsync(id, "stopped");

        // runc 1.1.5 logs "error running hook #0: ..." and exits 0.
        (await rt.DeleteAsync(id)).ShouldSucceed($"{rt.Name} delete with a failing poststop hook");

        Assert.False(Directory.Exists(rt.StateDir(id)), $"delete left {rt.StateDir(id)}");
    }

    /// <summary>No state dir, no process still using the rootfs copy, no cgroup named after the container.</summary>
    private static async Task AssertNothingLeftAsync(ContainerDriver rt, string id, TempBundle bundle)
    {
        var rootfs = bundle.RootfsPath();
        for (var i = 0; i < 50 && HostView.ProcessesUsingRootfs(rootfs).Count > 0; i++)
            await Task.Delay(100);
        Assert.False(Directory.Exists(rt.StateDir(id)), $"{rt.Name} left its state dir {rt.StateDir(id)}");
        Assert.Empty(HostView.ProcessesUsingRootfs(rootfs));
        Assert.Empty(HostView.CgroupDirsNamed(id));
    }
}

namespace OciRuntime.IntegrationTests.BadInput;

/// <summary>
/// The container's init killed (SIGKILL from the host) at each point where create/start waits on it, then
/// `delete --force`, as containerd and podman do after a failure: the calls must return, and the host must end up
/// clean (no state dir, no process on the rootfs, no cgroup). The points are made deterministic with a hook that
/// pauses there until the test has killed init: prestart and createRuntime (runtime side, namespaces made),
/// createContainer (init inside its namespaces, before pivot_root), "created" (init waiting on the exec fifo) and
/// startContainer (after start, just before exec). The init's host pid comes from the prestart hook's state.
/// </summary>
public sealed class InterruptedCreateTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    public static TheoryData<string, string> Steps()
    {
        var data = new TheoryData<string, string>();
        foreach (var runtime in new[] { "ocirt", "runc" })
            foreach (var step in new[] { "prestart", "createRuntime", "createContainer", "created", "startContainer" })
                data.Add(runtime, step);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Steps))]
    public async Task KillingInitAtAStepLeavesNothingAfterDeleteForce(string runtime, string step)
    {
        var rt = Use(runtime);
        var markers = NewHostDir("markers");
        var bundle = (await NewBundleAsync(copyRootfs: true)).Bind(markers, "/markers", "rbind").Args("sleep", "100");
        // Hooks in the runtime namespace and createContainer (before pivot_root) see the host path; startContainer
        // sees the bind mount.
        var dir = step == "startContainer" ? "/markers" : markers;
        var pause = $"echo paused > {dir}/{step}.paused; i=0; while [ ! -e {dir}/release ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done";
        bundle.Hook("prestart", "/bin/sh", ["sh", "-c", $"cat > {markers}/prestart.json" + (step == "prestart" ? "; " + pause : "")]);
        if (step is not ("prestart" or "created"))
            bundle.Hook(step, "/bin/sh", ["sh", "-c", $"cat > /dev/null; {pause}"]);
        var id = ContainerDriver.NewId($"kill-{step}");

        var create = rt.CreateAsync(bundle, id);
        Task<CliResult>? start = null;
        if (step is "created" or "startContainer")
        {
            (await create).ShouldSucceed($"{rt.Name} create");
            if (step == "startContainer")
                start = rt.StartAsync(id);
        }
        if (step != "created")
            await ContainerDriver.WaitForFileAsync(Path.Combine(markers, $"{step}.paused"), "paused");

        var state = System.Text.Json.Nodes.JsonNode.Parse(await ContainerDriver.WaitForFileAsync(Path.Combine(markers, "prestart.json"), "}"))!;
        var pid = (int)state["pid"]!;
        Assert.True(HostView.IsAlive(pid), $"init {pid} is not alive at {step}");
        Sh($"kill -9 {pid}");
        File.WriteAllText(Path.Combine(markers, "release"), "");

        // Whatever create/start make of it, they must return, with one error line if they fail.
        var results = new List<(string, CliResult)> { ("create", await create) };
        if (start is not null)
            results.Add(("start", await start));
        foreach (var (what, result) in results.Where(r => r.Item2.ExitCode != 0))
            result.ShouldHaveOneErrorLine($"{rt.Name} {what} with init killed at {step}");

        (await rt.DeleteAsync(id, force: true)).ShouldSucceed($"{rt.Name} delete --force after init was killed at {step}");

        for (var i = 0; i < 50 && (HostView.IsAlive(pid) || HostView.ProcessesUsingRootfs(bundle.RootfsPath()).Count > 0); i++)
            await Task.Delay(100);
        Assert.False(HostView.IsAlive(pid), $"init {pid} survived");
        Assert.Empty(HostView.ProcessesUsingRootfs(bundle.RootfsPath()));
        Assert.False(Directory.Exists(rt.StateDir(id)), $"state dir {rt.StateDir(id)} left after delete --force");
        Assert.Empty(HostView.CgroupDirsNamed(id));
    }
}

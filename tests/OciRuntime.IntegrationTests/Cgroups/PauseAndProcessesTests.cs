using System.Text.Json.Nodes;

namespace OciRuntime.IntegrationTests.Cgroups;

/// <summary>pause/resume, ps and kill --all go through the container's cgroup (v1 freezer on this hybrid host). Each
/// runs for ocirt and runc; the container's cgroup is the runtime's "/&lt;id&gt;" (no cgroupsPath), removed by delete.</summary>
public sealed class PauseAndProcessesTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    private static string FreezerState(string id) => File.ReadAllText($"/sys/fs/cgroup/freezer/{id}/freezer.state").Trim();

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task PauseFreezesEveryProcessAndResumeThawsThem(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh("while :; do echo tick >> /tmp/ticks; sleep 0.05; done");
        var id = ContainerDriver.NewId("pause");
        int pid = await rt.CreateAndStartAsync(bundle, id);

        (await rt.Cli.RunAsync("pause", id)).ShouldSucceed($"{rt.Name} pause");
        Assert.Equal("paused", await rt.StatusAsync(id));
        Assert.Equal("FROZEN", FreezerState(id));
        // A frozen task is stopped by the freezer: its state letter is D (or S) and it makes no progress.
        string ticks = Sh($"cat /proc/{pid}/root/tmp/ticks 2>/dev/null | wc -l", check: false);
        await Task.Delay(300);
        Assert.Equal(ticks, Sh($"cat /proc/{pid}/root/tmp/ticks 2>/dev/null | wc -l", check: false));
        (await rt.Cli.RunAsync("pause", id)).ShouldFailWith("container not running", $"{rt.Name} pause of a paused container");

        (await rt.Cli.RunAsync("resume", id)).ShouldSucceed($"{rt.Name} resume");
        Assert.Equal("running", await rt.StatusAsync(id));
        Assert.Equal("THAWED", FreezerState(id));
        (await rt.Cli.RunAsync("resume", id)).ShouldFailWith("container not paused", $"{rt.Name} resume of a running container");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task PsListsEveryProcessOfTheContainerAsJson(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh("sleep 1000 & exec sleep 1000");
        var id = ContainerDriver.NewId("ps");
        int pid = await rt.CreateAndStartAsync(bundle, id);
        await WaitForAsync(async () => (await PidsAsync(rt, id)).Count == 2);

        var pids = await PidsAsync(rt, id);
        Assert.Contains(pid, pids);
        var table = (await rt.Cli.RunAsync("ps", id)).ShouldSucceed($"{rt.Name} ps");
        Assert.Contains("PID", table.StdoutLines[0]);
        Assert.Equal(3, table.StdoutLines.Length);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task KillAllSignalsEveryProcessIncludingExecdOnes(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh("trap '' TERM; sleep 1000 & wait");
        var id = ContainerDriver.NewId("killall");
        await rt.CreateAndStartAsync(bundle, id);
        (await rt.ExecWithFlagsAsync(id, ["-d"], "sleep", "999")).ShouldSucceed($"{rt.Name} exec -d");
        await WaitForAsync(async () => (await PidsAsync(rt, id)).Count == 3);

        (await rt.KillAsync(id, "--all", "KILL")).ShouldSucceed($"{rt.Name} kill --all");
        await rt.WaitForStatusAsync(id, "stopped");
        await WaitForAsync(async () => (await PidsAsync(rt, id)).Count == 0);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task EventsStatsPrintsOneLineInRuncsShape(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Args("sleep", "100");
        bundle.Linux["resources"] = JsonNode.Parse("""{"memory":{"limit":67108864},"pids":{"limit":42}}""");
        bundle.Save();
        var id = ContainerDriver.NewId("events");
        await rt.CreateAndStartAsync(bundle, id);

        var events = (await rt.Cli.RunAsync("events", "--stats", id)).ShouldSucceed($"{rt.Name} events --stats");
        Assert.Single(events.StdoutLines);
        var line = JsonNode.Parse(events.Stdout)!;
        Assert.Equal("stats", (string?)line["type"]);
        Assert.Equal(id, (string?)line["id"]);
        var data = line["data"]!;
        Assert.True((ulong?)data["cpu"]?["usage"]?["total"] > 0, $"cpu.usage.total in {data}");
        Assert.Equal(67108864UL, (ulong?)data["memory"]?["usage"]?["limit"]);
        Assert.Equal(1UL, (ulong?)data["pids"]?["current"]);
        Assert.Equal(42UL, (ulong?)data["pids"]?["limit"]);
    }

    private static async Task<List<int>> PidsAsync(ContainerDriver rt, string id)
    {
        var ps = (await rt.Cli.RunAsync("ps", "--format", "json", id)).ShouldSucceed($"{rt.Name} ps --format json");
        // An empty list is `null` (Go's nil slice), for both runtimes.
        return JsonNode.Parse(ps.Stdout)?.AsArray().Select(n => (int)n!).ToList() ?? [];
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(50);
        }
    }
}

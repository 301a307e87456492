using System.Text.Json.Nodes;

namespace OciRuntime.IntegrationTests.CgroupV2;

/// <summary>
/// Resources, the eBPF device filter, freeze, kill and events on a pure cgroup v2 host. This machine is a v1/v2
/// hybrid, so `make test` runs this class inside a user-mode-linux guest (hack/uml/test-v2.sh), whose kernel has the
/// cpu, io, memory and pids controllers on cgroup2; on the hybrid host itself every test skips, saying so.
/// Each container gets cgroupsPath /&lt;id&gt;, owned by the test and removed by delete.
/// </summary>
[Trait("Category", "CgroupV2")]
public sealed class CgroupV2Tests(ITestOutputHelper log) : ContainerTestBase(log)
{
    private static bool PureV2 => File.Exists("/sys/fs/cgroup/cgroup.controllers") && !Directory.Exists("/sys/fs/cgroup/unified");

    private ContainerDriver UseV2(string runtime)
    {
        Skip.IfNot(PureV2, "needs a pure cgroup v2 host: `make test` runs this class inside user-mode-linux (hack/uml/test-v2.sh)");
        return Use(runtime);
    }

    private static string Read(string id, string file) => File.ReadAllText($"/sys/fs/cgroup/{id}/{file}").Trim();

    private async Task<(TempBundle Bundle, string Id)> BundleAsync(string runtime, string resources, string script = "exec sleep 100")
    {
        var bundle = (await NewBundleAsync($"bundle-{runtime}")).Sh(script);
        var id = ContainerDriver.NewId($"v2-{runtime}");
        bundle.Linux["resources"] = JsonNode.Parse(resources);
        bundle.Linux["cgroupsPath"] = "/" + id;
        bundle.Save();
        return (bundle, id);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ResourcesLandInTheV2Files(string runtime)
    {
        var rt = UseV2(runtime);
        var (bundle, id) = await BundleAsync(runtime,
            """{"memory":{"limit":67108864,"reservation":33554432,"swap":134217728},"pids":{"limit":42},"cpu":{"quota":50000,"period":100000}}""");
        (await rt.CreateAsync(bundle, id)).ShouldSucceed($"{runtime} create");

        Assert.Equal("67108864", Read(id, "memory.max"));
        Assert.Equal("33554432", Read(id, "memory.low"));
        Assert.Equal("67108864", Read(id, "memory.swap.max")); // swap counts memory+swap in the spec: 128M - 64M
        Assert.Equal("42", Read(id, "pids.max"));
        Assert.Equal("50000 100000", Read(id, "cpu.max"));
        (await rt.DeleteAsync(id, force: true)).ShouldSucceed($"{runtime} delete");
        Assert.False(Directory.Exists($"/sys/fs/cgroup/{id}"), $"{runtime} left its cgroup");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task UnifiedWritesItsKeysAndOverridesTheFields(string runtime)
    {
        var rt = UseV2(runtime);
        var (bundle, id) = await BundleAsync(runtime, """{"pids":{"limit":42},"unified":{"memory.high":"50331648","pids.max":"7"}}""");
        (await rt.CreateAsync(bundle, id)).ShouldSucceed($"{runtime} create");
        Assert.Equal("50331648", Read(id, "memory.high"));
        Assert.Equal("7", Read(id, "pids.max")); // unified is written last, as runc does
    }

    [SkippableFact]
    public async Task BlockIoThrottlingLandsInIoMax()
    {
        var rt = UseV2("ocirt");
        var disk = Directory.Exists("/sys/block") ? Directory.GetDirectories("/sys/block").FirstOrDefault() : null;
        Skip.If(disk is null, "no block device in this kernel (the user-mode-linux guest has a hostfs root only)");
        var numbers = File.ReadAllText(Path.Combine(disk!, "dev")).Trim();
        var (major, minor) = (numbers.Split(':')[0], numbers.Split(':')[1]);
        var (bundle, id) = await BundleAsync("ocirt", $$$"""{"blockIO":{"throttleReadBpsDevice":[{"major":{{{major}}},"minor":{{{minor}}},"rate":1048576}]}}""");
        (await rt.CreateAsync(bundle, id)).ShouldSucceed("ocirt create");
        Assert.Contains($"{numbers} rbps=1048576", Read(id, "io.max"));
    }

    [SkippableFact]
    public async Task CpuSharesBecomeRuncHeadsCpuWeight()
    {
        // runc 1.1.5 (installed) still uses the older linear formula (1024 -> 39); ocirt follows runc HEAD.
        var rt = UseV2("ocirt");
        var (bundle, id) = await BundleAsync("ocirt", """{"cpu":{"shares":1024}}""");
        (await rt.CreateAsync(bundle, id)).ShouldSucceed("ocirt create");
        Assert.Equal("100", Read(id, "cpu.weight"));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task TheDeviceFilterDeniesWhatTheRulesDoNotAllow(string runtime)
    {
        var rt = UseV2(runtime);
        // mknod is allowed for every device (runc's default list); opening 1:1 (/dev/mem) is not, 1:5 (zero) is.
        var (bundle, id) = await BundleAsync(runtime, """{"devices":[{"allow":false,"access":"rwm"}]}""",
            "mknod /dev/mem2 c 1 1; head -c 1 /dev/mem2 >/dev/null 2>/dev/null; echo mem=$?; head -c 1 /dev/zero >/dev/null; echo zero=$?");
        var run = (await rt.RunAsync(bundle, id)).ShouldSucceed($"{runtime} run");
        Assert.Contains("mem=1", run.Stdout);
        Assert.Contains("zero=0", run.Stdout);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task PauseFreezesTheCgroupAndKillAllEndsEveryProcess(string runtime)
    {
        var rt = UseV2(runtime);
        var (bundle, id) = await BundleAsync(runtime, """{"pids":{"limit":10}}""", "sleep 1000 & exec sleep 1000");
        await rt.CreateAndStartAsync(bundle, id);

        (await rt.Cli.RunAsync("pause", id)).ShouldSucceed($"{runtime} pause");
        Assert.Equal("1", Read(id, "cgroup.freeze"));
        Assert.Contains("frozen 1", File.ReadAllLines($"/sys/fs/cgroup/{id}/cgroup.events"));
        Assert.Equal("paused", await rt.StatusAsync(id));
        (await rt.Cli.RunAsync("resume", id)).ShouldSucceed($"{runtime} resume");
        Assert.Contains("frozen 0", File.ReadAllLines($"/sys/fs/cgroup/{id}/cgroup.events"));

        (await rt.KillAsync(id, "--all", "KILL")).ShouldSucceed($"{runtime} kill --all");
        await rt.WaitForStatusAsync(id, "stopped");
    }

    [SkippableFact]
    public async Task EventsStatsReadsTheV2Files()
    {
        var rt = UseV2("ocirt");
        var (bundle, id) = await BundleAsync("ocirt", """{"memory":{"limit":67108864},"pids":{"limit":42}}""");
        await rt.CreateAndStartAsync(bundle, id);
        var events = (await rt.Cli.RunAsync("events", "--stats", id)).ShouldSucceed("ocirt events --stats");
        var data = JsonNode.Parse(events.Stdout)!["data"]!;
        Assert.Equal(67108864UL, (ulong?)data["memory"]?["usage"]?["limit"]);
        Assert.Equal(42UL, (ulong?)data["pids"]?["limit"]);
        Assert.True((ulong?)data["cpu"]?["usage"]?["total"] > 0, $"cpu usage in {data}");
    }
}

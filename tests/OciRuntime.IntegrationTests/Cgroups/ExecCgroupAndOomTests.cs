using System.Text.Json.Nodes;

namespace OciRuntime.IntegrationTests.Cgroups;

/// <summary>exec --cgroup (a sub-cgroup of the container's, in the named hierarchies only) and OOM events, on this
/// host's v1 hierarchies. Sub-cgroups are made and removed by the test; the container's by the runtime.</summary>
public sealed class ExecCgroupAndOomTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ExecCgroupJoinsTheSubCgroupOfTheNamedControllerOnly(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Args("sleep", "100");
        var id = ContainerDriver.NewId("execcg");
        bundle.Linux["cgroupsPath"] = "/" + id;
        bundle.Save();
        await rt.CreateAndStartAsync(bundle, id);
        string sub = $"/sys/fs/cgroup/pids/{id}/sub";
        Directory.CreateDirectory(sub);
        try
        {
            string pidFile = Path.Combine(Rt.WorkDir, $"{runtime}-exec.pid");
            (await rt.ExecWithFlagsAsync(id, ["-d", "--pid-file", pidFile, "--cgroup", "pids:sub"], "sleep", "99"))
                .ShouldSucceed($"{runtime} exec --cgroup pids:sub");
            int pid = int.Parse(File.ReadAllText(pidFile));
            var cgroups = File.ReadAllLines($"/proc/{pid}/cgroup");
            Assert.Contains(cgroups, l => l.EndsWith($":pids:/{id}/sub", StringComparison.Ordinal));
            Assert.Contains(cgroups, l => l.EndsWith($":memory:/{id}", StringComparison.Ordinal));
            Sh($"kill -9 {pid}");
            for (int i = 0; i < 100 && File.ReadAllText($"{sub}/cgroup.procs").Trim().Length > 0; i++)
                await Task.Delay(20);
        }
        finally
        {
            Directory.Delete(sub);
        }
    }

    /// <summary>ocirt only: runc 1.1.5's `events` keeps streaming after the container has stopped, so its output
    /// cannot be awaited the same way (ocirt ends the stream when the container stops).</summary>
    [SkippableFact]
    public async Task AnOomKillIsReportedAsAnEvent()
    {
        var rt = Use("ocirt");
        // No swap on this host, so 16 MiB is all it gets; tail keeps /dev/zero's endless "line" in memory.
        var bundle = (await NewBundleAsync()).Sh("sleep 1; tail /dev/zero; sleep 1");
        var id = ContainerDriver.NewId("oom");
        bundle.Linux["resources"] = JsonNode.Parse("""{"memory":{"limit":16777216}}""");
        bundle.Linux["cgroupsPath"] = "/" + id;
        bundle.Save();
        await rt.CreateAndStartAsync(bundle, id);

        // events streams until the container stops, which it does after the OOM kill and the last sleep.
        var events = await rt.Cli.RunAsync(new CliOptions { Timeout = TimeSpan.FromSeconds(30) }, "events", "--interval", "100ms", id);
        Log.WriteLine(events.Stdout.Length > 2000 ? events.Stdout[..2000] : events.Stdout);
        Assert.Contains(events.StdoutLines, l => JsonNode.Parse(l) is { } e && (string?)e["type"] == "oom" && (string?)e["id"] == id);
    }
}

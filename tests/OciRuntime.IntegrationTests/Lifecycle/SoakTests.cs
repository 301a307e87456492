using System.Diagnostics;

namespace OciRuntime.IntegrationTests.Lifecycle;

/// <summary>
/// Many containers in a row and in parallel, then a look at the host: no state dir, mount, cgroup, zombie, stray
/// process or fd left, and no call hung (every call has a timeout). Slow (about a minute per runtime), so tagged
/// Category=Soak: run with `--filter Category=Soak`, skip with `--filter Category!=Soak`.
/// </summary>
[Trait("Category", "Soak")]
public sealed class SoakTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    private const int SequentialRuns = 500;
    private const int ParallelPairs = 50;
    private const int Parallelism = 4;

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task FiveHundredSequentialRunsLeaveNothing(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true)).Sh("echo $$");
        bundle.Save();
        var fdsBefore = HostView.OpenFds(Environment.ProcessId).Count;
        var ids = new List<string>();
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < SequentialRuns; i++)
        {
            var id = ContainerDriver.NewId("soak");
            ids.Add(id);
            var run = await rt.RunAsync(bundle, id);
            // pid 1 of its own namespace, every time.
            if (run.ExitCode != 0 || run.Stdout != "1\n")
                throw new Xunit.Sdk.XunitException($"{rt.Name} run #{i + 1} of {SequentialRuns}\n{run.Describe()}");
        }

        Log.WriteLine($"{rt.Name}: {SequentialRuns} runs in {clock.Elapsed.TotalSeconds:0.0}s ({clock.Elapsed.TotalMilliseconds / SequentialRuns:0.0} ms each)");
        await AssertHostCleanAsync(rt, bundle, ids, fdsBefore);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task FiftyCreateStartDeleteAtFourInParallelLeaveNothing(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true)).Sh("echo ok");
        bundle.Save();
        var fdsBefore = HostView.OpenFds(Environment.ProcessId).Count;
        var ids = Enumerable.Range(0, ParallelPairs).Select(_ => ContainerDriver.NewId("psoak")).ToList();
        using var gate = new SemaphoreSlim(Parallelism);
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(ids.Select(async id =>
        {
            await gate.WaitAsync();
            try
            {
                (await rt.CreateAsync(bundle, id)).ShouldSucceed($"{rt.Name} create {id}");
                (await rt.StartAsync(id)).ShouldSucceed($"{rt.Name} start {id}");
                await rt.WaitForStatusAsync(id, "stopped", TimeSpan.FromSeconds(30));
                (await rt.DeleteAsync(id)).ShouldSucceed($"{rt.Name} delete {id}");
                Assert.Equal("ok\n", rt.ContainerStdout(id));
            }
            finally
            {
                gate.Release();
            }
        }));

        Log.WriteLine($"{rt.Name}: {ParallelPairs} create/start/delete at {Parallelism} in parallel in {clock.Elapsed.TotalSeconds:0.0}s");
        await AssertHostCleanAsync(rt, bundle, ids, fdsBefore);
    }

    private async Task AssertHostCleanAsync(ContainerDriver rt, TempBundle bundle, IReadOnlyCollection<string> ids, int fdsBefore)
    {
        // Exited inits are reaped by the host's pid 1, which may take a moment; give it a few seconds.
        var rootfs = bundle.RootfsPath();
        for (var i = 0; i < 50 && (HostView.ProcessesUsingRootfs(rootfs).Count > 0 || HostView.ZombieChildren().Count > 0); i++)
            await Task.Delay(100);

        Assert.True(Runtimes.IsEmptyDir(rt.Root), $"state left under {rt.Root}: {string.Join(", ", Directory.EnumerateFileSystemEntries(rt.Root))}");
        Assert.Empty(HostView.MountPointsUnder(Rt.WorkDir));
        Assert.Empty(HostView.ProcessesUsingRootfs(rootfs));
        Assert.Empty(HostView.ZombieChildren());
        var idSet = ids.ToHashSet();
        Assert.Empty(HostView.CgroupDirsMatching(idSet.Contains));
        // The test host's own fds: a runtime (or these helpers) leaking a pipe per call into the caller would grow
        // them by hundreds over these runs. The .NET test host itself opens a few dozen on its own under load
        // (thread pool, sockets of other test classes running in parallel), hence the margin.
        var fdsAfter = HostView.OpenFds(Environment.ProcessId).Count;
        Assert.True(fdsAfter <= fdsBefore + 100, $"the test process went from {fdsBefore} to {fdsAfter} open fds");
    }
}

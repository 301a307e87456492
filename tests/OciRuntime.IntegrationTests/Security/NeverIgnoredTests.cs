namespace OciRuntime.IntegrationTests.Security;

/// <summary>
/// A config field the runtime does not apply must be refused, never ignored: a container must not run with less
/// isolation than its config asked for. runc applies both fields used here; ocirt may refuse them until it does
/// (the issue: "refused with an error naming the field"). So each test accepts exactly two outcomes: the setting
/// is in force inside the container, or create fails with one error line naming the field and leaves nothing.
/// </summary>
public sealed class NeverIgnoredTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    private static async Task AppliedOrRefusedAsync(ContainerDriver rt, CliResult run, string[] fieldWords, Action applied, string what)
    {
        if (run.ExitCode == 0 || run.StdoutLines.Length > 0)
        {
            applied();
            return;
        }
        run.ShouldFailMentioning(what, 1, fieldWords);
        run.ShouldHaveOneErrorLine(what);
        await Task.Yield();
        Assert.True(Runtimes.IsEmptyDir(rt.Root), $"{what}: the refusal left something under --root");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task SeccompIsAppliedOrRefused(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh("mkdir /tmp/x 2>&1; grep ^Seccomp: /proc/self/status; true");
        // Allow everything except mkdir/mkdirat, which fail with EPERM (errnoRet 1).
        bundle.Linux["seccomp"] = System.Text.Json.Nodes.JsonNode.Parse("""
            { "defaultAction": "SCMP_ACT_ALLOW",
              "syscalls": [ { "names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1 } ] }
            """);

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("seccomp"));

        await AppliedOrRefusedAsync(rt, run, ["seccomp"], () =>
        {
            run.ShouldSucceed($"{rt.Name} run with a seccomp filter");
            Assert.Contains("Operation not permitted", run.StdoutLines[0]);
            Assert.Contains("Seccomp:\t2", run.StdoutLines); // SECCOMP_MODE_FILTER
        }, $"{rt.Name} run with a seccomp filter");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task APidsLimitIsAppliedOrRefused(string runtime)
    {
        var rt = Use(runtime);
        // The container's view of its pids cgroup: v1 mounts it at /sys/fs/cgroup/pids, v2 at /sys/fs/cgroup.
        var bundle = (await NewBundleAsync()).Sh("cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max");
        bundle.Linux["resources"] = new System.Text.Json.Nodes.JsonObject { ["pids"] = new System.Text.Json.Nodes.JsonObject { ["limit"] = 42 } };

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("pidslimit"));

        await AppliedOrRefusedAsync(rt, run, ["pids"], () =>
        {
            run.ShouldSucceed($"{rt.Name} run with resources.pids.limit");
            Assert.Equal(["42"], run.StdoutLines);
        }, $"{rt.Name} run with resources.pids.limit");
    }
}

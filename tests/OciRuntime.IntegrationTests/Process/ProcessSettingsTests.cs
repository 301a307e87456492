// Folder Process/, namespace Processes: a namespace named Process would hide System.Diagnostics.Process project-wide.
namespace OciRuntime.IntegrationTests.Processes;

/// <summary>
/// config.json's process object as the process sees it: args, env, cwd, user (uid, gid, additionalGids, umask),
/// rlimits, noNewPrivileges, oomScoreAdj, personality, scheduler, ioPriority, and the LSM fields.
/// </summary>
public sealed class ProcessSettingsTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    private static string Field(CliResult run, string prefix) =>
        run.StdoutLines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no line starting with '{prefix}'\n{run.Describe()}");

    private static string[] Values(string line) => line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1..];

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ArgsReachTheProcessVerbatim(string runtime)
    {
        var rt = Use(runtime);
        // printf gets each argv element on its own line, spaces and quotes untouched; argv[0] is "sh" itself.
        var bundle = (await NewBundleAsync()).Args("sh", "-c", "printf '[%s]\\n' \"$0\" \"$@\"", "zero", "a b", "'q'", "");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("args"));

        run.ShouldSucceed($"{rt.Name} run");
        Assert.Equal(["[zero]", "[a b]", "['q']", "[]"], run.StdoutLines);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task EnvIsExactlyTheConfiguredOnePlusHome(string runtime)
    {
        // runc adds HOME from the rootfs's /etc/passwd when the config has none (root -> /root); busybox sh adds
        // PWD, SHLVL and _ of its own, so those are filtered out.
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Env("FOO=bar", "WITH_EQUALS=a=b", "EMPTY=").Sh("env");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("env"));

        run.ShouldSucceed($"{rt.Name} run");
        var env = run.StdoutLines.Where(l => !l.StartsWith("PWD=", StringComparison.Ordinal) && !l.StartsWith("SHLVL=", StringComparison.Ordinal)
                                             && !l.StartsWith("_=", StringComparison.Ordinal)).Order().ToArray();
        Assert.Equal(["EMPTY=", "FOO=bar", "HOME=/root", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm", "WITH_EQUALS=a=b"], env);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task CwdIsApplied(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Cwd("/usr/bin").Sh("pwd");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("cwd"));

        run.ShouldSucceed($"{rt.Name} run");
        Assert.Equal(["/usr/bin"], run.StdoutLines);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task AMissingCwdIsCreatedInsideTheRootfs(string runtime)
    {
        // runc 1.1.5 creates a missing cwd (MkdirAll inside the rootfs) rather than failing.
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true)).Cwd("/new/dir").Sh("pwd");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("mkcwd"));

        run.ShouldSucceed($"{rt.Name} run");
        Assert.Equal(["/new/dir"], run.StdoutLines);
        Assert.True(Directory.Exists(Path.Combine(bundle.RootfsPath(), "new", "dir")));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task UserIdsGroupsAndUmaskAreApplied(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).User(1000, 1001, [10, 20], umask: Convert.ToUInt32("077", 8))
            .Sh("grep -E '^(Uid|Gid|Groups):' /proc/self/status; umask");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("user"));

        run.ShouldSucceed($"{rt.Name} run as 1000:1001");
        Assert.Equal(["1000", "1000", "1000", "1000"], Values(Field(run, "Uid:")));
        Assert.Equal(["1001", "1001", "1001", "1001"], Values(Field(run, "Gid:")));
        Assert.Equal(["10", "20"], Values(Field(run, "Groups:")));
        Assert.Equal("0077", run.StdoutLines[^1]);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task TheDefaultUmaskIs0022AndRootHasNoExtraGroups(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh("grep '^Groups:' /proc/self/status; umask");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("umask"));

        run.ShouldSucceed($"{rt.Name} run");
        Assert.Empty(Values(Field(run, "Groups:")));
        Assert.Equal("0022", run.StdoutLines[^1]);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task RlimitsAreSet(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync())
            .Rlimit("RLIMIT_NOFILE", 512, 1024)
            .Rlimit("RLIMIT_CORE", 4096, 8192)
            .Rlimit("RLIMIT_NPROC", 90000, 95000) // per real uid: host root has many processes
            .Sh("cat /proc/self/limits; echo \"ulimit-n=$(ulimit -n)\"");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("rlimits"));

        run.ShouldSucceed($"{rt.Name} run with rlimits");
        Assert.Equal(["512", "1024", "files"], Values(Field(run, "Max open files"))[2..]);
        Assert.Equal(["4096", "8192", "bytes"], Values(Field(run, "Max core file size"))[3..]);
        Assert.Equal(["90000", "95000", "processes"], Values(Field(run, "Max processes"))[1..]);
        Assert.Contains("ulimit-n=512", run.StdoutLines);
    }

    // Row: runtime, noNewPrivileges, the NoNewPrivs value in /proc/self/status.
    public static TheoryData<string, bool, string> NoNewPrivs => new()
    {
        { "ocirt", true, "1" }, { "ocirt", false, "0" }, { "runc", true, "1" }, { "runc", false, "0" },
    };

    [SkippableTheory]
    [MemberData(nameof(NoNewPrivs))]
    public async Task NoNewPrivilegesIsApplied(string runtime, bool on, string expected)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).NoNewPrivileges(on).Sh("grep NoNewPrivs /proc/self/status");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("nnp"));

        run.ShouldSucceed($"{rt.Name} run");
        Assert.Equal([expected], Values(Field(run, "NoNewPrivs:")));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task OomScoreAdjIsApplied(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).OomScoreAdj(500).Sh("cat /proc/self/oom_score_adj");

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("oom"));

        run.ShouldSucceed($"{rt.Name} run");
        Assert.Equal(["500"], run.StdoutLines);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task PersonalityLinux32ChangesTheMachine(string runtime)
    {
        var rt = Use(runtime);
        Skip.If(rt.IsRunc, "runc 1.1.5 ignores linux.personality (its spec 1.0.2 has no such field; support came in runc 1.2)");
        Skip.IfNot(System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64,
            "LINUX32 is checked as x86_64 -> i686");
        var bundle = (await NewBundleAsync()).Sh("uname -m");
        bundle.Linux["personality"] = new System.Text.Json.Nodes.JsonObject { ["domain"] = "LINUX32" };

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("personality"));

        run.ShouldSucceed($"{rt.Name} run with personality LINUX32");
        Assert.Equal(["i686"], run.StdoutLines);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task SchedulerAndIoPriorityAreApplied(string runtime)
    {
        var rt = Use(runtime);
        Skip.If(rt.IsRunc, "runc 1.1.5 ignores process.scheduler and process.ioPriority (runtime-spec 1.2 fields, supported from runc 1.2)");
        var bundle = (await NewBundleAsync()).Sh("ionice -p $$; grep ^policy /proc/self/sched; cut -d' ' -f19 /proc/self/stat; true");
        bundle.Process["scheduler"] = new System.Text.Json.Nodes.JsonObject { ["policy"] = "SCHED_BATCH", ["nice"] = 5 };
        bundle.Process["ioPriority"] = new System.Text.Json.Nodes.JsonObject { ["class"] = "IOPRIO_CLASS_BE", ["priority"] = 6 };

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("sched"));

        run.ShouldSucceed($"{rt.Name} run with scheduler and ioPriority");
        Assert.Equal("best-effort: prio 6", run.StdoutLines[0]);
        Assert.Equal("3", Values(run.StdoutLines[1])[^1]); // SCHED_BATCH
        Assert.Equal("5", run.StdoutLines[2]); // nice, field 19 of /proc/self/stat
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task AnApparmorProfileWithoutAppArmorIsAnError(string runtime)
    {
        var rt = Use(runtime);
        Skip.If(HostView.ReadOrEmpty("/sys/module/apparmor/parameters/enabled").Trim() == "Y",
            "AppArmor is enabled on this host; the test is about a host without it");
        var bundle = (await NewBundleAsync(copyRootfs: true)).Sh("echo started");
        bundle.Process["apparmorProfile"] = "ocirt-test-profile";

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("apparmor"));

        // runc 1.1.5: "unable to apply apparmor profile: apparmor failed to apply profile: write /proc/self/attr/exec:
        // invalid argument". Never run the process unconfined when a profile was asked for.
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("apparmor", run.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("started", run.Stdout);
        Assert.True(Runtimes.IsEmptyDir(rt.Root), "the failed run left something under --root");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task AnSelinuxLabelWithoutSelinuxIsAnError(string runtime)
    {
        var rt = Use(runtime);
        Skip.If(Directory.Exists("/sys/fs/selinux"), "SELinux is enabled on this host; the test is about a host without it");
        var bundle = (await NewBundleAsync()).Sh("echo started");
        bundle.Process["selinuxLabel"] = "system_u:system_r:container_t:s0";

        var run = await rt.RunAsync(bundle, ContainerDriver.NewId("selinux"));

        // runc 1.1.5: "selinux label is specified in config, but selinux is disabled or not supported".
        run.ShouldHaveOneErrorLine($"{rt.Name} run with an SELinux label");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("selinux", run.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("started", run.Stdout);
    }
}

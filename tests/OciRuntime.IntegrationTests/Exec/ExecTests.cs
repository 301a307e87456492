using System.Text.Json.Nodes;

namespace OciRuntime.IntegrationTests.Exec;

/// <summary>
/// `exec` into a running container, the way containerd (`exec --process F --detach --pid-file P`) and podman use
/// it, plus the args form. The exec'd process must end up in every namespace and the cgroup of the container's
/// init, with the process settings of the file or flags. runc's exec exits 255 on its own errors (not 1), and with
/// the process's status otherwise; the tests expect the same from ocirt.
/// </summary>
public sealed class ExecTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    /// <summary>A running container (`sleep`) to exec into; returns its init pid.</summary>
    private async Task<(ContainerDriver Rt, string Id, int Pid)> RunningAsync(string runtime, Action<TempBundle>? edit = null)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Args("sleep", "1000");
        edit?.Invoke(bundle);
        var id = ContainerDriver.NewId("exec");
        var pid = await rt.CreateAndStartAsync(bundle, id);
        return (rt, id, pid);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ExecRunsArgsAndExitsWithTheirCode(string runtime)
    {
        var (rt, id, _) = await RunningAsync(runtime);

        var exec = await rt.ExecAsync(id, "sh", "-c", "echo out; echo err >&2; exit 7");

        exec.ShouldExit(7, $"{rt.Name} exec of `exit 7`");
        Assert.Equal("out\n", exec.Stdout);
        Assert.Equal("err\n", exec.Stderr);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ExecKilledBySignalGives128PlusSignal(string runtime)
    {
        // The exec'd shell is not pid 1 of the namespace, so it can kill itself.
        var (rt, id, _) = await RunningAsync(runtime);

        var exec = await rt.ExecAsync(id, "sh", "-c", "kill -9 $$");

        exec.ShouldExit(128 + 9, $"{rt.Name} exec killed by SIGKILL");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ProcessFileReplacesTheWholeProcess(string runtime)
    {
        var (rt, id, _) = await RunningAsync(runtime);
        var processFile = Path.Combine(Rt.WorkDir, "process.json");
        File.WriteAllText(processFile, new JsonObject
        {
            ["terminal"] = false,
            ["user"] = new JsonObject { ["uid"] = 1000, ["gid"] = 1001, ["additionalGids"] = new JsonArray(5) },
            ["args"] = new JsonArray("sh", "-c", "grep -E '^(Uid|Gid|Groups):' /proc/self/status; pwd; env; exit 9"),
            ["env"] = new JsonArray("PATH=/bin:/usr/bin", "FROMFILE=1"),
            ["cwd"] = "/tmp",
        }.ToJsonString());

        var exec = await rt.ExecWithFlagsAsync(id, ["--process", processFile]);

        exec.ShouldExit(9, $"{rt.Name} exec --process");
        var lines = exec.StdoutLines;
        Assert.Contains(lines, l => l.StartsWith("Uid:", StringComparison.Ordinal) && l.Split('\t')[1] == "1000");
        Assert.Contains(lines, l => l.StartsWith("Gid:", StringComparison.Ordinal) && l.Split('\t')[1] == "1001");
        Assert.Contains(lines, l => l.StartsWith("Groups:", StringComparison.Ordinal) && l.Split('\t')[1].Trim() == "5");
        Assert.Contains("/tmp", lines);
        Assert.Contains("FROMFILE=1", lines);
        Assert.Contains("PATH=/bin:/usr/bin", lines);
        // The container's own env (TERM=xterm from config.json) is not merged in: the file's env is the env.
        Assert.DoesNotContain(lines, l => l.StartsWith("TERM=", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task FlagsSetEnvCwdAndUser(string runtime)
    {
        var (rt, id, _) = await RunningAsync(runtime);

        var exec = await rt.ExecWithFlagsAsync(id, ["-e", "FOO=bar", "-e", "X=1", "--cwd", "/usr", "-u", "1000:1001"],
            "sh", "-c", "echo \"FOO=$FOO X=$X TERM=$TERM\"; pwd; id -u; id -g");

        exec.ShouldSucceed($"{rt.Name} exec with -e, --cwd, -u");
        // -e adds to the container's env (TERM from config.json stays). (runc refuses -e and --env mixed in one
        // call: "Cannot use two forms of the same flag: e env".)
        Assert.Equal(["FOO=bar X=1 TERM=xterm", "/usr", "1000", "1001"], exec.StdoutLines);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task UserWithoutGroupMeansGroupZeroAndAdditionalGidsApply(string runtime)
    {
        var (rt, id, _) = await RunningAsync(runtime);

        var exec = await rt.ExecWithFlagsAsync(id, ["-u", "1000", "--additional-gids", "7"], "sh", "-c", "id -u; id -g; grep ^Groups: /proc/self/status");

        exec.ShouldSucceed($"{rt.Name} exec -u 1000 --additional-gids 7");
        Assert.Equal("1000", exec.StdoutLines[0]);
        Assert.Equal("0", exec.StdoutLines[1]);
        Assert.Equal("Groups:\t7", exec.StdoutLines[2]);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ExecJoinsEveryNamespaceOfTheContainer(string runtime)
    {
        // A user and a cgroup namespace too, so that exec has to join all seven, user and mount included.
        var (rt, id, pid) = await RunningAsync(runtime, b => b.UserNamespace(100000, 65536).Namespace("cgroup").Hostname("exec-host"));
        string[] files = ["pid", "net", "ipc", "uts", "mnt", "cgroup", "user"];

        var exec = await rt.ExecAsync(id, "sh", "-c", $"for t in {string.Join(' ', files)}; do readlink /proc/self/ns/$t; done; hostname; id -u; cat /proc/self/uid_map");

        exec.ShouldSucceed($"{rt.Name} exec");
        var lines = exec.StdoutLines;
        for (var i = 0; i < files.Length; i++)
            Assert.Equal(HostView.Namespace(files[i], pid), lines[i]);
        Assert.Equal("exec-host", lines[files.Length]);
        Assert.Equal("0", lines[files.Length + 1]);
        Assert.Equal(["0", "100000", "65536"], lines[files.Length + 2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task DetachedExecWritesItsPidAndJoinsTheCgroup(string runtime)
    {
        var (rt, id, initPid) = await RunningAsync(runtime);
        var pidFile = Path.Combine(Rt.WorkDir, "exec.pid");

        var exec = await rt.RunWithFilesAsync(null, "exec", "-d", "--pid-file", pidFile, id, "sleep", "500");

        exec.ShouldSucceed($"{rt.Name} exec -d --pid-file");
        var text = File.ReadAllText(pidFile);
        Assert.Matches(@"\A[1-9][0-9]*\z", text);
        var pid = int.Parse(text);
        Assert.True(HostView.IsAlive(pid), $"exec'd process {pid} is not running");
        // runc's exec -d may return while its init is still about to execve ("runc:[2:INIT]"): wait for the program.
        for (int i = 0; i < 100 && HostView.ReadOrEmpty($"/proc/{pid}/comm").Trim() != "sleep"; i++)
            await Task.Delay(20);
        Assert.Equal("sleep", HostView.ReadOrEmpty($"/proc/{pid}/comm").Trim());
        Assert.Equal(HostView.Namespace("pid", initPid), HostView.Namespace("pid", pid));
        Assert.Equal(HostView.Namespace("mnt", initPid), HostView.Namespace("mnt", pid));
        Assert.Equal(HostView.ReadOrEmpty($"/proc/{initPid}/cgroup"), HostView.ReadOrEmpty($"/proc/{pid}/cgroup"));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ExecGetsTheContainersCapabilitiesPlusCap(string runtime)
    {
        var (rt, id, _) = await RunningAsync(runtime);

        var plain = await rt.ExecAsync(id, "grep", "^CapEff", "/proc/self/status");
        var more = await rt.ExecWithFlagsAsync(id, ["--cap", "CAP_SYS_ADMIN"], "grep", "^CapEff", "/proc/self/status");

        plain.ShouldSucceed($"{rt.Name} exec");
        more.ShouldSucceed($"{rt.Name} exec --cap CAP_SYS_ADMIN");
        // The default spec's three (AUDIT_WRITE, KILL, NET_BIND_SERVICE), then the same plus SYS_ADMIN (bit 21).
        Assert.Equal("CapEff:\t0000000020000420", plain.StdoutLines[0]);
        Assert.Equal("CapEff:\t0000000020200420", more.StdoutLines[0]);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task NoNewPrivsFlagAppliesToTheExecOnly(string runtime)
    {
        var (rt, id, _) = await RunningAsync(runtime, b => b.NoNewPrivileges(false));

        var plain = await rt.ExecAsync(id, "grep", "^NoNewPrivs", "/proc/self/status");
        var nnp = await rt.ExecWithFlagsAsync(id, ["--no-new-privs"], "grep", "^NoNewPrivs", "/proc/self/status");

        Assert.Equal("NoNewPrivs:\t0", plain.StdoutLines.Single());
        Assert.Equal("NoNewPrivs:\t1", nnp.StdoutLines.Single());
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task PreserveFdsWorksForExec(string runtime)
    {
        var (rt, id, _) = await RunningAsync(runtime);
        var file = Path.Combine(Rt.WorkDir, "fd3.txt");
        File.WriteAllText(file, "through-fd-3\n");

        var exec = await rt.RunWithFilesAsync(rt.NewStdio(io => io with { ExtraFds = new Dictionary<int, string> { [3] = file } }),
            "exec", "--preserve-fds", "1", id, "sh", "-c", "cat <&3");

        exec.ShouldSucceed($"{rt.Name} exec --preserve-fds 1");
        Assert.Equal("through-fd-3\n", exec.Stdout);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ExecIntoAStoppedContainerFails(string runtime)
    {
        var rt = Use(runtime);
        var bundle = await NewBundleAsync();
        var id = ContainerDriver.NewId("execstopped");
        await rt.CreateAndStartAsync(bundle, id);
        await rt.WaitForStatusAsync(id, "stopped");

        var exec = await rt.ExecAsync(id, "true");

        exec.ShouldFailWith(RuncMessages.ExecStopped, $"{rt.Name} exec into a stopped container", RuncMessages.ExecErrorExit);
        exec.ShouldHaveOneErrorLine($"{rt.Name} exec into a stopped container");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ExecOfAMissingBinaryFails(string runtime)
    {
        var (rt, id, _) = await RunningAsync(runtime);

        var exec = await rt.ExecAsync(id, "nosuchcmd");

        exec.ShouldFailWith(RuncMessages.ExecutableNotFound, $"{rt.Name} exec nosuchcmd", RuncMessages.ExecErrorExit);
        Assert.Equal("running", await rt.StatusAsync(id));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ExecWithAMissingCwdFails(string runtime)
    {
        // Unlike create, runc 1.1.5's exec does not create a missing cwd: "chdir to cwd ("/nonexistent") set in
        // config.json failed: no such file or directory".
        var (rt, id, _) = await RunningAsync(runtime);

        var exec = await rt.ExecWithFlagsAsync(id, ["--cwd", "/nonexistent"], "pwd");

        exec.ShouldFailWith("/nonexistent", $"{rt.Name} exec --cwd /nonexistent", RuncMessages.ExecErrorExit);
    }
}

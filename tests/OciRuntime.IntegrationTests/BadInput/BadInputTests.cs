namespace OciRuntime.IntegrationTests.BadInput;

/// <summary>
/// Configs and calls that must be refused: one error line (callers show the last line), exit 1 (255 for exec,
/// as runc), and nothing left behind: no state dir under --root, no process using the rootfs, no cgroup named
/// after the container. Each test uses a private rootfs copy so "a process using the rootfs" is precise.
/// </summary>
public sealed class BadInputTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    private async Task<(ContainerDriver Rt, TempBundle Bundle, string Id)> SetUpAsync(string runtime, string prefix)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync(copyRootfs: true)).Sh("echo started");
        return (rt, bundle, ContainerDriver.NewId(prefix));
    }

    /// <summary>create with the bundle's config.json as it is on disk (not re-saved from the JsonNode).</summary>
    private static Task<CliResult> CreateRawAsync(ContainerDriver rt, TempBundle bundle, string id) =>
        rt.RunWithFilesAsync(new StdioSpec { Stdout = rt.StdoutFile(id), Stderr = rt.StderrFile(id) }, "create", "--bundle", bundle.Dir, id);

    private static async Task AssertRefusedAndCleanAsync(ContainerDriver rt, CliResult result, TempBundle bundle, string id, string what, params string[] mentions)
    {
        result.ShouldFailMentioning(what, 1, mentions);
        result.ShouldHaveOneErrorLine(what);
        Assert.DoesNotContain("started", rt.ContainerStdout(id));
        Assert.False(Directory.Exists(rt.StateDir(id)), $"{what}: state dir {rt.StateDir(id)} left behind");
        Assert.True(Runtimes.IsEmptyDir(rt.Root), $"{what}: something left under --root");
        for (var i = 0; i < 30 && HostView.ProcessesUsingRootfs(bundle.RootfsPath()).Count > 0; i++)
            await Task.Delay(100);
        Assert.Empty(HostView.ProcessesUsingRootfs(bundle.RootfsPath()));
        Assert.Empty(HostView.CgroupDirsNamed(id));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task TruncatedConfigIsRefused(string runtime)
    {
        var (rt, bundle, id) = await SetUpAsync(runtime, "badjson");
        File.WriteAllText(bundle.ConfigPath, "{\"ociVersion\": \"1.0.2\", \"process\": {");

        var create = await CreateRawAsync(rt, bundle, id);

        // runc 1.1.5: "runc create failed: unexpected EOF".
        await AssertRefusedAndCleanAsync(rt, create, bundle, id, $"{rt.Name} create with a truncated config.json");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ConfigWithAWrongTypeIsRefused(string runtime)
    {
        var (rt, bundle, id) = await SetUpAsync(runtime, "badtype");
        bundle.Process["args"] = "echo started";
        bundle.Save();

        var create = await CreateRawAsync(rt, bundle, id);

        await AssertRefusedAndCleanAsync(rt, create, bundle, id, $"{rt.Name} create with a string for process.args");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task MissingConfigIsRefused(string runtime)
    {
        var (rt, bundle, id) = await SetUpAsync(runtime, "noconfig");
        File.Delete(bundle.ConfigPath);

        var create = await CreateRawAsync(rt, bundle, id);

        // runc 1.1.5: "runc create failed: JSON specification file config.json not found". Here and below the
        // wording is the runtime's own (no caller matches it); the error must name what is wrong.
        await AssertRefusedAndCleanAsync(rt, create, bundle, id, $"{rt.Name} create without config.json", "config.json");
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task MissingRootfsIsRefused(string runtime)
    {
        var (rt, bundle, id) = await SetUpAsync(runtime, "norootfs");
        var missing = Path.Combine(Rt.WorkDir, "no-such-rootfs");
        bundle.Config["root"]!["path"] = missing;

        var create = await rt.CreateAsync(bundle, id);

        // runc 1.1.5: "runc create failed: invalid rootfs: stat /x/no-such-rootfs: no such file or directory".
        await AssertRefusedAndCleanAsync(rt, create, bundle, id, $"{rt.Name} create with a missing rootfs", missing);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task MissingArgsAreRefused(string runtime)
    {
        var (rt, bundle, id) = await SetUpAsync(runtime, "noargs");
        bundle.Process.Remove("args");

        var create = await rt.CreateAsync(bundle, id);

        await AssertRefusedAndCleanAsync(rt, create, bundle, id, $"{rt.Name} create without process.args", RuncMessages.ArgsEmpty);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task EmptyArgsAreRefused(string runtime)
    {
        var (rt, bundle, id) = await SetUpAsync(runtime, "emptyargs");
        bundle.Args();

        var create = await rt.CreateAsync(bundle, id);

        await AssertRefusedAndCleanAsync(rt, create, bundle, id, $"{rt.Name} create with empty process.args", RuncMessages.ArgsEmpty);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task AMissingExecutableFailsTheCreate(string runtime)
    {
        // runc resolves args[0] in the container before reporting create as done, so this is a create error,
        // not a process that dies after start.
        var (rt, bundle, id) = await SetUpAsync(runtime, "nobinary");
        bundle.Args("no-such-binary");

        var create = await rt.CreateAsync(bundle, id);

        await AssertRefusedAndCleanAsync(rt, create, bundle, id, $"{rt.Name} create with a missing executable", RuncMessages.ExecutableNotFound);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task AnInvalidIdIsRefusedBeforeAnythingIsCreated(string runtime)
    {
        var (rt, bundle, _) = await SetUpAsync(runtime, "unused");

        var create = await rt.RunWithFilesAsync(null, "create", "--bundle", bundle.Dir, "../escape");

        create.ShouldFailWith(RecordedRunc.InvalidId, $"{rt.Name} create ../escape");
        Assert.True(Runtimes.IsEmptyDir(rt.Root));
        Assert.False(Path.Exists(Path.Combine(Rt.WorkDir, "escape")), "create ../escape wrote next to --root");
        Assert.Empty(HostView.ProcessesUsingRootfs(bundle.RootfsPath()));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ADuplicateIdLeavesTheFirstContainerAndCreatesNothing(string runtime)
    {
        var (rt, bundle, id) = await SetUpAsync(runtime, "dup");
        bundle.Args("sleep", "100");
        (await rt.CreateAsync(bundle, id)).ShouldSucceed($"{rt.Name} create");
        var pid = await rt.InitPidAsync(id);
        var other = (await NewBundleAsync("other", copyRootfs: true)).Sh("echo started");
        other.Save();

        var second = await rt.RunWithFilesAsync(null, "create", "--bundle", other.Dir, id);

        second.ShouldFailWith("already exists", $"{rt.Name} create with a duplicate id");
        second.ShouldHaveOneErrorLine($"{rt.Name} create with a duplicate id");
        Assert.Equal(pid, await rt.InitPidAsync(id));
        Assert.Equal(bundle.Dir, (string?)(await rt.StateAsync(id))["bundle"]);
        Assert.Empty(HostView.ProcessesUsingRootfs(other.RootfsPath()));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ExecAsAnUnknownUserIsRefused(string runtime)
    {
        // -u takes UID[:GID] numbers; a name is refused (runc 1.1.5: `exec failed: parsing nosuchuser as int for uid
        // failed: strconv.Atoi: ...`, exit 255 like every runc exec error).
        var (rt, bundle, id) = await SetUpAsync(runtime, "execuser");
        bundle.Args("sleep", "100");
        await rt.CreateAndStartAsync(bundle, id);

        var exec = await rt.ExecWithFlagsAsync(id, ["-u", "nosuchuser"], "sh", "-c", "echo exec-ran");

        exec.ShouldFailMentioning($"{rt.Name} exec -u nosuchuser", RuncMessages.ExecErrorExit, "nosuchuser");
        exec.ShouldHaveOneErrorLine($"{rt.Name} exec -u nosuchuser");
        Assert.DoesNotContain("exec-ran", exec.Stdout);
        Assert.Equal("running", await rt.StatusAsync(id));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ANonexistentBundleIsRefused(string runtime)
    {
        var rt = Use(runtime);
        var missing = Path.Combine(Rt.WorkDir, "no-such-bundle");

        var create = await rt.RunWithFilesAsync(null, "create", "--bundle", missing, ContainerDriver.NewId("nobundle"));

        create.ShouldExit(1, $"{rt.Name} create --bundle {missing}");
        create.ShouldHaveOneErrorLine($"{rt.Name} create with a missing bundle");
        Assert.True(Runtimes.IsEmptyDir(rt.Root));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task AnRlimitNofileTooLowForTheRuntimeFailsCreate(string runtime)
    {
        // With 4 fds the runtime cannot finish its own work (runc 1.1.5: "error closing exec fds: open /proc/self/fd:
        // too many open files"; ocirt: no fd left to reopen the exec fifo): create must say so, not return and leave
        // a container that dies before start.
        var (rt, bundle, id) = await SetUpAsync(runtime, "nofile");
        bundle.Rlimit("RLIMIT_NOFILE", 4, 4);

        var create = await rt.CreateAsync(bundle, id);

        await AssertRefusedAndCleanAsync(rt, create, bundle, id, $"{rt.Name} create with RLIMIT_NOFILE 4", "too many open files");
    }
}

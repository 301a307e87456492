using CliWrap.Buffered;

namespace OciRuntime.IntegrationTests.Lifecycle;

/// <summary>
/// containerd's shim and conmon are child subreapers that call `create` and then wait for the container's init:
/// so after `create` returns, init must be a descendant of the caller (reparented to it once the runtime exits),
/// not daemonised away to pid 1. The caller here is a small python3 subreaper (prctl PR_SET_CHILD_SUBREAPER);
/// the test host itself cannot be one, since .NET would not reap children it did not start.
/// </summary>
public sealed class SubreaperTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    private const string Subreaper = """
        import ctypes, os, subprocess, sys
        if ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) != 0:  # PR_SET_CHILD_SUBREAPER
            sys.exit("prctl failed")
        out_path, err_path, pid_file, argv = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
        with open(out_path, "w") as out, open(err_path, "w") as err:
            rc = subprocess.call(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        pid = open(pid_file).read() if os.path.exists(pid_file) else ""
        children = set()
        for task in os.listdir("/proc/self/task"):
            children |= set(open(f"/proc/self/task/{task}/children").read().split())
        print(rc, pid, "child" if pid in children else "not-child")
        """;

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task AfterCreateInitIsAChildOfTheSubreaperCaller(string runtime)
    {
        var rt = Use(runtime);
        var python = new[] { "/usr/bin/python3", "/bin/python3" }.FirstOrDefault(File.Exists);
        Skip.If(python is null, "python3 not installed: it stands in for a subreaper caller (containerd shim, conmon)");
        var bundle = (await NewBundleAsync()).Args("sleep", "100");
        bundle.SaveAtomically();
        var id = ContainerDriver.NewId("subreaper");
        var pidFile = Path.Combine(Rt.WorkDir, "init.pid");
        var script = Path.Combine(Rt.WorkDir, "subreaper.py");
        File.WriteAllText(script, Subreaper);

        var caller = await CliWrap.Cli.Wrap(python!)
            .WithArguments([script, rt.StdoutFile(id), rt.StderrFile(id), pidFile,
                rt.Cli.Binary, "--root", rt.Root, "create", "--bundle", bundle.Dir, "--pid-file", pidFile, id])
            .WithValidation(CliWrap.CommandResultValidation.None)
            .ExecuteBufferedAsync();
        Log.WriteLine($"subreaper: exit={caller.ExitCode} stdout={caller.StandardOutput.Trim()} stderr={caller.StandardError.Trim()}");

        // "<create's exit code> <pid from the pid file> child|not-child"
        var fields = caller.StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(caller.ExitCode == 0 && fields.Length == 3 && fields[0] == "0",
            $"{rt.Name} create under a subreaper failed: {caller.StandardOutput} {caller.StandardError}\n" +
            $"create's stderr: {rt.ContainerStderr(id)}");
        Assert.Equal("child", fields[2]);
        Assert.Equal("created", await rt.StatusAsync(id));
    }
}

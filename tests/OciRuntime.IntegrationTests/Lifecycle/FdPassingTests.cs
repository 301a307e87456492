namespace OciRuntime.IntegrationTests.Lifecycle;

/// <summary>
/// Which of the caller's fds reach the container: 0-2 untouched (containerd and conmon hand over pipes there),
/// then LISTEN_FDS fds (socket activation, runc counts them only when LISTEN_PID is the runtime's pid), then
/// --preserve-fds N more, and nothing else. The container process lists the fds of its shell (`ls /proc/$$/fd`:
/// ls is a child, so its own directory fd is not in the list) and reads each passed fd to prove what it is.
/// </summary>
public sealed class FdPassingTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    private const string ListAndRead = "ls /proc/$$/fd; for fd in 3 4 5; do [ -e /proc/$$/fd/$fd ] && eval \"cat <&$fd\"; done; true";

    private Dictionary<int, string> ExtraFds(params int[] fds)
    {
        var map = new Dictionary<int, string>();
        foreach (var fd in fds)
        {
            var file = Path.Combine(Rt.WorkDir, $"fd{fd}.txt");
            File.WriteAllText(file, $"content-of-{fd}\n");
            map[fd] = file;
        }
        return map;
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task PreserveFdsPassesExactlyTheNextNFds(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh(ListAndRead);
        var id = ContainerDriver.NewId("preserve");
        var io = rt.NewStdio(s => s with { ExtraFds = ExtraFds(3, 4, 5) });

        var run = await rt.RunAsync(bundle, id, io, "--preserve-fds", "2");

        run.ShouldSucceed($"{rt.Name} run --preserve-fds 2");
        Assert.Equal(["0", "1", "2", "3", "4", "content-of-3", "content-of-4"], run.StdoutLines);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task ListenFdsComeBeforeThePreservedOnes(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh(ListAndRead + "; env | grep ^LISTEN_ | sort");
        var id = ContainerDriver.NewId("listen");
        var io = rt.NewStdio(s => s with { ExtraFds = ExtraFds(3, 4, 5), ListenFds = 1 });

        var run = await rt.RunAsync(bundle, id, io, "--preserve-fds", "1");

        run.ShouldSucceed($"{rt.Name} run with LISTEN_FDS=1 --preserve-fds 1");
        // The container gets LISTEN_FDS=1 and LISTEN_PID=1: the fds are now its init's (sd_listen_fds checks the pid).
        Assert.Equal(["0", "1", "2", "3", "4", "content-of-3", "content-of-4", "LISTEN_FDS=1", "LISTEN_PID=1"], run.StdoutLines);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task PreservedFdsSurviveTheWaitBetweenCreateAndStart(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh(ListAndRead);
        var id = ContainerDriver.NewId("preservecreate");

        (await rt.CreateAsync(bundle, id, io => io with { ExtraFds = ExtraFds(3, 4) }, "--preserve-fds", "1")).ShouldSucceed($"{rt.Name} create --preserve-fds 1");
        (await rt.StartAsync(id)).ShouldSucceed($"{rt.Name} start");
        await rt.WaitForStatusAsync(id, "stopped");

        Assert.Equal(["0", "1", "2", "3", "content-of-3"], rt.ContainerStdout(id).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task CreateHandsTheCallersStdioToInitUntouched(string runtime)
    {
        // conmon and the containerd shim give create pipes or files as fds 0-2 and read the container's output
        // from them; the init must hold exactly those (same open files), before and after start.
        var rt = Use(runtime);
        var stdin = Path.Combine(Rt.WorkDir, "stdin.txt");
        File.WriteAllText(stdin, "");
        var bundle = (await NewBundleAsync()).Args("sleep", "100");
        var id = ContainerDriver.NewId("stdio");

        (await rt.CreateAsync(bundle, id, io => io with { Stdin = stdin })).ShouldSucceed($"{rt.Name} create");
        var pid = await rt.InitPidAsync(id);
        AssertStdio(pid, stdin, rt.StdoutFile(id), rt.StderrFile(id), "created");

        (await rt.StartAsync(id)).ShouldSucceed($"{rt.Name} start");
        AssertStdio(pid, stdin, rt.StdoutFile(id), rt.StderrFile(id), "running");
    }

    private static void AssertStdio(int pid, string stdin, string stdout, string stderr, string when)
    {
        string? Target(int fd) => new FileInfo($"/proc/{pid}/fd/{fd}").LinkTarget;
        Assert.True(Target(0) == stdin && Target(1) == stdout && Target(2) == stderr,
            $"init {pid} ({when}) has fds 0-2 = {Target(0)}, {Target(1)}, {Target(2)}; expected {stdin}, {stdout}, {stderr}");
    }
}

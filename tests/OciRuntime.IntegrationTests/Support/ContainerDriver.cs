using System.Diagnostics;
using System.Text.Json.Nodes;

namespace OciRuntime.IntegrationTests.Support;

/// <summary>
/// Drives one runtime (ocirt or runc, same argv) through a container's life for a test. Calls whose process the
/// container inherits stdio from (run, create, exec) get files as fds 0-2 (<see cref="FileStdio"/>); the others
/// (start, state, kill, delete) are plain <see cref="RuntimeCli"/> calls. Every failure message carries the
/// runtime's name and its stdout/stderr, so an ocirt row that fails says why without re-running anything.
/// </summary>
public sealed class ContainerDriver(RuntimeCli cli, string workDir, ITestOutputHelper log)
{
    private int _calls;

    public RuntimeCli Cli { get; } = cli;
    public string Name => Cli.Name;
    public bool IsRunc => Cli.Name == "runc";

    /// <summary>The private --root of this runtime in this test.</summary>
    public string Root => Cli.Root!;

    /// <summary>The state dir a runtime keeps for <paramref name="id"/> (runc: state.json and exec.fifo).</summary>
    public string StateDir(string id) => Path.Combine(Root, id);

    /// <summary>
    /// Ids are unique across the whole test run, not only within a --root: without cgroupsPath runc names the
    /// container's cgroup after its id (/&lt;id&gt; in every hierarchy), so two tests using "c1" would share a cgroup.
    /// </summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>Where the container's stdout/stderr go when it was started by <see cref="CreateAsync"/> or run -d.</summary>
    public string StdoutFile(string id) => Path.Combine(IoDir, $"{id}.out");
    public string StderrFile(string id) => Path.Combine(IoDir, $"{id}.err");

    public string ContainerStdout(string id) => FileStdio.ReadSoFar(StdoutFile(id));
    public string ContainerStderr(string id) => FileStdio.ReadSoFar(StderrFile(id));

    private string IoDir => Directory.CreateDirectory(Path.Combine(workDir, $"io-{Name}")).FullName;

    /// <summary>Runs the runtime with files as stdio; the result holds what they contained when it exited.</summary>
    public Task<CliResult> RunWithFilesAsync(StdioSpec? io, params string[] args)
    {
        var n = Interlocked.Increment(ref _calls);
        io ??= new StdioSpec { Stdout = Path.Combine(IoDir, $"call{n}.out"), Stderr = Path.Combine(IoDir, $"call{n}.err") };
        return FileStdio.RunAsync(Cli, io, args, log);
    }

    /// <summary>A fresh pair of output files for one call, optionally with extra settings.</summary>
    public StdioSpec NewStdio(Func<StdioSpec, StdioSpec>? tweak = null)
    {
        var n = Interlocked.Increment(ref _calls);
        var io = new StdioSpec { Stdout = Path.Combine(IoDir, $"call{n}.out"), Stderr = Path.Combine(IoDir, $"call{n}.err") };
        return tweak is null ? io : tweak(io);
    }

    /// <summary>
    /// <c>run --bundle B [extra] ID</c> in the foreground: the result is the container process's exit code and what
    /// it (and the runtime) wrote. The bundle's config is saved first.
    /// </summary>
    public Task<CliResult> RunAsync(TempBundle bundle, string id, params string[] extra) =>
        RunAsync(bundle, id, null, extra);

    public Task<CliResult> RunAsync(TempBundle bundle, string id, StdioSpec? io, params string[] extra)
    {
        bundle.SaveAtomically();
        return RunWithFilesAsync(io, ["run", "--bundle", bundle.Dir, .. extra, id]);
    }

    /// <summary>
    /// <c>create --bundle B [extra] ID</c> with stdio on <see cref="StdoutFile"/>/<see cref="StderrFile"/>, which the
    /// container inherits: after start, read its output with <see cref="ContainerStdout"/>.
    /// </summary>
    public Task<CliResult> CreateAsync(TempBundle bundle, string id, params string[] extra) =>
        CreateAsync(bundle, id, null, extra);

    public Task<CliResult> CreateAsync(TempBundle bundle, string id, Func<StdioSpec, StdioSpec>? tweak, params string[] extra)
    {
        bundle.SaveAtomically();
        var io = new StdioSpec { Stdout = StdoutFile(id), Stderr = StderrFile(id) };
        return RunWithFilesAsync(tweak is null ? io : tweak(io), ["create", "--bundle", bundle.Dir, .. extra, id]);
    }

    /// <summary><c>run -d</c>: like create + start, the container keeps <see cref="StdoutFile"/>/<see cref="StderrFile"/>.</summary>
    public Task<CliResult> RunDetachedAsync(TempBundle bundle, string id, params string[] extra)
    {
        bundle.SaveAtomically();
        return RunWithFilesAsync(new StdioSpec { Stdout = StdoutFile(id), Stderr = StderrFile(id) },
            ["run", "-d", "--bundle", bundle.Dir, .. extra, id]);
    }

    public Task<CliResult> StartAsync(string id) => Cli.RunAsync("start", id);

    public Task<CliResult> KillAsync(string id, params string[] signalAndFlags) =>
        Cli.RunAsync(["kill", .. signalAndFlags.Where(a => a.StartsWith('-')), id, .. signalAndFlags.Where(a => !a.StartsWith('-'))]);

    public Task<CliResult> DeleteAsync(string id, bool force = false) =>
        force ? Cli.RunAsync("delete", "--force", id) : Cli.RunAsync("delete", id);

    /// <summary><c>exec [flags] ID args...</c> in the foreground with file stdio: the result is the process's.</summary>
    public Task<CliResult> ExecWithFlagsAsync(string id, string[] flags, params string[] args) =>
        RunWithFilesAsync(null, ["exec", .. flags, id, .. args]);

    public Task<CliResult> ExecAsync(string id, params string[] args) => ExecWithFlagsAsync(id, [], args);

    /// <summary>create + start, both required to succeed (for tests about something else).</summary>
    public async Task<int> CreateAndStartAsync(TempBundle bundle, string id, params string[] extra)
    {
        (await CreateAsync(bundle, id, extra)).ShouldSucceed($"{Name} create {id}");
        (await StartAsync(id)).ShouldSucceed($"{Name} start {id}");
        return await InitPidAsync(id);
    }

    /// <summary><c>state ID</c>, required to succeed, as JSON.</summary>
    public async Task<JsonObject> StateAsync(string id)
    {
        var result = await Cli.RunAsync("state", id);
        result.ShouldSucceed($"{Name} state {id}");
        try
        {
            return JsonNode.Parse(result.Stdout)!.AsObject();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new Xunit.Sdk.XunitException($"{Name} state {id} printed no JSON object: {e.Message}\n{result.Describe()}");
        }
    }

    public async Task<string> StatusAsync(string id) => (string)(await StateAsync(id))["status"]!;

    public async Task<int> InitPidAsync(string id) => (int)(await StateAsync(id))["pid"]!;

    /// <summary>Polls <c>state</c> until the status is <paramref name="status"/>; fails with the last state seen.</summary>
    public async Task WaitForStatusAsync(string id, string status, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var last = "";
        while (deadline.Elapsed < limit)
        {
            var result = await Cli.RunAsync("state", id);
            last = result.Describe();
            if (result.ExitCode == 0 && JsonNode.Parse(result.Stdout)?["status"]?.GetValue<string>() == status)
                return;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"{Name}: container {id} did not reach '{status}' within {limit.TotalSeconds}s; last state call:\n{last}");
    }

    /// <summary>Polls a file (container output, hook marker) until it contains <paramref name="text"/>.</summary>
    public static async Task<string> WaitForFileAsync(string path, string text, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (true)
        {
            var content = FileStdio.ReadSoFar(path);
            if (content.Contains(text, StringComparison.Ordinal))
                return content;
            if (deadline.Elapsed > limit)
                throw new Xunit.Sdk.XunitException($"{path} did not get '{text}' within {limit.TotalSeconds}s; it holds:\n{content}");
            await Task.Delay(50);
        }
    }
}

/// <summary>Assertion helpers that put the whole invocation into the failure message.</summary>
public static class CliResultAssertions
{
    public static string Describe(this CliResult r) =>
        $"exit={r.ExitCode}\n--- stdout ---\n{r.Stdout.TrimEnd()}\n--- stderr ---\n{r.Stderr.TrimEnd()}\n---";

    public static CliResult ShouldSucceed(this CliResult r, string what)
    {
        if (r.ExitCode != 0)
            throw new Xunit.Sdk.XunitException($"{what} failed (expected exit 0)\n{r.Describe()}");
        return r;
    }

    public static CliResult ShouldExit(this CliResult r, int code, string what)
    {
        if (r.ExitCode != code)
            throw new Xunit.Sdk.XunitException($"{what}: expected exit {code}\n{r.Describe()}");
        return r;
    }

    /// <summary>
    /// A runtime error as callers see it: the expected exit code, and the message on stderr. runc prints it through
    /// logrus (<c>time="..." level=error msg="..."</c>, quotes escaped), ocirt as one plain line; both contain the text.
    /// </summary>
    public static CliResult ShouldFailWith(this CliResult r, string message, string what, int exit = 1)
    {
        if (r.ExitCode != exit || !Unescaped(r.Stderr).Contains(message, StringComparison.Ordinal))
            throw new Xunit.Sdk.XunitException($"{what}: expected exit {exit} and stderr containing \"{message}\"\n{r.Describe()}");
        return r;
    }

    /// <summary>
    /// A refusal whose wording is the runtime's own (no caller matches on it): the expected exit code, and stderr
    /// naming what was wrong, each word case-insensitively (runc "Cwd must be an absolute path" and
    /// "process.cwd: must be absolute" both mention "cwd" and "absolute").
    /// </summary>
    public static CliResult ShouldFailMentioning(this CliResult r, string what, int exit, params string[] words)
    {
        var text = Unescaped(r.Stderr);
        if (r.ExitCode != exit || !words.All(w => text.Contains(w, StringComparison.OrdinalIgnoreCase)))
            throw new Xunit.Sdk.XunitException($"{what}: expected exit {exit} and stderr mentioning {string.Join(", ", words.Select(w => $"\"{w}\""))}\n{r.Describe()}");
        return r;
    }

    /// <summary>The error is one line: callers (containerd, podman) show the last line of stderr or the log.</summary>
    public static CliResult ShouldHaveOneErrorLine(this CliResult r, string what)
    {
        if (r.StderrLines.Length != 1)
            throw new Xunit.Sdk.XunitException($"{what}: expected exactly one line on stderr\n{r.Describe()}");
        return r;
    }

    /// <summary>runc's logrus text format escapes quotes inside msg="..."; compare on the unescaped text.</summary>
    public static string Unescaped(string stderr) => stderr.Replace("\\\"", "\"").Replace("\\n", "\n");
}

using System.Text;
using CliWrap;

namespace OciRuntime.IntegrationTests.Support;

/// <summary>
/// How a runtime invocation's fds are set up when its stdio must be files, not pipes. A container inherits the
/// runtime's fds 0-2 (runc and ocirt pass them through untouched), so with <c>create</c>, <c>run -d</c> and
/// <c>exec -d</c> the container keeps them open after the runtime exits: handing it CliWrap's pipes would make the
/// call wait for EOF until the container dies. Files never block, and the test reads them whenever it wants.
/// </summary>
public sealed record StdioSpec
{
    /// <summary>File for fd 0; /dev/null when null.</summary>
    public string? Stdin { get; init; }

    /// <summary>Files for fds 1 and 2 (created or truncated).</summary>
    public required string Stdout { get; init; }
    public required string Stderr { get; init; }

    /// <summary>
    /// Extra fds open in the runtime, fd number to file: opened read-only, without CLOEXEC. Like containerd's shim,
    /// which leaks its ttrpc socket as fd 3, or a caller using <c>--preserve-fds</c> / LISTEN_FDS on purpose.
    /// </summary>
    public IReadOnlyDictionary<int, string> ExtraFds { get; init; } = new Dictionary<int, string>();

    /// <summary>Sets LISTEN_FDS=N and LISTEN_PID to the runtime's own pid (socket activation as systemd does it).</summary>
    public int? ListenFds { get; init; }

    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The runtime's working directory (default: the test host's).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Called with the runtime's pid once it started (to signal a foreground <c>run</c>, for instance).</summary>
    public Action<int>? OnStarted { get; init; }
}

/// <summary>
/// Runs a runtime binary with its fds set up by <see cref="StdioSpec"/>. A small `/bin/sh -c 'exec "$@" ...'`
/// does the redirections and then becomes the runtime (same pid, so LISTEN_PID can name it), which keeps this
/// free of P/Invoke. The result holds what the files contained when the runtime exited.
/// </summary>
public static class FileStdio
{
    public static async Task<CliResult> RunAsync(RuntimeCli cli, StdioSpec io, IReadOnlyList<string> args, ITestOutputHelper? log = null)
    {
        var script = new StringBuilder();
        if (io.ListenFds is { } n)
            script.Append($"LISTEN_FDS={n}; LISTEN_PID=$$; export LISTEN_FDS LISTEN_PID; ");
        script.Append("exec \"$@\"");
        script.Append(" <").Append(Quote(io.Stdin ?? "/dev/null"));
        script.Append(" >").Append(Quote(io.Stdout));
        script.Append(" 2>").Append(Quote(io.Stderr));
        foreach (var (fd, file) in io.ExtraFds.OrderBy(kv => kv.Key))
            script.Append(' ').Append(fd).Append('<').Append(Quote(file));

        string[] runtimeArgv = cli.Root is null ? [.. args] : ["--root", cli.Root, .. args];
        var command = CliWrap.Cli.Wrap("/bin/sh")
            .WithArguments(["-c", script.ToString(), "sh", cli.Binary, .. runtimeArgv])
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(env =>
            {
                // As RuntimeCli: an init's bootstrap variables must never leak from the test host into a call.
                foreach (var key in System.Environment.GetEnvironmentVariables().Keys.Cast<string>())
                    if (key.StartsWith("_OCIRT", StringComparison.Ordinal) || key.StartsWith("_LIBCONTAINER", StringComparison.Ordinal)
                        || key is "LISTEN_FDS" or "LISTEN_PID" or "LISTEN_FDNAMES")
                        env.Set(key, null);
                foreach (var (key, value) in io.Environment)
                    env.Set(key, value);
            });

        if (io.WorkingDirectory is not null)
            command = command.WithWorkingDirectory(io.WorkingDirectory);

        var shown = $"{cli.Name} {string.Join(' ', runtimeArgv.Select(Quote))}  [fds: {script}]";
        using var cts = new CancellationTokenSource(io.Timeout);
        int exit;
        try
        {
            var running = command.ExecuteAsync(cts.Token);
            io.OnStarted?.Invoke(running.ProcessId);
            exit = (await running).ExitCode;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            // CliWrap kills the process tree: after `exec` the sh *is* the runtime, so that is the runtime itself.
            throw new TimeoutException($"'{shown}' did not exit within {io.Timeout.TotalSeconds}s (killed); " +
                                       $"stdout: {ReadSoFar(io.Stdout)} stderr: {ReadSoFar(io.Stderr)}");
        }

        var result = new CliResult(exit, ReadSoFar(io.Stdout), ReadSoFar(io.Stderr));
        log?.WriteLine($"$ {shown}\n  exit={exit}\n  stdout: {Clip(result.Stdout)}\n  stderr: {Clip(result.Stderr)}");
        return result;
    }

    /// <summary>The file's content now; empty if it does not exist yet.</summary>
    public static string ReadSoFar(string path)
    {
        try
        {
            // FileShare.ReadWrite: the container may still hold the file open for writing.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return "";
        }
    }

    /// <summary>Single-quotes for sh (and for showing a command line).</summary>
    public static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or '=' or ':' or ',')
            ? arg
            : "'" + arg.Replace("'", "'\\''") + "'";

    private static string Clip(string text)
    {
        var oneLine = text.TrimEnd().Replace("\n", "\n          ");
        return oneLine.Length <= 3000 ? oneLine : oneLine[..3000] + " ...";
    }
}

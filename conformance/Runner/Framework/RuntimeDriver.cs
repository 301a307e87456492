using System.Text;
using CliWrap;

namespace OciConformance.Framework;

/// <summary>What one runtime invocation produced.</summary>
public sealed record Invocation(string CommandLine, int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>One line for a failure reason: the command, its exit code and the first line of stderr.</summary>
    public string Brief
    {
        get
        {
            var err = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
            return $"`{CommandLine}` exit {ExitCode}" + (err.Length > 0 ? $": {Clip(err, 200)}" : "");
        }
    }

    private static string Clip(string s, int n) => s.Length <= n ? s : s[..n] + "...";
}

/// <summary>
/// Runs one runtime binary with runc's command line, always with a private --root. Every call gets files, not pipes,
/// as fds 0-2: a container inherits the runtime's stdio on create/run/exec, and would hold a pipe open after the
/// runtime exits. A small sh does the redirections and then execs the runtime.
/// </summary>
public sealed class RuntimeDriver(string name, string binary, string root, string ioDir)
{
    private int _calls;

    public string Name { get; } = name;
    public string Binary { get; } = binary;
    public string Root { get; } = root;

    public Task<Invocation> RunAsync(params string[] args) => RunAsync(args, stdout: null, stderr: null);

    /// <summary>
    /// Runs the runtime; stdout/stderr go to the given files (fresh ones when null), stdin is /dev/null unless given.
    /// A call that takes longer than <paramref name="timeout"/> (default 30 s) is killed and reported as exit -1.
    /// </summary>
    public async Task<Invocation> RunAsync(IReadOnlyList<string> args, string? stdout, string? stderr, string? stdin = null,
        TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var n = Interlocked.Increment(ref _calls);
        stdout ??= Path.Combine(ioDir, $"call{n}.out");
        stderr ??= Path.Combine(ioDir, $"call{n}.err");
        var script = $"exec \"$@\" <{Quote(stdin ?? "/dev/null")} >{Quote(stdout)} 2>{Quote(stderr)}";
        string[] argv = ["--root", Root, .. args];
        var commandLine = $"{Name} {string.Join(' ', args.Select(Quote))}";

        var command = Cli.Wrap("/bin/sh")
            .WithArguments(["-c", script, "sh", Binary, .. argv])
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(env =>
            {
                if (environment is null) return;
                foreach (var (k, v) in environment) env.Set(k, v);
            });
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        int exit;
        try
        {
            exit = (await command.ExecuteAsync(cts.Token)).ExitCode;
        }
        catch (OperationCanceledException)
        {
            exit = -1;
        }
        return new Invocation(commandLine, exit, ReadSoFar(stdout), ReadSoFar(stderr));
    }

    /// <summary>A file's content now (the container may still be writing it); empty when it does not exist.</summary>
    public static string ReadSoFar(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return "";
        }
    }

    public static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or '=' or ':' or ',' or '+')
            ? arg
            : "'" + arg.Replace("'", "'\\''") + "'";
}

using CliWrap;
using CliWrap.Buffered;

namespace OciRuntime.IntegrationTests.Support;

/// <summary>What one runtime invocation produced. Stdout and stderr are kept verbatim.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Non-empty stderr lines, trailing whitespace removed: most assertions are about lines.</summary>
    public string[] StderrLines => Lines(Stderr);

    public string[] StdoutLines => Lines(Stdout);

    private static string[] Lines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
}

/// <summary>Optional per-call settings; the defaults fit almost every test.</summary>
public sealed record CliOptions
{
    public string? Stdin { get; init; }
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>Without <c>--root</c>: for calls whose exact argv matters (version, init) or that ignore it (spec).</summary>
    public bool WithoutRoot { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Runs one runtime binary (ocirt or runc) through CliWrap. A non-zero exit is a result, never an exception, so a
/// test can assert on it. Only a hang throws: a runtime that does not return is a failure in its own right, and the
/// process is killed so it cannot outlive the test.
/// </summary>
public sealed class RuntimeCli(string name, string binary, string? root, ITestOutputHelper? log)
{
    public string Name { get; } = name;
    public string Binary { get; } = binary;

    /// <summary>The private state directory passed as <c>--root</c>; null means the runtime's default.</summary>
    public string? Root { get; } = root;

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(new CliOptions(), args);

    public async Task<CliResult> RunAsync(CliOptions options, params string[] args)
    {
        // --root goes first: it is a global flag, and every test must keep away from /run/runc and /run/ocirt.
        var argv = options.WithoutRoot || Root is null ? args : ["--root", Root, .. args];
        var command = CliWrap.Cli.Wrap(Binary)
            .WithArguments(argv)
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(env =>
            {
                // Bootstrap variables of an init (ours or runc's) must never leak from the test host into a call.
                foreach (var key in System.Environment.GetEnvironmentVariables().Keys.Cast<string>())
                    if (key.StartsWith("_OCIRT", StringComparison.Ordinal) || key.StartsWith("_LIBCONTAINER", StringComparison.Ordinal))
                        env.Set(key, null);
                foreach (var (key, value) in options.Environment ?? new Dictionary<string, string?>())
                    env.Set(key, value);
            });
        if (options.WorkingDirectory is not null)
            command = command.WithWorkingDirectory(options.WorkingDirectory);
        if (options.Stdin is not null)
            command = command.WithStandardInputPipe(PipeSource.FromString(options.Stdin));

        var shown = $"{Name} {string.Join(' ', argv.Select(Quote))}";
        using var cts = new CancellationTokenSource(options.Timeout);
        BufferedCommandResult result;
        try
        {
            result = await command.ExecuteBufferedAsync(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"'{shown}' did not exit within {options.Timeout.TotalSeconds}s (killed)");
        }

        log?.WriteLine($"$ {shown}\n  exit={result.ExitCode}\n  stdout: {Clip(result.StandardOutput)}\n  stderr: {Clip(result.StandardError)}");
        return new CliResult(result.ExitCode, result.StandardOutput, result.StandardError);
    }

    private static string Quote(string arg) =>
        arg.Length == 0 ? "''" : arg.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"') ? $"'{arg}'" : arg;

    // The log shows enough to diagnose a failure without flooding the report with a whole config.json.
    private static string Clip(string text)
    {
        var oneLine = text.TrimEnd().Replace("\n", "\n          ");
        return oneLine.Length <= 2000 ? oneLine : oneLine[..2000] + " ...";
    }
}

using System.Text.RegularExpressions;

namespace OciRuntime.IntegrationTests.Native;

/// <summary>
/// The nsexec constructor (src/Runtime/Native/nsexec.c) must run while the process has one thread: the kernel
/// refuses setns into user/mount namespaces and unshare(CLONE_NEWUSER) to a multi-threaded process, and the .NET
/// runtime starts threads during its initialisation. init is always started as exactly `ocirt init` (the constructor
/// looks at argv[1] only, as runc's nsexec does), so it takes its log level from _OCIRT_LOGLEVEL, set by the parent.
/// </summary>
public sealed partial class ConstructorTests(ITestOutputHelper log) : IDisposable
{
    private readonly Runtimes _rt = new(log);

    public void Dispose() => _rt.Dispose();

    [Fact]
    public async Task InitRunsTheConstructorSingleThreaded()
    {
        // The exact argv matters here (no --root), and no bootstrap environment: RuntimeCli strips any it inherited.
        var result = await _rt.Ocirt.RunAsync(new CliOptions
        {
            WithoutRoot = true,
            Environment = new Dictionary<string, string?> { ["_OCIRT_LOGLEVEL"] = "debug" },
        }, "init");

        var match = StageLine().Match(result.Stderr);
        Assert.True(match.Success, "no 'nsexec: init stage' line in stderr");
        Assert.Equal("1", match.Groups[1].Value);
        // Without a bootstrap pipe init has nothing to do: it fails with one error line, not an exception dump.
        Assert.Equal(1, result.ExitCode);
        var error = result.StderrLines[^1];
        Assert.DoesNotContain("nsexec:", error);
        Assert.DoesNotContain(result.StderrLines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", result.Stderr);
    }

    [Fact]
    public async Task OtherCommandsSkipTheConstructor()
    {
        var result = await _rt.Ocirt.RunAsync("--debug", "state", "x");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(RecordedRunc.NotExist, result.Stderr);
        Assert.DoesNotContain("nsexec:", result.Stderr);
    }

    [GeneratedRegex(@"nsexec: init stage, (\d+) thread")]
    private static partial Regex StageLine();
}

namespace OciRuntime.IntegrationTests.Cli;

/// <summary>
/// Unknown commands and flags must fail (the runtime-tools CLI doc requires non-zero) and must not be mistaken for
/// something else. ocirt uses exit 1 for all of them. runc 1.1.5 agrees for flags but exits 3 for an unknown command
/// (urfave/cli's "No help topic"), so for commands only "both non-zero" is compared with runc.
/// </summary>
public sealed class UnknownInputTests(ITestOutputHelper log) : IDisposable
{
    private readonly Runtimes _rt = new(log);

    public void Dispose() => _rt.Dispose();

    // Row: argv, the exit code runc 1.1.5 gave for it.
    public static TheoryData<string[], int> UnknownInputs => new()
    {
        { ["foo"], RecordedRunc.UnknownCommandExit },
        { ["foo", "bar"], RecordedRunc.UnknownCommandExit },
        { ["--foo", "state", "x"], RecordedRunc.UnknownFlagExit },
        { ["state", "--foo", "x"], RecordedRunc.UnknownFlagExit },
        { ["list", "--foo"], RecordedRunc.UnknownFlagExit },
    };

    [Theory]
    [MemberData(nameof(UnknownInputs))]
    public async Task FailsWithExitOneAndSaysWhy(string[] args, int runcExit)
    {
        var result = await _rt.Ocirt.RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.NotEmpty(result.StderrLines);
        Assert.True(Runtimes.IsEmptyDir(_rt.Ocirt.Root!), "a rejected command line must not touch --root");
        log.WriteLine(runcExit == 1 ? "runc 1.1.5: exit 1 as well" : $"runc 1.1.5 differs: exit {runcExit}");
    }

    [SkippableTheory]
    [MemberData(nameof(UnknownInputs))]
    public async Task LiveRuncAlsoFails(string[] args, int runcExit)
    {
        var runc = _rt.RequireRunc();
        var live = await runc.RunAsync(args);
        var ocirt = await _rt.Ocirt.RunAsync(args);

        Assert.Equal(runcExit, live.ExitCode);
        Assert.NotEqual(0, ocirt.ExitCode);
        if (runcExit == 1)
            Assert.Equal(live.ExitCode, ocirt.ExitCode);
    }
}

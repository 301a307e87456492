namespace OciRuntime.IntegrationTests.Containers;

/// <summary>
/// `list` on an empty root. go-runc's List() parses `list --format json`, so its output for "no containers" must be
/// JSON that decodes to an empty list; runc prints `null`.
/// </summary>
public sealed class ListCommandTests(ITestOutputHelper log) : IDisposable
{
    private readonly Runtimes _rt = new(log);

    public void Dispose() => _rt.Dispose();

    // Row: argv after `list`, the exact stdout runc 1.1.5 printed on an empty root.
    public static TheoryData<string[], string> EmptyRootOutputs => new()
    {
        { [], RecordedRunc.ListHeader + "\n" },
        { ["--format", "table"], RecordedRunc.ListHeader + "\n" },
        { ["-q"], "" },
        { ["--format", "json"], RecordedRunc.ListJsonEmpty + "\n" },
        { ["-f", "json"], RecordedRunc.ListJsonEmpty + "\n" },
    };

    [Theory]
    [MemberData(nameof(EmptyRootOutputs))]
    public async Task EmptyRootPrintsWhatRuncPrints(string[] flags, string expected)
    {
        var result = await _rt.Ocirt.RunAsync(["list", .. flags]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [SkippableTheory]
    [MemberData(nameof(EmptyRootOutputs))]
    public async Task EmptyRootMatchesLiveRunc(string[] flags, string recorded)
    {
        var runc = _rt.RequireRunc();
        var live = await runc.RunAsync(["list", .. flags]);
        var ocirt = await _rt.Ocirt.RunAsync(["list", .. flags]);

        // The recorded value is checked too: if a newer runc changes it, this says so instead of silently moving.
        Assert.Equal(recorded, live.Stdout);
        Assert.Equal(live.ExitCode, ocirt.ExitCode);
        Assert.Equal(live.Stdout, ocirt.Stdout);
    }
}

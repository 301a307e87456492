using System.Text.RegularExpressions;

namespace OciRuntime.IntegrationTests.Cli;

/// <summary>
/// `--version`/`-v`: go-runc's Version() parses the first three lines by their prefixes (version, commit, spec), so
/// the shape is a caller contract. runc prints two more (go, libseccomp); ocirt prints exactly the three.
/// </summary>
public sealed partial class VersionTests(ITestOutputHelper log) : IDisposable
{
    private readonly Runtimes _rt = new(log);

    public void Dispose() => _rt.Dispose();

    [Theory]
    [InlineData("--version")]
    [InlineData("-v")]
    public async Task PrintsExactlyThreeLines(string flag)
    {
        var result = await _rt.Ocirt.RunAsync(new CliOptions { WithoutRoot = true }, flag);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.EndsWith("\n", result.Stdout);
        var lines = result.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^ocirt version \S+$", lines[0]);
        Assert.Matches(@"^commit: \S+$", lines[1]);
        Assert.Equal("spec: 1.3.0", lines[2]);
    }

    [Fact]
    public async Task ShortAndLongFlagPrintTheSame()
    {
        var longFlag = await _rt.Ocirt.RunAsync(new CliOptions { WithoutRoot = true }, "--version");
        var shortFlag = await _rt.Ocirt.RunAsync(new CliOptions { WithoutRoot = true }, "-v");

        Assert.Equal(longFlag, shortFlag);
    }

    [Fact]
    public async Task LinePrefixesMatchRecordedRunc()
    {
        var ocirt = await _rt.Ocirt.RunAsync(new CliOptions { WithoutRoot = true }, "--version");

        Assert.Equal(ExpectedPrefixes(RecordedRunc.VersionLines), Prefixes(ocirt.StdoutLines));
    }

    [SkippableFact]
    public async Task LinePrefixesMatchLiveRunc()
    {
        var runc = _rt.RequireRunc();
        var live = await runc.RunAsync(new CliOptions { WithoutRoot = true }, "--version");
        var ocirt = await _rt.Ocirt.RunAsync(new CliOptions { WithoutRoot = true }, "--version");

        Assert.Equal(0, live.ExitCode);
        Assert.Equal(ExpectedPrefixes(live.StdoutLines), Prefixes(ocirt.StdoutLines));
    }

    // runc's first three lines with the program name swapped: "ocirt version ", "commit: ", "spec: ".
    private static string[] ExpectedPrefixes(string[] runcLines) =>
        Prefixes(runcLines.Take(3).ToArray()).Select(p => p.Replace("runc version ", "ocirt version ")).ToArray();

    private static string[] Prefixes(string[] lines) => lines.Select(l => PrefixPattern().Match(l).Value).ToArray();

    [GeneratedRegex(@"^(\S+ version |[a-z]+: )")]
    private static partial Regex PrefixPattern();
}

using System.Globalization;
using System.Text.Json;

namespace OciRuntime.IntegrationTests.Logging;

/// <summary>
/// `--log FILE --log-format json`: containerd passes this on every call and reads the last "error" line's msg as the
/// user-visible error (process/utils.go getLastRuntimeError), so the keys level/msg/time are a caller contract.
/// runc 1.1.5 writes exactly those three keys (without --debug), appends, and also prints the bare message on stderr.
/// </summary>
public sealed class LogFileTests(ITestOutputHelper log) : IDisposable
{
    private readonly Runtimes _rt = new(log);

    public void Dispose() => _rt.Dispose();

    [Fact]
    public async Task FailingCommandWritesOneJsonErrorLine()
    {
        var logFile = Path.Combine(_rt.WorkDir, "log.json");

        var result = await _rt.Ocirt.RunAsync("--log", logFile, "--log-format", "json", "state", "missing");

        Assert.Equal(1, result.ExitCode);
        var entry = Assert.Single(ReadLog(logFile));
        AssertRuncShape(entry, RecordedRunc.NotExist);
        // The error also reaches stderr, once, for callers that do not read the log.
        var stderr = Assert.Single(result.StderrLines);
        Assert.Contains(RecordedRunc.NotExist, stderr);
    }

    [Fact]
    public async Task LogFileIsAppendedNotTruncated()
    {
        var logFile = Path.Combine(_rt.WorkDir, "log.json");

        await _rt.Ocirt.RunAsync("--log", logFile, "--log-format", "json", "state", "missing");
        await _rt.Ocirt.RunAsync("--log", logFile, "--log-format", "json", "delete", "missing");

        var lines = ReadLog(logFile);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => AssertRuncShape(l, RecordedRunc.NotExist));
    }

    [Fact]
    public void RecordedRuncLineHasTheShapeWeCheck() =>
        // Keeps the checker honest: it must accept the line runc 1.1.5 really wrote.
        AssertRuncShape(RecordedRunc.LogLineExample, RecordedRunc.NotExist, maxAge: null);

    [SkippableFact]
    public async Task LiveRuncWritesTheSameShape()
    {
        var runc = _rt.RequireRunc();
        var runcLog = Path.Combine(_rt.WorkDir, "runc.json");
        var ocirtLog = Path.Combine(_rt.WorkDir, "ocirt.json");

        var live = await runc.RunAsync("--log", runcLog, "--log-format", "json", "state", "missing");
        var ocirt = await _rt.Ocirt.RunAsync("--log", ocirtLog, "--log-format", "json", "state", "missing");

        Assert.Equal(live.ExitCode, ocirt.ExitCode);
        AssertRuncShape(Assert.Single(ReadLog(runcLog)), RecordedRunc.NotExist);
        AssertRuncShape(Assert.Single(ReadLog(ocirtLog)), RecordedRunc.NotExist);
        Assert.Equal(live.StderrLines.Length, ocirt.StderrLines.Length);
    }

    private static string[] ReadLog(string path)
    {
        Assert.True(File.Exists(path), $"--log {path} was not created");
        return File.ReadAllLines(path);
    }

    private static void AssertRuncShape(string line, string msg) => AssertRuncShape(line, msg, TimeSpan.FromMinutes(5));

    private static void AssertRuncShape(string line, string msg, TimeSpan? maxAge)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        Assert.Equal(["level", "msg", "time"], root.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("error", root.GetProperty("level").GetString());
        Assert.Equal(msg, root.GetProperty("msg").GetString());
        var time = root.GetProperty("time").GetString()!;
        // RFC3339: a full date, 'T', a time, an explicit zone. DateTimeOffset alone would accept far looser text.
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", time);
        var parsed = DateTimeOffset.Parse(time, CultureInfo.InvariantCulture);
        if (maxAge is { } age)
            Assert.InRange(DateTimeOffset.UtcNow - parsed, -age, age);
    }
}

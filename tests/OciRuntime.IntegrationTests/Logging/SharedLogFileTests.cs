using System.Text.Json;

namespace OciRuntime.IntegrationTests.Logging;

/// <summary>
/// With --log, the container's init writes to the same file as the runtime call that started it (runc forwards the
/// init's lines through a pipe; ocirt's init opens the file itself). Lines from both must all be there: the file
/// is opened O_APPEND, so neither process writes over the other's lines.
/// </summary>
public sealed class SharedLogFileTests(ITestOutputHelper log) : ContainerTestBase(log)
{
    [SkippableTheory]
    [MemberData(nameof(Both))]
    public async Task TheInitsLinesAndTheCallersLinesAllReachTheLogFile(string runtime)
    {
        var rt = Use(runtime);
        var bundle = (await NewBundleAsync()).Sh("true");
        bundle.SaveAtomically();
        var logFile = Path.Combine(Rt.WorkDir, $"{rt.Name}-shared.json");
        var id = ContainerDriver.NewId("sharedlog");

        (await rt.RunWithFilesAsync(null, "--log", logFile, "--log-format", "json", "--debug", "run", "--bundle", bundle.Dir, id))
            .ShouldSucceed($"{rt.Name} --debug run");

        var lines = File.ReadAllLines(logFile).Where(l => l.Length > 0).ToList();
        var messages = lines.Select(line =>
        {
            using var doc = JsonDocument.Parse(line); // a line written over another would not parse
            return doc.RootElement.GetProperty("msg").GetString() ?? "";
        }).ToList();
        // The init's own debug line about its nsexec stage, and more than that one line in all.
        Assert.Contains(messages, m => m.Contains("nsexec", StringComparison.Ordinal));
        Assert.True(messages.Count(m => !m.Contains("nsexec", StringComparison.Ordinal)) > 0, $"{rt.Name}: only init lines in {logFile}");
    }
}

using System.Text.Json.Nodes;

namespace OciRuntime.IntegrationTests.Cli;

/// <summary>`spec [--bundle DIR] [--rootless]`: writes a runc-compatible example config.json and never overwrites one.</summary>
public sealed class SpecCommandTests(ITestOutputHelper log) : IDisposable
{
    private static readonly CliOptions NoRoot = new() { WithoutRoot = true };
    private readonly Runtimes _rt = new(log);

    public void Dispose() => _rt.Dispose();

    [Theory]
    [InlineData("--bundle")]
    [InlineData("-b")]
    public async Task WritesConfigIntoBundleDir(string flag)
    {
        var bundle = _rt.NewDir("bundle");

        var result = await _rt.Ocirt.RunAsync(NoRoot, "spec", flag, bundle);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("1.3.0", ReadConfig(bundle)["ociVersion"]?.GetValue<string>());
    }

    [Fact]
    public async Task WritesConfigIntoWorkingDirectoryWithoutBundle()
    {
        var cwd = _rt.NewDir("cwd");

        var result = await _rt.Ocirt.RunAsync(NoRoot with { WorkingDirectory = cwd }, "spec");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("1.3.0", ReadConfig(cwd)["ociVersion"]?.GetValue<string>());
    }

    [Fact]
    public async Task RefusesToOverwriteExistingConfig()
    {
        var bundle = _rt.NewDir("bundle");
        var config = Path.Combine(bundle, "config.json");
        File.WriteAllText(config, "{\"keep\":true}\n");

        var result = await _rt.Ocirt.RunAsync(NoRoot, "spec", "--bundle", bundle);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(RecordedRunc.SpecExists, result.Stderr);
        Assert.Equal("{\"keep\":true}\n", File.ReadAllText(config));
    }

    [SkippableFact]
    public async Task RefusalMatchesLiveRunc()
    {
        var runc = _rt.RequireRunc();
        var bundle = _rt.NewDir("bundle");
        File.WriteAllText(Path.Combine(bundle, "config.json"), "{}");

        var live = await runc.RunAsync(NoRoot, "spec", "--bundle", bundle);
        var ocirt = await _rt.Ocirt.RunAsync(NoRoot, "spec", "--bundle", bundle);

        Assert.Equal(live.ExitCode, ocirt.ExitCode);
        Assert.Contains(RecordedRunc.SpecExists, live.Stderr);
        Assert.Contains(RecordedRunc.SpecExists, ocirt.Stderr);
    }

    [Fact]
    public async Task RootlessHasUserNamespaceAndMapsTheCaller()
    {
        var bundle = _rt.NewDir("bundle");

        var result = await _rt.Ocirt.RunAsync(NoRoot, "spec", "--rootless", "--bundle", bundle);

        Assert.Equal(0, result.ExitCode);
        var linux = ReadConfig(bundle)["linux"]!;
        var namespaces = linux["namespaces"]!.AsArray().Select(n => n!["type"]!.GetValue<string>()).ToList();
        Assert.Contains("user", namespaces);
        // A rootless caller cannot configure a network namespace, so runc drops it.
        Assert.DoesNotContain("network", namespaces);
        // One mapping of the caller's effective ids to root in the container, as runc's ToRootless writes.
        var uid = new JsonObject { ["containerID"] = 0, ["hostID"] = Libc.GetEuid(), ["size"] = 1 };
        var gid = new JsonObject { ["containerID"] = 0, ["hostID"] = Libc.GetEgid(), ["size"] = 1 };
        Assert.True(JsonNode.DeepEquals(new JsonArray(uid), linux["uidMappings"]), $"uidMappings: {linux["uidMappings"]?.ToJsonString()}");
        Assert.True(JsonNode.DeepEquals(new JsonArray(gid), linux["gidMappings"]), $"gidMappings: {linux["gidMappings"]?.ToJsonString()}");
    }

    [Theory]
    [InlineData(false, "runc-1.1.5-spec.json")]
    [InlineData(true, "runc-1.1.5-spec-rootless.json")]
    public async Task AgreesWithRecordedRuncSpec(bool rootless, string fixture)
    {
        var ocirt = await SpecAsync(_rt.Ocirt, rootless);
        var runc = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture)))!;

        var tolerated = new List<string>();
        var diffs = SpecComparison.Differences(ocirt, runc, tolerated);
        log.WriteLine("tolerated differences:\n  " + string.Join("\n  ", tolerated));

        Assert.True(diffs.Count == 0, "ocirt spec differs from runc 1.1.5:\n" + string.Join("\n", diffs));
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AgreesWithLiveRuncSpec(bool rootless)
    {
        var runc = _rt.RequireRunc();
        var ocirt = await SpecAsync(_rt.Ocirt, rootless);
        var live = await SpecAsync(runc, rootless);

        var tolerated = new List<string>();
        var diffs = SpecComparison.Differences(ocirt, live, tolerated);
        log.WriteLine("tolerated differences:\n  " + string.Join("\n  ", tolerated));

        Assert.True(diffs.Count == 0, "ocirt spec differs from live runc:\n" + string.Join("\n", diffs));
    }

    private async Task<JsonNode> SpecAsync(RuntimeCli runtime, bool rootless)
    {
        var bundle = _rt.NewDir($"{runtime.Name}-spec{(rootless ? "-rootless" : "")}");
        string[] args = rootless ? ["spec", "--rootless", "--bundle", bundle] : ["spec", "--bundle", bundle];
        var result = await runtime.RunAsync(NoRoot, args);
        Assert.True(result.ExitCode == 0, $"{runtime.Name} spec failed: {result.Stderr}");
        return ReadConfig(bundle);
    }

    private static JsonNode ReadConfig(string dir)
    {
        var path = Path.Combine(dir, "config.json");
        Assert.True(File.Exists(path), $"{path} was not written");
        return JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is JSON null");
    }
}

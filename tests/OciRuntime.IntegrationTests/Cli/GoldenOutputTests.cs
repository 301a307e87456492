using System.Text;

namespace OciRuntime.IntegrationTests.Cli;

/// <summary>
/// The binary's `spec` and `features` output, byte for byte against files checked into tests/. `spec` shares its
/// golden with the model's unit test (tests/OciRuntime.Oci.Tests/Golden/spec.json), so the CLI adds nothing to it.
/// `features` changes whenever ocirt learns a feature: run with UPDATE_GOLDEN=1 to rewrite Golden/features.json and
/// review the diff (the claims in it must stay true).
/// </summary>
public sealed class GoldenOutputTests(ITestOutputHelper log) : IDisposable
{
    private readonly Runtimes _rt = new(log);

    public void Dispose() => _rt.Dispose();

    [Fact]
    public async Task SpecWritesTheGoldenConfig()
    {
        string bundle = Directory.CreateTempSubdirectory("ocirt-golden-").FullName;
        try
        {
            var result = await _rt.Ocirt.RunAsync("spec", "--bundle", bundle);
            Assert.Equal(0, result.ExitCode);
            string golden = Path.Combine(TestPaths.RepoRoot, "tests", "OciRuntime.Oci.Tests", "Golden", "spec.json");
            Assert.Equal(File.ReadAllText(golden, Encoding.UTF8), File.ReadAllText(Path.Combine(bundle, "config.json"), Encoding.UTF8));
        }
        finally
        {
            Directory.Delete(bundle, recursive: true);
        }
    }

    [Fact]
    public async Task FeaturesMatchesTheGolden()
    {
        var result = await _rt.Ocirt.RunAsync(new CliOptions { WithoutRoot = true }, "features");
        Assert.Equal(0, result.ExitCode);
        string golden = Path.Combine(TestPaths.RepoRoot, "tests", "OciRuntime.IntegrationTests", "Golden", "features.json");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
            File.WriteAllText(golden, result.Stdout);
        Assert.Equal(File.ReadAllText(golden, Encoding.UTF8), result.Stdout);
    }
}

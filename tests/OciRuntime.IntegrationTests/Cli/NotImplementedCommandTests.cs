namespace OciRuntime.IntegrationTests.Cli;

/// <summary>
/// Commands that exist in the CLI but whose work has not landed must fail loudly: a caller that got exit 0 from
/// `create` or `kill` would believe a container exists or died. Remove a row when its command lands (and give the
/// command its own tests).
/// </summary>
public sealed class NotImplementedCommandTests(ITestOutputHelper log) : IDisposable
{
    private readonly Runtimes _rt = new(log);

    public void Dispose() => _rt.Dispose();

    // Argv shaped like the callers' (anchors.md 1.4); BUNDLE is replaced by a real bundle, so only the missing
    // implementation can be the reason for the failure.
    public static TheoryData<string[]> Commands => new()
    {
        { ["checkpoint", "--image-path", "BUNDLE/ckpt", "c1"] },
        { ["restore", "--image-path", "BUNDLE/ckpt", "--bundle", "BUNDLE", "c1"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task FailsWithOneLineSayingSo(string[] argv)
    {
        var bundle = await TempBundle.CreateAsync(_rt);
        var args = argv.Select(a => a.Replace("BUNDLE", bundle.Dir)).ToArray();

        var result = await _rt.Ocirt.RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains($"ocirt: {argv[0]} is not implemented yet", line);
        Assert.True(Runtimes.IsEmptyDir(_rt.Ocirt.Root!), $"{argv[0]} left state under --root");
    }
}

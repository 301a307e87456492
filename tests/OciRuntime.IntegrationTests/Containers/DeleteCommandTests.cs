namespace OciRuntime.IntegrationTests.Containers;

/// <summary>
/// `delete` of a container that does not exist. containerd's shim and podman call `delete --force` during cleanup
/// and rely on it succeeding when the container is already gone; without --force it is an error.
/// </summary>
public sealed class DeleteCommandTests(ITestOutputHelper log) : IDisposable
{
    private readonly Runtimes _rt = new(log);

    public void Dispose() => _rt.Dispose();

    [Fact]
    public async Task ForceOnMissingContainerSucceedsSilently()
    {
        var result = await _rt.Ocirt.RunAsync("delete", "--force", "missing");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.True(Runtimes.IsEmptyDir(_rt.Ocirt.Root!), "delete must not create anything under --root");
    }

    [Fact]
    public async Task MissingContainerFailsWithDoesNotExist()
    {
        var result = await _rt.Ocirt.RunAsync("delete", "missing");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(RecordedRunc.NotExist, result.Stderr);
        Assert.True(Runtimes.IsEmptyDir(_rt.Ocirt.Root!), "delete must not create anything under --root");
    }

    [SkippableTheory]
    [InlineData("delete", "--force", "missing")]
    [InlineData("delete", "-f", "missing")]
    [InlineData("delete", "missing")]
    public async Task ExitCodeMatchesLiveRunc(params string[] args)
    {
        var runc = _rt.RequireRunc();
        var live = await runc.RunAsync(args);
        var ocirt = await _rt.Ocirt.RunAsync(args);

        Assert.Equal(live.ExitCode, ocirt.ExitCode);
        Assert.Equal(live.Stderr.Contains(RecordedRunc.NotExist), ocirt.Stderr.Contains(RecordedRunc.NotExist));
    }
}

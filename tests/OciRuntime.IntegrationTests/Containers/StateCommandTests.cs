namespace OciRuntime.IntegrationTests.Containers;

/// <summary>
/// `state` on containers that do not exist. containerd and podman match the text "container does not exist", and
/// ids are path components under --root, so invalid ones must be refused before anything is touched.
/// </summary>
public sealed class StateCommandTests(ITestOutputHelper log) : IDisposable
{
    private readonly Runtimes _rt = new(log);

    public void Dispose() => _rt.Dispose();

    [Fact]
    public async Task MissingContainerFailsWithDoesNotExist()
    {
        var result = await _rt.Ocirt.RunAsync("state", "missing");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains(RecordedRunc.NotExist, result.Stderr);
        Assert.True(Runtimes.IsEmptyDir(_rt.Ocirt.Root!), "state must not create anything under --root");
    }

    [SkippableFact]
    public async Task MissingContainerMatchesLiveRunc()
    {
        var runc = _rt.RequireRunc();
        var live = await runc.RunAsync("state", "missing");
        var ocirt = await _rt.Ocirt.RunAsync("state", "missing");

        Assert.Equal(live.ExitCode, ocirt.ExitCode);
        Assert.Contains(RecordedRunc.NotExist, live.Stderr);
    }

    // Row: id, the message runc 1.1.5 printed for it.
    public static TheoryData<string, string> InvalidIds => new()
    {
        { "../x", RecordedRunc.InvalidId },
        { "a/b", RecordedRunc.InvalidId },
        { ".", RecordedRunc.InvalidId },
        { "", RecordedRunc.EmptyId },
    };

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task InvalidIdIsRefusedWithRuncsMessage(string id, string message)
    {
        var result = await _rt.Ocirt.RunAsync("state", id);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.True(Runtimes.IsEmptyDir(_rt.Ocirt.Root!), $"state '{id}' created files under --root");
        // "../x" resolves next to the root dir: nothing may appear there either.
        Assert.False(Path.Exists(Path.Combine(_rt.WorkDir, "x")), "state '../x' escaped --root");
    }

    [SkippableTheory]
    [MemberData(nameof(InvalidIds))]
    public async Task InvalidIdMatchesLiveRunc(string id, string message)
    {
        var runc = _rt.RequireRunc();
        var live = await runc.RunAsync("state", id);
        var ocirt = await _rt.Ocirt.RunAsync("state", id);

        Assert.Contains(message, live.Stderr);
        Assert.Equal(live.ExitCode, ocirt.ExitCode);
    }
}

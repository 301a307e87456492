using OciRuntime.Containers;
using OciRuntime.Linux;

namespace OciRuntime.Tests.Containers;

public sealed class StateStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ocirt-store-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static ContainerRecord Record(string id, int pid = 0, ulong start = 0) => new()
    {
        Id = id, OciVersion = "1.3.0", Bundle = "/b", Rootfs = "/b/rootfs", Pid = pid, PidStartTime = start,
        Created = "2026-01-01T00:00:00Z",
    };

    [Fact]
    public void SaveThenLoadRoundTrips()
    {
        var store = new StateStore(_root);
        using (var held = store.Claim("c1"))
            store.Save(Record("c1", 42, 7), held);
        var loaded = store.Load("c1");
        Assert.Equal(42, loaded.Pid);
        Assert.Equal(7UL, loaded.PidStartTime);
        Assert.Equal("/b/rootfs", loaded.Rootfs);
    }

    [Fact]
    public void SaveIsAtomicAndLeavesNoTempFiles()
    {
        var store = new StateStore(_root);
        using var held = store.Claim("c1");
        store.Save(Record("c1", 1, 1), held);
        store.Save(Record("c1", 2, 2), held);
        Assert.Equal(2, store.Load("c1").Pid);
        // Only the state file remains: the temp file was renamed over it, never left beside it.
        Assert.Equal(["state.json"], Directory.GetFiles(Path.Combine(_root, "c1")).Select(Path.GetFileName));
    }

    [Fact]
    public void ClaimingATakenIdFails()
    {
        var store = new StateStore(_root);
        using var first = store.Claim("dup");
        var e = Assert.Throws<ContainerExistsException>(() => store.Claim("dup"));
        Assert.Equal("container with given ID already exists", e.Message);
    }

    [Fact]
    public void LoadingAMissingContainerSaysItDoesNotExist()
    {
        var e = Assert.Throws<ContainerNotFoundException>(() => new StateStore(_root).Load("nope"));
        Assert.Equal("container does not exist", e.Message);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("..")]
    public void BadIdsNeverTouchTheFilesystem(string id)
    {
        var store = new StateStore(Path.Combine(_root, "not-created"));
        var e = Assert.Throws<ContainerException>(() => store.Claim(id));
        Assert.Equal("invalid container ID format", e.Message);
        Assert.False(Directory.Exists(store.Root));
    }

    [Fact]
    public void AnEmptyIdHasRuncsOwnMessage() =>
        Assert.Equal("container id cannot be empty",
            Assert.Throws<ContainerException>(() => new StateStore(_root).Claim("")).Message);

    [Fact]
    public async Task TheLockIsExclusiveAcrossOpenFiles()
    {
        var store = new StateStore(_root);
        using (var held = store.Claim("locked"))
            store.Save(Record("locked"), held);
        var first = store.Lock("locked");
        var second = Task.Run(() => store.Lock("locked"));
        // flock is per open file description, so a second open in this process must wait like another process would.
        var early = await Task.WhenAny(second, Task.Delay(300));
        Assert.NotSame(second, early);
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }

    [Fact]
    public void IdsListsOnlyValidDirectoryNames()
    {
        var store = new StateStore(_root);
        using (store.Claim("b")) { }
        using (store.Claim("a")) { }
        Directory.CreateDirectory(Path.Combine(_root, "bad name"));
        Assert.Equal(["a", "b"], store.Ids());
    }
}

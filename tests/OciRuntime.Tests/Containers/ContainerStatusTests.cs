using OciRuntime.Containers;
using OciRuntime.Linux;

namespace OciRuntime.Tests.Containers;

/// <summary>The status is derived from the kernel, and a pid is only the container's if its start time matches.</summary>
public sealed class ContainerStatusTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ocirt-status-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private Container Make(int pid, ulong start, bool fifo)
    {
        var store = new StateStore(_root);
        using (var held = store.Claim("c"))
        {
            store.Save(new ContainerRecord { Id = "c", Pid = pid, PidStartTime = start }, held);
            if (fifo)
                File.WriteAllText(Path.Combine(store.DirectoryOf("c"), Container.ExecFifo), "");
        }
        return Container.Load(store, "c");
    }

    private static ulong OwnStartTime() => ProcStat.StartTime(Environment.ProcessId)!.Value;

    [Fact]
    public void LiveInitWithoutFifoIsRunning() =>
        Assert.Equal(ContainerStatus.Running, Make(Environment.ProcessId, OwnStartTime(), fifo: false).Status());

    [Fact]
    public void LiveInitWaitingOnTheFifoIsCreated() =>
        Assert.Equal(ContainerStatus.Created, Make(Environment.ProcessId, OwnStartTime(), fifo: true).Status());

    [Fact]
    public void AReusedPidIsNotTheContainer()
    {
        // Same pid, different start time: the kernel gave the number to another process.
        var container = Make(Environment.ProcessId, OwnStartTime() + 1, fifo: true);
        Assert.Equal(ContainerStatus.Stopped, container.Status());
        Assert.Equal(0, container.ReportedPid(ContainerStatus.Stopped));
    }

    [Fact]
    public void AnUnrecordedPidIsStopped() =>
        Assert.Equal(ContainerStatus.Stopped, Make(0, 0, fifo: false).Status());
}

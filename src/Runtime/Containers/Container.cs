using OciRuntime.Cgroups;
using OciRuntime.Linux;

namespace OciRuntime.Containers;

/// <summary>One container as a later command sees it: its stored record and its status, derived afresh from the
/// kernel each time (is the init process the one we started, is it still waiting on the exec fifo).</summary>
internal sealed class Container
{
    public const string ExecFifo = "exec.fifo";

    private Container(StateStore store, ContainerRecord record)
    {
        Store = store;
        Record = record;
        Directory = store.DirectoryOf(record.Id);
    }

    public StateStore Store { get; }
    public ContainerRecord Record { get; }
    public string Directory { get; }
    public string Id => Record.Id;

    /// <summary>Loads a container by id; throws ContainerNotFoundException ("container does not exist").</summary>
    public static Container Load(StateStore store, string id) => new(store, store.Load(id));

    /// <summary>The container whose record was just written (create), without reading it back.</summary>
    public static Container Of(StateStore store, ContainerRecord record) => new(store, record);

    /// <summary>The runtime-spec status. A pid whose start time differs from the stored one belongs to some other
    /// process now, so the container is stopped; so it is when init is a zombie or was never recorded.</summary>
    public ContainerStatus Status()
    {
        if (!InitAlive())
            return ContainerStatus.Stopped;
        // init blocks on the exec fifo from create until start opens it; start removes the fifo.
        if (File.Exists(Path.Combine(Directory, ExecFifo)))
            return ContainerStatus.Created;
        return Record.CgroupPath is not null && CgroupManager.For(Record.CgroupPath).IsFrozen() ? ContainerStatus.Paused : ContainerStatus.Running;
    }

    /// <summary>The pid to report: 0 once the container has stopped, as runc does.</summary>
    public int ReportedPid(ContainerStatus status) => status == ContainerStatus.Stopped ? 0 : Record.Pid;

    private bool InitAlive()
    {
        if (Record.Pid <= 0)
            return false;
        var stat = ProcStat.Read(Record.Pid);
        return stat is { } s && s.StartTime == Record.PidStartTime && s.State is not ('Z' or 'X' or 'x');
    }
}

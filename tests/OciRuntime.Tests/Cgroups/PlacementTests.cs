using OciRuntime.Cgroups;
using OciRuntime.Cgroups.V1;
using OciRuntime.Cgroups.V2;

namespace OciRuntime.Tests.Cgroups;

/// <summary>Where nsexec's first stage puts a new process: the tasks file of each v1 hierarchy (it writes "0" there
/// itself) and the cgroup2 directory (CLONE_INTO_CGROUP). Plain directories stand in for the hierarchies: computing
/// the placement reads nothing but whether the directories exist.</summary>
public sealed class PlacementTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ocirt-placement-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private (V1Manager Manager, string Cpu, string Pids, string Unified) HybridHost()
    {
        string cpu = Dir("cpu,cpuacct/c1"), pids = Dir("pids/c1"), unified = Dir("unified/c1");
        var manager = new V1Manager(new Dictionary<CgroupMount, string>
        {
            [new CgroupMount(Path.Combine(_root, "cpu,cpuacct"), "/", false, ["cpu", "cpuacct"])] = cpu,
            [new CgroupMount(Path.Combine(_root, "pids"), "/", false, ["pids"])] = pids,
            [new CgroupMount(Path.Combine(_root, "unified"), "/", true, [])] = unified,
        });
        return (manager, cpu, pids, unified);
    }

    private string Dir(string relative) => Directory.CreateDirectory(Path.Combine(_root, relative)).FullName;

    [Fact]
    public void TheInitGoesToEveryHierarchysCgroup()
    {
        var (manager, cpu, pids, unified) = HybridHost();
        var placement = manager.Placement();
        Assert.Equal([Path.Combine(cpu, "tasks"), Path.Combine(pids, "tasks")], placement.Tasks);
        Assert.Equal(unified, placement.Unified);
    }

    [Fact]
    public void ExecCgroupWithControllersGoesBelowInThoseOnly()
    {
        var (manager, cpu, pids, unified) = HybridHost();
        string sub = Dir("pids/c1/sub");
        var placement = manager.Placement("sub", ["pids"]);
        Assert.Equal([Path.Combine(cpu, "tasks"), Path.Combine(sub, "tasks")], placement.Tasks);
        Assert.Equal(unified, placement.Unified);
    }

    [Fact]
    public void AHierarchyWithoutTheDirectoryIsLeftOut()
    {
        var (manager, cpu, _, unified) = HybridHost();
        Directory.Delete(unified);
        var placement = manager.Placement();
        Assert.Equal(Path.Combine(cpu, "tasks"), placement.Tasks[0]);
        Assert.Equal(2, placement.Tasks.Count);
        Assert.Null(placement.Unified);
    }

    [Fact]
    public void OnAV2HostTheProcessIsClonedIntoTheDirectoryOrASubCgroup()
    {
        string dir = Dir("v2/c1"), sub = Dir("v2/c1/sub");
        Assert.Equal(dir, new V2Manager(dir).Placement().Unified);
        Assert.Empty(new V2Manager(dir).Placement().Tasks);
        Assert.Equal(sub, new V2Manager(dir).Placement("sub").Unified);
        Assert.Throws<CgroupException>(() => new V2Manager(dir).Placement("missing"));
    }
}

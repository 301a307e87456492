using System.Text.Json;
using OciRuntime.Oci;

namespace OciRuntime.Cgroups;

/// <summary>One container's cgroup, whatever the host's layout: v1 (a directory per hierarchy, on a hybrid host
/// the v2 mount too for placement) or v2 (one directory). <see cref="CgroupManager.For"/> picks the implementation
/// from mountinfo.</summary>
internal interface ICgroupManager
{
    /// <summary>Creates the directories and applies the resources and device rules; returns the directories it
    /// created. The container's init is then born in them (<see cref="Placement"/>), before the user's program (or
    /// any hook) runs.</summary>
    IReadOnlyList<string> Prepare(Spec spec);

    /// <summary>Where a new process (the init, or an exec'd one) goes: the existing cgroup, or one of its
    /// sub-cgroups (exec --cgroup: <paramref name="sub"/> is a path below the container's cgroup; on v1
    /// <paramref name="controllers"/> limits it to those hierarchies, the others getting the container's own
    /// cgroup). Hierarchies where that directory does not exist are left out.</summary>
    CgroupPlacement Placement(string? sub = null, IReadOnlyCollection<string>? controllers = null);

    /// <summary>Applies changed resources (update); <paramref name="spec"/> has them merged in (device rules are
    /// rebuilt from all of it).</summary>
    void Update(LinuxResources resources, Spec spec);

    void Freeze();
    void Thaw();
    bool IsFrozen();

    /// <summary>The processes in the cgroup, sorted.</summary>
    IReadOnlyList<int> Pids();

    /// <summary>Sends <paramref name="signal"/> to every process in the cgroup (kill --all).</summary>
    void Signal(int signal);

    /// <summary>Writes runc's Stats object (events --stats).</summary>
    void WriteStats(Utf8JsonWriter json);

    /// <summary>OOM kills so far (events reports an "oom" event when this grows).</summary>
    ulong OomKills();
}

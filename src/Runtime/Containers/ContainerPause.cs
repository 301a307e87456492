using OciRuntime.Cgroups;

namespace OciRuntime.Containers;

/// <summary>`pause` and `resume`: freeze and thaw the container's cgroup, checked against the state machine.</summary>
internal static class ContainerPause
{
    public static void Pause(Container container)
    {
        using var held = container.Store.Lock(container.Id);
        Transitions.Check(container.Id, container.Status(), ContainerOperation.Pause);
        Freezer.Freeze(container.Record.CgroupPath, CgroupMount.Read());
    }

    public static void Resume(Container container)
    {
        using var held = container.Store.Lock(container.Id);
        Transitions.Check(container.Id, container.Status(), ContainerOperation.Resume);
        Freezer.Thaw(container.Record.CgroupPath, CgroupMount.Read());
    }
}

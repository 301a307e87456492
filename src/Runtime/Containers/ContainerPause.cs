using OciRuntime.Cgroups;

namespace OciRuntime.Containers;

/// <summary>`pause` and `resume`: freeze and thaw the container's cgroup, checked against the state machine.</summary>
internal static class ContainerPause
{
    public static void Pause(Container container)
    {
        using var held = container.Store.Lock(container.Id);
        Transitions.Check(container.Id, container.Status(), ContainerOperation.Pause);
        CgroupManager.For(container.Record.CgroupPath).Freeze();
    }

    public static void Resume(Container container)
    {
        using var held = container.Store.Lock(container.Id);
        Transitions.Check(container.Id, container.Status(), ContainerOperation.Resume);
        CgroupManager.For(container.Record.CgroupPath).Thaw();
    }
}

using OciRuntime.Cgroups;
using OciRuntime.Linux;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Containers;

/// <summary>`kill [--all] ID [SIGNAL]`: signal the container's init (checked against its start time, so a reused
/// pid is never signalled). With a pid namespace, SIGKILL to its init ends every process in it.</summary>
internal static class ContainerKill
{

    public static void Kill(Container container, int signal, bool all)
    {
        var status = container.Status();
        Transitions.Check(container.Id, status, ContainerOperation.Kill, force: all);
        if (status == ContainerStatus.Stopped)
            return;
        if (all)
        {
            // Every process of the container, exec'd ones included: they are all in its cgroup.
            CgroupManager.For(container.Record.CgroupPath).Signal(signal);
            return;
        }
        if (ProcStat.StartTime(container.Record.Pid) != container.Record.PidStartTime || !Libc.Kill(container.Record.Pid, signal))
            throw new ContainerException("container not running");
    }
}

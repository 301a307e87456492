using OciRuntime.Cgroups;
using OciRuntime.Hooks;
using OciRuntime.Linux;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Logging;

namespace OciRuntime.Containers;

/// <summary>Deleting a container: check the transition, stop its init if it still runs, remove what it left.</summary>
internal static class ContainerDeletion
{
    private const int SIGKILL = 9;

    public static void Delete(Container container, bool force)
    {
        using var held = container.Store.Lock(container.Id);
        var status = container.Status();
        Transitions.Check(container.Id, status, ContainerOperation.Delete, force);
        if (status != ContainerStatus.Stopped)
            KillInit(container);
        CgroupManager.Remove(container.Record.CgroupDirs ?? []);
        var hooks = TryLoadHooks(container);
        container.Store.Remove(container.Id);
        RunPoststop(container.Record, hooks);
    }

    /// <summary>
    /// runtime.md: poststop hooks run after the container is destroyed, before delete returns (or create fails, when
    /// a hook of create failed: "continue the lifecycle at step 12"); each failure is a warning and the rest still run.
    /// </summary>
    internal static void RunPoststop(ContainerRecord record, Oci.Hooks? hooks)
    {
        var state = ContainerCreation.HookState(record, 0, ContainerStatus.Stopped);
        foreach (var failure in HookRunner.RunAll("poststop", hooks?.Poststop, state, HookEnvironment.Host()))
            Log.Warn(failure.Message);
    }

    private static Oci.Hooks? TryLoadHooks(Container container)
    {
        try
        {
            return SpecStore.LoadHooks(container.Directory);
        }
        catch (Oci.InvalidSpecException e)
        {
            Log.Warn($"delete {container.Id}: {e.Message}");
            return null;
        }
    }

    // The init is not our child (the engine's shim or conmon reaps it), so wait for it to leave the running states
    // by polling its start time rather than with waitpid.
    private static void KillInit(Container container)
    {
        int pid = container.Record.Pid;
        if (ProcStat.StartTime(pid) != container.Record.PidStartTime)
            return;
        Libc.Kill(pid, SIGKILL);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var stat = ProcStat.Read(pid);
            if (stat is null || stat.Value.StartTime != container.Record.PidStartTime || stat.Value.State is 'Z' or 'X')
                return;
            Thread.Sleep(5);
        }
        throw new ContainerException($"container init {pid} did not exit after SIGKILL");
    }
}

using OciRuntime.Hooks;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Logging;

namespace OciRuntime.Containers;

/// <summary>`start`: release the init waiting on the exec fifo, then run the poststart hooks.</summary>
internal static class ContainerStart
{
    public static void Start(Container container)
    {
        using (container.Store.Lock(container.Id))
        {
            Transitions.Check(container.Id, container.Status(), ContainerOperation.Start);
            ReleaseInit(container);
        }
        // runtime.md: poststart hooks run after the user process started; a failure is only a warning.
        var spec = SpecStore.Load(container.Directory);
        try
        {
            HookRunner.Run("poststart", spec.Hooks?.Poststart,
                ContainerCreation.HookState(container.Record, container.Record.Pid, ContainerStatus.Running), HookEnvironment.Host());
        }
        catch (HookFailedException e)
        {
            Log.Warn(e.Message);
        }
    }

    // The init blocks in open(fifo, O_WRONLY) until a reader appears. Opening the read side without blocking and
    // polling for its byte lets us notice an init that died instead of waiting forever.
    private static void ReleaseInit(Container container)
    {
        string fifo = Path.Combine(container.Directory, Container.ExecFifo);
        using (var reader = Libc.Open(fifo, Libc.O_RDONLY | Libc.O_NONBLOCK))
        {
            Span<byte> buffer = stackalloc byte[1];
            while (true)
            {
                short events = Libc.Poll(reader, Libc.POLLIN, 100);
                if ((events & Libc.POLLIN) != 0 && Libc.Read(reader, buffer, fifo) == 1)
                    break;
                if (container.Status() == ContainerStatus.Stopped)
                    throw new ContainerException("cannot start a container that has stopped");
            }
        }
        File.Delete(fifo);
    }
}

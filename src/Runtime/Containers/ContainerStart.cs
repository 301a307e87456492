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
        var hooks = SpecStore.LoadHooks(container.Directory);
        var state = ContainerCreation.HookState(container.Record, container.Record.Pid, ContainerStatus.Running);
        foreach (var failure in HookRunner.RunAll("poststart", hooks?.Poststart, state, HookEnvironment.Host()))
            Log.Warn(failure.Message);
    }

    // The init blocks in open(fifo, O_WRONLY) until a reader appears. Opening the read side without blocking and
    // polling lets us notice an init that died instead of waiting forever. The init writes "0" just before execve
    // and the fifo closes at execve (close-on-exec); anything else it wrote is why it did not get there.
    private static void ReleaseInit(Container container)
    {
        string fifo = Path.Combine(container.Directory, Container.ExecFifo);
        var received = new List<byte>();
        using (var reader = Libc.Open(fifo, Libc.O_RDONLY | Libc.O_NONBLOCK))
        {
            Span<byte> buffer = stackalloc byte[512];
            bool writerSeen = false;
            while (true)
            {
                short events = Libc.Poll(reader, Libc.POLLIN, 100);
                if ((events & Libc.POLLIN) != 0)
                {
                    int n = Libc.Read(reader, buffer, fifo);
                    writerSeen = true;
                    if (n == 0)
                        break;
                    received.AddRange(buffer[..n].ToArray());
                    continue;
                }
                if ((events & Libc.POLLHUP) != 0)
                    break;
                // Before the init's open returns there is no writer and nothing to see; a dead init never opens.
                if (!writerSeen && container.Status() == ContainerStatus.Stopped)
                    throw new ContainerException("cannot start a container that has stopped");
            }
        }
        File.Delete(fifo);
        string text = System.Text.Encoding.UTF8.GetString([.. received]);
        if (text != "0")
            throw new ContainerException(text.StartsWith('0') ? text[1..] : text.Length > 0 ? text : "container init exited before starting the process");
    }
}

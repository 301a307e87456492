using System.Runtime.InteropServices;
using OciRuntime.Containers;
using OciRuntime.Linux.Syscalls;
using OciRuntime.Logging;
using OciRuntime.Processes;

namespace OciRuntime.Cli;

/// <summary>`run [-d] [--keep] ... ID`: create and start. In the foreground it waits for the container's init
/// (our child: the constructor clones it with CLONE_PARENT), forwards the signals we receive, deletes the container
/// unless --keep, and exits with the process's code, or 128 + the signal that ended it.</summary>
internal static class RunCommand
{
    public static int Run(CommandContext context)
    {
        bool detach = context.Args.GetBool("detach");
        var container = ContainerCreation.Create(context.Store, context.ContainerId, CreateCommand.Options(context, detach), out var terminal);
        try
        {
            if (detach)
            {
                ContainerStart.Start(container);
                return 0;
            }
            int pid = container.Record.Pid;
            using var forwarding = SignalForwarding.To(pid);
            using var proxy = terminal is null ? null : TerminalProxy.Attach(terminal);
            ContainerStart.Start(container);
            Phases.Mark("started");
            int status = Libc.WaitPid(pid);
            Phases.Mark("container exited");
            return Libc.ExitCode(status);
        }
        finally
        {
            terminal?.Dispose();
            if (!detach && !context.Args.GetBool("keep"))
            {
                ContainerDeletion.Delete(container, force: true);
                Phases.Mark("deleted");
            }
        }
    }
}

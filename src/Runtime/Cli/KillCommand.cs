using OciRuntime.Cli.Parsing;
using OciRuntime.Containers;

namespace OciRuntime.Cli;

/// <summary>`kill [--all] ID [SIGNAL]`: SIGNAL is a name (KILL, SIGKILL) or a number; engines send numbers.</summary>
internal static class KillCommand
{
    public static int Run(CommandContext context)
    {
        var args = context.Args.Arguments;
        int signal = Signals.ParseKillArgument(args.Count > 1 ? args[1] : null);
        ContainerKill.Kill(Container.Load(context.Store, context.ContainerId), signal, context.Args.GetBool("all"));
        return 0;
    }
}

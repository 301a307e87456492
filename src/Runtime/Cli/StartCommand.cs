using OciRuntime.Containers;

namespace OciRuntime.Cli;

/// <summary>`start ID`: runs the user process of a created container.</summary>
internal static class StartCommand
{
    public static int Run(CommandContext context)
    {
        ContainerStart.Start(Container.Load(context.Store, context.ContainerId));
        return 0;
    }
}

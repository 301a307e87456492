using OciRuntime.Containers;

namespace OciRuntime.Cli;

/// <summary>`pause ID` and `resume ID`.</summary>
internal static class PauseCommand
{
    public static int Pause(CommandContext context)
    {
        ContainerPause.Pause(Container.Load(context.Store, context.ContainerId));
        return 0;
    }

    public static int Resume(CommandContext context)
    {
        ContainerPause.Resume(Container.Load(context.Store, context.ContainerId));
        return 0;
    }
}

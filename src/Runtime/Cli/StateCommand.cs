using OciRuntime.Containers;
using OciRuntime.Oci;

namespace OciRuntime.Cli;

/// <summary>`state ID`: the runtime-spec state object, printed as runc prints it (two-space indent, no newline).</summary>
internal static class StateCommand
{
    public static int Run(CommandContext context)
    {
        var container = Container.Load(context.Store, context.ContainerId);
        var status = container.Status();
        Output.Write(JsonOutput.Indented(ContainerStates.From(container, status, owner: ""), spaces: 2));
        return 0;
    }
}

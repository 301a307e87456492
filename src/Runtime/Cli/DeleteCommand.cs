using OciRuntime.Containers;

namespace OciRuntime.Cli;

/// <summary>`delete [--force] ID`. containerd calls `delete --force` for a container it already deleted and needs
/// exit 0, so a missing container with --force is success (runc does the same).</summary>
internal static class DeleteCommand
{
    public static int Run(CommandContext context)
    {
        string id = context.ContainerId;
        bool force = context.Args.GetBool("force");
        ContainerId.Validate(id);
        Container container;
        try
        {
            container = Container.Load(context.Store, id);
        }
        catch (ContainerNotFoundException)
        {
            // A directory without state.json is what an aborted create leaves: remove it either way, as runc does.
            context.Store.Remove(id);
            if (force)
                return 0;
            throw;
        }
        ContainerDeletion.Delete(container, force);
        return 0;
    }
}

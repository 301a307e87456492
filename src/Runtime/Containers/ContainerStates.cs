using OciRuntime.Oci;

namespace OciRuntime.Containers;

/// <summary>Builds the state object that `state` and `list` print (runtime-spec state plus runc's rootfs, created
/// and owner) from a stored record and the status just derived.</summary>
internal static class ContainerStates
{
    public static ContainerState From(Container container, ContainerStatus status, string owner) => new()
    {
        OciVersion = container.Record.OciVersion,
        Id = container.Id,
        Pid = container.ReportedPid(status),
        Status = status.ToOci(),
        Bundle = container.Record.Bundle,
        Rootfs = container.Record.Rootfs,
        Created = container.Record.Created,
        Owner = owner,
        Annotations = container.Record.Annotations,
    };
}

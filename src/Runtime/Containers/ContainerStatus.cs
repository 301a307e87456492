namespace OciRuntime.Containers;

/// <summary>The runtime-spec statuses (runtime.md "State"). Derived from the init process and the exec fifo each
/// time it is asked for, never trusted from disk alone.</summary>
internal enum ContainerStatus
{
    Creating,
    Created,
    Running,
    Paused,
    Stopped,
}

internal static class ContainerStatusNames
{
    public static string ToOci(this ContainerStatus status) => status switch
    {
        ContainerStatus.Creating => "creating",
        ContainerStatus.Created => "created",
        ContainerStatus.Running => "running",
        ContainerStatus.Paused => "paused",
        _ => "stopped",
    };
}

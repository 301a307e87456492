namespace OciRuntime.Containers;

/// <summary>The operations whose legality depends on the container's status.</summary>
internal enum ContainerOperation
{
    Start,
    Kill,
    Delete,
    Pause,
    Resume,
    Exec,
}

/// <summary>A lifecycle operation asked of a container in a status that does not allow it.</summary>
internal sealed class InvalidContainerStateException(ContainerStatus status, ContainerOperation operation, string message)
    : ContainerException(message)
{
    public ContainerStatus Status { get; } = status;
    public ContainerOperation Operation { get; } = operation;
}

/// <summary>The runtime-spec state machine (runtime.md "Lifecycle" and "Operations"), with runc's error texts, which
/// callers and users already know. Flags that relax a rule (delete --force, kill --all, exec --ignore-paused) are
/// passed in so the whole rule sits in one place.</summary>
internal static class Transitions
{
    public static void Check(string id, ContainerStatus status, ContainerOperation operation, bool force = false)
    {
        string? refusal = (operation, status) switch
        {
            (ContainerOperation.Start, ContainerStatus.Created) => null,
            (ContainerOperation.Start, ContainerStatus.Stopped) => "cannot start a container that has stopped",
            (ContainerOperation.Start, ContainerStatus.Running) => "cannot start an already running container",
            (ContainerOperation.Start, _) => $"cannot start a container in the {status.ToOci()} state",

            // kill --all on a stopped container succeeds (runc kill.go: "not running" becomes success).
            (ContainerOperation.Kill, ContainerStatus.Stopped) => force ? null : "container not running",
            (ContainerOperation.Kill, _) => null,

            // A created container may always be deleted (it is killed first); a running or paused one needs --force.
            (ContainerOperation.Delete, ContainerStatus.Stopped or ContainerStatus.Created) => null,
            (ContainerOperation.Delete, _) => force ? null : $"cannot delete container {id} that is not stopped: {status.ToOci()}",

            (ContainerOperation.Pause, ContainerStatus.Running or ContainerStatus.Created) => null,
            (ContainerOperation.Pause, _) => "container not running",

            (ContainerOperation.Resume, ContainerStatus.Paused) => null,
            (ContainerOperation.Resume, _) => "container not paused",

            (ContainerOperation.Exec, ContainerStatus.Stopped) => "cannot exec in a stopped container",
            (ContainerOperation.Exec, ContainerStatus.Paused) => force ? null : "cannot exec in a paused container (use --ignore-paused to override)",
            (ContainerOperation.Exec, _) => null,

            _ => $"cannot {operation.ToString().ToLowerInvariant()} a container in the {status.ToOci()} state",
        };
        if (refusal is not null)
            throw new InvalidContainerStateException(status, operation, refusal);
    }
}

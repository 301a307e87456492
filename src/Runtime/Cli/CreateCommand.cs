using OciRuntime.Containers;

namespace OciRuntime.Cli;

/// <summary>`create [--bundle B] [--pid-file F] [--console-socket S] [--no-pivot] [--no-new-keyring]
/// [--preserve-fds N] ID`: returns once the container's init waits for `start`.</summary>
internal static class CreateCommand
{
    public static int Run(CommandContext context)
    {
        ContainerCreation.Create(context.Store, context.ContainerId, Options(context, detach: true));
        return 0;
    }

    /// <summary>The create flags as `create` and `run` share them.</summary>
    public static CreateOptions Options(CommandContext context, bool detach) => new(
        // Absolute now: create works from the bundle directory, as runc does.
        Bundle: Path.GetFullPath(context.Args.Get("bundle") ?? "."),
        PidFile: Absolute(context.Args.Get("pid-file")),
        ConsoleSocket: Absolute(context.Args.Get("console-socket")),
        NoPivot: context.Args.GetBool("no-pivot"),
        NoNewKeyring: context.Args.GetBool("no-new-keyring"),
        PreserveFds: context.Args.GetInt("preserve-fds", 0),
        Detach: detach,
        SystemdCgroup: context.Globals.SystemdCgroup,
        Debug: context.Globals.Debug,
        LogPath: Absolute(context.Globals.Log));

    private static string? Absolute(string? path) => path is null ? null : Path.GetFullPath(path);
}

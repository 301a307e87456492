namespace OciRuntime.Cli.Parsing;

internal static partial class CommandTable
{
    private const string IdUsage = "<container-id>";

    private static FlagSpec BundleFlag => Str("bundle", "bundle directory (default: the current directory)", alias: "b");

    private static FlagSpec ConsoleSocketFlag =>
        Str("console-socket", "AF_UNIX socket that receives the pty master of the container's console");

    private static FlagSpec PidfdSocketFlag => Str("pidfd-socket", "AF_UNIX socket that receives a pidfd of the process");

    private static FlagSpec PidFileFlag => Str("pid-file", "file to write the process id to");

    private static FlagSpec NoPivotFlag => Bool("no-pivot", "use chroot-style MS_MOVE instead of pivot_root (rootfs on a ramdisk)");

    private static FlagSpec NoNewKeyringFlag => Bool("no-new-keyring", "keep the caller's session keyring instead of creating one");

    private static FlagSpec PreserveFdsFlag =>
        Int("preserve-fds", "pass N more file descriptors to the container (stdio + $LISTEN_FDS + N)", defaultValue: "0");

    private static FlagSpec DetachFlag => Bool("detach", "do not wait for the container's process", alias: "d");

    private static FlagSpec NoSubreaperFlag => Bool("no-subreaper", "do not become a subreaper for reparented processes");

    private static CommandSpec Create { get; } = new(
        "create", "create a container", IdUsage, ArgCount.Exactly(1),
        [BundleFlag, ConsoleSocketFlag, PidfdSocketFlag, PidFileFlag, NoPivotFlag, NoNewKeyringFlag, PreserveFdsFlag]);

    private static CommandSpec Run { get; } = new(
        "run", "create and start a container", IdUsage, ArgCount.Exactly(1),
        [
            BundleFlag, ConsoleSocketFlag, PidfdSocketFlag, DetachFlag,
            Bool("keep", "keep the container after it exits"),
            PidFileFlag, NoSubreaperFlag, NoPivotFlag, NoNewKeyringFlag, PreserveFdsFlag,
        ]);

    private static CommandSpec Start { get; } = new(
        "start", "run the user process of a created container", IdUsage, ArgCount.Exactly(1), []);

    private static CommandSpec State { get; } = new(
        "state", "print the state of a container as JSON", IdUsage, ArgCount.Exactly(1), []);

    // The signal is an argument, so flag parsing stops at the container id (runc kill.go, StopOnNthArg = 1).
    private static CommandSpec Kill { get; } = new(
        "kill", "send a signal (default: SIGTERM) to the container's init process", "<container-id> [signal]",
        ArgCount.Between(1, 2),
        [Bool("all", "(obsolete) also succeed when the container is not running", alias: "a", hidden: true)])
    {
        StopAfterFirstArg = true,
    };

    private static CommandSpec Delete { get; } = new(
        "delete", "delete a container and the resources it holds", IdUsage, ArgCount.Exactly(1),
        [Bool("force", "kill the container with SIGKILL first if it is still running", alias: "f")]);

    private static CommandSpec Pause { get; } = new(
        "pause", "suspend all processes of a container", IdUsage, ArgCount.Exactly(1), []);

    private static CommandSpec Resume { get; } = new(
        "resume", "resume all processes of a paused container", IdUsage, ArgCount.Exactly(1), []);

    // Runs inside the new container; its argv belongs to the runtime itself and is never parsed as flags.
    private static CommandSpec Init { get; } = new(
        "init", "(internal) initialise the container process", "", ArgCount.Any, [])
    {
        SkipFlagParsing = true,
        Hidden = true,
    };
}

namespace OciRuntime.Cli.Parsing;

internal static partial class CommandTable
{
    private static FlagSpec FormatFlag => Str("format", "output format: 'table' or 'json'", alias: "f", defaultValue: "table");

    // Everything after the container id is the command to run (runc exec.go, StopOnNthArg = 1).
    private static CommandSpec Exec { get; } = new(
        "exec", "run a new process inside a container",
        "<container-id> <command> [args...]  |  -p process.json <container-id>", ArgCount.AtLeast(1),
        [
            ConsoleSocketFlag, PidfdSocketFlag,
            Str("cwd", "working directory inside the container"),
            Many("env", "add an environment variable (repeatable)", alias: "e"),
            Bool("tty", "allocate a pseudo-terminal", alias: "t"),
            Str("user", "user as <uid>[:<gid>]", alias: "u"),
            new FlagSpec("additional-gids", FlagKind.Int64Slice, "add a supplementary group id (repeatable)", "g"),
            Str("process", "path to a JSON process specification", alias: "p"),
            DetachFlag, PidFileFlag,
            Str("process-label", "SELinux label for the process"),
            Str("apparmor", "AppArmor profile for the process"),
            Bool("no-new-privs", "set no_new_privs for the process"),
            Many("cap", "add a capability to the process (repeatable)", alias: "c"),
            PreserveFdsFlag,
            Many("cgroup", "run in an existing sub-cgroup, [<controller>:]<path> (repeatable)"),
            Bool("ignore-paused", "allow exec into a paused container"),
        ])
    {
        StopAfterFirstArg = true,
    };

    private static CommandSpec ListCommand { get; } = new(
        "list", "list the containers under --root", "", ArgCount.Exactly(0),
        [FormatFlag, Bool("quiet", "print container ids only", alias: "q")]);

    // Arguments after the container id go to ps(1) (runc ps.go, StopOnNthArg = 1).
    private static CommandSpec Ps { get; } = new(
        "ps", "list the processes running inside a container", "<container-id> [ps options]", ArgCount.AtLeast(1),
        [FormatFlag])
    {
        StopAfterFirstArg = true,
    };

    private static CommandSpec Events { get; } = new(
        "events", "print container events and resource statistics", IdUsage, ArgCount.Exactly(1),
        [
            new FlagSpec("interval", FlagKind.Duration, "statistics interval, a Go duration", Default: "5s"),
            Bool("stats", "print statistics once and exit"),
        ]);

    private static CommandSpec Update { get; } = new(
        "update", "change the resource limits of a container", IdUsage, ArgCount.Exactly(1),
        [
            Str("resources", "JSON file with the LinuxResources to apply, or '-' for stdin (other flags are then ignored)", alias: "r"),
            Int("blkio-weight", "block IO weight, 10 to 1000"),
            Str("cpu-period", "CPU CFS period in microseconds (0: system default)"),
            Str("cpu-quota", "CPU CFS quota in microseconds per period"),
            Str("cpu-burst", "CPU CFS burst in microseconds"),
            Str("cpu-share", "CPU shares (relative weight)"),
            Str("cpu-rt-period", "CPU realtime period in microseconds (0: system default)"),
            Str("cpu-rt-runtime", "CPU realtime runtime in microseconds per period"),
            Str("cpuset-cpus", "CPUs the container may use"),
            Str("cpuset-mems", "memory nodes the container may use"),
            Str("kernel-memory", "(obsolete; ignored)", hidden: true),
            Str("kernel-memory-tcp", "(obsolete; ignored)", hidden: true),
            Str("memory", "memory limit in bytes (suffixes allowed)"),
            Str("cpu-idle", "1 to make the cgroup SCHED_IDLE, 0 for the default"),
            Str("memory-reservation", "memory soft limit in bytes"),
            Str("memory-swap", "memory plus swap limit in bytes; -1 for unlimited swap"),
            Int("pids-limit", "maximum number of processes"),
            Str("l3-cache-schema", "Intel RDT/CAT L3 cache schema"),
            Str("mem-bw-schema", "Intel RDT/MBA memory bandwidth schema"),
        ]);
}

namespace OciRuntime.Cli.Parsing;

internal static partial class CommandTable
{
    /// <summary>
    /// Flags accepted before the command (runc main.go). -h/--help and -v/--version are handled by the parser.
    /// --criu was removed from runc in 1.4 and hidden before; it is accepted and ignored so older callers keep working.
    /// </summary>
    public static IReadOnlyList<FlagSpec> GlobalFlags { get; } =
    [
        Bool("debug", "enable debug logging"),
        Str("log", "file to write the log to (default: stderr)"),
        Str("log-format", "log format: 'text' or 'json'", defaultValue: "text"),
        Str("root", "directory for container state, on a tmpfs (default: /run/ocirt, or $XDG_RUNTIME_DIR/ocirt when not root)"),
        Str("criu", "(obsolete; ignored)", hidden: true),
        Bool("systemd-cgroup", "manage cgroups through systemd; cgroupsPath is then \"slice:prefix:name\""),
        Str("rootless", "ignore cgroup permission errors: 'true', 'false' or 'auto'", defaultValue: "auto"),
    ];
}

namespace OciRuntime.Cli.Parsing;

/// <summary>The flags given before the command (runc's global options).</summary>
/// <param name="Root">--root as given (not made absolute), or null when absent.</param>
/// <param name="Log">--log path, or null when absent (log to stderr).</param>
/// <param name="LogFormat">"text" or "json"; an empty --log-format= means "text", as in runc.</param>
/// <param name="Debug">--debug.</param>
/// <param name="SystemdCgroup">--systemd-cgroup.</param>
/// <param name="Rootless">null when absent, else "auto", "true" or "false" (Go bool spellings are normalised).</param>
internal sealed record GlobalOptions(string? Root, string? Log, string LogFormat, bool Debug, bool SystemdCgroup, string? Rootless)
{
    public static GlobalOptions Default { get; } = new(null, null, "text", false, false, null);
}

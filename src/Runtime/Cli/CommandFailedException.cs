namespace OciRuntime.Cli;

/// <summary>A command that fails with an exit code other than 1: runc's exec exits 255 on its own errors, so a
/// caller can tell them from the exec'd program's exit codes.</summary>
internal sealed class CommandFailedException(int exitCode, string message, Exception inner) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}

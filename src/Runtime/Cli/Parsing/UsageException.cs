namespace OciRuntime.Cli.Parsing;

/// <summary>
/// The command line is wrong: unknown command or flag, missing or malformed value, wrong number of arguments.
/// The message is the one-line error to print; the process exits with <see cref="ExitCode"/>.
/// </summary>
internal sealed class UsageException(string message) : Exception(message)
{
    /// <summary>1 for every usage error, except an unknown command or help topic, for which runc exits 3.</summary>
    public int ExitCode { get; init; } = 1;

    /// <summary>
    /// The command whose flags or arguments were wrong, or null for global and command-name errors.
    /// runc prints that command's help after "Incorrect Usage."; <see cref="CommandTable.Usage"/> renders it.
    /// </summary>
    public string? Command { get; init; }
}

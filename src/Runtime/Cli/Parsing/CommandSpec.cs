namespace OciRuntime.Cli.Parsing;

/// <summary>A command, its flags and its argument rule.</summary>
/// <param name="Name">Command name.</param>
/// <param name="Summary">One line for the command list.</param>
/// <param name="ArgsUsage">What follows "[command options]" in the usage line.</param>
/// <param name="Args">Allowed number of positional arguments.</param>
/// <param name="Flags">Accepted flags (the implicit -h/--help is not listed).</param>
internal sealed record CommandSpec(string Name, string Summary, string ArgsUsage, ArgCount Args, IReadOnlyList<FlagSpec> Flags)
{
    /// <summary>
    /// Flags are recognised only before the first positional argument (the container id); everything after it
    /// is passed through verbatim. runc sets this on exec, ps and kill (urfave/cli v3 StopOnNthArg = 1), so that
    /// `exec ID sh -c x` keeps "-c" for the command.
    /// </summary>
    public bool StopAfterFirstArg { get; init; }

    /// <summary>Every argument is positional (the internal init command).</summary>
    public bool SkipFlagParsing { get; init; }

    /// <summary>Not listed in the help text.</summary>
    public bool Hidden { get; init; }

    public FlagSpec? FindFlag(string name)
    {
        foreach (var flag in Flags)
        {
            if (flag.Matches(name))
                return flag;
        }
        return null;
    }
}

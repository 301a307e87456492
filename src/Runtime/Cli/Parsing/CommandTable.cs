namespace OciRuntime.Cli.Parsing;

/// <summary>
/// Every command ocirt accepts, with its flags and argument rule: the runc command line surface
/// (anchors §1.1-1.3). The commands are declared in the partial files by group.
/// </summary>
internal static partial class CommandTable
{
    /// <summary>The name used in messages (runc prints os.Args[0]; ocirt always says "ocirt").</summary>
    public const string ProgramName = "ocirt";

    // Built on first use: the command properties live in other partial files, whose static initialisers
    // would otherwise run in an unspecified order relative to this array.
    private static CommandSpec[]? _allCommands;

    private static CommandSpec[] AllCommands => _allCommands ??=
    [
        Checkpoint, Create, Delete, Events, Exec, Init, Kill, ListCommand, Pause, Ps,
        Restore, Resume, Run, Spec, Start, State, Update, Features,
    ];

    /// <summary>All commands, hidden ones included, in help-listing order.</summary>
    public static IReadOnlyList<CommandSpec> Commands => AllCommands;

    public static bool Exists(string command) => Find(command) is not null;

    public static CommandSpec? Find(string command)
    {
        foreach (var spec in AllCommands)
        {
            if (spec.Name == command)
                return spec;
        }
        return null;
    }

    /// <summary>The help text: the command list and global options for null, else the command's usage and flags.</summary>
    /// <exception cref="ArgumentException">The command does not exist.</exception>
    public static string Usage(string? command)
    {
        if (command is null)
            return HelpText.ForProgram(AllCommands, GlobalFlags);
        var spec = Find(command) ?? throw new ArgumentException($"unknown command '{command}'", nameof(command));
        return HelpText.ForCommand(spec);
    }

    private static FlagSpec Bool(string name, string help, string? alias = null, bool hidden = false) =>
        new(name, FlagKind.Bool, help, alias, null, hidden);

    private static FlagSpec Str(string name, string help, string? alias = null, string? defaultValue = null, bool hidden = false) =>
        new(name, FlagKind.String, help, alias, defaultValue, hidden);

    private static FlagSpec Int(string name, string help, string? defaultValue = null) =>
        new(name, FlagKind.Int, help, null, defaultValue);

    private static FlagSpec Many(string name, string help, string? alias = null) =>
        new(name, FlagKind.StringSlice, help, alias);
}

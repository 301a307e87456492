using System.Text;

namespace OciRuntime.Cli.Parsing;

/// <summary>Renders the help text, in the shape of runc's (urfave/cli) help but shorter.</summary>
internal static class HelpText
{
    private const string Indent = "   ";

    public static string ForProgram(IReadOnlyList<CommandSpec> commands, IReadOnlyList<FlagSpec> globalFlags)
    {
        var text = new StringBuilder();
        text.Append("NAME:\n").Append(Indent).Append(CommandTable.ProgramName)
            .Append(" - Open Container Initiative runtime (runc-compatible)\n\n");
        text.Append("USAGE:\n").Append(Indent).Append(CommandTable.ProgramName)
            .Append(" [global options] command [command options] [arguments...]\n\n");

        var rows = new List<(string Left, string Right)>();
        foreach (var command in commands)
        {
            if (!command.Hidden)
                rows.Add((command.Name, command.Summary));
        }
        rows.Add(("help, h", "show the command list, or the help of one command"));
        AppendSection(text, "COMMANDS:", rows);

        rows = FlagRows(globalFlags);
        rows.Add(("--help, -h", "show help"));
        rows.Add(("--version, -v", "print the version"));
        AppendSection(text, "GLOBAL OPTIONS:", rows);
        return text.ToString();
    }

    public static string ForCommand(CommandSpec command)
    {
        var text = new StringBuilder();
        string program = CommandTable.ProgramName;
        text.Append("NAME:\n").Append(Indent).Append(program).Append(' ').Append(command.Name)
            .Append(" - ").Append(command.Summary).Append("\n\n");

        var rows = FlagRows(command.Flags);
        text.Append("USAGE:\n").Append(Indent).Append(program).Append(' ').Append(command.Name);
        if (rows.Count > 0)
            text.Append(" [command options]");
        if (command.ArgsUsage.Length > 0)
            text.Append(' ').Append(command.ArgsUsage);
        text.Append("\n\n");

        if (rows.Count > 0)
            AppendSection(text, "OPTIONS:", rows);
        return text.ToString();
    }

    private static List<(string Left, string Right)> FlagRows(IReadOnlyList<FlagSpec> flags)
    {
        var rows = new List<(string, string)>();
        foreach (var flag in flags)
        {
            if (flag.Hidden)
                continue;
            string value = flag.TakesValue ? " value" : "";
            string left = "--" + flag.Name + value;
            if (flag.Alias is not null)
                left += ", -" + flag.Alias + value;
            string right = flag.Default is null || flag.Kind == FlagKind.Bool
                ? flag.Help
                : $"{flag.Help} (default: {flag.Default})";
            rows.Add((left, right));
        }
        return rows;
    }

    private static void AppendSection(StringBuilder text, string title, List<(string Left, string Right)> rows)
    {
        int width = 0;
        foreach (var row in rows)
            width = Math.Max(width, row.Left.Length);
        text.Append(title).Append('\n');
        foreach (var (left, right) in rows)
            text.Append(Indent).Append(left.PadRight(width + 2)).Append(right).Append('\n');
        text.Append('\n');
    }
}

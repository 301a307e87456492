namespace OciRuntime.Cli.Parsing;

/// <summary>
/// Parses the command line the way runc (urfave/cli) does:
/// <list type="bullet">
/// <item>global flags come before the command, and parsing of them stops at the first non-flag (Go flag package);</item>
/// <item>one or two dashes both work ("-bundle", "--bundle"), so does "--flag=value"; short flags do not
/// cluster ("-dt") and do not take glued values ("-b/path");</item>
/// <item>a command's flags may follow its positional arguments ("create ID --bundle B"), except for exec, ps
/// and kill, where everything after the container id is an argument;</item>
/// <item>"--" ends flag parsing; an argument of a dash and a non-letter ("-1") is not a flag and ends it too.</item>
/// </list>
/// Error messages are urfave/cli's and Go flag's ("flag provided but not defined: -foo").
/// </summary>
internal static class ArgParser
{
    /// <exception cref="UsageException">The command line is invalid.</exception>
    public static ParsedArgs Parse(IReadOnlyList<string> args)
    {
        var globals = new GlobalFlagValues();
        int i = 0;
        for (; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg == "--")
            {
                i++;
                break;
            }
            if (arg.Length < 2 || arg[0] != '-')
                break;
            ReadGlobalFlag(globals, arg, args, ref i);
        }

        var noValues = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var rest = Slice(args, i);
        // As in runc, help and version are answered before the global flags are checked or the command is parsed.
        if (globals.Help || globals.Version)
            return new ParsedArgs(GlobalOptions.Default, null, rest, noValues, globals.Help, globals.Version);

        var options = globals.ToOptions();
        if (i == args.Count)
            return new ParsedArgs(options, null, rest, noValues, showHelp: true, showVersion: false);

        string name = args[i];
        if (name is "help" or "h")
            return HelpTopic(options, args, i + 1);

        var spec = CommandTable.Find(name) ?? throw NoHelpTopic(name);
        return CommandArgsParser.Parse(options, spec, args, i + 1);
    }

    /// <summary>Splits "-name", "--name" or "--name=value" into the name (as typed) and the attached value.</summary>
    internal static (string Name, string? Value) SplitFlag(string arg)
    {
        int dashes = arg.Length > 1 && arg[1] == '-' ? 2 : 1;
        string body = arg[dashes..];
        // Go's flag package rejects "---x" and "--=x" as bad syntax.
        if (body.Length == 0 || body[0] is '-' or '=')
            throw new UsageException("bad flag syntax: " + arg);
        int equals = body.IndexOf('=');
        return equals < 0 ? (body, null) : (body[..equals], body[(equals + 1)..]);
    }

    /// <summary>Reads a flag's value: attached, or the next argument (taken even if it starts with a dash).</summary>
    internal static string ReadValue(FlagSpec flag, string typedName, string? attached, IReadOnlyList<string> args, ref int i)
    {
        if (flag.Kind == FlagKind.Bool)
            return ReadBool(typedName, attached) ? "true" : "false";

        string value;
        if (attached is not null)
            value = attached;
        else if (i + 1 < args.Count)
            value = args[++i];
        else
            throw new UsageException("flag needs an argument: -" + typedName);

        CheckValue(flag.Kind, typedName, value);
        return value;
    }

    internal static bool ReadBool(string typedName, string? attached)
    {
        if (attached is null)
            return true;
        return GoBool.TryParse(attached, out bool value)
            ? value
            : throw new UsageException($"invalid boolean value \"{attached}\" for -{typedName}: parse error");
    }

    internal static UsageException NoHelpTopic(string name) => new($"No help topic for '{name}'") { ExitCode = 3 };

    internal static List<string> Slice(IReadOnlyList<string> args, int start)
    {
        var list = new List<string>(Math.Max(0, args.Count - start));
        for (int k = start; k < args.Count; k++)
            list.Add(args[k]);
        return list;
    }

    // urfave/cli checks typed values while parsing, so a bad number is a usage error before the command runs.
    private static void CheckValue(FlagKind kind, string typedName, string value)
    {
        switch (kind)
        {
            case FlagKind.Int when !GoInteger.TryParse(value, out _, out var error):
                throw new UsageException(ParsedArgs.InvalidValue(value, typedName, error));
            case FlagKind.Duration when !GoDuration.TryParse(value, out _):
                throw new UsageException(ParsedArgs.InvalidValue(value, typedName, GoNumberError.Syntax));
            case FlagKind.Int64Slice when !GoInteger.TryParse(value, out _, out var error):
                string reason = error == GoNumberError.Range ? "value out of range" : "invalid syntax";
                throw new UsageException(
                    $"invalid value \"{value}\" for flag -{typedName}: strconv.ParseInt: parsing \"{value}\": {reason}");
        }
    }

    private static void ReadGlobalFlag(GlobalFlagValues globals, string arg, IReadOnlyList<string> args, ref int i)
    {
        var (name, attached) = SplitFlag(arg);
        switch (name)
        {
            case "h" or "help":
                globals.Help = ReadBool(name, attached);
                return;
            case "v" or "version":
                globals.Version = ReadBool(name, attached);
                return;
        }

        FlagSpec? flag = null;
        foreach (var candidate in CommandTable.GlobalFlags)
        {
            if (candidate.Matches(name))
                flag = candidate;
        }
        if (flag is null)
            throw new UsageException("flag provided but not defined: -" + name);
        globals.Set(flag.Name, ReadValue(flag, name, attached, args, ref i));
    }

    private static ParsedArgs HelpTopic(GlobalOptions options, IReadOnlyList<string> args, int topicIndex)
    {
        var noValues = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var rest = Slice(args, topicIndex);
        if (rest.Count == 0)
            return new ParsedArgs(options, null, rest, noValues, showHelp: true, showVersion: false);
        var spec = CommandTable.Find(rest[0]) ?? throw NoHelpTopic(rest[0]);
        return new ParsedArgs(options, spec, Slice(rest, 1), noValues, showHelp: true, showVersion: false);
    }
}

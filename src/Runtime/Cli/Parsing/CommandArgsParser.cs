namespace OciRuntime.Cli.Parsing;

/// <summary>Parses what follows the command name: its flags and positional arguments.</summary>
internal static class CommandArgsParser
{
    /// <exception cref="UsageException">Unknown flag, missing or bad value, or wrong number of arguments.</exception>
    public static ParsedArgs Parse(GlobalOptions globals, CommandSpec spec, IReadOnlyList<string> args, int start)
    {
        try
        {
            return ParseCommand(globals, spec, args, start);
        }
        catch (UsageException e) when (e.Command is null)
        {
            throw new UsageException(e.Message) { ExitCode = e.ExitCode, Command = spec.Name };
        }
    }

    private static ParsedArgs ParseCommand(GlobalOptions globals, CommandSpec spec, IReadOnlyList<string> args, int start)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var positionals = new List<string>();
        bool help = false;

        if (spec.SkipFlagParsing)
            return new ParsedArgs(globals, spec, ArgParser.Slice(args, start), values, false, false);

        for (int i = start; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg == "--")
            {
                positionals.AddRange(ArgParser.Slice(args, i + 1));
                break;
            }
            if (spec.StopAfterFirstArg && positionals.Count >= 1)
            {
                positionals.AddRange(ArgParser.Slice(args, i));
                break;
            }
            if (arg.Length < 2 || arg[0] != '-')
            {
                positionals.Add(arg);
                continue;
            }
            if (arg[1] != '-' && !char.IsLetter(arg[1]))
            {
                // "-1", "-/x": urfave/cli v3 treats it as the start of the positional arguments.
                positionals.AddRange(ArgParser.Slice(args, i));
                break;
            }

            var (name, attached) = ArgParser.SplitFlag(arg);
            var flag = spec.FindFlag(name);
            if (flag is null && name is "h" or "help")
            {
                help = ArgParser.ReadBool(name, attached);
                continue;
            }
            if (flag is null)
                throw new UsageException("flag provided but not defined: -" + name);

            string value = ArgParser.ReadValue(flag, name, attached, args, ref i);
            if (!values.TryGetValue(flag.Name, out var list))
                values[flag.Name] = list = [];
            list.Add(value);
        }

        // Help is shown before the command's action, so its argument count is not checked (runc: `create -h`).
        if (!help)
            spec.Args.Check(spec.Name, positionals.Count);
        return new ParsedArgs(globals, spec, positionals, values, help, false);
    }
}

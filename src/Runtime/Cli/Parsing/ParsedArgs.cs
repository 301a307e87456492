using System.Globalization;

namespace OciRuntime.Cli.Parsing;

/// <summary>
/// The result of <see cref="ArgParser.Parse"/>. Flag lookups take the canonical long name without dashes
/// ("pid-file"); the short alias works too. A name the command does not define reads as "not set".
/// </summary>
internal sealed class ParsedArgs
{
    private static readonly IReadOnlyList<string> None = [];

    private readonly Dictionary<string, List<string>> _values;

    internal ParsedArgs(
        GlobalOptions globals,
        CommandSpec? spec,
        IReadOnlyList<string> arguments,
        Dictionary<string, List<string>> values,
        bool showHelp,
        bool showVersion)
    {
        Globals = globals;
        Spec = spec;
        Arguments = arguments;
        _values = values;
        ShowHelp = showHelp;
        ShowVersion = showVersion;
    }

    public GlobalOptions Globals { get; }

    /// <summary>
    /// The command, or null when only global flags were given. For `help CMD` and `CMD --help` it names the
    /// command whose help to show.
    /// </summary>
    public string? Command => Spec?.Name;

    /// <summary>The command's definition, or null when <see cref="Command"/> is null.</summary>
    public CommandSpec? Spec { get; }

    /// <summary>-v/--version before the command.</summary>
    public bool ShowVersion { get; }

    /// <summary>
    /// -h/--help (before or after the command), the help command, or no command at all (runc prints its
    /// help and exits 0 then). Print <see cref="CommandTable.Usage"/> for <see cref="Command"/>.
    /// When both this and <see cref="ShowVersion"/> are set, help wins, as in runc.
    /// </summary>
    public bool ShowHelp { get; }

    /// <summary>Positional arguments after the command: container id, kill signal, exec command and its args...</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The first positional argument, which is the container id for most commands.</summary>
    public string? ContainerId => Arguments.Count > 0 ? Arguments[0] : null;

    public bool IsSet(string flag) => Values(flag) is not null;

    /// <summary>The last value given, else the flag's default, else null. Bool flags read "true"/"false".</summary>
    public string? Get(string flag)
    {
        var given = Values(flag);
        if (given is not null)
            return given[^1];
        return Spec?.FindFlag(flag)?.Default;
    }

    /// <summary>Every value of a repeatable flag (exec -e, --cap, -g, --cgroup...), in command-line order.</summary>
    public IReadOnlyList<string> GetAll(string flag) => Values(flag) ?? None;

    public bool GetBool(string flag) => Get(flag) is { } text && GoBool.TryParse(text, out bool value) && value;

    /// <summary>The flag's value as an int, or <paramref name="defaultValue"/> when the flag was not given.</summary>
    /// <exception cref="UsageException">Not an integer, or out of range, in Go's flag wording.</exception>
    public int GetInt(string flag, int defaultValue)
    {
        long value = GetLong(flag, defaultValue);
        if (value is < int.MinValue or > int.MaxValue)
            throw new UsageException(InvalidValue(Get(flag)!, flag, GoNumberError.Range));
        return (int)value;
    }

    /// <summary>The flag's value as a 64-bit integer, or <paramref name="defaultValue"/> when not given.</summary>
    /// <exception cref="UsageException">Not an integer, or out of range.</exception>
    public long GetLong(string flag, long defaultValue)
    {
        if (Values(flag) is null)
            return defaultValue;
        string text = Get(flag)!;
        return GoInteger.TryParse(text, out long value, out var error)
            ? value
            : throw new UsageException(InvalidValue(text, flag, error));
    }

    /// <summary>The flag's value (or its default) as a Go duration; null when neither exists.</summary>
    /// <exception cref="UsageException">Not a Go duration.</exception>
    public TimeSpan? GetDuration(string flag)
    {
        if (Get(flag) is not { } text)
            return null;
        return GoDuration.TryParse(text, out var value)
            ? value
            : throw new UsageException(InvalidValue(text, flag, GoNumberError.Syntax));
    }

    /// <summary>Go flag package wording: `invalid value "x" for flag -name: parse error`.</summary>
    internal static string InvalidValue(string value, string flag, GoNumberError error) =>
        string.Create(CultureInfo.InvariantCulture,
            $"invalid value \"{value}\" for flag -{flag}: {(error == GoNumberError.Range ? "value out of range" : "parse error")}");

    private List<string>? Values(string flag)
    {
        if (_values.TryGetValue(flag, out var direct))
            return direct;
        // Allow the short alias as well as the canonical name.
        var spec = Spec?.FindFlag(flag);
        return spec is not null && _values.TryGetValue(spec.Name, out var byAlias) ? byAlias : null;
    }
}

namespace OciRuntime.Cli.Parsing;

/// <summary>Global flag values while they are being read, then checked into a <see cref="GlobalOptions"/>.</summary>
internal sealed class GlobalFlagValues
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public bool Help { get; set; }

    public bool Version { get; set; }

    /// <summary>Records a flag by canonical name; a repeated flag keeps its last value.</summary>
    public void Set(string name, string value) => _values[name] = value;

    /// <exception cref="UsageException">--log-format is not text or json, or --rootless is not a bool or auto.</exception>
    public GlobalOptions ToOptions()
    {
        // runc main.go: "" and "text" keep the text formatter, "json" selects JSON, anything else is fatal.
        string logFormat = Get("log-format") ?? "text";
        if (logFormat.Length == 0)
            logFormat = "text";
        if (logFormat is not ("text" or "json"))
            throw new UsageException("invalid log-format: " + logFormat);

        return new GlobalOptions(
            Root: Get("root"),
            Log: Get("log") is { Length: > 0 } log ? log : null,
            LogFormat: logFormat,
            Debug: Get("debug") == "true",
            SystemdCgroup: Get("systemd-cgroup") == "true",
            Rootless: Get("rootless") is { } rootless ? NormaliseRootless(rootless) : null);
    }

    // runc utils.go parseBoolOrAuto: "" or "auto" (any case) means auto, else Go's ParseBool.
    private static string NormaliseRootless(string text)
    {
        if (text.Length == 0 || text.Equals("auto", StringComparison.OrdinalIgnoreCase))
            return "auto";
        if (GoBool.TryParse(text, out bool value))
            return value ? "true" : "false";
        throw new UsageException($"invalid --rootless value \"{text}\": want 'true', 'false' or 'auto'");
    }

    private string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;
}

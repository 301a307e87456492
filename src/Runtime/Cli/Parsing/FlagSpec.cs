namespace OciRuntime.Cli.Parsing;

/// <summary>One flag a command accepts.</summary>
/// <param name="Name">Canonical long name without dashes, e.g. "pid-file".</param>
/// <param name="Kind">Value type.</param>
/// <param name="Help">One-line description for the help text.</param>
/// <param name="Alias">Short alias without dash, e.g. "b", or null.</param>
/// <param name="Default">Value <see cref="ParsedArgs.Get"/> returns when the flag is absent, or null.</param>
/// <param name="Hidden">Accepted but not listed in the help text (obsolete flags).</param>
internal sealed record FlagSpec(string Name, FlagKind Kind, string Help, string? Alias = null, string? Default = null, bool Hidden = false)
{
    public bool TakesValue => Kind != FlagKind.Bool;

    public bool Repeatable => Kind is FlagKind.StringSlice or FlagKind.Int64Slice;

    public bool Matches(string name) => name == Name || (Alias is not null && name == Alias);
}

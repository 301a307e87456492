namespace OciRuntime.Cli.Parsing;

/// <summary>How a flag's value is read and checked, mirroring the urfave/cli flag types runc declares.</summary>
internal enum FlagKind
{
    /// <summary>No value, or "=BOOL" attached (Go strconv.ParseBool spellings).</summary>
    Bool,

    /// <summary>One value, attached with "=" or taken from the next argument.</summary>
    String,

    /// <summary>A Go integer literal (base prefixes and underscores allowed), checked while parsing.</summary>
    Int,

    /// <summary>A Go duration ("5s", "1m30s"), checked while parsing.</summary>
    Duration,

    /// <summary>Repeatable; every occurrence is kept, commas are not split.</summary>
    StringSlice,

    /// <summary>Repeatable list of 64-bit integers (exec -g).</summary>
    Int64Slice,
}

namespace OciRuntime.Cli.Parsing;

/// <summary>How many positional arguments a command takes, checked with runc's checkArgs wording (utils.go).</summary>
internal sealed record ArgCount(int Min, int Max)
{
    public static ArgCount Any { get; } = new(0, int.MaxValue);

    public static ArgCount Exactly(int n) => new(n, n);

    public static ArgCount AtLeast(int n) => new(n, int.MaxValue);

    public static ArgCount Between(int min, int max) => new(min, max);

    /// <summary>Throws a <see cref="UsageException"/> naming the command when <paramref name="count"/> is out of range.</summary>
    public void Check(string command, int count)
    {
        // runc checks "exact" with its own message, and kill checks the minimum before the maximum.
        if (Min == Max && count != Min)
            throw Error(command, "exactly", Min);
        if (count < Min)
            throw Error(command, "a minimum of", Min);
        if (count > Max)
            throw Error(command, "a maximum of", Max);
    }

    private static UsageException Error(string command, string quantifier, int n) =>
        new($"{CommandTable.ProgramName}: \"{command}\" requires {quantifier} {n} argument(s)");
}

using OciRuntime.Cli.Parsing;

namespace OciRuntime.Tests.Cli.Parsing;

/// <summary>Go's strconv.ParseInt(s, 0, 64), how urfave/cli reads Int flags, and ParsedArgs.GetInt/GetLong.</summary>
public sealed class GoIntegerTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("42", 42)]
    [InlineData("-1", -1)]
    [InlineData("+7", 7)]
    [InlineData("0x10", 16)]
    [InlineData("0X1f", 31)]
    [InlineData("010", 8)]
    [InlineData("0o17", 15)]
    [InlineData("0b101", 5)]
    [InlineData("1_000", 1000)]
    [InlineData("0x_ff", 255)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Parses(string text, long expected)
    {
        Assert.True(GoInteger.TryParse(text, out long value, out var error));
        Assert.Equal(GoNumberError.None, error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("", "Syntax")]
    [InlineData("abc", "Syntax")]
    [InlineData("08", "Syntax")]
    [InlineData("0x", "Syntax")]
    [InlineData("1__0", "Syntax")]
    [InlineData("_1", "Syntax")]
    [InlineData("1_", "Syntax")]
    [InlineData(" 1", "Syntax")]
    [InlineData("1.5", "Syntax")]
    [InlineData("9223372036854775808", "Range")]
    [InlineData("99999999999999999999", "Range")]
    [InlineData("-9223372036854775809", "Range")]
    public void Rejects(string text, string expected)
    {
        Assert.False(GoInteger.TryParse(text, out _, out var error));
        Assert.Equal(expected, error.ToString());
    }

    [Fact]
    public void GetIntReadsTheValueOrTheCallersDefault()
    {
        var given = ArgParser.Parse(["create", "--preserve-fds", "3", "c1"]);
        var absent = ArgParser.Parse(["create", "c1"]);

        Assert.Equal(3, given.GetInt("preserve-fds", 0));
        Assert.Equal(7, absent.GetInt("preserve-fds", 7));
    }

    [Fact]
    public void GetIntParsesStringFlagsWithGoWording()
    {
        var parsed = ArgParser.Parse(["update", "--cpu-share", "lots", "c1"]);

        var error = Assert.Throws<UsageException>(() => parsed.GetInt("cpu-share", 0));
        Assert.Equal("invalid value \"lots\" for flag -cpu-share: parse error", error.Message);
    }

    [Fact]
    public void GetIntRejectsValuesBeyondInt32()
    {
        var parsed = ArgParser.Parse(["update", "--pids-limit", "4294967296", "c1"]);

        Assert.Equal(4294967296L, parsed.GetLong("pids-limit", 0));
        var error = Assert.Throws<UsageException>(() => parsed.GetInt("pids-limit", 0));
        Assert.Equal("invalid value \"4294967296\" for flag -pids-limit: value out of range", error.Message);
    }
}

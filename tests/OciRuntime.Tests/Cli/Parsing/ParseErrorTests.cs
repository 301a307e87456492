using OciRuntime.Cli.Parsing;

namespace OciRuntime.Tests.Cli.Parsing;

/// <summary>Invalid command lines and their messages (urfave/cli and Go flag wording, checked against runc 1.1.5).</summary>
public sealed class ParseErrorTests
{
    private static UsageException Fails(params string[] args) =>
        Assert.Throws<UsageException>(() => ArgParser.Parse(args));

    [Fact]
    public void UnknownCommandIsNamedAndExitsThree()
    {
        var error = Fails("--root", "/r", "frobnicate", "c1");

        Assert.Equal("No help topic for 'frobnicate'", error.Message);
        Assert.Equal(3, error.ExitCode);
    }

    [Fact]
    public void UnknownFlagUsesGoWording()
    {
        var error = Fails("create", "--foo", "c1");

        Assert.Equal("flag provided but not defined: -foo", error.Message);
        Assert.Equal(1, error.ExitCode);
        Assert.Equal("create", error.Command);
    }

    [Fact]
    public void GlobalErrorsNameNoCommand()
    {
        Assert.Null(Fails("--bogus", "list").Command);
        Assert.Null(Fails("frobnicate").Command);
    }

    [Fact]
    public void ArgumentCountErrorNamesTheCommand()
    {
        Assert.Equal("state", Fails("state").Command);
    }

    [Fact]
    public void UnknownFlagAfterTheIdIsAnError()
    {
        Assert.Equal("flag provided but not defined: -foo", Fails("create", "c1", "--foo").Message);
    }

    [Theory]
    [InlineData("-b", "flag needs an argument: -b")]
    [InlineData("--bundle", "flag needs an argument: -bundle")]
    [InlineData("-bundle", "flag needs an argument: -bundle")]
    public void MissingValueNamesTheFlagAsTyped(string flag, string message)
    {
        Assert.Equal(message, Fails("create", "c1", flag).Message);
    }

    [Fact]
    public void MissingGlobalValue()
    {
        Assert.Equal("flag needs an argument: -root", Fails("--root").Message);
    }

    [Theory]
    [InlineData("xml", "invalid log-format: xml")]
    [InlineData("JSON", "invalid log-format: JSON")]
    public void BadLogFormat(string format, string message)
    {
        Assert.Equal(message, Fails("--log-format", format, "list").Message);
    }

    [Fact]
    public void BadRootlessValue()
    {
        Assert.Contains("--rootless", Fails("--rootless", "maybe", "list").Message);
    }

    [Fact]
    public void UnknownGlobalFlag()
    {
        Assert.Equal("flag provided but not defined: -bogus", Fails("--bogus", "list").Message);
    }

    [Fact]
    public void GlobalFlagAfterTheCommandIsUnknownToTheCommand()
    {
        // runc 1.1.5: `runc create --debug x` -> flag provided but not defined: -debug
        Assert.Equal("flag provided but not defined: -debug", Fails("create", "--debug", "c1").Message);
        Assert.Equal("flag provided but not defined: -root", Fails("state", "--root", "/r", "c1").Message);
    }

    [Fact]
    public void CrunCgroupManagerFlagIsRejectedLikeRunc()
    {
        Assert.Equal(
            "flag provided but not defined: -cgroup-manager",
            Fails("--cgroup-manager", "disabled", "create", "c1").Message);
    }

    [Theory]
    [InlineData("---bundle")]
    [InlineData("--=x")]
    public void BadFlagSyntax(string flag)
    {
        Assert.Equal("bad flag syntax: " + flag, Fails("create", flag, "c1").Message);
    }

    [Theory]
    [InlineData("abc", "invalid value \"abc\" for flag -preserve-fds: parse error")]
    [InlineData("99999999999999999999", "invalid value \"99999999999999999999\" for flag -preserve-fds: value out of range")]
    public void BadIntegerIsRejectedWhileParsing(string value, string message)
    {
        Assert.Equal(message, Fails("create", "--preserve-fds", value, "c1").Message);
    }

    [Theory]
    [InlineData("5x")]
    [InlineData("")]
    [InlineData("5")]
    public void BadDurationIsRejectedWhileParsing(string value)
    {
        Assert.Equal(
            $"invalid value \"{value}\" for flag -interval: parse error",
            Fails("events", "--interval=" + value, "c1").Message);
    }

    [Fact]
    public void BadAdditionalGid()
    {
        Assert.Equal(
            "invalid value \"abc\" for flag -g: strconv.ParseInt: parsing \"abc\": invalid syntax",
            Fails("exec", "-g", "abc", "c1", "sh").Message);
    }

    [Fact]
    public void HelpTopicMustExist()
    {
        var error = Fails("help", "nosuch");

        Assert.Equal("No help topic for 'nosuch'", error.Message);
        Assert.Equal(3, error.ExitCode);
    }

    [Fact]
    public void LogFormatIsCheckedBeforeTheCommand()
    {
        // runc validates global options in app.Before, ahead of the command lookup.
        Assert.Equal("invalid log-format: xml", Fails("--log-format", "xml", "frobnicate").Message);
    }
}

using OciRuntime.Cli.Parsing;

namespace OciRuntime.Tests.Cli.Parsing;

/// <summary>Flags before the command, help and version.</summary>
public sealed class GlobalOptionsTests
{
    [Fact]
    public void DefaultsWhenNoGlobalFlags()
    {
        var parsed = ArgParser.Parse(["state", "c1"]);

        Assert.Equal(GlobalOptions.Default, parsed.Globals);
        Assert.Null(parsed.Globals.Root);
        Assert.Null(parsed.Globals.Log);
        Assert.Equal("text", parsed.Globals.LogFormat);
        Assert.Null(parsed.Globals.Rootless);
    }

    [Fact]
    public void EveryGlobalFlag()
    {
        var parsed = ArgParser.Parse(
            ["--root", "/run/r", "--log", "/l.json", "--log-format", "json", "--debug", "--systemd-cgroup", "--rootless", "false", "list"]);

        Assert.Equal(new GlobalOptions("/run/r", "/l.json", "json", true, true, "false"), parsed.Globals);
        Assert.Equal("list", parsed.Command);
    }

    [Fact]
    public void GlobalFlagsTakeOneDashAndEquals()
    {
        var parsed = ArgParser.Parse(["-root=/r", "-log-format=json", "-debug=false", "list"]);

        Assert.Equal("/r", parsed.Globals.Root);
        Assert.Equal("json", parsed.Globals.LogFormat);
        Assert.False(parsed.Globals.Debug);
    }

    [Fact]
    public void EmptyLogFormatMeansText()
    {
        Assert.Equal("text", ArgParser.Parse(["--log-format=", "list"]).Globals.LogFormat);
    }

    [Theory]
    [InlineData("auto", "auto")]
    [InlineData("AUTO", "auto")]
    [InlineData("", "auto")]
    [InlineData("true", "true")]
    [InlineData("TRUE", "true")]
    [InlineData("1", "true")]
    [InlineData("f", "false")]
    public void RootlessIsNormalised(string value, string expected)
    {
        Assert.Equal(expected, ArgParser.Parse(["--rootless=" + value, "list"]).Globals.Rootless);
    }

    [Fact]
    public void ObsoleteCriuFlagIsAcceptedAndIgnored()
    {
        Assert.Equal("list", ArgParser.Parse(["--criu", "/usr/sbin/criu", "list"]).Command);
    }

    [Fact]
    public void DoubleDashEndsGlobalFlags()
    {
        Assert.Equal("list", ArgParser.Parse(["--debug", "--", "list"]).Command);
    }

    [Theory]
    [InlineData("-v")]
    [InlineData("--version")]
    [InlineData("-version")]
    public void Version(string flag)
    {
        var parsed = ArgParser.Parse([flag]);

        Assert.True(parsed.ShowVersion);
        Assert.False(parsed.ShowHelp);
        Assert.Null(parsed.Command);
    }

    [Fact]
    public void VersionIgnoresTheRestOfTheLine()
    {
        // runc 1.1.5: `runc --version create --bogus` prints the version.
        var parsed = ArgParser.Parse(["--version", "create", "--bogus"]);

        Assert.True(parsed.ShowVersion);
        Assert.Null(parsed.Command);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    public void GlobalHelpShowsTheCommandList(string flag)
    {
        // runc 1.1.5: `runc -h create` shows the program help, not the command's.
        var parsed = ArgParser.Parse([flag, "create"]);

        Assert.True(parsed.ShowHelp);
        Assert.Null(parsed.Command);
    }

    [Fact]
    public void NoCommandShowsHelp()
    {
        Assert.True(ArgParser.Parse([]).ShowHelp);
        Assert.True(ArgParser.Parse(["--debug"]).ShowHelp);
        Assert.Null(ArgParser.Parse(["--debug"]).Command);
    }

    [Theory]
    [InlineData("create", "-h")]
    [InlineData("create", "--help")]
    [InlineData("exec", "-h")]
    public void CommandHelp(string command, string flag)
    {
        var parsed = ArgParser.Parse([command, flag]);

        Assert.True(parsed.ShowHelp);
        Assert.Equal(command, parsed.Command);
    }

    [Fact]
    public void CommandHelpAfterTheId()
    {
        var parsed = ArgParser.Parse(["create", "c1", "--help"]);

        Assert.True(parsed.ShowHelp);
        Assert.Equal("create", parsed.Command);
    }

    [Fact]
    public void HelpFalseIsNotHelp()
    {
        Assert.False(ArgParser.Parse(["create", "--help=false", "c1"]).ShowHelp);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("h")]
    public void HelpCommand(string help)
    {
        var all = ArgParser.Parse([help]);
        var one = ArgParser.Parse([help, "kill"]);

        Assert.True(all.ShowHelp);
        Assert.Null(all.Command);
        Assert.True(one.ShowHelp);
        Assert.Equal("kill", one.Command);
    }
}

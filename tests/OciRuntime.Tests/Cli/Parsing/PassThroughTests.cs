using OciRuntime.Cli.Parsing;

namespace OciRuntime.Tests.Cli.Parsing;

/// <summary>Arguments that must reach the command untouched: exec's command, ps options, "--".</summary>
public sealed class PassThroughTests
{
    private static ParsedArgs Parse(params string[] args) => ArgParser.Parse(args);

    [Fact]
    public void ExecCommandArgumentsAreNotParsedAsFlags()
    {
        // runc exec.go: StopOnNthArg = 1, so "-c" belongs to sh.
        var parsed = Parse("exec", "--detach", "c1", "sh", "-c", "echo hi", "--tty", "-e", "X=1");

        Assert.Equal(["c1", "sh", "-c", "echo hi", "--tty", "-e", "X=1"], parsed.Arguments);
        Assert.True(parsed.GetBool("detach"));
        Assert.False(parsed.IsSet("tty"));
        Assert.Empty(parsed.GetAll("env"));
    }

    [Fact]
    public void ExecFlagsAfterTheIdBelongToTheCommand()
    {
        var parsed = Parse("exec", "c1", "-t", "sh");

        Assert.Equal(["c1", "-t", "sh"], parsed.Arguments);
        Assert.False(parsed.IsSet("tty"));
    }

    [Fact]
    public void ExecUnknownFlagAfterTheIdIsAnArgument()
    {
        Assert.Equal(["c1", "--foo"], Parse("exec", "c1", "--foo").Arguments);
    }

    [Fact]
    public void ExecUnknownFlagBeforeTheIdIsAnError()
    {
        var error = Assert.Throws<UsageException>(() => Parse("exec", "--foo", "c1", "sh"));
        Assert.Equal("flag provided but not defined: -foo", error.Message);
    }

    [Fact]
    public void DoubleDashBeforeTheIdEndsFlags()
    {
        var parsed = Parse("exec", "--", "c1", "sh", "-c", "x");

        Assert.Equal(["c1", "sh", "-c", "x"], parsed.Arguments);
    }

    [Fact]
    public void DoubleDashRightAfterTheIdIsDropped()
    {
        // urfave/cli v3 checks for "--" before StopOnNthArg, so it is consumed here...
        Assert.Equal(["c1", "sh", "-c", "x"], Parse("exec", "c1", "--", "sh", "-c", "x").Arguments);
    }

    [Fact]
    public void DoubleDashInsideTheExecCommandIsKept()
    {
        // ...but once the command has started, every argument is passed verbatim.
        Assert.Equal(["c1", "sh", "--", "-x"], Parse("exec", "c1", "sh", "--", "-x").Arguments);
    }

    [Fact]
    public void DoubleDashEndsFlagsForOtherCommands()
    {
        var parsed = Parse("delete", "--", "-f");

        Assert.Equal(["-f"], parsed.Arguments);
        Assert.False(parsed.IsSet("force"));
    }

    [Fact]
    public void PsOptionsAfterTheIdGoToPs()
    {
        var parsed = Parse("ps", "c1", "-f", "json", "-ef");

        Assert.Equal(["c1", "-f", "json", "-ef"], parsed.Arguments);
        Assert.Equal("table", parsed.Get("format"));
    }

    [Fact]
    public void PsFormatBeforeTheIdIsAFlag()
    {
        var parsed = Parse("ps", "-f", "json", "c1");

        Assert.Equal("json", parsed.Get("format"));
        Assert.Equal(["c1"], parsed.Arguments);
    }

    [Fact]
    public void KillSignalMayLookLikeAFlag()
    {
        var parsed = Parse("kill", "c1", "-KILL");

        Assert.Equal(["c1", "-KILL"], parsed.Arguments);
    }

    [Fact]
    public void KillAllAfterTheIdIsAnArgument()
    {
        // runc kill.go: StopOnNthArg = 1; callers always put --all first.
        var error = Assert.Throws<UsageException>(() => Parse("kill", "c1", "9", "--all"));
        Assert.Equal("ocirt: \"kill\" requires a maximum of 2 argument(s)", error.Message);
    }

    [Fact]
    public void InitArgumentsAreNeverParsed()
    {
        var parsed = Parse("init", "--bogus", "-x");

        Assert.Equal("init", parsed.Command);
        Assert.Equal(["--bogus", "-x"], parsed.Arguments);
    }
}

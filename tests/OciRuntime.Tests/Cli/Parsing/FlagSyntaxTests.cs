using OciRuntime.Cli.Parsing;

namespace OciRuntime.Tests.Cli.Parsing;

/// <summary>How one flag is spelled and read (Go flag / urfave/cli rules).</summary>
public sealed class FlagSyntaxTests
{
    private static ParsedArgs Parse(params string[] args) => ArgParser.Parse(args);

    [Fact]
    public void FlagsMayFollowTheContainerId()
    {
        var parsed = Parse("create", "c1", "--bundle", "/b", "--pid-file", "/p");

        Assert.Equal(["c1"], parsed.Arguments);
        Assert.Equal("/b", parsed.Get("bundle"));
        Assert.Equal("/p", parsed.Get("pid-file"));
    }

    [Fact]
    public void LongFlagsWorkWithOneDash()
    {
        // go-runc's RestoreOpts sends "-no-subreaper".
        var parsed = Parse("restore", "-no-subreaper", "-bundle", "/b", "c1");

        Assert.True(parsed.GetBool("no-subreaper"));
        Assert.Equal("/b", parsed.Get("bundle"));
    }

    [Fact]
    public void ShortFlagsWorkWithTwoDashes()
    {
        Assert.Equal("/b", Parse("create", "--b", "/b", "c1").Get("bundle"));
    }

    [Theory]
    [InlineData("--bundle=/b")]
    [InlineData("-bundle=/b")]
    [InlineData("-b=/b")]
    public void ValueMayBeAttachedWithEquals(string flag)
    {
        Assert.Equal("/b", Parse("create", flag, "c1").Get("bundle"));
    }

    [Fact]
    public void ValueAfterEqualsKeepsFurtherEquals()
    {
        Assert.Equal(["A=1=2"], Parse("exec", "--env=A=1=2", "c1", "sh").GetAll("env"));
    }

    [Fact]
    public void EmptyAttachedValueIsAValue()
    {
        var parsed = Parse("create", "--pid-file=", "c1");

        Assert.True(parsed.IsSet("pid-file"));
        Assert.Equal("", parsed.Get("pid-file"));
    }

    [Fact]
    public void ShortFlagDoesNotTakeAGluedValue()
    {
        // runc 1.1.5: `create -b/nonexist x` -> flag provided but not defined: -b/nonexist
        var error = Assert.Throws<UsageException>(() => Parse("create", "-b/x", "c1"));
        Assert.Equal("flag provided but not defined: -b/x", error.Message);
    }

    [Fact]
    public void ShortBoolFlagsDoNotCluster()
    {
        // runc does not enable urfave/cli's short-option handling.
        var error = Assert.Throws<UsageException>(() => Parse("exec", "-dt", "c1", "sh"));
        Assert.Equal("flag provided but not defined: -dt", error.Message);
    }

    [Theory]
    [InlineData("--detach", true)]
    [InlineData("-d", true)]
    [InlineData("--detach=true", true)]
    [InlineData("--detach=false", false)]
    [InlineData("-d=false", false)]
    [InlineData("--detach=1", true)]
    [InlineData("--detach=F", false)]
    [InlineData("--detach=TRUE", true)]
    public void BoolFlagAcceptsAnAttachedGoBool(string flag, bool expected)
    {
        var parsed = Parse("run", flag, "c1");

        Assert.True(parsed.IsSet("detach"));
        Assert.Equal(expected, parsed.GetBool("detach"));
    }

    [Fact]
    public void BoolFlagDoesNotConsumeTheNextArgument()
    {
        var parsed = Parse("delete", "--force", "c1");

        Assert.True(parsed.GetBool("force"));
        Assert.Equal(["c1"], parsed.Arguments);
    }

    [Fact]
    public void BoolFlagRejectsANonBoolValue()
    {
        var error = Assert.Throws<UsageException>(() => Parse("delete", "--force=maybe", "c1"));
        Assert.Equal("invalid boolean value \"maybe\" for -force: parse error", error.Message);
    }

    [Fact]
    public void TtyTakesAnOptionalBool()
    {
        Assert.True(Parse("exec", "-t", "c1", "sh").GetBool("tty"));
        Assert.False(Parse("exec", "-t=false", "c1", "sh").GetBool("tty"));
    }

    [Fact]
    public void RepeatableFlagKeepsEveryValueInOrder()
    {
        var parsed = Parse("exec", "-e", "A=1", "--env", "B=2", "-e=C=3", "--cap", "CAP_KILL", "-c", "CAP_CHOWN", "c1", "sh");

        Assert.Equal(["A=1", "B=2", "C=3"], parsed.GetAll("env"));
        Assert.Equal(["CAP_KILL", "CAP_CHOWN"], parsed.GetAll("cap"));
    }

    [Fact]
    public void RepeatableFlagDoesNotSplitOnCommas()
    {
        // runc exec sets DisableSliceFlagSeparator so "cpu,cpuacct:sub" stays one value.
        var parsed = Parse("exec", "-e", "A=1,B=2", "--cgroup", "cpu,cpuacct:sub", "c1", "sh");

        Assert.Equal(["A=1,B=2"], parsed.GetAll("env"));
        Assert.Equal(["cpu,cpuacct:sub"], parsed.GetAll("cgroup"));
    }

    [Fact]
    public void AdditionalGidsAreRepeatableIntegers()
    {
        var parsed = Parse("exec", "-g", "10", "--additional-gids", "20", "c1", "sh");

        Assert.Equal(["10", "20"], parsed.GetAll("additional-gids"));
    }

    [Fact]
    public void RepeatedSingleValueFlagKeepsTheLastValue()
    {
        Assert.Equal("/second", Parse("create", "-b", "/first", "--bundle", "/second", "c1").Get("bundle"));
    }

    [Fact]
    public void ValueIsTakenEvenWhenItStartsWithADash()
    {
        var parsed = Parse("update", "--memory-swap", "-1", "c1");

        Assert.Equal("-1", parsed.Get("memory-swap"));
        Assert.Equal(["c1"], parsed.Arguments);
    }

    [Fact]
    public void DashAndDigitIsNotAFlagAndEndsFlagParsing()
    {
        // urfave/cli v3: "-1" is an argument; what follows is not parsed either.
        var parsed = Parse("kill", "-9", "--all");

        Assert.Equal(["-9", "--all"], parsed.Arguments);
        Assert.False(parsed.IsSet("all"));
    }

    [Fact]
    public void LoneDashIsAnArgument()
    {
        Assert.Equal(["-"], Parse("start", "-").Arguments);
    }

    [Fact]
    public void AliasAndLongNameReadTheSameValue()
    {
        var parsed = Parse("create", "-b", "/b", "c1");

        Assert.Equal("/b", parsed.Get("b"));
        Assert.True(parsed.IsSet("b"));
    }

    [Fact]
    public void AbsentFlagReadsItsDefault()
    {
        var parsed = Parse("events", "c1");

        Assert.False(parsed.IsSet("interval"));
        Assert.Equal("5s", parsed.Get("interval"));
        Assert.Equal(TimeSpan.FromSeconds(5), parsed.GetDuration("interval"));
        Assert.Equal("table", Parse("list").Get("format"));
        Assert.Equal("-1", Parse("checkpoint", "c1").Get("status-fd"));
    }

    [Fact]
    public void FlagTheCommandDoesNotDefineReadsAsNotSet()
    {
        var parsed = Parse("create", "c1");

        Assert.False(parsed.IsSet("detach"));
        Assert.False(parsed.GetBool("detach"));
        Assert.Null(parsed.Get("detach"));
        Assert.Empty(parsed.GetAll("env"));
    }
}

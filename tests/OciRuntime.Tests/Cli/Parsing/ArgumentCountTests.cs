using OciRuntime.Cli.Parsing;

namespace OciRuntime.Tests.Cli.Parsing;

/// <summary>Each command's positional-argument rule, with runc's checkArgs messages (utils.go).</summary>
public sealed class ArgumentCountTests
{
    [Theory]
    [InlineData("create", 1)]
    [InlineData("run", 1)]
    [InlineData("start", 1)]
    [InlineData("state", 1)]
    [InlineData("delete", 1)]
    [InlineData("pause", 1)]
    [InlineData("resume", 1)]
    [InlineData("events", 1)]
    [InlineData("update", 1)]
    [InlineData("checkpoint", 1)]
    [InlineData("restore", 1)]
    [InlineData("list", 0)]
    [InlineData("spec", 0)]
    [InlineData("features", 0)]
    public void ExactCount(string command, int count)
    {
        string message = $"ocirt: \"{command}\" requires exactly {count} argument(s)";
        ArgParser.Parse(Args(command, count));

        Assert.Equal(message, Assert.Throws<UsageException>(() => ArgParser.Parse(Args(command, count + 1))).Message);
        if (count > 0)
            Assert.Equal(message, Assert.Throws<UsageException>(() => ArgParser.Parse(Args(command, count - 1))).Message);
    }

    [Theory]
    [InlineData("exec")]
    [InlineData("ps")]
    public void AtLeastOne(string command)
    {
        ArgParser.Parse(Args(command, 1));
        ArgParser.Parse(Args(command, 5));

        var error = Assert.Throws<UsageException>(() => ArgParser.Parse([command]));
        Assert.Equal($"ocirt: \"{command}\" requires a minimum of 1 argument(s)", error.Message);
    }

    [Fact]
    public void KillTakesIdAndOptionalSignal()
    {
        Assert.Equal(["c1"], ArgParser.Parse(["kill", "c1"]).Arguments);
        Assert.Equal(["c1", "KILL"], ArgParser.Parse(["kill", "c1", "KILL"]).Arguments);

        Assert.Equal(
            "ocirt: \"kill\" requires a minimum of 1 argument(s)",
            Assert.Throws<UsageException>(() => ArgParser.Parse(["kill"])).Message);
        Assert.Equal(
            "ocirt: \"kill\" requires a maximum of 2 argument(s)",
            Assert.Throws<UsageException>(() => ArgParser.Parse(["kill", "c1", "9", "9"])).Message);
    }

    [Fact]
    public void FlagValuesAreNotCountedAsArguments()
    {
        Assert.Equal(["c1"], ArgParser.Parse(["create", "--bundle", "/b", "c1", "--pid-file", "/p"]).Arguments);
    }

    [Fact]
    public void HelpSkipsTheArgumentCheck()
    {
        var parsed = ArgParser.Parse(["create", "--help"]);

        Assert.True(parsed.ShowHelp);
        Assert.Equal("create", parsed.Command);
    }

    private static string[] Args(string command, int count)
    {
        var args = new string[count + 1];
        args[0] = command;
        for (int i = 1; i <= count; i++)
            args[i] = "a" + i;
        return args;
    }
}

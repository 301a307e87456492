using OciRuntime.Cli.Parsing;

namespace OciRuntime.Tests.Cli.Parsing;

/// <summary>`kill` signal forms, as runc's parseSignal accepts them (kill.go).</summary>
public sealed class SignalsTests
{
    [Theory]
    [InlineData("KILL", 9)]
    [InlineData("SIGKILL", 9)]
    [InlineData("kill", 9)]
    [InlineData("sigkill", 9)]
    [InlineData("SigKill", 9)]
    [InlineData("9", 9)]
    [InlineData("+9", 9)]
    [InlineData("TERM", 15)]
    [InlineData("USR1", 10)]
    [InlineData("SIGUSR2", 12)]
    [InlineData("HUP", 1)]
    [InlineData("SIGWINCH", 28)]
    [InlineData("SYS", 31)]
    [InlineData("0", 0)]
    [InlineData("34", 34)]
    [InlineData("64", 64)]
    public void Parses(string text, int expected)
    {
        Assert.Equal(expected, Signals.Parse(text));
    }

    [Theory]
    [InlineData("FOO")]
    [InlineData("SIGFOO")]
    [InlineData("65")]
    [InlineData("-9")]
    [InlineData("RTMIN")]
    [InlineData("")]
    [InlineData(" 9")]
    public void RejectsWithRuncWording(string text)
    {
        var error = Assert.Throws<UsageException>(() => Signals.Parse(text));
        Assert.Equal($"unknown signal \"{text}\"", error.Message);
    }

    [Theory]
    [InlineData(null, 15)]
    [InlineData("", 15)]
    [InlineData("KILL", 9)]
    public void KillArgumentDefaultsToTerm(string? text, int expected)
    {
        Assert.Equal(expected, Signals.ParseKillArgument(text));
    }

    [Theory]
    [InlineData(9, "SIGKILL")]
    [InlineData(15, "SIGTERM")]
    [InlineData(1, "SIGHUP")]
    [InlineData(31, "SIGSYS")]
    [InlineData(34, "signal 34")]
    [InlineData(0, "signal 0")]
    public void Names(int signal, string expected)
    {
        Assert.Equal(expected, Signals.Name(signal));
    }

    [Fact]
    public void EveryNameRoundTrips()
    {
        for (int signal = 1; signal <= 31; signal++)
            Assert.Equal(signal, Signals.Parse(Signals.Name(signal)));
    }
}

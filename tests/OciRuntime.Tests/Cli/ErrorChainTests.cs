using OciRuntime.Cli;
using OciRuntime.Logging;

namespace OciRuntime.Tests.Cli;

public sealed class ErrorChainTests
{
    [Fact]
    public void JoinsCausesOnOneLine() =>
        Assert.Equal("unable to start container process: mount proc to /proc: Operation not permitted",
            ErrorChain.Describe(new Exception("unable to start container process",
                new IOException("mount proc to /proc: Operation not permitted"))));

    [Fact]
    public void DropsARepeatedMessageAndNewlines() =>
        Assert.Equal("a: b c", ErrorChain.Describe(new Exception("a", new Exception("a", new Exception("b\nc")))));
}

using OciRuntime.Containers;

namespace OciRuntime.Tests.Containers;

public sealed class TerminalRulesTests
{
    [Theory]
    [InlineData(true, "/s", true)]
    [InlineData(false, null, true)]
    [InlineData(true, null, false)] // run in the foreground attaches the caller's terminal
    [InlineData(false, null, false)]
    public void Allowed(bool terminal, string? socket, bool detach) => TerminalRules.Check(terminal, socket, detach);

    [Theory]
    [InlineData(true, null, true, "cannot allocate tty if runc will detach without setting console socket")]
    [InlineData(false, "/s", true, "cannot use console socket if runc will not detach or allocate tty")]
    [InlineData(true, "/s", false, "cannot use console socket if runc will not detach or allocate tty")]
    public void RefusedWithRuncsWords(bool terminal, string? socket, bool detach, string message) =>
        Assert.Equal(message, Assert.Throws<ContainerException>(() => TerminalRules.Check(terminal, socket, detach)).Message);
}

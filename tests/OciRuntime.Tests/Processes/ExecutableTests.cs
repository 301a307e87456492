using OciRuntime.Processes;

namespace OciRuntime.Tests.Processes;

public sealed class ExecutableTests
{
    [Fact]
    public void SearchesThePathOfTheProcessEnvironment() =>
        Assert.Equal("/bin/sh", Executable.Find("sh", ["PATH=/nonexistent:/bin"]));

    [Fact]
    public void AMissingProgramHasRuncsMessage() =>
        Assert.Equal("exec: \"no-such-program\": executable file not found in $PATH",
            Assert.Throws<FileNotFoundException>(() => Executable.Find("no-such-program", ["PATH=/bin"])).Message);

    [Fact]
    public void APathIsTakenAsIs() => Assert.Equal("/bin/sh", Executable.Find("/bin/sh", null));
}

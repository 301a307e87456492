using OciRuntime.Cli;

namespace OciRuntime.Tests.Cli;

public sealed class UpdateSizeTests
{
    [Theory]
    [InlineData("-1", -1L)]
    [InlineData("1024", 1024L)]
    [InlineData("64m", 67108864L)]
    [InlineData("64M", 67108864L)]
    [InlineData("1.5g", 1610612736L)]
    [InlineData("2GiB", 2147483648L)]
    [InlineData("512kb", 524288L)]
    public void ReadsSizesWithBinarySuffixes(string text, long bytes) => Assert.Equal(bytes, UpdateCommand.Size(text, "memory"));

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("12x")]
    public void RefusesWhatIsNotASize(string text) =>
        Assert.Contains("memory", Assert.Throws<ArgumentException>(() => UpdateCommand.Size(text, "memory")).Message);
}

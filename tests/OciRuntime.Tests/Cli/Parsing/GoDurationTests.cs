using OciRuntime.Cli.Parsing;

namespace OciRuntime.Tests.Cli.Parsing;

/// <summary>Go's time.ParseDuration, used for `events --interval`.</summary>
public sealed class GoDurationTests
{
    [Theory]
    [InlineData("5s", 5_000)]
    [InlineData("0", 0)]
    [InlineData("-0", 0)]
    [InlineData("0s", 0)]
    [InlineData("500ms", 500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("1h2m3s4ms", 3_723_004)]
    [InlineData("-5s", -5_000)]
    [InlineData("+5s", 5_000)]
    [InlineData(".5s", 500)]
    [InlineData("1.s", 1_000)]
    [InlineData("2000us", 2)]
    [InlineData("2000\u00b5s", 2)]
    [InlineData("2000\u03bcs", 2)]
    [InlineData("3000000ns", 3)]
    public void Parses(string text, long milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), GoDuration.Parse(text));
    }

    [Fact]
    public void KeepsSubMillisecondPrecisionDownToTicks()
    {
        Assert.Equal(TimeSpan.FromTicks(15), GoDuration.Parse("1.5us"));
        Assert.Equal(TimeSpan.FromTicks(1), GoDuration.Parse("150ns"));
    }

    [Theory]
    [InlineData("", "time: invalid duration \"\"")]
    [InlineData("s", "time: invalid duration \"s\"")]
    [InlineData(".s", "time: invalid duration \".s\"")]
    [InlineData("5", "time: missing unit in duration \"5\"")]
    [InlineData("5x", "time: unknown unit \"x\" in duration \"5x\"")]
    [InlineData("1s2", "time: missing unit in duration \"1s2\"")]
    [InlineData("9999999999h", "time: invalid duration \"9999999999h\"")]
    [InlineData("- 5s", "time: invalid duration \"- 5s\"")]
    public void RejectsWithGoWording(string text, string message)
    {
        Assert.False(GoDuration.TryParse(text, out _));
        Assert.Equal(message, Assert.Throws<FormatException>(() => GoDuration.Parse(text)).Message);
    }

    [Fact]
    public void LargestValues()
    {
        // 2562047h47m16.854775807s is int64 nanoseconds' maximum.
        Assert.True(GoDuration.TryParse("2562047h", out _));
        Assert.False(GoDuration.TryParse("2562048h", out _));
    }
}

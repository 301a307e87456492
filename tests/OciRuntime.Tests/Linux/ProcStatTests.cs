using OciRuntime.Linux;

namespace OciRuntime.Tests.Linux;

public sealed class ProcStatTests
{
    [Fact]
    public void ParsesStartTimeAfterACommandNameWithSpacesAndParentheses()
    {
        string fields = string.Join(' ', Enumerable.Range(4, 19).Select(i => i.ToString()));
        // Field 22 (starttime) is the 19th value after the state letter.
        var parsed = ProcStat.Parse($"123 (a) b) (c) S {fields} 999 1 2");
        Assert.Equal(('S', 22UL), parsed);
    }

    [Fact]
    public void ReadsThisProcess()
    {
        var stat = ProcStat.Read(Environment.ProcessId);
        Assert.NotNull(stat);
        Assert.True(stat.Value.StartTime > 0);
    }

    [Fact]
    public void AMissingProcessIsNull() => Assert.Null(ProcStat.Read(int.MaxValue));

    [Theory]
    [InlineData("")]
    [InlineData("1 (x)")]
    [InlineData("1 (x) S 1 2")]
    public void MalformedLinesAreNull(string line) => Assert.Null(ProcStat.Parse(line));
}

using OciRuntime.Linux;

namespace OciRuntime.Tests.Linux;

public sealed class OomScoreTests
{
    [Theory]
    [InlineData("0\n", 0)]
    [InlineData("-500\n", -500)]
    [InlineData("1000", 1000)]
    [InlineData("x", null)]
    public void ParsesTheProcFile(string text, int? score) => Assert.Equal(score, OomScore.Parse(text));

    // Reads only: the score the test process already has is not written again.
    [Fact]
    public void AScoreAlreadyInPlaceIsLeftAlone()
    {
        int current = OomScore.Parse(File.ReadAllText("/proc/self/oom_score_adj"))!.Value;
        OomScore.Apply(current);
        Assert.Equal(current, OomScore.Parse(File.ReadAllText("/proc/self/oom_score_adj")));
    }
}

using OciRuntime.Linux;
using OciRuntime.Oci;

namespace OciRuntime.Tests.Linux;

public sealed class RlimitsTests
{
    // asm-generic/resource.h, as bits/resource.h repeats it for x86_64 and arm64.
    public static TheoryData<string, int> HeaderNumbers => new()
    {
        { "RLIMIT_CPU", 0 }, { "RLIMIT_FSIZE", 1 }, { "RLIMIT_DATA", 2 }, { "RLIMIT_STACK", 3 }, { "RLIMIT_CORE", 4 },
        { "RLIMIT_RSS", 5 }, { "RLIMIT_NPROC", 6 }, { "RLIMIT_NOFILE", 7 }, { "RLIMIT_MEMLOCK", 8 }, { "RLIMIT_AS", 9 },
        { "RLIMIT_LOCKS", 10 }, { "RLIMIT_SIGPENDING", 11 }, { "RLIMIT_MSGQUEUE", 12 }, { "RLIMIT_NICE", 13 },
        { "RLIMIT_RTPRIO", 14 }, { "RLIMIT_RTTIME", 15 },
    };

    [Theory]
    [MemberData(nameof(HeaderNumbers))]
    public void NamesHaveTheKernelsNumbers(string name, int number) => Assert.Equal(number, Rlimits.NumberOf(name));

    [Fact]
    public void TheTableAgreesWithTheInstalledHeader()
    {
        var header = KernelHeaders.Values("/usr/include/x86_64-linux-gnu/bits/resource.h", "(?:__)?RLIMIT_[A-Z]+");
        foreach ((string name, long number) in header.Where(h => !h.Key.EndsWith("NLIMITS", StringComparison.Ordinal)))
            Assert.Equal((int)number, Rlimits.NumberOf(name.TrimStart('_')));
    }

    [Fact]
    public void AnUnknownNameHasNoNumber() => Assert.Null(Rlimits.NumberOf("RLIMIT_OFILE"));

    [Fact]
    public void AnUnknownTypeIsAnErrorNamingIt()
    {
        var e = Assert.Throws<ProcessAttributeException>(() => Rlimits.Apply(0, [new PosixRlimit { Type = "RLIMIT_NOPE" }]));
        Assert.Equal("error setting rlimit type RLIMIT_NOPE: unknown resource", e.Message);
    }

    // Reads only; applying the limits the test process already has changes nothing.
    [Fact]
    public void LimitsAlreadyInPlaceAreLeftAlone()
    {
        var (soft, hard) = Rlimits.Current("RLIMIT_NOFILE");
        Assert.True(soft <= hard);
        Rlimits.Apply(0, [new PosixRlimit { Type = "RLIMIT_NOFILE", Soft = soft, Hard = hard }]);
        Assert.Equal((soft, hard), Rlimits.Current("RLIMIT_NOFILE"));
    }
}

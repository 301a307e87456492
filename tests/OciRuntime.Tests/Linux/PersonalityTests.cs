using OciRuntime.Linux;
using OciRuntime.Oci;

namespace OciRuntime.Tests.Linux;

public sealed class PersonalityTests
{
    [Theory]
    [InlineData("LINUX", 0x0000UL)]
    [InlineData("LINUX32", 0x0008UL)]
    public void DomainsHaveTheKernelsValues(string domain, ulong value) =>
        Assert.Equal(value, Personality.ValueOf(new LinuxPersonality { Domain = domain }));

    [Fact]
    public void TheValuesAgreeWithTheInstalledHeader()
    {
        var header = KernelHeaders.Values("/usr/include/linux/personality.h", "PER_LINUX(?:32)?");
        if (header.TryGetValue("PER_LINUX32", out long linux32))
            Assert.Equal((ulong)linux32, Personality.ValueOf(new LinuxPersonality { Domain = "LINUX32" }));
        if (header.TryGetValue("PER_LINUX", out long linux))
            Assert.Equal((ulong)linux, Personality.ValueOf(new LinuxPersonality { Domain = "LINUX" }));
    }

    [Fact]
    public void UnknownDomainsAndAnyFlagAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Personality.ValueOf(new LinuxPersonality { Domain = "BSD" }));
        Assert.Throws<ArgumentException>(() => Personality.ValueOf(new LinuxPersonality { Domain = "LINUX", Flags = ["ADDR_NO_RANDOMIZE"] }));
    }
}

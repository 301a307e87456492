using OciRuntime.Linux;
using OciRuntime.Oci;

namespace OciRuntime.Tests.Linux;

public sealed class CapabilitiesTests
{
    // linux/capability.h (Linux 5.9+).
    public static TheoryData<string, int> HeaderNumbers => new()
    {
        { "CAP_CHOWN", 0 }, { "CAP_DAC_OVERRIDE", 1 }, { "CAP_DAC_READ_SEARCH", 2 }, { "CAP_FOWNER", 3 },
        { "CAP_FSETID", 4 }, { "CAP_KILL", 5 }, { "CAP_SETGID", 6 }, { "CAP_SETUID", 7 }, { "CAP_SETPCAP", 8 },
        { "CAP_LINUX_IMMUTABLE", 9 }, { "CAP_NET_BIND_SERVICE", 10 }, { "CAP_NET_BROADCAST", 11 },
        { "CAP_NET_ADMIN", 12 }, { "CAP_NET_RAW", 13 }, { "CAP_IPC_LOCK", 14 }, { "CAP_IPC_OWNER", 15 },
        { "CAP_SYS_MODULE", 16 }, { "CAP_SYS_RAWIO", 17 }, { "CAP_SYS_CHROOT", 18 }, { "CAP_SYS_PTRACE", 19 },
        { "CAP_SYS_PACCT", 20 }, { "CAP_SYS_ADMIN", 21 }, { "CAP_SYS_BOOT", 22 }, { "CAP_SYS_NICE", 23 },
        { "CAP_SYS_RESOURCE", 24 }, { "CAP_SYS_TIME", 25 }, { "CAP_SYS_TTY_CONFIG", 26 }, { "CAP_MKNOD", 27 },
        { "CAP_LEASE", 28 }, { "CAP_AUDIT_WRITE", 29 }, { "CAP_AUDIT_CONTROL", 30 }, { "CAP_SETFCAP", 31 },
        { "CAP_MAC_OVERRIDE", 32 }, { "CAP_MAC_ADMIN", 33 }, { "CAP_SYSLOG", 34 }, { "CAP_WAKE_ALARM", 35 },
        { "CAP_BLOCK_SUSPEND", 36 }, { "CAP_AUDIT_READ", 37 }, { "CAP_PERFMON", 38 }, { "CAP_BPF", 39 },
        { "CAP_CHECKPOINT_RESTORE", 40 },
    };

    [Theory]
    [MemberData(nameof(HeaderNumbers))]
    public void NamesHaveTheKernelsNumbers(string name, int number)
    {
        Assert.Equal(number, Capabilities.NumberOf(name));
        Assert.Equal(name, Capabilities.NameOf(number));
    }

    [Fact]
    public void TheTableHasAll41Capabilities()
    {
        Assert.Equal(41, Capabilities.Names.Count);
        Assert.Equal(Capabilities.KnownLastCap, Capabilities.Names.Count - 1);
    }

    [Fact]
    public void TheTableAgreesWithTheInstalledHeader()
    {
        var header = KernelHeaders.Values("/usr/include/linux/capability.h", "CAP_[A-Z_]+");
        foreach ((string name, long number) in header.Where(h => h.Value <= Capabilities.KnownLastCap && h.Key != "CAP_LAST_CAP"))
            Assert.Equal((int)number, Capabilities.NumberOf(name));
    }

    [Fact]
    public void UnknownNamesAndNumbers()
    {
        Assert.Null(Capabilities.NumberOf("CAP_NOPE"));
        Assert.Null(Capabilities.NumberOf("cap_chown"));
        Assert.Equal("CAP_41", Capabilities.NameOf(41));
    }

    [Fact]
    public void ComputeTurnsEachSetIntoAMask()
    {
        var sets = Capabilities.Compute(new LinuxCapabilities
        {
            Bounding = ["CAP_CHOWN", "CAP_KILL", "CAP_CHECKPOINT_RESTORE"],
            Effective = ["CAP_KILL"],
            Permitted = ["CAP_KILL", "CAP_KILL"],
            Inheritable = [],
            Ambient = ["CAP_NET_BIND_SERVICE"],
        }, lastCap: 40);

        Assert.Equal(1UL | 1UL << 5 | 1UL << 40, sets.Bounding);
        Assert.Equal(1UL << 5, sets.Effective);
        Assert.Equal(1UL << 5, sets.Permitted);
        Assert.Equal(0UL, sets.Inheritable);
        Assert.Equal(1UL << 10, sets.Ambient);
        Assert.Empty(sets.Ignored);
    }

    [Fact]
    public void NoCapabilitiesObjectMeansNoCapabilities()
    {
        var sets = Capabilities.Compute(null, lastCap: 40);
        Assert.Equal((0UL, 0UL, 0UL, 0UL, 0UL), (sets.Bounding, sets.Effective, sets.Permitted, sets.Inheritable, sets.Ambient));
        Assert.Empty(sets.Ignored);
    }

    [Fact]
    public void CapabilitiesTheKernelDoesNotKnowAreIgnoredAndListedOnce()
    {
        // An older kernel (cap_last_cap 37) does not know CAP_PERFMON, CAP_BPF, CAP_CHECKPOINT_RESTORE.
        var sets = Capabilities.Compute(new LinuxCapabilities
        {
            Bounding = ["CAP_BPF", "CAP_AUDIT_READ", "CAP_NOPE"],
            Effective = ["CAP_BPF", "CAP_PERFMON"],
        }, lastCap: 37);

        Assert.Equal(1UL << 37, sets.Bounding);
        Assert.Equal(0UL, sets.Effective);
        Assert.Equal(["CAP_BPF", "CAP_NOPE", "CAP_PERFMON"], sets.Ignored);
    }

    [Fact]
    public void NamesOfAMask() =>
        Assert.Equal(["CAP_CHOWN", "CAP_SYS_ADMIN", "CAP_41"], Capabilities.NamesOf(1UL | 1UL << 21 | 1UL << 41));

    [Theory]
    [InlineData("40\n", 40)]
    [InlineData("37", 37)]
    [InlineData("", null)]
    [InlineData("x", null)]
    [InlineData("-1", null)]
    [InlineData("64", null)]
    public void ParsesCapLastCap(string text, int? expected) => Assert.Equal(expected, Capabilities.ParseLastCap(text));

    // Reads only: /proc and capget(2) of the test process.
    [Fact]
    public void TheRunningKernelsLastCapIsReadFromProc()
    {
        int last = Capabilities.LastCap();
        Assert.InRange(last, 30, 63);
        if (File.Exists("/proc/sys/kernel/cap_last_cap"))
            Assert.Equal(Capabilities.ParseLastCap(File.ReadAllText("/proc/sys/kernel/cap_last_cap")), last);
    }

    [Fact]
    public void TheCurrentEffectiveSetIsWithinThePermittedSet()
    {
        var (effective, permitted, _) = Capabilities.Current();
        Assert.Equal(0UL, effective & ~permitted);
    }
}

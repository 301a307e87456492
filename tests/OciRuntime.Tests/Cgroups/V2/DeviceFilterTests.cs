using OciRuntime.Cgroups;
using OciRuntime.Cgroups.V2;
using OciRuntime.Oci;
using OciRuntime.Tests.Linux;

namespace OciRuntime.Tests.Cgroups.V2;

public sealed class DeviceFilterTests
{
    private static DeviceRule Allow(string type, long? major, long? minor, string access) => new(true, type, major, minor, access);
    private static DeviceRule Deny(string type, long? major, long? minor, string access) => new(false, type, major, minor, access);
    private static readonly DeviceRule DenyAll = Deny("a", null, null, "rwm");
    private static readonly DeviceRule AllowAll = Allow("a", null, null, "rwm");

    /// <summary>Runs the program built from <paramref name="rules"/> on each request of
    /// <paramref name="table"/>: "c 1:3 rw" → allowed or not. Also checks the v1 model agrees with the table, so
    /// the table and the v1 controller are one.</summary>
    private static void AssertTable(IReadOnlyList<DeviceRule> rules, params (string Request, bool Allowed)[] table)
    {
        var program = DeviceFilter.Build(rules);
        var v1 = V1DevicesModel.From(rules.Select(r => (r.Allow ? "devices.allow" : "devices.deny", r.Line)));
        foreach (var (request, allowed) in table)
        {
            var (type, major, minor, access) = ParseRequest(request);
            Assert.True(allowed == Run(program, type, major, minor, access), $"program: {request} should be {(allowed ? "allowed" : "denied")}");
            Assert.True(allowed == v1.Allows(type, major, minor, access), $"v1 model: {request} should be {(allowed ? "allowed" : "denied")}");
        }
    }

    private static bool Run(BpfInstruction[] program, char type, uint major, uint minor, string access)
    {
        int bits = 0;
        foreach (char c in access)
            bits |= c switch { 'r' => DeviceFilter.AccRead, 'w' => DeviceFilter.AccWrite, _ => DeviceFilter.AccMknod };
        ulong result = BpfInterpreter.Run(program, type == 'b' ? DeviceFilter.DevBlock : DeviceFilter.DevChar, bits, major, minor);
        Assert.True(result is 0 or 1, $"the program returned {result}");
        return result == 1;
    }

    private static (char Type, uint Major, uint Minor, string Access) ParseRequest(string request)
    {
        string[] parts = request.Split(' ');
        string[] numbers = parts[1].Split(':');
        return (parts[0][0], uint.Parse(numbers[0]), uint.Parse(numbers[1]), parts[2]);
    }

    [Fact]
    public void DenyAllOnlyDeniesEverything()
    {
        AssertTable([DenyAll],
            ("c 1:3 r", false), ("c 1:3 rw", false), ("c 1:3 m", false), ("b 8:0 r", false), ("b 8:0 m", false),
            ("c 0:0 w", false), ("c 4095:1048575 rw", false));
        Assert.Equal(8, DeviceFilter.Build([DenyAll]).Length); // the six loads, then "return 0"
    }

    [Fact]
    public void RuncDefaultSpecAllowsTheDefaultNodesAndMknodOnly()
    {
        // runc spec's default: linux.resources.devices = [{"allow": false, "access": "rwm"}].
        var spec = new Spec { Linux = new OciRuntime.Oci.Linux { Resources = new LinuxResources { Devices = [new LinuxDeviceCgroup { Allow = false, Access = "rwm" }] } } };
        AssertTable(DeviceRules.Rules(spec),
            ("c 1:3 rw", true), ("c 1:3 r", true), ("c 1:3 m", true), // null
            ("c 1:5 r", true), ("c 1:7 w", true), ("c 1:8 r", true), ("c 1:9 r", true), // zero, full, random, urandom
            ("c 5:0 rw", true), ("c 5:1 rw", false), ("c 5:2 rw", true), // tty, console (not in runc's list), ptmx
            ("c 136:0 rw", true), ("c 136:4242 w", true), // pty slaves
            ("c 1:1 r", false), ("c 1:1 m", true), // /dev/mem: mknod yes, open no
            ("c 1:2 r", false), ("c 5:3 r", false), ("c 4:0 rw", false), ("c 10:200 rw", true), ("c 137:0 r", false),
            ("b 8:0 r", false), ("b 8:0 w", false), ("b 8:0 m", true), ("b 1:3 r", false));
    }

    [Fact]
    public void SpecDevicesAreAllowed()
    {
        var spec = new Spec
        {
            Linux = new OciRuntime.Oci.Linux
            {
                Resources = new LinuxResources { Devices = [new LinuxDeviceCgroup { Allow = false, Access = "rwm" }] },
                Devices = [new LinuxDevice { Path = "/dev/fuse", Type = "c", Major = 10, Minor = 229 }, new LinuxDevice { Path = "/dev/loop0", Type = "b", Major = 7, Minor = 0 }],
            },
        };
        AssertTable(DeviceRules.Rules(spec), ("c 10:229 rw", true), ("b 7:0 rw", true), ("b 7:1 r", false), ("c 7:0 r", false));
    }

    [Fact]
    public void WildcardMajorOrMinorMatchesAnyNumber()
    {
        AssertTable([DenyAll, Allow("c", null, 5, "rw"), Allow("b", 8, null, "r")],
            ("c 1:5 r", true), ("c 99:5 w", true), ("c 0:5 rw", true), ("c 1:5 m", false), ("c 1:6 r", false),
            ("b 8:0 r", true), ("b 8:16 r", true), ("b 8:0 w", false), ("b 9:0 r", false), ("c 8:0 r", false), ("b 1:5 r", false));
    }

    [Fact]
    public void NegativeNumbersFromTheSpecAreWildcards()
    {
        var spec = new Spec { Linux = new OciRuntime.Oci.Linux { Resources = new LinuxResources { Devices = [new LinuxDeviceCgroup { Allow = false, Access = "rwm" }, new LinuxDeviceCgroup { Allow = true, Type = "c", Major = 42, Minor = -1, Access = "r" }] } } };
        AssertTable(DeviceRules.Rules(spec), ("c 42:0 r", true), ("c 42:7 r", true), ("c 42:7 w", false));
    }

    [Fact]
    public void ADenyAfterAnAllowOfTheSameDeviceTakesTheAccessAway()
    {
        AssertTable([DenyAll, Allow("c", 1, 3, "rwm"), Deny("c", 1, 3, "w")],
            ("c 1:3 r", true), ("c 1:3 m", true), ("c 1:3 w", false), ("c 1:3 rw", false));
        AssertTable([DenyAll, Allow("c", 1, 3, "rw"), Deny("c", 1, 3, "rw")], ("c 1:3 r", false), ("c 1:3 w", false));
        // A deny before the allow removes nothing: the allow that follows is what counts.
        AssertTable([DenyAll, Deny("c", 1, 3, "rwm"), Allow("c", 1, 3, "r")], ("c 1:3 r", true), ("c 1:3 w", false));
    }

    [Fact]
    public void ADenyCannotPunchAHoleInAWildcardAllow()
    {
        // v1 removes access only from the exception of exactly that device, and there is none for c 1:3.
        AssertTable([DenyAll, Allow("c", null, null, "rwm"), Deny("c", 1, 3, "rwm")],
            ("c 1:3 r", true), ("c 1:3 rw", true), ("c 2:3 m", true), ("b 1:3 r", false));
    }

    [Fact]
    public void AccessIsASubsetOfOneException()
    {
        AssertTable([DenyAll, Allow("c", 10, 200, "rw"), Allow("c", 10, null, "m")],
            ("c 10:200 r", true), ("c 10:200 w", true), ("c 10:200 rw", true), ("c 10:200 m", true),
            ("c 10:1 m", true), ("c 10:1 r", false), ("c 11:200 m", false));
        // Two exceptions that each hold half of O_RDWR do not add up (devcgroup_legacy_check_permission matches one).
        AssertTable([DenyAll, Allow("c", 1, 3, "r"), Allow("c", 1, null, "w")],
            ("c 1:3 r", true), ("c 1:3 w", true), ("c 1:3 rw", false), ("c 1:4 w", true));
        // The same device allowed twice merges into one exception.
        AssertTable([DenyAll, Allow("c", 1, 3, "r"), Allow("c", 1, 3, "w")], ("c 1:3 rw", true), ("c 1:3 m", false));
    }

    [Fact]
    public void TypeAResetsToAllowOrDenyEverything()
    {
        AssertTable([DenyAll, Allow("c", 1, 3, "rwm"), AllowAll],
            ("c 1:3 rw", true), ("c 10:200 rw", true), ("b 8:0 rwm", true));
        Assert.Equal(8, DeviceFilter.Build([DenyAll, AllowAll]).Length);
        // "a" ignores its numbers and access, as v1 reads nothing after the "a".
        AssertTable([AllowAll, Deny("a", 1, 3, "r")], ("c 1:3 r", false), ("c 5:0 w", false), ("b 8:0 m", false));
        // A privileged container: allow everything, then the defaults (allow in allow-all mode: no-ops).
        var spec = new Spec { Linux = new OciRuntime.Oci.Linux { Resources = new LinuxResources { Devices = [new LinuxDeviceCgroup { Allow = true, Access = "rwm" }] } } };
        AssertTable(DeviceRules.Rules(spec), ("c 1:1 rw", true), ("b 8:0 rw", true), ("c 10:200 m", true));
    }

    [Fact]
    public void InAllowAllModeADenyMatchesAnyBitOfTheRequest()
    {
        AssertTable([AllowAll, Deny("c", 1, 3, "w"), Deny("b", null, null, "rwm")],
            ("c 1:3 r", true), ("c 1:3 m", true), ("c 1:3 w", false), ("c 1:3 rw", false), ("c 1:5 w", true),
            ("b 8:0 m", false), ("b 8:0 r", false));
        // An allow of the same device gives the access back.
        AssertTable([AllowAll, Deny("c", 1, 3, "rw"), Allow("c", 1, 3, "w")], ("c 1:3 r", false), ("c 1:3 w", true), ("c 1:3 rw", false));
    }

    [Fact]
    public void RandomRuleSetsDecideAsTheV1ControllerDoes()
    {
        // The v1 path writes DeviceRules' lines; the program must decide every request as those writes would.
        var random = new Random(4);
        string[] types = ["a", "c", "b"];
        long?[] numbers = [null, 1, 3];
        string[] accesses = ["r", "w", "m", "rw", "rm", "wm", "rwm"];
        int requests = 0;
        for (int set = 0; set < 300; set++)
        {
            var rules = new List<DeviceRule>();
            for (int i = random.Next(1, 8); i > 0; i--)
                rules.Add(new DeviceRule(random.Next(2) == 0, types[random.Next(types.Length)], numbers[random.Next(3)], numbers[random.Next(3)], accesses[random.Next(accesses.Length)]));
            var program = DeviceFilter.Build(rules);
            var v1 = V1DevicesModel.From([("devices.deny", "a"), .. rules.Select(r => (r.Allow ? "devices.allow" : "devices.deny", r.Line))]);
            foreach (char type in "cb")
                foreach (uint major in new uint[] { 1, 3, 7 })
                    foreach (uint minor in new uint[] { 1, 3, 7 })
                        foreach (string access in new[] { "r", "w", "m", "rw" })
                        {
                            requests++;
                            Assert.True(v1.Allows(type, major, minor, access) == Run(program, type, major, minor, access),
                                $"{type} {major}:{minor} {access} after {string.Join(", ", rules.Select(r => (r.Allow ? "allow " : "deny ") + r.Line))}");
                        }
        }
        Assert.Equal(300 * 72, requests);
    }

    [Fact]
    public void BadRulesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => DeviceFilter.Build([DenyAll, Allow("x", 1, 3, "r")]));
        Assert.Throws<ArgumentException>(() => DeviceFilter.Build([DenyAll, Allow("c", 1, 3, "rx")]));
        Assert.Throws<ArgumentException>(() => DeviceFilter.Build([DenyAll, Allow("c", 1L << 32, 3, "r")]));
    }

    [Fact]
    public void InstructionsEncodeToTheKernelsEightBytes()
    {
        // r2 = *(u32 *)(r1 + 0): BPF_LDX|BPF_MEM|BPF_W = 0x61, dst 2 in the low nibble, src 1 in the high one.
        Assert.Equal(0x0000_0000_0000_1261UL, BpfInstruction.LoadWord(2, 1, 0).Encode());
        Assert.Equal(0x0000_0000_0008_1561UL, BpfInstruction.LoadWord(5, 1, 8).Encode());
        // w2 &= 0xffff: BPF_ALU|BPF_K|BPF_AND = 0x54.
        Assert.Equal(0x0000_FFFF_0000_0254UL, BpfInstruction.Alu32(BpfInstruction.BPF_AND, 2, 0xffff).Encode());
        // w3 >>= 16: 0x74.
        Assert.Equal(0x0000_0010_0000_0374UL, BpfInstruction.Alu32(BpfInstruction.BPF_RSH, 3, 16).Encode());
        // w1 = w3: BPF_ALU|BPF_X|BPF_MOV = 0xbc, src 3 dst 1.
        Assert.Equal(0x0000_0000_0000_31BCUL, BpfInstruction.Alu32Register(BpfInstruction.BPF_MOV, 1, 3).Encode());
        // w0 = 1: 0xb4.
        Assert.Equal(0x0000_0001_0000_00B4UL, BpfInstruction.Alu32(BpfInstruction.BPF_MOV, 0, 1).Encode());
        // if r4 != 136 goto +3: BPF_JMP|BPF_K|BPF_JNE = 0x55.
        Assert.Equal(0x0000_0088_0003_0455UL, BpfInstruction.Jump(BpfInstruction.BPF_JNE, 4, 136, 3).Encode());
        // Negative offset and immediate are two's complement: if r1 == -1 goto -2 (0x15).
        Assert.Equal(0xFFFF_FFFF_FFFE_0115UL, BpfInstruction.Jump(BpfInstruction.BPF_JEQ, 1, -1, -2).Encode());
        // exit: 0x95.
        Assert.Equal(0x95UL, BpfInstruction.Exit().Encode());
    }

    [Fact]
    public void OpcodesMatchTheKernelHeaders()
    {
        var values = KernelHeaders.Values("/usr/include/linux/bpf_common.h", @"BPF_\w+");
        foreach (var (name, value) in KernelHeaders.Values("/usr/include/linux/bpf.h", @"BPF_\w+"))
            values.TryAdd(name, value);
        if (values.Count == 0)
            return; // linux-libc-dev is not installed: the encoding test above still pins the values
        var ours = new Dictionary<string, byte>
        {
            ["BPF_LDX"] = BpfInstruction.BPF_LDX, ["BPF_ALU"] = BpfInstruction.BPF_ALU, ["BPF_JMP"] = BpfInstruction.BPF_JMP,
            ["BPF_W"] = BpfInstruction.BPF_W, ["BPF_MEM"] = BpfInstruction.BPF_MEM, ["BPF_K"] = BpfInstruction.BPF_K,
            ["BPF_X"] = BpfInstruction.BPF_X, ["BPF_AND"] = BpfInstruction.BPF_AND, ["BPF_RSH"] = BpfInstruction.BPF_RSH,
            ["BPF_MOV"] = BpfInstruction.BPF_MOV, ["BPF_JA"] = BpfInstruction.BPF_JA, ["BPF_JEQ"] = BpfInstruction.BPF_JEQ,
            ["BPF_JNE"] = BpfInstruction.BPF_JNE, ["BPF_EXIT"] = BpfInstruction.BPF_EXIT,
        };
        foreach (var (name, value) in ours)
            Assert.True(values.TryGetValue(name, out long kernel) && kernel == value, $"{name}: ours 0x{value:x2}, kernel {(values.TryGetValue(name, out long k) ? $"0x{k:x2}" : "missing")}");
    }
}

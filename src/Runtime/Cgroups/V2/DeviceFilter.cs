namespace OciRuntime.Cgroups.V2;

/// <summary>Builds the BPF_PROG_TYPE_CGROUP_DEVICE program that enforces a list of device rules on cgroup v2, where
/// there are no devices.allow/deny files. Pure: the loader hands the result to bpf(2).
///
/// The rules are first replayed the way the v1 devices controller replays writes to devices.allow and devices.deny
/// (security/device_cgroup.c; runc's libcontainer/cgroups/devices/devices_emulator.go does the same): an "a" rule
/// sets the default and drops every exception; a rule whose action differs from the default adds its access to the
/// exception of exactly that (type, major, minor); a rule whose action equals the default takes its access away from
/// exactly that exception, never from a wider wildcard one (v1 ignores such "holes" silently; runc refuses them).
/// What is left is a default and exceptions that all have the opposite action, so their order does not matter.
///
/// The program then decides as v1's devcgroup_check_permission does. With default deny, a request is allowed when
/// one exception matches it and holds every bit it asks for. With default allow, it is denied when one exception
/// matches it and holds any bit it asks for. (runc's devicefilter.go tests "holds every bit" in both cases, so it
/// lets an O_RDWR open through a "deny w" rule; v1 does not, and neither does this.)
///
/// The context is struct bpf_cgroup_dev_ctx: u32 access_type (low 16 bits the device type BPF_DEVCG_DEV_BLOCK 1 or
/// _CHAR 2, high 16 bits the access BPF_DEVCG_ACC_MKNOD 1, _READ 2, _WRITE 4), u32 major, u32 minor. The program
/// returns 1 to allow and 0 to deny.</summary>
internal static class DeviceFilter
{
    public const int DevBlock = 1;
    public const int DevChar = 2;
    public const int AccMknod = 1;
    public const int AccRead = 2;
    public const int AccWrite = 4;
    private const int AccAll = AccMknod | AccRead | AccWrite;

    // r1 holds the context on entry; once it is read, r1 is the scratch register. r2-r5 hold the request.
    private const byte R0 = 0, R1 = 1, RType = 2, RAccess = 3, RMajor = 4, RMinor = 5;

    /// <summary>Marks a jump whose offset is patched to the end of its block.</summary>
    private const short ToNextBlock = short.MinValue;

    public static BpfInstruction[] Build(IReadOnlyList<DeviceRule> rules)
    {
        var (defaultAllow, exceptions) = Replay(rules);
        var program = new List<BpfInstruction>
        {
            BpfInstruction.LoadWord(RType, R1, 0),
            BpfInstruction.Alu32(BpfInstruction.BPF_AND, RType, 0xffff),
            BpfInstruction.LoadWord(RAccess, R1, 0),
            BpfInstruction.Alu32(BpfInstruction.BPF_RSH, RAccess, 16),
            BpfInstruction.LoadWord(RMajor, R1, 4),
            BpfInstruction.LoadWord(RMinor, R1, 8),
        };
        foreach (var ((type, major, minor), access) in exceptions)
        {
            // Device numbers are at most 32 bits (the kernel's are 12 + 20); a jump's immediate is sign-extended
            // from 32 bits, so a number above int.MaxValue could never compare equal. Such a rule matches no device
            // in v1 either, so it is left out.
            if (major > int.MaxValue || minor > int.MaxValue)
                continue;
            program.AddRange(Block(type, major, minor, access, defaultAllow));
        }
        program.Add(BpfInstruction.Alu32(BpfInstruction.BPF_MOV, R0, defaultAllow ? 1 : 0));
        program.Add(BpfInstruction.Exit());
        return [.. program];
    }

    /// <summary>One exception: jumps past itself unless the request matches, then returns the opposite of the
    /// default.</summary>
    private static List<BpfInstruction> Block(int type, long? major, long? minor, int access, bool defaultAllow)
    {
        var block = new List<BpfInstruction> { BpfInstruction.Jump(BpfInstruction.BPF_JNE, RType, type, ToNextBlock) };
        if (defaultAllow)
        {
            // A deny exception matches when the request asks for any of its bits; with all three, every request does.
            if (access != AccAll)
            {
                block.Add(BpfInstruction.Alu32Register(BpfInstruction.BPF_MOV, R1, RAccess));
                block.Add(BpfInstruction.Alu32(BpfInstruction.BPF_AND, R1, access));
                block.Add(BpfInstruction.Jump(BpfInstruction.BPF_JEQ, R1, 0, ToNextBlock));
            }
        }
        else if (access != AccAll)
        {
            // An allow exception matches when it holds every bit the request asks for.
            block.Add(BpfInstruction.Alu32Register(BpfInstruction.BPF_MOV, R1, RAccess));
            block.Add(BpfInstruction.Alu32(BpfInstruction.BPF_AND, R1, ~access & AccAll));
            block.Add(BpfInstruction.Jump(BpfInstruction.BPF_JNE, R1, 0, ToNextBlock));
        }
        if (major is long m)
            block.Add(BpfInstruction.Jump(BpfInstruction.BPF_JNE, RMajor, (int)m, ToNextBlock));
        if (minor is long n)
            block.Add(BpfInstruction.Jump(BpfInstruction.BPF_JNE, RMinor, (int)n, ToNextBlock));
        block.Add(BpfInstruction.Alu32(BpfInstruction.BPF_MOV, R0, defaultAllow ? 0 : 1));
        block.Add(BpfInstruction.Exit());
        for (int i = 0; i < block.Count; i++)
            if (block[i].Offset == ToNextBlock)
                block[i] = block[i] with { Offset = (short)(block.Count - i - 1) };
        return block;
    }

    /// <summary>The v1 controller's state after the rules: the default and the exceptions, keyed by exact
    /// (type, major, minor), with their access bits. Starts from deny-all, as runc's emulator does.</summary>
    internal static (bool DefaultAllow, List<KeyValuePair<(int Type, long? Major, long? Minor), int>> Exceptions) Replay(IReadOnlyList<DeviceRule> rules)
    {
        bool defaultAllow = false;
        var exceptions = new List<KeyValuePair<(int, long?, long?), int>>();
        foreach (var rule in rules)
        {
            if (rule.Type == "a")
            {
                // v1 reads nothing after the "a": numbers and access of such a rule do not matter.
                defaultAllow = rule.Allow;
                exceptions.Clear();
                continue;
            }
            var key = (DeviceType(rule), Number(rule.Major, rule), Number(rule.Minor, rule));
            int access = Access(rule);
            int index = exceptions.FindIndex(e => e.Key == key);
            int current = index < 0 ? 0 : exceptions[index].Value;
            int updated = rule.Allow != defaultAllow ? current | access : current & ~access;
            if (index >= 0)
                exceptions.RemoveAt(index);
            if (updated != 0)
                exceptions.Insert(index < 0 ? exceptions.Count : index, new(key, updated));
        }
        return (defaultAllow, exceptions);
    }

    private static int DeviceType(DeviceRule rule) => rule.Type switch
    {
        "c" => DevChar,
        "b" => DevBlock,
        _ => throw new ArgumentException($"device rule \"{rule.Line}\": unknown device type \"{rule.Type}\""),
    };

    private static long? Number(long? number, DeviceRule rule) =>
        number > uint.MaxValue ? throw new ArgumentException($"device rule \"{rule.Line}\": device number {number} is over 32 bits") : number;

    private static int Access(DeviceRule rule)
    {
        int access = 0;
        foreach (char c in rule.Access)
            access |= c switch
            {
                'r' => AccRead,
                'w' => AccWrite,
                'm' => AccMknod,
                _ => throw new ArgumentException($"device rule \"{rule.Line}\": unknown access '{c}'"),
            };
        if (access == 0)
            throw new ArgumentException($"device rule \"{rule.Line}\": no access given");
        return access;
    }
}

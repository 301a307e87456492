namespace OciRuntime.Cgroups.V2;

/// <summary>One eBPF instruction (struct bpf_insn in include/uapi/linux/bpf.h): an opcode, the destination and source
/// registers (4 bits each), a signed 16-bit offset (jumps: instructions to skip; memory: byte offset) and a signed
/// 32-bit immediate. Only the instructions a device program needs have factories here.</summary>
internal readonly record struct BpfInstruction(byte Code, byte Dst, byte Src, short Offset, int Imm)
{
    // Instruction classes (the low 3 bits of the opcode).
    public const byte BPF_LDX = 0x01;
    public const byte BPF_ALU = 0x04;
    public const byte BPF_JMP = 0x05;

    // Load size and mode.
    public const byte BPF_W = 0x00;
    public const byte BPF_MEM = 0x60;

    // Operand source: the immediate (K) or the source register (X).
    public const byte BPF_K = 0x00;
    public const byte BPF_X = 0x08;

    // ALU operations.
    public const byte BPF_AND = 0x50;
    public const byte BPF_RSH = 0x70;
    public const byte BPF_MOV = 0xb0;

    // Jump operations.
    public const byte BPF_JA = 0x00;
    public const byte BPF_JEQ = 0x10;
    public const byte BPF_JNE = 0x50;
    public const byte BPF_EXIT = 0x90;

    /// <summary>dst = *(u32 *)(src + offset), zero-extended.</summary>
    public static BpfInstruction LoadWord(byte dst, byte src, short offset) => new(BPF_LDX | BPF_MEM | BPF_W, dst, src, offset, 0);

    /// <summary>A 32-bit ALU operation with an immediate (the upper half of dst becomes zero).</summary>
    public static BpfInstruction Alu32(byte operation, byte dst, int imm) => new((byte)(BPF_ALU | BPF_K | operation), dst, 0, 0, imm);

    /// <summary>A 32-bit ALU operation with a source register.</summary>
    public static BpfInstruction Alu32Register(byte operation, byte dst, byte src) => new((byte)(BPF_ALU | BPF_X | operation), dst, src, 0, 0);

    /// <summary>Skips <paramref name="offset"/> instructions when dst compares to the immediate (sign-extended to 64
    /// bits) as <paramref name="operation"/> says.</summary>
    public static BpfInstruction Jump(byte operation, byte dst, int imm, short offset) => new((byte)(BPF_JMP | BPF_K | operation), dst, 0, offset, imm);

    /// <summary>Returns r0.</summary>
    public static BpfInstruction Exit() => new(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);

    /// <summary>The 8 bytes the kernel reads, as a little-endian u64 (x86_64 and arm64 are little-endian): code in
    /// byte 0, dst in the low and src in the high nibble of byte 1, the offset in bytes 2-3, the immediate in 4-7.</summary>
    public ulong Encode() =>
        Code
        | (ulong)(byte)((Dst & 0xf) | (Src << 4)) << 8
        | (ulong)(ushort)Offset << 16
        | (ulong)(uint)Imm << 32;
}

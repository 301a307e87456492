using OciRuntime.Cgroups.V2;

namespace OciRuntime.Tests.Cgroups.V2;

/// <summary>Runs a device program on one request, the way the kernel would: only the instructions the builder emits
/// are known (32-bit ALU AND/RSH/MOV, 64-bit ALU AND/RSH/MOV, word loads from the context, JA/JEQ/JNE/EXIT); anything
/// else, a backward or out-of-range jump, a read of a register never written, or a load outside the 12-byte
/// context fails the test, as the verifier would refuse the program.</summary>
internal static class BpfInterpreter
{
    private const ulong ContextAddress = 0x1000_0000;
    private const byte Alu64 = 0x07;

    public static ulong Run(IReadOnlyList<BpfInstruction> program, int deviceType, int access, uint major, uint minor)
    {
        Span<byte> context = stackalloc byte[12];
        BitConverter.TryWriteBytes(context[0..4], (uint)(deviceType | access << 16));
        BitConverter.TryWriteBytes(context[4..8], major);
        BitConverter.TryWriteBytes(context[8..12], minor);

        var registers = new ulong[11];
        var written = new bool[11];
        registers[1] = ContextAddress;
        written[1] = true;
        for (int pc = 0, steps = 0; ; pc++, steps++)
        {
            if (pc < 0 || pc >= program.Count)
                throw new InvalidOperationException($"pc {pc} is outside the program ({program.Count} instructions)");
            if (steps > program.Count)
                throw new InvalidOperationException("the program loops");
            var insn = program[pc];
            byte cls = (byte)(insn.Code & 0x07);
            byte op = (byte)(insn.Code & 0xf0);
            bool fromRegister = (insn.Code & BpfInstruction.BPF_X) != 0;
            switch (cls)
            {
                case BpfInstruction.BPF_LDX:
                {
                    Assert.Equal(BpfInstruction.BPF_LDX | BpfInstruction.BPF_MEM | BpfInstruction.BPF_W, insn.Code);
                    Assert.True(written[insn.Src], $"r{insn.Src} read before written at {pc}");
                    long offset = (long)(registers[insn.Src] - ContextAddress) + insn.Offset;
                    Assert.InRange(offset, 0, 8);
                    registers[insn.Dst] = BitConverter.ToUInt32(context[(int)offset..((int)offset + 4)]);
                    written[insn.Dst] = true;
                    break;
                }
                case BpfInstruction.BPF_ALU or Alu64:
                {
                    ulong source = fromRegister ? Read(registers, written, insn.Src, pc) : (ulong)(long)insn.Imm;
                    ulong dst = op == BpfInstruction.BPF_MOV ? 0 : Read(registers, written, insn.Dst, pc);
                    ulong result = op switch
                    {
                        BpfInstruction.BPF_AND => dst & source,
                        BpfInstruction.BPF_RSH => cls == Alu64 ? dst >> (int)(source & 63) : (ulong)((uint)dst >> (int)(source & 31)),
                        BpfInstruction.BPF_MOV => source,
                        _ => throw new InvalidOperationException($"unknown ALU operation 0x{insn.Code:x2} at {pc}"),
                    };
                    registers[insn.Dst] = cls == Alu64 ? result : (uint)result;
                    written[insn.Dst] = true;
                    break;
                }
                case BpfInstruction.BPF_JMP:
                {
                    if (op == BpfInstruction.BPF_EXIT)
                        return Read(registers, written, 0, pc);
                    Assert.True(insn.Offset >= 0, $"backward jump at {pc}");
                    bool taken = op switch
                    {
                        BpfInstruction.BPF_JA => true,
                        BpfInstruction.BPF_JEQ => Read(registers, written, insn.Dst, pc) == (fromRegister ? Read(registers, written, insn.Src, pc) : (ulong)(long)insn.Imm),
                        BpfInstruction.BPF_JNE => Read(registers, written, insn.Dst, pc) != (fromRegister ? Read(registers, written, insn.Src, pc) : (ulong)(long)insn.Imm),
                        _ => throw new InvalidOperationException($"unknown jump 0x{insn.Code:x2} at {pc}"),
                    };
                    if (taken)
                        pc += insn.Offset;
                    break;
                }
                default:
                    throw new InvalidOperationException($"unknown instruction class 0x{insn.Code:x2} at {pc}");
            }
        }
    }

    private static ulong Read(ulong[] registers, bool[] written, int register, int pc)
    {
        Assert.True(written[register], $"r{register} read before written at {pc}");
        return registers[register];
    }
}

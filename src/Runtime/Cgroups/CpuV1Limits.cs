namespace OciRuntime.Cgroups;

/// <summary>The range of cpu.shares (kernel MIN_SHARES and MAX_SHARES, 2 and 1 &lt;&lt; 18), which the kernel clamps
/// to silently; runc reads the value back and fails with "the minimum/maximum allowed cpu-shares is N".</summary>
internal static class CpuV1Limits
{
    public const ulong MinShares = 2;
    public const ulong MaxShares = 262144;
}

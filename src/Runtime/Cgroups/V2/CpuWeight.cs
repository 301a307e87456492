namespace OciRuntime.Cgroups.V2;

/// <summary>cpu.shares (v1, [2, 262144], default 1024) to cpu.weight (v2, [1, 10000], default 100).</summary>
internal static class CpuWeight
{
    /// <summary>runc HEAD's conversion (opencontainers/cgroups ConvertCPUSharesToCgroupV2Value since runc PR 4785,
    /// after kubernetes issue 131216): a quadratic in log2(shares) through the three points min→min, default→default,
    /// max→max, so the default 1024 gives v2's default 100. 0 stays "unset". 2→1, 3→2, 1024→100, 262144→10000.</summary>
    public static ulong FromShares(ulong shares)
    {
        if (shares == 0)
            return 0;
        if (shares <= 2)
            return 1;
        if (shares >= 262144)
            return 10000;
        double l = Math.Log2(shares);
        double exponent = (l * l + 125 * l) / 612.0 - 7.0 / 34.0;
        return (ulong)Math.Ceiling(Math.Pow(10, exponent));
    }

    /// <summary>The linear conversion of runc up to 1.3.1 and of the runc 1.1.5 installed on the test hosts
    /// (1 + (shares - 2) * 9999 / 262142): 2→1, 1024→39, 262144→10000. Kept for side-by-side comparisons with
    /// those runc versions; the plan uses <see cref="FromShares"/>.</summary>
    public static ulong FromSharesLinear(ulong shares) => shares == 0 ? 0 : 1 + (shares - 2) * 9999 / 262142;
}

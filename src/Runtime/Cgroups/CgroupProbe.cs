namespace OciRuntime.Cgroups;

/// <summary>The few facts about the cgroup as it is now that decide what runc writes, read before planning so the
/// plans stay pure. The defaults describe a freshly created cgroup on a current kernel.</summary>
/// <param name="MemoryLimitV1">memory.limit_in_bytes now: decides whether memsw is written before or after the limit
/// (runc fs/memory.go). A new cgroup is unlimited.</param>
/// <param name="BlkioCfqV1">blkio.weight exists (the CFQ scheduler, gone since 5.0); otherwise runc writes the BFQ
/// files blkio.bfq.weight and blkio.bfq.weight_device.</param>
/// <param name="IoBfqV2">io.bfq.weight exists: runc writes the blkio weight there unconverted instead of io.weight.</param>
/// <param name="IoBfqDeviceWeightV2">io.bfq.weight takes "major:minor weight" lines (kernel 5.4+).</param>
internal sealed record CgroupProbe(
    ulong MemoryLimitV1 = ulong.MaxValue,
    bool BlkioCfqV1 = false,
    bool IoBfqV2 = false,
    bool IoBfqDeviceWeightV2 = false)
{
    /// <summary>A freshly created cgroup.</summary>
    public static CgroupProbe New { get; } = new();

    /// <summary>Reads the facts from the container's v1 directories (<paramref name="directoryOfController"/> returns
    /// null for a hierarchy that is not mounted).</summary>
    public static CgroupProbe ReadV1(Func<string, string?> directoryOfController)
    {
        ulong limit = ulong.MaxValue;
        if (directoryOfController("memory") is { } memory && TryRead(Path.Combine(memory, "memory.limit_in_bytes")) is { } text &&
            ulong.TryParse(text, out ulong parsed))
            limit = parsed;
        bool cfq = directoryOfController("blkio") is { } blkio && File.Exists(Path.Combine(blkio, "blkio.weight"));
        return new CgroupProbe(MemoryLimitV1: limit, BlkioCfqV1: cfq);
    }

    /// <summary>Reads the facts from the container's v2 directory.</summary>
    public static CgroupProbe ReadV2(string directory)
    {
        string? bfq = TryRead(Path.Combine(directory, "io.bfq.weight"));
        // Before 5.4 the file holds a single number; since, "default N" plus per-device lines (runc fs2/io.go).
        bool perDevice = bfq is not null && !long.TryParse(bfq, out _);
        return new CgroupProbe(IoBfqV2: bfq is not null, IoBfqDeviceWeightV2: perDevice);
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

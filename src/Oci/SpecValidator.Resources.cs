namespace OciRuntime.Oci;

public static partial class SpecValidator
{
    private static void CheckResources(Findings findings, LinuxResources resources, string path)
    {
        string p = path.Length == 0 ? "" : path + ".";
        CheckDeviceRules(findings, resources.Devices, $"{p}devices");
        if (resources.Memory is not null)
            CheckMemory(findings, resources.Memory, $"{p}memory");
        if (resources.Cpu is not null)
            CheckCpu(findings, resources.Cpu, $"{p}cpu");
        if (resources.BlockIO is not null)
            CheckBlockIO(findings, resources.BlockIO, $"{p}blockIO");

        for (int i = 0; i < (resources.HugepageLimits?.Count ?? 0); i++)
        {
            string size = resources.HugepageLimits![i].PageSize;
            if (!IsHugepageSize(size))
                findings.Error($"{p}hugepageLimits[{i}].pageSize", $"{Quote(size)} is not a size such as \"2MB\" or \"1GB\"");
        }

        for (int i = 0; i < (resources.Network?.Priorities?.Count ?? 0); i++)
        {
            if (string.IsNullOrEmpty(resources.Network!.Priorities![i].Name))
                findings.Error($"{p}network.priorities[{i}].name", "required");
        }

        // config-linux.md: each rdma entry MUST set at least one of the two limits.
        foreach ((string device, LinuxRdma limits) in resources.Rdma ?? [])
        {
            if (limits.HcaHandles is null && limits.HcaObjects is null)
                findings.Error($"{p}rdma['{device}']", "needs hcaHandles or hcaObjects");
        }

        // Each key is a file in the container's cgroup directory, "<controller>.<file>" (runc's check).
        foreach (string key in resources.Unified?.Keys ?? Enumerable.Empty<string>())
        {
            if (key.Contains('/'))
                findings.Error($"{p}unified['{key}']", "must be a file name, without '/'");
            else if (key.IndexOf('.') is <= 0 || key.EndsWith('.'))
                findings.Error($"{p}unified['{key}']", "must have the form <controller>.<file>");
        }
    }

    private static void CheckDeviceRules(Findings findings, List<LinuxDeviceCgroup>? rules, string path)
    {
        for (int i = 0; i < (rules?.Count ?? 0); i++)
        {
            LinuxDeviceCgroup rule = rules![i];
            if (rule.Type is not (null or "" or "a" or "b" or "c"))
                findings.Error($"{path}[{i}].type", $"unknown device type {Quote(rule.Type)} (one of a, b, c)");
            if (rule.Access is { } access && access.Any(c => c is not ('r' or 'w' or 'm')))
                findings.Error($"{path}[{i}].access", $"{Quote(access)} is not a combination of r, w and m");
            if (rule.Major is < -1)
                findings.Error($"{path}[{i}].major", $"must not be negative, got {rule.Major}");
            if (rule.Minor is < -1)
                findings.Error($"{path}[{i}].minor", $"must not be negative, got {rule.Minor}");
        }
    }

    // config-linux.md: memory values are bytes, or -1 for unlimited; swappiness is 0..100.
    private static void CheckMemory(Findings findings, LinuxMemory memory, string path)
    {
        CheckBytes(findings, memory.Limit, $"{path}.limit");
        CheckBytes(findings, memory.Reservation, $"{path}.reservation");
        CheckBytes(findings, memory.Swap, $"{path}.swap");
        CheckBytes(findings, memory.Kernel, $"{path}.kernel");
        CheckBytes(findings, memory.KernelTcp, $"{path}.kernelTCP");

        // runc reads uint64(-1) as "unset" (that is what a Go int64 -1 becomes).
        if (memory.Swappiness is > 100 and not ulong.MaxValue)
            findings.Error($"{path}.swappiness", $"must be between 0 and 100, got {memory.Swappiness}");

        // swap is memory plus swap, so it cannot be below the memory limit (memsw in v1; runc
        // rejects it when converting to cgroup v2's memory.swap.max).
        if (memory is { Limit: > 0, Swap: > 0 } && memory.Swap < memory.Limit)
            findings.Error($"{path}.swap", $"must be at least memory.limit ({memory.Limit}): it counts memory plus swap");
    }

    private static void CheckBytes(Findings findings, long? value, string path)
    {
        if (value is < -1)
            findings.Error(path, $"must be -1 (unlimited) or a byte count, got {value}");
    }

    private static void CheckCpu(Findings findings, LinuxCpu cpu, string path)
    {
        if (cpu.Quota is < -1)
            findings.Error($"{path}.quota", $"must be -1 (unlimited) or positive, got {cpu.Quota}");
        if (cpu.RealtimeRuntime is < -1)
            findings.Error($"{path}.realtimeRuntime", $"must be -1 (unlimited) or positive, got {cpu.RealtimeRuntime}");
        // config-linux.md: a positive quota MUST be no smaller than burst.
        if (cpu is { Quota: > 0, Burst: not null } && cpu.Burst > (ulong)cpu.Quota.Value)
            findings.Error($"{path}.burst", $"must not exceed quota ({cpu.Quota})");
        if (cpu.Idle is not (null or 0 or 1))
            findings.Error($"{path}.idle", $"must be 0 or 1, got {cpu.Idle}");
        if (!string.IsNullOrEmpty(cpu.Cpus) && !IsIdList(cpu.Cpus))
            findings.Error($"{path}.cpus", $"{Quote(cpu.Cpus)} is not a CPU list such as \"0-3,7\"");
        if (!string.IsNullOrEmpty(cpu.Mems) && !IsIdList(cpu.Mems))
            findings.Error($"{path}.mems", $"{Quote(cpu.Mems)} is not a node list such as \"0-1\"");
    }

    // The blkio weight range is 10..1000 (blkio-controller.txt); io.weight's 1..10000 is reached by
    // conversion, so the spec value keeps the v1 range.
    private static void CheckBlockIO(Findings findings, LinuxBlockIO blockIO, string path)
    {
        CheckWeight(findings, blockIO.Weight, $"{path}.weight");
        CheckWeight(findings, blockIO.LeafWeight, $"{path}.leafWeight");
        for (int i = 0; i < (blockIO.WeightDevice?.Count ?? 0); i++)
        {
            LinuxWeightDevice device = blockIO.WeightDevice![i];
            string devicePath = $"{path}.weightDevice[{i}]";
            // config-linux.md: at least one of weight and leafWeight MUST be given.
            if (device.Weight is null && device.LeafWeight is null)
                findings.Error(devicePath, "needs weight or leafWeight");
            CheckWeight(findings, device.Weight, $"{devicePath}.weight");
            CheckWeight(findings, device.LeafWeight, $"{devicePath}.leafWeight");
        }
    }

    private static void CheckWeight(Findings findings, ushort? weight, string path)
    {
        if (weight is < 10 or > 1000)
            findings.Error(path, $"must be between 10 and 1000, got {weight}");
    }

    /// <summary>"&lt;digits&gt;&lt;K|M|G|T|P&gt;B", the hugetlb.&lt;size&gt; naming the kernel uses.</summary>
    private static bool IsHugepageSize(string size) =>
        size.Length >= 3 && size[^1] == 'B' && size[^2] is 'K' or 'M' or 'G' or 'T' or 'P'
        && size[..^2].All(char.IsAsciiDigit) && size[0] != '0';
}

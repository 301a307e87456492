using System.Text.Json.Serialization;

namespace OciRuntime.Oci;

/// <summary>
/// cgroup settings (specs-go <c>LinuxResources</c>): config.json's <c>linux.resources</c>, and the
/// document <c>update --resources</c> reads. A null field means "leave as is".
/// </summary>
public sealed class LinuxResources
{
    /// <summary>The device allow/deny list, applied in order.</summary>
    [JsonPropertyName("devices")]
    public List<LinuxDeviceCgroup>? Devices { get; set; }

    [JsonPropertyName("memory")]
    public LinuxMemory? Memory { get; set; }

    [JsonPropertyName("cpu")]
    public LinuxCpu? Cpu { get; set; }

    [JsonPropertyName("pids")]
    public LinuxPids? Pids { get; set; }

    [JsonPropertyName("blockIO")]
    public LinuxBlockIO? BlockIO { get; set; }

    [JsonPropertyName("hugepageLimits")]
    public List<LinuxHugepageLimit>? HugepageLimits { get; set; }

    [JsonPropertyName("network")]
    public LinuxNetwork? Network { get; set; }

    /// <summary>RDMA limits keyed by device name.</summary>
    [JsonPropertyName("rdma")]
    public Dictionary<string, LinuxRdma>? Rdma { get; set; }

    /// <summary>cgroup v2 files to write, keyed by file name ("memory.high").</summary>
    [JsonPropertyName("unified")]
    public Dictionary<string, string>? Unified { get; set; }
}

/// <summary>One device cgroup rule (specs-go <c>LinuxDeviceCgroup</c>); unset fields mean "all".</summary>
public sealed class LinuxDeviceCgroup
{
    [JsonPropertyName("allow")]
    public bool Allow { get; set; }

    /// <summary>"a", "c" or "b".</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("major")]
    public long? Major { get; set; }

    [JsonPropertyName("minor")]
    public long? Minor { get; set; }

    /// <summary>A combination of 'r', 'w' and 'm'.</summary>
    [JsonPropertyName("access")]
    public string? Access { get; set; }
}

/// <summary>Memory controller settings in bytes, -1 meaning unlimited (specs-go <c>LinuxMemory</c>).</summary>
public sealed class LinuxMemory
{
    [JsonPropertyName("limit")]
    public long? Limit { get; set; }

    [JsonPropertyName("reservation")]
    public long? Reservation { get; set; }

    /// <summary>Memory plus swap, as in cgroup v1's memsw.</summary>
    [JsonPropertyName("swap")]
    public long? Swap { get; set; }

    /// <summary>Deprecated by the spec; the kernel dropped it in 5.4.</summary>
    [JsonPropertyName("kernel")]
    public long? Kernel { get; set; }

    [JsonPropertyName("kernelTCP")]
    public long? KernelTcp { get; set; }

    [JsonPropertyName("swappiness")]
    public ulong? Swappiness { get; set; }

    [JsonPropertyName("disableOOMKiller")]
    public bool? DisableOomKiller { get; set; }

    [JsonPropertyName("useHierarchy")]
    public bool? UseHierarchy { get; set; }

    /// <summary>Reject an update that sets the limit below current usage (cgroup v2 would OOM-kill instead).</summary>
    [JsonPropertyName("checkBeforeUpdate")]
    public bool? CheckBeforeUpdate { get; set; }
}

/// <summary>cpu and cpuset controller settings, times in microseconds (specs-go <c>LinuxCPU</c>).</summary>
public sealed class LinuxCpu
{
    [JsonPropertyName("shares")]
    public ulong? Shares { get; set; }

    [JsonPropertyName("quota")]
    public long? Quota { get; set; }

    [JsonPropertyName("burst")]
    public ulong? Burst { get; set; }

    [JsonPropertyName("period")]
    public ulong? Period { get; set; }

    [JsonPropertyName("realtimeRuntime")]
    public long? RealtimeRuntime { get; set; }

    [JsonPropertyName("realtimePeriod")]
    public ulong? RealtimePeriod { get; set; }

    /// <summary>A cpuset list such as "0-3,7".</summary>
    [JsonPropertyName("cpus")]
    public string? Cpus { get; set; }

    [JsonPropertyName("mems")]
    public string? Mems { get; set; }

    /// <summary>0: normal weight; 1: SCHED_IDLE for the whole cgroup.</summary>
    [JsonPropertyName("idle")]
    public long? Idle { get; set; }
}

/// <summary>pids controller settings (specs-go <c>LinuxPids</c>).</summary>
public sealed class LinuxPids
{
    /// <summary>Maximum number of tasks; runtime-spec 1.3.0 made it optional (unset: leave as is).</summary>
    [JsonPropertyName("limit")]
    public long? Limit { get; set; }
}

/// <summary>blkio (v1) / io (v2) controller settings (specs-go <c>LinuxBlockIO</c>).</summary>
public sealed class LinuxBlockIO
{
    [JsonPropertyName("weight")]
    public ushort? Weight { get; set; }

    [JsonPropertyName("leafWeight")]
    public ushort? LeafWeight { get; set; }

    [JsonPropertyName("weightDevice")]
    public List<LinuxWeightDevice>? WeightDevice { get; set; }

    [JsonPropertyName("throttleReadBpsDevice")]
    public List<LinuxThrottleDevice>? ThrottleReadBpsDevice { get; set; }

    [JsonPropertyName("throttleWriteBpsDevice")]
    public List<LinuxThrottleDevice>? ThrottleWriteBpsDevice { get; set; }

    [JsonPropertyName("throttleReadIOPSDevice")]
    public List<LinuxThrottleDevice>? ThrottleReadIopsDevice { get; set; }

    [JsonPropertyName("throttleWriteIOPSDevice")]
    public List<LinuxThrottleDevice>? ThrottleWriteIopsDevice { get; set; }
}

/// <summary>A per-device weight (specs-go <c>LinuxWeightDevice</c>, which embeds major/minor first).</summary>
public sealed class LinuxWeightDevice
{
    [JsonPropertyName("major")]
    public long Major { get; set; }

    [JsonPropertyName("minor")]
    public long Minor { get; set; }

    [JsonPropertyName("weight")]
    public ushort? Weight { get; set; }

    [JsonPropertyName("leafWeight")]
    public ushort? LeafWeight { get; set; }
}

/// <summary>A per-device rate limit (specs-go <c>LinuxThrottleDevice</c>).</summary>
public sealed class LinuxThrottleDevice
{
    [JsonPropertyName("major")]
    public long Major { get; set; }

    [JsonPropertyName("minor")]
    public long Minor { get; set; }

    [JsonPropertyName("rate")]
    public ulong Rate { get; set; }
}

/// <summary>A hugetlb limit (specs-go <c>LinuxHugepageLimit</c>).</summary>
public sealed class LinuxHugepageLimit
{
    /// <summary>"&lt;size&gt;&lt;unit&gt;B", e.g. "2MB", "1GB", "64KB".</summary>
    [JsonPropertyName("pageSize")]
    public string PageSize { get; set; } = "";

    [JsonPropertyName("limit")]
    public ulong Limit { get; set; }
}

/// <summary>net_cls / net_prio settings (specs-go <c>LinuxNetwork</c>).</summary>
public sealed class LinuxNetwork
{
    [JsonPropertyName("classID")]
    public uint? ClassId { get; set; }

    [JsonPropertyName("priorities")]
    public List<LinuxInterfacePriority>? Priorities { get; set; }
}

/// <summary>A net_prio entry (specs-go <c>LinuxInterfacePriority</c>).</summary>
public sealed class LinuxInterfacePriority
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("priority")]
    public uint Priority { get; set; }
}

/// <summary>RDMA limits of one device (specs-go <c>LinuxRdma</c>).</summary>
public sealed class LinuxRdma
{
    [JsonPropertyName("hcaHandles")]
    public uint? HcaHandles { get; set; }

    [JsonPropertyName("hcaObjects")]
    public uint? HcaObjects { get; set; }
}

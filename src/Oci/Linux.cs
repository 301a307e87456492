using System.Text.Json.Serialization;

namespace OciRuntime.Oci;

/// <summary>config.json's <c>linux</c> section (specs-go <c>Linux</c>).</summary>
public sealed class Linux
{
    [JsonPropertyName("uidMappings")]
    public List<LinuxIdMapping>? UidMappings { get; set; }

    [JsonPropertyName("gidMappings")]
    public List<LinuxIdMapping>? GidMappings { get; set; }

    [JsonPropertyName("sysctl")]
    public Dictionary<string, string>? Sysctl { get; set; }

    [JsonPropertyName("resources")]
    public LinuxResources? Resources { get; set; }

    /// <summary>An absolute or relative cgroup path, or systemd's "slice:prefix:name".</summary>
    [JsonPropertyName("cgroupsPath")]
    public string? CgroupsPath { get; set; }

    [JsonPropertyName("namespaces")]
    public List<LinuxNamespace>? Namespaces { get; set; }

    [JsonPropertyName("devices")]
    public List<LinuxDevice>? Devices { get; set; }

    /// <summary>Host network interfaces to move into the container, keyed by their host name.</summary>
    [JsonPropertyName("netDevices")]
    public Dictionary<string, LinuxNetDevice>? NetDevices { get; set; }

    [JsonPropertyName("seccomp")]
    public LinuxSeccomp? Seccomp { get; set; }

    [JsonPropertyName("rootfsPropagation")]
    public string? RootfsPropagation { get; set; }

    [JsonPropertyName("maskedPaths")]
    public List<string>? MaskedPaths { get; set; }

    [JsonPropertyName("readonlyPaths")]
    public List<string>? ReadonlyPaths { get; set; }

    [JsonPropertyName("mountLabel")]
    public string? MountLabel { get; set; }

    [JsonPropertyName("intelRdt")]
    public LinuxIntelRdt? IntelRdt { get; set; }

    [JsonPropertyName("memoryPolicy")]
    public LinuxMemoryPolicy? MemoryPolicy { get; set; }

    [JsonPropertyName("personality")]
    public LinuxPersonality? Personality { get; set; }

    /// <summary>Time namespace offsets keyed by clock name ("monotonic", "boottime").</summary>
    [JsonPropertyName("timeOffsets")]
    public Dictionary<string, LinuxTimeOffset>? TimeOffsets { get; set; }
}

/// <summary>A namespace to create, or to join when <see cref="Path"/> is set (specs-go <c>LinuxNamespace</c>).</summary>
public sealed class LinuxNamespace
{
    /// <summary>One of <see cref="LinuxNamespaceType"/>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonPropertyName("path")]
    public string? Path { get; set; }
}

/// <summary>One uid_map/gid_map line (specs-go <c>LinuxIDMapping</c>).</summary>
public sealed class LinuxIdMapping
{
    [JsonPropertyName("containerID")]
    public uint ContainerId { get; set; }

    [JsonPropertyName("hostID")]
    public uint HostId { get; set; }

    [JsonPropertyName("size")]
    public uint Size { get; set; }
}

/// <summary>A clock offset for the time namespace (specs-go <c>LinuxTimeOffset</c>).</summary>
public sealed class LinuxTimeOffset
{
    [JsonPropertyName("secs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Secs { get; set; }

    [JsonPropertyName("nanosecs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public uint Nanosecs { get; set; }
}

/// <summary>A device node to create in the container (specs-go <c>LinuxDevice</c>).</summary>
public sealed class LinuxDevice
{
    [JsonPropertyName("path")]
    public string Path { get; set; } = "";

    /// <summary>"c", "b", "u" or "p".</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    // Go writes major/minor always; they are nullable here only so that the validator can tell a
    // missing number (required unless type is "p") from device 0.
    [JsonPropertyName("major")]
    public long? Major { get; set; }

    [JsonPropertyName("minor")]
    public long? Minor { get; set; }

    [JsonPropertyName("fileMode")]
    public uint? FileMode { get; set; }

    [JsonPropertyName("uid")]
    public uint? Uid { get; set; }

    [JsonPropertyName("gid")]
    public uint? Gid { get; set; }
}

/// <summary>A host network device moved into the container (specs-go <c>LinuxNetDevice</c>).</summary>
public sealed class LinuxNetDevice
{
    /// <summary>Name inside the container; the host name is kept when unset.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

/// <summary>Intel RDT / resctrl settings (specs-go <c>LinuxIntelRdt</c>).</summary>
public sealed class LinuxIntelRdt
{
    [JsonPropertyName("closID")]
    public string? ClosId { get; set; }

    /// <summary>Lines written as is to the resctrl schemata file, after the two schemas below.</summary>
    [JsonPropertyName("schemata")]
    public List<string>? Schemata { get; set; }

    [JsonPropertyName("l3CacheSchema")]
    public string? L3CacheSchema { get; set; }

    [JsonPropertyName("memBwSchema")]
    public string? MemBwSchema { get; set; }

    [JsonPropertyName("enableMonitoring")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool EnableMonitoring { get; set; }
}

/// <summary>A set_mempolicy(2) NUMA policy for the container process (specs-go <c>LinuxMemoryPolicy</c>).</summary>
public sealed class LinuxMemoryPolicy
{
    /// <summary>An MPOL_* mode, see <see cref="KnownNames.MemoryPolicyModes"/>.</summary>
    [JsonPropertyName("mode")]
    public string Mode { get; set; } = "";

    /// <summary>A node list such as "0-3,7"; empty for MPOL_DEFAULT and MPOL_LOCAL.</summary>
    [JsonPropertyName("nodes")]
    public string Nodes { get; set; } = "";

    [JsonPropertyName("flags")]
    public List<string>? Flags { get; set; }
}

/// <summary>personality(2) execution domain (specs-go <c>LinuxPersonality</c>).</summary>
public sealed class LinuxPersonality
{
    /// <summary>"LINUX" or "LINUX32".</summary>
    [JsonPropertyName("domain")]
    public string Domain { get; set; } = "";

    /// <summary>The spec defines no flags yet.</summary>
    [JsonPropertyName("flags")]
    public List<string>? Flags { get; set; }
}

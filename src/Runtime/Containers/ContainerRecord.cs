using System.Text.Json.Serialization;

namespace OciRuntime.Containers;

/// <summary>What ocirt keeps in &lt;root&gt;/&lt;id&gt;/state.json: only what later commands need (the config stays the
/// spec's own types and is not copied into a second model). The pid is stored with its start time from
/// /proc/PID/stat, so a reused pid is never mistaken for the container's init.</summary>
internal sealed class ContainerRecord
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("ociVersion")] public string OciVersion { get; set; } = "";
    [JsonPropertyName("bundle")] public string Bundle { get; set; } = "";
    [JsonPropertyName("rootfs")] public string Rootfs { get; set; } = "";
    [JsonPropertyName("pid")] public int Pid { get; set; }
    [JsonPropertyName("pidStartTime")] public ulong PidStartTime { get; set; }
    /// <summary>RFC 3339 with nanoseconds, UTC, as runc prints it.</summary>
    [JsonPropertyName("created")] public string Created { get; set; } = "";
    [JsonPropertyName("owner")] public string Owner { get; set; } = "";
    /// <summary>A random 64-bit id that tags every lifecycle record of this container (audit tagging).</summary>
    [JsonPropertyName("auditId")] public ulong AuditId { get; set; }
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; set; }
    /// <summary>The container's cgroup path inside each hierarchy (exec joins it).</summary>
    [JsonPropertyName("cgroupPath")] public string? CgroupPath { get; set; }
    /// <summary>The cgroup directories create made (and only those): delete removes exactly these.</summary>
    [JsonPropertyName("cgroupDirs")] public List<string>? CgroupDirs { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(ContainerRecord))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;

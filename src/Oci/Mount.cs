using System.Text.Json.Serialization;

namespace OciRuntime.Oci;

/// <summary>One entry of config.json's <c>mounts</c> (specs-go <c>Mount</c>).</summary>
public sealed class Mount
{
    /// <summary>Path inside the container. Relative paths are deprecated and mean relative to "/".</summary>
    [JsonPropertyName("destination")]
    public string Destination { get; set; } = "";

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("source")]
    public string? Source { get; set; }

    [JsonPropertyName("options")]
    public List<string>? Options { get; set; }

    /// <summary>Id-mapped mount (mount_setattr MOUNT_ATTR_IDMAP); bind mounts only.</summary>
    [JsonPropertyName("uidMappings")]
    public List<LinuxIdMapping>? UidMappings { get; set; }

    [JsonPropertyName("gidMappings")]
    public List<LinuxIdMapping>? GidMappings { get; set; }
}

using System.Text.Json.Serialization;

namespace OciRuntime.Oci;

/// <summary>Lifecycle hooks (specs-go <c>Hooks</c>), each list run in order at its spec-defined point.</summary>
public sealed class Hooks
{
    /// <summary>Deprecated by the spec in favour of the three create/start hooks, still run by runc.</summary>
    [JsonPropertyName("prestart")]
    public List<Hook>? Prestart { get; set; }

    [JsonPropertyName("createRuntime")]
    public List<Hook>? CreateRuntime { get; set; }

    [JsonPropertyName("createContainer")]
    public List<Hook>? CreateContainer { get; set; }

    [JsonPropertyName("startContainer")]
    public List<Hook>? StartContainer { get; set; }

    [JsonPropertyName("poststart")]
    public List<Hook>? Poststart { get; set; }

    [JsonPropertyName("poststop")]
    public List<Hook>? Poststop { get; set; }
}

/// <summary>One hook command (specs-go <c>Hook</c>); it gets the state JSON on stdin.</summary>
public sealed class Hook
{
    [JsonPropertyName("path")]
    public string Path { get; set; } = "";

    [JsonPropertyName("args")]
    public List<string>? Args { get; set; }

    [JsonPropertyName("env")]
    public List<string>? Env { get; set; }

    /// <summary>Seconds before the hook is killed; the spec requires it to be positive when set.</summary>
    [JsonPropertyName("timeout")]
    public int? Timeout { get; set; }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace OciRuntime.Oci;

// How the model maps specs-go (runtime-spec v1.3.0), so that output matches Go's encoding/json:
// - Properties are declared in specs-go struct field order; encoding/json writes fields in that order.
// - A Go field without omitempty is a non-nullable C# property and is always written.
// - An omitempty pointer, slice, map or string is a nullable C# property. Null is never written, and
//   OciJson also drops empty strings and empty collections, as omitempty does.
// - An omitempty bool or number that is not a pointer in Go carries WhenWritingDefault, so false and
//   zero are dropped the way omitempty drops them.

/// <summary>The container configuration, config.json (specs-go <c>Spec</c>).</summary>
public sealed class Spec
{
    [JsonPropertyName("ociVersion")]
    public string OciVersion { get; set; } = "";

    [JsonPropertyName("process")]
    public Process? Process { get; set; }

    [JsonPropertyName("root")]
    public Root? Root { get; set; }

    [JsonPropertyName("hostname")]
    public string? Hostname { get; set; }

    [JsonPropertyName("domainname")]
    public string? Domainname { get; set; }

    [JsonPropertyName("mounts")]
    public List<Mount>? Mounts { get; set; }

    [JsonPropertyName("hooks")]
    public Hooks? Hooks { get; set; }

    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }

    [JsonPropertyName("linux")]
    public Linux? Linux { get; set; }

    // Other platforms are carried through untouched: a Linux runtime never reads them, but a
    // round trip (state dir copy, `spec` edits) must not lose them.
    [JsonPropertyName("solaris")]
    public JsonElement? Solaris { get; set; }

    [JsonPropertyName("windows")]
    public JsonElement? Windows { get; set; }

    [JsonPropertyName("vm")]
    public JsonElement? Vm { get; set; }

    [JsonPropertyName("zos")]
    public JsonElement? Zos { get; set; }

    /// <summary>
    /// Top-level properties this model does not know (extensions, newer spec versions). The spec
    /// forbids failing on them; keeping them means a rewrite of config.json loses nothing.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The container's root filesystem (specs-go <c>Root</c>).</summary>
public sealed class Root
{
    /// <summary>Absolute, or relative to the bundle.</summary>
    [JsonPropertyName("path")]
    public string Path { get; set; } = "";

    [JsonPropertyName("readonly")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Readonly { get; set; }
}

/// <summary>Versions of the runtime-spec this model implements.</summary>
public static class SpecVersion
{
    /// <summary>The runtime-spec version of this model (specs-go <c>specs.Version</c>).</summary>
    public const string Current = "1.3.0";

    /// <summary>The oldest version a config may declare; runc's <c>features</c> reports the same.</summary>
    public const string Minimum = "1.0.0";
}

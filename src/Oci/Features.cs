using System.Text.Json.Serialization;

namespace OciRuntime.Oci;

// The `features` document (runtime-spec features.md, specs-go/features). Every field is optional and
// a missing value means "unknown", not "unsupported", so all of them are nullable.

/// <summary>What the runtime supports (specs-go <c>features.Features</c>).</summary>
public sealed class Features
{
    [JsonPropertyName("ociVersionMin")]
    public string? OciVersionMin { get; set; }

    [JsonPropertyName("ociVersionMax")]
    public string? OciVersionMax { get; set; }

    [JsonPropertyName("hooks")]
    public List<string>? Hooks { get; set; }

    /// <summary>containerd enables recursive read-only mounts only if this lists "rro".</summary>
    [JsonPropertyName("mountOptions")]
    public List<string>? MountOptions { get; set; }

    [JsonPropertyName("linux")]
    public LinuxFeatures? Linux { get; set; }

    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }

    /// <summary>Annotation names (a trailing "." means a prefix) that can weaken isolation.</summary>
    [JsonPropertyName("potentiallyUnsafeConfigAnnotations")]
    public List<string>? PotentiallyUnsafeConfigAnnotations { get; set; }
}

/// <summary>Linux part of the features document (specs-go <c>features.Linux</c>).</summary>
public sealed class LinuxFeatures
{
    [JsonPropertyName("namespaces")]
    public List<string>? Namespaces { get; set; }

    [JsonPropertyName("capabilities")]
    public List<string>? Capabilities { get; set; }

    [JsonPropertyName("cgroup")]
    public CgroupFeatures? Cgroup { get; set; }

    [JsonPropertyName("seccomp")]
    public SeccompFeatures? Seccomp { get; set; }

    [JsonPropertyName("apparmor")]
    public EnabledFeature? Apparmor { get; set; }

    [JsonPropertyName("selinux")]
    public EnabledFeature? Selinux { get; set; }

    [JsonPropertyName("intelRdt")]
    public IntelRdtFeatures? IntelRdt { get; set; }

    [JsonPropertyName("memoryPolicy")]
    public MemoryPolicyFeatures? MemoryPolicy { get; set; }

    [JsonPropertyName("mountExtensions")]
    public MountExtensionsFeatures? MountExtensions { get; set; }

    [JsonPropertyName("netDevices")]
    public EnabledFeature? NetDevices { get; set; }
}

/// <summary>
/// A feature reported only as compiled in or not (apparmor, selinux, netDevices, idmap): each is a
/// separate Go type with the single field <c>enabled</c>, and the JSON is identical.
/// </summary>
public sealed class EnabledFeature
{
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }
}

/// <summary>Supported cgroup drivers (specs-go <c>features.Cgroup</c>).</summary>
public sealed class CgroupFeatures
{
    [JsonPropertyName("v1")]
    public bool? V1 { get; set; }

    [JsonPropertyName("v2")]
    public bool? V2 { get; set; }

    [JsonPropertyName("systemd")]
    public bool? Systemd { get; set; }

    [JsonPropertyName("systemdUser")]
    public bool? SystemdUser { get; set; }

    [JsonPropertyName("rdma")]
    public bool? Rdma { get; set; }
}

/// <summary>Seccomp support (specs-go <c>features.Seccomp</c>).</summary>
public sealed class SeccompFeatures
{
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }

    [JsonPropertyName("actions")]
    public List<string>? Actions { get; set; }

    [JsonPropertyName("operators")]
    public List<string>? Operators { get; set; }

    [JsonPropertyName("archs")]
    public List<string>? Archs { get; set; }

    [JsonPropertyName("knownFlags")]
    public List<string>? KnownFlags { get; set; }

    /// <summary>The subset of known flags this kernel and libseccomp support.</summary>
    [JsonPropertyName("supportedFlags")]
    public List<string>? SupportedFlags { get; set; }
}

/// <summary>Intel RDT support (specs-go <c>features.IntelRdt</c>).</summary>
public sealed class IntelRdtFeatures
{
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }

    /// <summary>Whether <c>linux.intelRdt.schemata</c> is implemented.</summary>
    [JsonPropertyName("schemata")]
    public bool? Schemata { get; set; }

    /// <summary>Whether <c>linux.intelRdt.enableMonitoring</c> is implemented.</summary>
    [JsonPropertyName("monitoring")]
    public bool? Monitoring { get; set; }
}

/// <summary>Known memory policy modes and flags (specs-go <c>features.MemoryPolicy</c>).</summary>
public sealed class MemoryPolicyFeatures
{
    [JsonPropertyName("modes")]
    public List<string>? Modes { get; set; }

    [JsonPropertyName("flags")]
    public List<string>? Flags { get; set; }
}

/// <summary>Mount extensions (specs-go <c>features.MountExtensions</c>).</summary>
public sealed class MountExtensionsFeatures
{
    /// <summary>containerd offers Kubernetes user namespaces only when this is enabled.</summary>
    [JsonPropertyName("idmap")]
    public EnabledFeature? IdMap { get; set; }
}

using System.Text.Json.Serialization;

namespace OciRuntime.Oci;

/// <summary>A seccomp filter in libseccomp terms (specs-go <c>LinuxSeccomp</c>).</summary>
public sealed class LinuxSeccomp
{
    /// <summary>An SCMP_ACT_* action, see <see cref="KnownNames.SeccompActions"/>.</summary>
    [JsonPropertyName("defaultAction")]
    public string DefaultAction { get; set; } = "";

    [JsonPropertyName("defaultErrnoRet")]
    public uint? DefaultErrnoRet { get; set; }

    [JsonPropertyName("architectures")]
    public List<string>? Architectures { get; set; }

    [JsonPropertyName("flags")]
    public List<string>? Flags { get; set; }

    /// <summary>Unix socket the SCMP_ACT_NOTIFY fd is sent to.</summary>
    [JsonPropertyName("listenerPath")]
    public string? ListenerPath { get; set; }

    [JsonPropertyName("listenerMetadata")]
    public string? ListenerMetadata { get; set; }

    [JsonPropertyName("syscalls")]
    public List<LinuxSyscall>? Syscalls { get; set; }
}

/// <summary>A rule for a group of syscalls (specs-go <c>LinuxSyscall</c>).</summary>
public sealed class LinuxSyscall
{
    // Not omitempty in Go; the spec requires at least one name.
    [JsonPropertyName("names")]
    public List<string> Names { get; set; } = [];

    [JsonPropertyName("action")]
    public string Action { get; set; } = "";

    [JsonPropertyName("errnoRet")]
    public uint? ErrnoRet { get; set; }

    [JsonPropertyName("args")]
    public List<LinuxSeccompArg>? Args { get; set; }
}

/// <summary>A syscall argument comparison (specs-go <c>LinuxSeccompArg</c>).</summary>
public sealed class LinuxSeccompArg
{
    [JsonPropertyName("index")]
    public uint Index { get; set; }

    [JsonPropertyName("value")]
    public ulong Value { get; set; }

    [JsonPropertyName("valueTwo")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong ValueTwo { get; set; }

    /// <summary>An SCMP_CMP_* operator.</summary>
    [JsonPropertyName("op")]
    public string Op { get; set; } = "";
}

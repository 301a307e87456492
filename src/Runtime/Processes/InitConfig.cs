using System.Text.Json;
using System.Text.Json.Serialization;

namespace OciRuntime.Processes;

/// <summary>The "config" frame: what the init needs besides the spec (or, for exec, the process), which travels in
/// its own frame, written by the Oci model's serializer. Fd numbers of inherited fds travel in the environment, next to the sync fd.</summary>
internal sealed class InitConfig
{
    public const string FifoFdVariable = "_OCIRT_FIFOFD";
    public const string ConsoleFdVariable = "_OCIRT_CONSOLEFD";
    public const string LogLevelVariable = "_OCIRT_LOGLEVEL";
    public const string LogPathVariable = "_OCIRT_LOGPATH";
    public const string LogFormatVariable = "_OCIRT_LOGFORMAT";

    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("bundle")] public string Bundle { get; set; } = "";
    [JsonPropertyName("rootfs")] public string Rootfs { get; set; } = "";
    [JsonPropertyName("noPivot")] public bool NoPivot { get; set; }
    [JsonPropertyName("noNewKeyring")] public bool NoNewKeyring { get; set; }
    [JsonPropertyName("preserveFds")] public int PreserveFds { get; set; }
    /// <summary>True for `exec`: join a running container and run one process, no rootfs work.</summary>
    [JsonPropertyName("exec")] public bool Exec { get; set; }
    /// <summary>Whether the new namespaces include a user namespace (devices are bind-mounted then, not made).</summary>
    [JsonPropertyName("userNamespace")] public bool UserNamespace { get; set; }
    /// <summary>For `exec`, the container's linux.personality: an exec'd process gets its process, not the whole
    /// spec (InitProcess says why).</summary>
    [JsonPropertyName("personality")] public OciRuntime.Oci.LinuxPersonality? Personality { get; set; }

    public static string Serialize(InitOptions options, bool userNamespace, OciRuntime.Oci.LinuxPersonality? personality = null) => JsonSerializer.Serialize(new InitConfig
    {
        Id = options.Id,
        Bundle = options.Bundle,
        Rootfs = options.Rootfs,
        NoPivot = options.NoPivot,
        NoNewKeyring = options.NoNewKeyring,
        PreserveFds = options.PreserveFds,
        Exec = options.Exec,
        UserNamespace = userNamespace,
        Personality = personality,
    }, InitJsonContext.Default.InitConfig);

    public static InitConfig Parse(string json) =>
        JsonSerializer.Deserialize(json, InitJsonContext.Default.InitConfig) ?? throw new InvalidDataException("empty init config");
}

[JsonSerializable(typeof(InitConfig))]
internal sealed partial class InitJsonContext : JsonSerializerContext;

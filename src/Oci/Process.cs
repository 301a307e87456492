using System.Text.Json.Serialization;

namespace OciRuntime.Oci;

/// <summary>
/// The container process (specs-go <c>Process</c>): config.json's <c>process</c>, and the whole
/// document of <c>exec --process</c>.
/// </summary>
public sealed class Process
{
    [JsonPropertyName("terminal")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Terminal { get; set; }

    [JsonPropertyName("consoleSize")]
    public Box? ConsoleSize { get; set; }

    [JsonPropertyName("user")]
    public User User { get; set; } = new();

    [JsonPropertyName("args")]
    public List<string>? Args { get; set; }

    /// <summary>Windows only.</summary>
    [JsonPropertyName("commandLine")]
    public string? CommandLine { get; set; }

    [JsonPropertyName("env")]
    public List<string>? Env { get; set; }

    [JsonPropertyName("cwd")]
    public string Cwd { get; set; } = "";

    [JsonPropertyName("capabilities")]
    public LinuxCapabilities? Capabilities { get; set; }

    [JsonPropertyName("rlimits")]
    public List<PosixRlimit>? Rlimits { get; set; }

    [JsonPropertyName("noNewPrivileges")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool NoNewPrivileges { get; set; }

    [JsonPropertyName("apparmorProfile")]
    public string? ApparmorProfile { get; set; }

    [JsonPropertyName("oomScoreAdj")]
    public int? OomScoreAdj { get; set; }

    [JsonPropertyName("scheduler")]
    public Scheduler? Scheduler { get; set; }

    [JsonPropertyName("selinuxLabel")]
    public string? SelinuxLabel { get; set; }

    [JsonPropertyName("ioPriority")]
    public LinuxIOPriority? IOPriority { get; set; }

    [JsonPropertyName("execCPUAffinity")]
    public CpuAffinity? ExecCpuAffinity { get; set; }
}

/// <summary>A console size (specs-go <c>Box</c>).</summary>
public sealed class Box
{
    [JsonPropertyName("height")]
    public uint Height { get; set; }

    [JsonPropertyName("width")]
    public uint Width { get; set; }
}

/// <summary>The user the process runs as, in the container's user namespace (specs-go <c>User</c>).</summary>
public sealed class User
{
    [JsonPropertyName("uid")]
    public uint Uid { get; set; }

    [JsonPropertyName("gid")]
    public uint Gid { get; set; }

    [JsonPropertyName("umask")]
    public uint? Umask { get; set; }

    [JsonPropertyName("additionalGids")]
    public List<uint>? AdditionalGids { get; set; }

    /// <summary>Windows only.</summary>
    [JsonPropertyName("username")]
    public string? Username { get; set; }
}

/// <summary>The five capability sets (specs-go <c>LinuxCapabilities</c>).</summary>
public sealed class LinuxCapabilities
{
    [JsonPropertyName("bounding")]
    public List<string>? Bounding { get; set; }

    [JsonPropertyName("effective")]
    public List<string>? Effective { get; set; }

    [JsonPropertyName("inheritable")]
    public List<string>? Inheritable { get; set; }

    [JsonPropertyName("permitted")]
    public List<string>? Permitted { get; set; }

    [JsonPropertyName("ambient")]
    public List<string>? Ambient { get; set; }
}

/// <summary>One setrlimit(2) entry (specs-go <c>POSIXRlimit</c>).</summary>
public sealed class PosixRlimit
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonPropertyName("hard")]
    public ulong Hard { get; set; }

    [JsonPropertyName("soft")]
    public ulong Soft { get; set; }
}

/// <summary>sched_setattr(2) attributes (specs-go <c>Scheduler</c>).</summary>
public sealed class Scheduler
{
    [JsonPropertyName("policy")]
    public string Policy { get; set; } = "";

    [JsonPropertyName("nice")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Nice { get; set; }

    [JsonPropertyName("priority")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Priority { get; set; }

    [JsonPropertyName("flags")]
    public List<string>? Flags { get; set; }

    /// <summary>SCHED_DEADLINE runtime, in nanoseconds.</summary>
    [JsonPropertyName("runtime")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong Runtime { get; set; }

    [JsonPropertyName("deadline")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong Deadline { get; set; }

    [JsonPropertyName("period")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong Period { get; set; }
}

/// <summary>ioprio_set(2) class and level (specs-go <c>LinuxIOPriority</c>).</summary>
public sealed class LinuxIOPriority
{
    [JsonPropertyName("class")]
    public string Class { get; set; } = "";

    [JsonPropertyName("priority")]
    public int Priority { get; set; }
}

/// <summary>
/// CPU affinity of an exec'd process (specs-go <c>CPUAffinity</c>): <c>initial</c> applies while it
/// joins the container, <c>final</c> just before execve. Both are cpuset lists such as "0-3,7".
/// </summary>
public sealed class CpuAffinity
{
    [JsonPropertyName("initial")]
    public string? Initial { get; set; }

    [JsonPropertyName("final")]
    public string? Final { get; set; }
}

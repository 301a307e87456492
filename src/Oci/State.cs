using System.Globalization;
using System.Text.Json.Serialization;

namespace OciRuntime.Oci;

/// <summary>Container status strings of the runtime-spec state.</summary>
public static class ContainerStatus
{
    /// <summary>Only seen while <c>create</c> runs (youki reports it; runc and crun never do).</summary>
    public const string Creating = "creating";
    public const string Created = "created";
    public const string Running = "running";
    /// <summary>Not in the runtime-spec, but runc reports it and podman accepts it.</summary>
    public const string Paused = "paused";
    public const string Stopped = "stopped";
}

/// <summary>
/// The runtime-spec state (specs-go <c>State</c>): what hooks read on stdin and what a seccomp agent
/// receives inside <see cref="ContainerProcessState"/>.
/// </summary>
public sealed class State
{
    [JsonPropertyName("ociVersion")]
    public string OciVersion { get; set; } = "";

    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("status")]
    public string Status { get; set; } = "";

    [JsonPropertyName("pid")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Pid { get; set; }

    [JsonPropertyName("bundle")]
    public string Bundle { get; set; } = "";

    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }
}

/// <summary>
/// What the runtime sends to a seccomp listener along with the notify fd (specs-go
/// <c>ContainerProcessState</c>).
/// </summary>
public sealed class ContainerProcessState
{
    [JsonPropertyName("ociVersion")]
    public string OciVersion { get; set; } = "";

    /// <summary>Names of the fds passed with SCM_RIGHTS, in order ("seccompFd").</summary>
    [JsonPropertyName("fds")]
    public List<string>? Fds { get; set; }

    [JsonPropertyName("pid")]
    public int Pid { get; set; }

    [JsonPropertyName("metadata")]
    public string? Metadata { get; set; }

    [JsonPropertyName("state")]
    public State State { get; set; } = new();
}

/// <summary>
/// The object runc prints for <c>state</c> and, in an array, for <c>list --format json</c>
/// (runc's <c>containerState</c>; go-runc and podman decode it). Field order is runc's.
/// </summary>
public sealed class ContainerState
{
    [JsonPropertyName("ociVersion")]
    public string OciVersion { get; set; } = "";

    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    /// <summary>Always written; 0 once the container has stopped.</summary>
    [JsonPropertyName("pid")]
    public int Pid { get; set; }

    [JsonPropertyName("status")]
    public string Status { get; set; } = "";

    [JsonPropertyName("bundle")]
    public string Bundle { get; set; } = "";

    [JsonPropertyName("rootfs")]
    public string Rootfs { get; set; } = "";

    /// <summary>RFC 3339 with nanoseconds, UTC; see <see cref="FormatCreated(DateTime)"/>.</summary>
    [JsonPropertyName("created")]
    public string Created { get; set; } = "";

    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }

    /// <summary>runc prints "" from <c>state</c> and the user name from <c>list</c>.</summary>
    [JsonPropertyName("owner")]
    public string Owner { get; set; } = "";

    /// <summary>Formats a time the way Go marshals a UTC time.Time (RFC3339Nano: trailing zeros dropped).</summary>
    public static string FormatCreated(DateTime time)
    {
        DateTime utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
        long ticksIntoSecond = utc.Ticks % TimeSpan.TicksPerSecond;
        return FormatRfc3339Nano(utc.AddTicks(-ticksIntoSecond), (int)(ticksIntoSecond * 100));
    }

    /// <summary>The same, from nanoseconds since the Unix epoch, keeping all nine digits.</summary>
    public static string FormatCreated(long unixNanoseconds)
    {
        long seconds = Math.DivRem(unixNanoseconds, 1_000_000_000L, out long nanos);
        if (nanos < 0)
        {
            seconds--;
            nanos += 1_000_000_000L;
        }
        return FormatRfc3339Nano(DateTime.UnixEpoch.AddSeconds(seconds), (int)nanos);
    }

    private static string FormatRfc3339Nano(DateTime wholeSecondUtc, int nanoseconds)
    {
        string head = wholeSecondUtc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        if (nanoseconds == 0)
            return head + "Z";
        string fraction = nanoseconds.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
        return head + "." + fraction + "Z";
    }
}

namespace OciRuntime.Logging;

/// <summary>--log-format: logrus-compatible text or JSON lines (containerd and podman read the JSON form).</summary>
internal enum LogFormat
{
    Text,
    Json,
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace OciRuntime.Logging;

/// <summary>Formats one log record the way runc's logrus does, so engines that parse runc's --log file parse ours:
/// JSON <c>{"level":"error","msg":"...","time":"2006-01-02T15:04:05Z"}</c> (keys sorted, as logrus emits them) or
/// text <c>time="..." level=error msg="..."</c>.</summary>
internal static class LogLineWriter
{
    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        _ => "fatal",
    };

    public static string Format(LogFormat format, LogLevel level, string message, DateTimeOffset time)
    {
        string stamp = time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return format == LogFormat.Json ? Json(level, message, stamp) : Text(level, message, stamp);
    }

    private static string Json(LogLevel level, string message, string stamp)
    {
        var buffer = new MemoryStream(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("level", LevelName(level));
            writer.WriteString("msg", message);
            writer.WriteString("time", stamp);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Text(LogLevel level, string message, string stamp)
    {
        var line = new StringBuilder(64 + message.Length);
        line.Append("time=\"").Append(stamp).Append("\" level=").Append(LevelName(level)).Append(" msg=");
        AppendQuoted(line, message);
        return line.ToString();
    }

    // logrus quotes a value with Go's %q: backslash escapes for quotes, backslashes and control characters.
    private static void AppendQuoted(StringBuilder line, string value)
    {
        line.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': line.Append("\\\""); break;
                case '\\': line.Append("\\\\"); break;
                case '\n': line.Append("\\n"); break;
                case '\t': line.Append("\\t"); break;
                case '\r': line.Append("\\r"); break;
                default:
                    if (char.IsControl(c))
                        line.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else
                        line.Append(c);
                    break;
            }
        }
        line.Append('"');
    }
}

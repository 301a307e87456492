using Microsoft.Extensions.Logging;
using OciRuntime.Logging;

namespace OciRuntime.Tests.Logging;

/// <summary>The log lines must be the shape runc's logrus writes: containerd and podman read the last error line.</summary>
public sealed class LogLineWriterTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 24, 23, 43, 33, TimeSpan.Zero);

    [Fact]
    public void JsonMatchesLogrus() =>
        Assert.Equal("""{"level":"error","msg":"container does not exist","time":"2026-11-24T23:43:33Z"}""",
            LogLineWriter.Format(LogFormat.Json, LogLevel.Error, "container does not exist", Time));

    [Fact]
    public void TextMatchesLogrus() =>
        Assert.Equal("time=\"2026-11-24T23:43:33Z\" level=error msg=\"container does not exist\"",
            LogLineWriter.Format(LogFormat.Text, LogLevel.Error, "container does not exist", Time));

    [Fact]
    public void TextQuotesLikeGo() =>
        Assert.Equal("time=\"2026-11-24T23:43:33Z\" level=warning msg=\"a \\\"b\\\"\\nc\"",
            LogLineWriter.Format(LogFormat.Text, LogLevel.Warning, "a \"b\"\nc", Time));

    [Fact]
    public void JsonEscapesAndStaysOneLine()
    {
        string line = LogLineWriter.Format(LogFormat.Json, LogLevel.Debug, "x\ny \"z\"", Time);
        Assert.DoesNotContain('\n', line);
        using var doc = System.Text.Json.JsonDocument.Parse(line);
        Assert.Equal("x\ny \"z\"", doc.RootElement.GetProperty("msg").GetString());
        Assert.Equal("debug", doc.RootElement.GetProperty("level").GetString());
    }
}

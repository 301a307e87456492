using Microsoft.Extensions.Logging;

namespace OciRuntime.Logging;

/// <summary>The process-wide logger. Configured once from the global flags (--log, --log-format, --debug) before a
/// command runs; until then warnings and errors go to stderr as text. A short-lived CLI needs no DI container.</summary>
internal static class Log
{
    private static ILoggerFactory? _factory;
    private static ILogger _logger = Create(Console.Error, LogFormat.Text, LogLevel.Warning, out _factory);

    /// <summary>True when --log names a file: errors then also go to stderr, where a person sees them.</summary>
    public static bool ToFile { get; private set; }

    public static void Configure(string? path, LogFormat format, bool debug)
    {
        TextWriter destination = Console.Error;
        if (path is not null)
        {
            // Append, like runc: the engines keep one log file per container across create/start/delete.
            var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            destination = new StreamWriter(stream) { AutoFlush = false };
        }
        _factory?.Dispose();
        _logger = Create(destination, format, debug ? LogLevel.Debug : LogLevel.Information, out _factory);
        ToFile = path is not null;
    }

    public static bool DebugEnabled => _logger.IsEnabled(LogLevel.Debug);

    public static void Debug(string message) => _logger.Log(LogLevel.Debug, message);
    public static void Info(string message) => _logger.Log(LogLevel.Information, message);
    public static void Warn(string message) => _logger.Log(LogLevel.Warning, message);
    public static void Error(string message) => _logger.Log(LogLevel.Error, message);

    /// <summary>Flushes and closes the destination; called once before the process exits.</summary>
    public static void Close() => _factory?.Dispose();

    private static ILogger Create(TextWriter destination, LogFormat format, LogLevel minimum, out ILoggerFactory factory)
    {
        factory = LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(minimum);
            builder.AddProvider(new LineLoggerProvider(destination, format, minimum));
        });
        return factory.CreateLogger("ocirt");
    }
}

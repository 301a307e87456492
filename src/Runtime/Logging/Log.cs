using Microsoft.Extensions.Logging;
using OciRuntime.Linux.Syscalls;

namespace OciRuntime.Logging;

/// <summary>The process-wide logger. The global flags (--log, --log-format, --debug) are recorded once before a
/// command runs; the logger itself is built on the first line logged, because every ocirt call is a fresh process
/// and most successful commands log nothing. Until configured, warnings and errors go to stderr as text.</summary>
internal static class Log
{
    private static string? _path;
    private static LogFormat _format = LogFormat.Text;
    private static LogLevel _minimum = LogLevel.Warning;
    private static ILoggerFactory? _factory;
    private static ILogger? _logger;
    private static readonly Lock Gate = new();

    /// <summary>True when --log names a file: errors then also go to stderr, where a person sees them.</summary>
    public static bool ToFile => _path is not null;

    public static void Configure(string? path, LogFormat format, bool debug)
    {
        Close();
        // Absolute now: create changes directory to the bundle before anything is logged.
        _path = path is null ? null : Path.GetFullPath(path);
        _format = format;
        _minimum = debug ? LogLevel.Debug : LogLevel.Information;
    }

    public static bool DebugEnabled => _minimum <= LogLevel.Debug;

    /// <summary>The --log-format in force, which a container's init writing to the same file must use too.</summary>
    public static LogFormat Format => _format;

    public static void Debug(string message) => Write(LogLevel.Debug, message);
    public static void Info(string message) => Write(LogLevel.Information, message);
    public static void Warn(string message) => Write(LogLevel.Warning, message);
    public static void Error(string message) => Write(LogLevel.Error, message);

    /// <summary>Flushes and closes the destination; called once before the process exits.</summary>
    public static void Close()
    {
        _factory?.Dispose();
        _factory = null;
        _logger = null;
    }

    private static void Write(LogLevel level, string message)
    {
        if (level < _minimum)
            return;
        try
        {
            // Lines come from more than one thread (the sealed copy of the binary marks its phase on its own thread).
            lock (Gate)
                _logger ??= Create();
            _logger.Log(level, message);
        }
        catch (Exception e) when (e is IOException or AggregateException or UnauthorizedAccessException)
        {
            // The destination itself failed (no fd left for stderr's copy, a full disk): there is nowhere left to
            // say so, and a crash dump would only hide the exit code.
        }
    }

    private static ILogger Create()
    {
        TextWriter destination = Console.Error;
        if (_path is not null)
        {
            // Append, like runc: the engines keep one log file per container across create/start/delete. O_APPEND,
            // not FileMode.Append (which only seeks to the end once): the container's init writes to the same file
            // while the parent does, and each line must land after the other's instead of over it.
            var handle = Libc.Open(_path, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_APPEND, 0b110_100_100);
            destination = new StreamWriter(new FileStream(handle, FileAccess.Write, bufferSize: 0)) { AutoFlush = false };
        }
        var minimum = _minimum;
        var format = _format;
        // The factory itself, not LoggerFactory.Create: that builds a dependency-injection container first, which
        // took 1.1 ms of every process that logs a line (and skewed the --debug phase times by as much).
        _factory = new LoggerFactory([new LineLoggerProvider(destination, format, minimum)], new LoggerFilterOptions { MinLevel = minimum });
        return _factory.CreateLogger("ocirt");
    }
}

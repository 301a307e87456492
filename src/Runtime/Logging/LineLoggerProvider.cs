using Microsoft.Extensions.Logging;

namespace OciRuntime.Logging;

/// <summary>The project's one logging provider: every record becomes one line in the --log destination (a file,
/// or stderr without --log). Categories are not printed: runc's lines carry none either.</summary>
internal sealed class LineLoggerProvider(TextWriter destination, LogFormat format, LogLevel minimum) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new LineLogger(this);

    public void Dispose() => destination.Flush();

    private void Write(LogLevel level, string message)
    {
        string line = LogLineWriter.Format(format, level, message, DateTimeOffset.UtcNow);
        lock (_gate)
        {
            destination.WriteLine(line);
            destination.Flush();
        }
    }

    private sealed class LineLogger(LineLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= owner._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                owner.Write(logLevel, formatter(state, exception));
        }
    }

    private readonly LogLevel _minimum = minimum;
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FlexPower.Tests.Support;

/// <summary>Keeps every message logged through it (Debug and up), for tests that assert which way the code went.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> messages = new();

    public IReadOnlyList<string> MessagesOf<T>() => [.. messages.Where(m => m.Category == typeof(T).FullName).Select(m => m.Message)];

    /// <summary>Every message logged at <paramref name="level"/> or above, whatever its category.</summary>
    public IReadOnlyList<string> MessagesAtLeast(LogLevel level) => [.. messages.Where(m => m.Level >= level).Select(m => m.Message)];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, messages);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) messages.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}

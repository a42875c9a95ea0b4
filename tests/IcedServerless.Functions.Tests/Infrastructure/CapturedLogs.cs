using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IcedServerless.Functions.Tests.Infrastructure;

/// <summary>Records every log line with its scopes' key/value pairs, so tests can check what the service logs.</summary>
internal sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Scope)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var scope = new Dictionary<string, object?>();
            owner._scopes.ForEachScope(
                (value, target) =>
                {
                    if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (k, v) in pairs)
                        {
                            target[k] = v;
                        }
                    }
                },
                scope);
            owner.Entries.Enqueue((logLevel, formatter(state, exception) + (exception is null ? string.Empty : " | " + exception), scope));
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AiSales.Tests.Channels;

/// <summary>
/// Keeps every formatted log line (with its structured values, the values of the scopes around it and the exception
/// text) at every level: to search for leaked secrets and to check which ids a line carries.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Capturing(string category, CapturingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = Pairs(state);
            var scopes = new List<string>();
            provider._scopes.ForEachScope((scope, list) => list.Add(Pairs(scope)), scopes);
            provider._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{structured}] scopes [{string.Join(";", scopes)}] {exception}");
        }

        private static string Pairs(object? state) => state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}"))
            : state is IEnumerable<KeyValuePair<string, object>> plain ? string.Join(";", plain.Select(p => $"{p.Key}={p.Value}")) : $"{state}";
    }
}

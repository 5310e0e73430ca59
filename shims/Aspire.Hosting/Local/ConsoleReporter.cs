using System.Text;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Local;

/// <summary>
/// The AppHost's console: each resource's output prefixed with [name] (and kept in .aisales/logs/&lt;name&gt;.log),
/// plus a table of resources redrawn on every change when stdout is a terminal, or one line per change otherwise.
/// </summary>
internal sealed class ConsoleReporter(string logDirectory, bool echoLogs, bool showStatus) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StreamWriter> _logs = new(StringComparer.Ordinal);
    private readonly bool _interactive = !Console.IsOutputRedirected;
    private int _tableLines;

    public void Info(string message)
    {
        if (!showStatus) return;
        lock (_gate) { Console.WriteLine($"apphost: {message}"); _tableLines = 0; }
    }

    /// <summary>A failure the user must see: always written (standard error), whatever AppHost:ShowStatus says.</summary>
    public void Error(string message)
    {
        lock (_gate) { Console.Error.WriteLine($"apphost: error: {message}"); _tableLines = 0; }
    }

    public void Line(string resource, string line)
    {
        lock (_gate)
        {
            if (!_logs.TryGetValue(resource, out var log))
            {
                Directory.CreateDirectory(logDirectory);
                log = new StreamWriter(new FileStream(Path.Combine(logDirectory, resource + ".log"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
                _logs[resource] = log;
            }
            log.WriteLine(line);
            if (!echoLogs) return;
            Console.WriteLine($"[{resource}] {line}");
            _tableLines = 0;
        }
    }

    public void Changed(ResourceSnapshot changed, IReadOnlyList<ResourceSnapshot> all)
    {
        if (!showStatus) return;
        lock (_gate)
        {
            if (!_interactive)
            {
                var url = changed.Endpoints.Count > 0 ? $" {changed.Endpoints[0]}" : "";
                var pid = changed.Pid is { } p ? $" pid={p}" : "";
                var why = changed.Message is { } m ? $" ({m})" : "";
                Console.WriteLine($"apphost: {changed.Name} -> {changed.State}{url}{pid} restarts={changed.Restarts}{why}");
                return;
            }
            var table = Render(all);
            // Redraw in place only when nothing was printed since the last table; otherwise print a fresh one below.
            if (_tableLines > 0) Console.Write($"\x1b[{_tableLines}A\x1b[J");
            Console.Write(table);
            _tableLines = table.Count(c => c == '\n');
        }
    }

    private static string Render(IReadOnlyList<ResourceSnapshot> all)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{"RESOURCE",-12} {"STATE",-9} {"URL",-28} {"PID",-8} RESTARTS");
        foreach (var s in all)
            sb.AppendLine($"{s.Name,-12} {s.State,-9} {(s.Endpoints.Count > 0 ? s.Endpoints[0] : ""),-28} {s.Pid?.ToString() ?? "",-8} {s.Restarts}");
        return sb.ToString();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var log in _logs.Values) log.Dispose();
            _logs.Clear();
        }
    }
}

using System.Reflection;
using System.Text.Json;

namespace Wolverine;

/// <summary>Everything configured inside <c>UseWolverine(opts => ...)</c>.</summary>
public sealed class WolverineOptions
{
    private readonly Dictionary<Type, MessageTypeSettings> _messageTypes = [];

    /// <summary>Scanned for handlers; the entry assembly unless set (set it in tests).</summary>
    public Assembly? ApplicationAssembly { get; set; } = Assembly.GetEntryAssembly();

    public HandlerDiscovery Discovery { get; } = new();
    public WolverinePolicies Policies { get; } = new();
    public DurabilitySettings Durability { get; } = new();

    /// <summary>Message bodies are stored as jsonb using these options.</summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);

    /// <summary>Node description stored in the nodes table (defaults to machine/process).</summary>
    public string ServiceName { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Per message type settings: <c>opts.Queue&lt;OrderPlaced&gt;().Priority(5).MaximumAttempts(3)</c>.</summary>
    public MessageTypeSettings Queue<TMessage>() => Queue(typeof(TMessage));

    public MessageTypeSettings Queue(Type messageType)
    {
        if (!_messageTypes.TryGetValue(messageType, out var settings))
            _messageTypes[messageType] = settings = new MessageTypeSettings();
        return settings;
    }

    internal MessageTypeSettings SettingsFor(Type messageType) =>
        _messageTypes.TryGetValue(messageType, out var s) ? s : MessageTypeSettings.Defaults;

    internal Postgresql.PostgresqlSettings? Persistence { get; set; }
}

public sealed class MessageTypeSettings
{
    internal static readonly MessageTypeSettings Defaults = new();

    internal int PriorityValue { get; private set; }
    internal int? MaximumAttemptsValue { get; private set; }

    /// <summary>Higher runs first (smallint). Default 0.</summary>
    public MessageTypeSettings Priority(int priority) { PriorityValue = priority; return this; }

    /// <summary>Caps the default retry schedule and lease-expiry redeliveries.</summary>
    public MessageTypeSettings MaximumAttempts(int attempts) { MaximumAttemptsValue = attempts; return this; }
}

public sealed class HandlerDiscovery
{
    internal List<Assembly> Assemblies { get; } = [];
    internal List<Type> Types { get; } = [];
    internal bool ConventionalDiscoveryDisabled { get; private set; }

    public HandlerDiscovery IncludeAssembly(Assembly assembly) { Assemblies.Add(assembly); return this; }

    /// <summary>Adds one handler type explicitly (works with conventional discovery off).</summary>
    public HandlerDiscovery IncludeType<T>() => IncludeType(typeof(T));

    public HandlerDiscovery IncludeType(Type type) { Types.Add(type); return this; }

    /// <summary>Only explicitly included types become handlers (test hosts use this for isolation).</summary>
    public HandlerDiscovery DisableConventionalDiscovery() { ConventionalDiscoveryDisabled = true; return this; }
}

public enum DurabilityMode
{
    /// <summary>Several nodes share the queue; expired leases are recovered by the sweep.</summary>
    Balanced,

    /// <summary>Only this node consumes: on start every running job is returned to waiting at once.</summary>
    Solo,

    /// <summary>No listener: sends are still persisted, InvokeAsync works, nothing is consumed here.</summary>
    MediatorOnly,
}

public sealed class DurabilitySettings
{
    public DurabilityMode Mode { get; set; } = DurabilityMode.Balanced;

    /// <summary>Concurrent handler executions on this node.</summary>
    public int WorkerCount { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>Most rows taken per fetch; never more than free handler slots (no job is leased ahead of a handler).</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// How long the completer waits after the first finished job for others to delete with it. A finished job is already
    /// done (its effects committed), so the wait costs nothing a user sees; it turns one DELETE transaction (and WAL flush)
    /// per job into one per batch under load. Zero deletes each as soon as it finishes.
    /// </summary>
    public TimeSpan CompletionBatchWindow { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Fallback poll when no NOTIFY arrives; also the latency bound for scheduled jobs.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A running job whose lease lapses (node died) is returned to waiting by any node.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lease renewal, node heartbeat and queue depth refresh.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often expired leases are swept back to waiting.</summary>
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Dead letters older than this are purged in bounded batches.</summary>
    public TimeSpan DeadLetterRetention { get; set; } = TimeSpan.FromDays(10);

    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(1);
    public int CleanupBatchSize { get; set; } = 5000;

    /// <summary>Time allowed for in-flight handlers at shutdown before they are cancelled.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Default cap on attempts when a message type sets none.</summary>
    public int DefaultMaximumAttempts { get; set; } = 6;

    /// <summary>
    /// Crash-loop guard: a job whose lease expired this many times (its process died while running it, every time) is
    /// dead-lettered on the next lease. Counted apart from attempts, which only the handler's own failures spend: a
    /// Worker killed over and over from outside (deploys, OOM elsewhere, a fault campaign) must not use up the retries of
    /// whatever it happened to be running — while a job that kills its process each time still stops after this many.
    /// </summary>
    public int MaximumLeaseExpiries { get; set; } = 12;
}

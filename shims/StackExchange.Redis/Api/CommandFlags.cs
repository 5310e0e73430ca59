namespace StackExchange.Redis;

/// <summary>
/// Per-command flags. Accepted for API compatibility; this substitute has one connection to one
/// server and always waits for the reply, so routing and fire-and-forget flags change nothing.
/// </summary>
[Flags]
public enum CommandFlags
{
    None = 0,
    PreferMaster = 0,
    HighPriority = 1,
    FireAndForget = 2,
    DemandMaster = 4,
    PreferReplica = 8,
    DemandReplica = 12,
    NoRedirect = 64,
    NoScriptCache = 512,
}

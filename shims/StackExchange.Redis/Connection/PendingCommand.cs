namespace StackExchange.Redis.Connection;

/// <summary>
/// A command on its way to the server and the caller waiting for its reply. Continuations run
/// asynchronously so a slow caller can never stall the single reader loop ("thread theft").
/// </summary>
internal sealed class PendingCommand(string name, IReadOnlyList<byte[]> parts, int database = -1)
{
    private readonly TaskCompletionSource<RedisResult> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; } = name;
    public IReadOnlyList<byte[]> Parts { get; } = parts;

    /// <summary>The logical database the command must run in; -1 for connection-level commands (AUTH, PING during connect).</summary>
    public int Database { get; } = database;
    public Task<RedisResult> Reply => _reply.Task;

    /// <summary>True once written to the socket: a timeout then means the server is slow, not that we never sent it.</summary>
    public bool Sent { get; set; }

    public void Complete(RedisResult result)
    {
        if (result.ErrorMessage is { } error) _reply.TrySetException(new RedisServerException(error));
        else _reply.TrySetResult(result);
    }

    public void Fail(Exception error) => _reply.TrySetException(error);

    public static PendingCommand Create(string name, IEnumerable<RedisValue> args, int database = -1) =>
        new(name, [System.Text.Encoding.ASCII.GetBytes(name), .. args.Select(a => a.ToBytes())], database);
}

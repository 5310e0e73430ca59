using System.Diagnostics;
using Npgsql;
using Wolverine;

namespace AiSales.Tests.Messaging;

public sealed record Ping(int Number);
public sealed record Pong(int Number);
public sealed record Echo(string Text);
public sealed record Unhandled(int Number);
public sealed record Fanned(int Number);
public sealed record AlwaysFails(int Number);
public sealed record DiscardMe(int Number);
public sealed record Counted(int Number);
public sealed record AddNumbers(int A, int B);
public sealed record Flaky(int Number);
public sealed record Traced(int Number);

public sealed class FlakyException(string message) : Exception(message);

public class PingHandler(Recorder recorder)
{
    // Cascades a Pong and, through OutgoingMessages, a delayed-by-zero Echo.
    public OutgoingMessages Handle(Ping ping)
    {
        recorder.Record(ping, "ping");
        return [new Pong(ping.Number), new Echo($"ping {ping.Number}")];
    }
}

public class PongHandler
{
    public static Task HandleAsync(Pong pong, Recorder recorder, CancellationToken ct)
    {
        recorder.Record(pong, "pong");
        return Task.CompletedTask;
    }
}

public class EchoConsumer(Recorder recorder)
{
    public void Consume(Echo echo, Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope.CorrelationId);
        recorder.Record(echo, "echo");
    }
}

public class FirstFannedHandler(Recorder recorder)
{
    public void Handle(Fanned m) => recorder.Record(m, "fanned-1");
}

public class SecondFannedHandler(Recorder recorder)
{
    public void Handle(Fanned m) => recorder.Record(m, "fanned-2");
}

public class AlwaysFailsHandler(Recorder recorder)
{
    public void Handle(AlwaysFails m)
    {
        recorder.Record(m, "fails");
        if (recorder.Fail) throw new FlakyException($"boom {m.Number}");
    }
}

public class DiscardMeHandler(Recorder recorder)
{
    public void Handle(DiscardMe m)
    {
        recorder.Record(m, "discard");
        throw new ArgumentException("not worth retrying");
    }
}

public class AddNumbersHandler
{
    public int Handle(AddNumbers m) => m.A + m.B;
}

public class FlakyHandler(Recorder recorder)
{
    // Fails on the first two calls, then succeeds: exercises inline cooldown retries.
    public Task<Pong> HandleAsync(Flaky m)
    {
        recorder.Record(m, "flaky");
        return recorder.CallsFor("flaky") <= 2 ? throw new FlakyException("transient") : Task.FromResult(new Pong(m.Number));
    }
}

/// <summary>Counts into a table with a unique key: a duplicate delivery would fail loudly.</summary>
public class CountedHandler(NpgsqlDataSource db, Recorder recorder)
{
    public async Task HandleAsync(Counted m, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("INSERT INTO handled (number) VALUES ($1)");
        cmd.Parameters.AddWithValue(m.Number);
        await cmd.ExecuteNonQueryAsync(ct);
        recorder.Record(m, "counted");
    }
}

public class TracedHandler(Recorder recorder)
{
    public void Handle(Traced m) => recorder.Record(m, "traced");
}

public sealed record Gate(int Number);

public class GateHandler(Recorder recorder)
{
    // Never finishes on its own: only host shutdown (drain timeout) cancels it.
    public async Task HandleAsync(Gate m, CancellationToken ct)
    {
        recorder.Record(m, "gate");
        await Task.Delay(Timeout.Infinite, ct);
    }
}

/// <summary>Enqueues one <see cref="Link"/> through the outbox in its own transaction; <see cref="Mode"/> says how that ends.</summary>
public sealed record Chain(int Number, string Mode);
public sealed record Link(int Number);

public class ChainHandler(NpgsqlDataSource db, Wolverine.Postgresql.IPostgresqlOutbox outbox, Recorder recorder)
{
    public async Task HandleAsync(Chain m, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Same deduplication id every time: a waiting Link with it is superseded by this one.
        var enlistment = await outbox.EnqueueAsync(conn, tx, [new Link(m.Number)], new DeliveryOptions { DeduplicationId = "link" }, ct);
        recorder.Record(m, $"claimed:{enlistment.ClaimedLocally}");
        if (m.Mode == "rollback")
        {
            await tx.RollbackAsync(ct);
            return;
        }
        await tx.CommitAsync(ct);
        // What the committed row looks like before the link runs: leased to this node already, or waiting for a fetch.
        await using var row = db.CreateCommand("SELECT status, owner_node IS NOT NULL, attempts FROM queue.jobs WHERE message_type = $1");
        row.Parameters.AddWithValue(typeof(Link).FullName!);
        await using (var reader = await row.ExecuteReaderAsync(ct))
            if (await reader.ReadAsync(ct)) recorder.Record(m, $"row:{reader.GetString(0)}:{reader.GetBoolean(1)}:{reader.GetInt32(2)}");
        if (m.Mode == "commit") enlistment.Committed();
    }
}

public class LinkHandler(Recorder recorder)
{
    public void Handle(Link m, Envelope envelope) => recorder.Record(m, $"link:attempt{envelope.Attempts}");
}

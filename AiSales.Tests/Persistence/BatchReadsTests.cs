using AiSales.Core.Persistence;
using Npgsql;

namespace AiSales.Tests.Persistence;

/// <summary>
/// Reads of different owners in one batch: each gets its own result set whatever the others return (no rows, several
/// rows, one row), and a statement that returns no rows fails the batch instead of shifting the results.
/// </summary>
public sealed class BatchReadsTests : IAsyncLifetime
{
    private PersistenceDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PersistenceDatabase.CreateAsync(migrate: false);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static BatchRead<List<int>> Numbers(int from, int to) => new(
        PositionalSql.Command("SELECT n FROM generate_series($1::int, $2::int) n ORDER BY n", from, to),
        async (reader, ct) =>
        {
            var numbers = new List<int>();
            while (await reader.ReadAsync(ct)) numbers.Add(reader.GetInt32(0));
            return numbers;
        });

    private static BatchRead<string?> Word(string? word) => new(
        PositionalSql.Command("SELECT $1::text WHERE $1::text IS NOT NULL", word),
        async (reader, ct) => await reader.ReadAsync(ct) ? reader.GetString(0) : null);

    [Fact]
    public async Task Each_read_gets_its_own_result_set_in_one_batch()
    {
        await using var conn = await _db.DataSource.OpenConnectionAsync();
        var reads = new BatchReads();
        var missing = reads.Add(Word(null));
        var several = reads.Add(Numbers(3, 6));
        var none = reads.Add(Numbers(5, 4));
        var one = reads.Add(Word("عباية"));
        Assert.Throws<InvalidOperationException>(() => one.Value);

        await reads.ExecuteAsync(conn, null, CancellationToken.None);

        Assert.Null(missing.Value);
        Assert.Equal([3, 4, 5, 6], several.Value);
        Assert.Empty(none.Value);
        Assert.Equal("عباية", one.Value);
    }

    [Fact]
    public async Task A_read_on_its_own_runs_in_the_callers_transaction()
    {
        await using var conn = await _db.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE t (v text) ON COMMIT DROP; INSERT INTO t VALUES ('seen')", conn, tx))
            await create.ExecuteNonQueryAsync();

        var value = await BatchReads.ReadAsync(conn, tx, new BatchRead<string>(PositionalSql.Command("SELECT v FROM t"),
            async (reader, ct) => await reader.ReadAsync(ct) ? reader.GetString(0) : "none"), CancellationToken.None);

        Assert.Equal("seen", value);
    }

    [Fact]
    public async Task A_statement_without_rows_fails_the_batch_instead_of_shifting_the_results()
    {
        await using var conn = await _db.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE t (v int) ON COMMIT DROP", conn, tx))
            await create.ExecuteNonQueryAsync();
        var reads = new BatchReads();
        reads.Add(new BatchRead<int>(PositionalSql.Command("UPDATE t SET v = 1"), (_, _) => Task.FromResult(0)));
        var after = reads.Add(Numbers(1, 2));

        await Assert.ThrowsAsync<InvalidOperationException>(() => reads.ExecuteAsync(conn, tx, CancellationToken.None));
        Assert.Throws<InvalidOperationException>(() => after.Value);
    }
}

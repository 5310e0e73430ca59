using Npgsql;

namespace AiSales.Tests.Infrastructure;

/// <summary>Ad-hoc SQL for assertions and seeding in tests: positional parameters ($1, $2, …), one connection per call.</summary>
public static class TestSql
{
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params object?[] args)
    {
        await using var conn = await OpenAsync(connectionString);
        await using var cmd = Command(conn, sql, args);
        var value = await cmd.ExecuteScalarAsync();
        return value is null or DBNull ? default!
            : value is T typed ? typed
            : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T));
    }

    public static async Task<int> ExecAsync(string connectionString, string sql, params object?[] args)
    {
        await using var conn = await OpenAsync(connectionString);
        await using var cmd = Command(conn, sql, args);
        return await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Every row as column name → value (DBNull as null).</summary>
    public static async Task<List<Dictionary<string, object?>>> RowsAsync(string connectionString, string sql, params object?[] args)
    {
        await using var conn = await OpenAsync(connectionString);
        await using var cmd = Command(conn, sql, args);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        return conn;
    }

    private static NpgsqlCommand Command(NpgsqlConnection conn, string sql, object?[] args)
    {
        var cmd = new NpgsqlCommand(sql, conn);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a ?? DBNull.Value });
        return cmd;
    }
}

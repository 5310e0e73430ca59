using Npgsql;

namespace AiSales.Core.Persistence;

/// <summary>
/// Batch commands with positional parameters ($1, $2, …), the form of every hand-written statement that goes into an
/// <see cref="NpgsqlBatch"/>. Null becomes SQL NULL, its type inferred from where it is used.
/// </summary>
public static class PositionalSql
{
    public static NpgsqlBatchCommand Command(string sql, params object?[] args)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var arg in args) cmd.Parameters.Add(new NpgsqlParameter { Value = arg ?? DBNull.Value });
        return cmd;
    }
}

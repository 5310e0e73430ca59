using System.Text;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using Npgsql;

namespace AiSales.Core.Replies.Leads;

/// <summary>One lead_activities row to write. <paramref name="At"/> null means the database's now().</summary>
public sealed record LeadActivityRow(
    Guid MerchantId, Guid ContactId, LeadActivityKind Kind, string? From, string To, int? Score, string ReasonsJson,
    Guid? MessageId, string Actor, DateTimeOffset? At = null);

/// <summary>
/// Writes a step's activity rows (a reply's journey note, hand-off and lead changes) as ONE multi-row INSERT: each row
/// is a statement less to plan and execute inside the caller's transaction, on the hottest path a customer message
/// takes.
/// </summary>
public static class LeadActivityRows
{
    private const int Columns = 10;

    /// <summary>Null when there is nothing to write.</summary>
    public static NpgsqlBatchCommand? Insert(IReadOnlyList<LeadActivityRow> rows)
    {
        if (rows.Count == 0) return null;
        var sql = new StringBuilder("""
            INSERT INTO lead_activities (merchant_id, contact_id, kind, from_value, to_value, score, reasons, message_id, actor, created_at)
            VALUES
            """);
        var values = new List<object?>(rows.Count * Columns);
        foreach (var row in rows)
        {
            var p = values.Count;
            if (p > 0) sql.Append(',');
            sql.Append($"\n(${p + 1}, ${p + 2}, ${p + 3}, ${p + 4}, ${p + 5}, ${p + 6}, ${p + 7}::jsonb, ${p + 8}, ${p + 9}, COALESCE(${p + 10}::timestamptz, now()))");
            values.AddRange([row.MerchantId, row.ContactId, EnumText<LeadActivityKind>.ToText(row.Kind), row.From, row.To, row.Score,
                row.ReasonsJson, row.MessageId, row.Actor, row.At]);
        }
        return PositionalSql.Command(sql.ToString(), [.. values]);
    }
}

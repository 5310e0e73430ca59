using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Tests.Persistence;

/// <summary>
/// The hot tables' value-list CHECK constraints (migration 0007) accept exactly the values the code writes, and keep the
/// array-literal form that migration introduced: Postgres parses a table's CHECK expressions again on every INSERT and
/// UPDATE statement, and the literal is a single constant where an IN list is one node per value. (That the rewritten
/// constraints still reject other values: <see cref="ConstraintTests"/>.)
/// </summary>
public sealed class CheckConstraintValueListTests
{
    public static TheoryData<string, string[]> Lists => new()
    {
        { "ck_messages_direction", [.. EnumText<MessageDirection>.All] },
        { "ck_messages_author", [.. EnumText<MessageAuthor>.All] },
        { "ck_messages_kind", [.. EnumText<MessageKind>.All] },
        { "ck_messages_status", [.. EnumText<MessageStatus>.All] },
        { "ck_contacts_stage", [.. EnumText<LeadStage>.All] },
        { "ck_contacts_label", [.. EnumText<LeadLabel>.All] },
        { "ck_conversations_status", [.. EnumText<ConversationStatus>.All] },
        { "ck_conversations_owner", [.. EnumText<ConversationOwner>.All] },
        { "ck_outbound_sends_state", [.. EnumText<SendState>.All] },
        { "ck_outbound_sends_messaging_type", [.. EnumText<MessagingType>.All] },
        { "ck_lead_activities_kind", [.. EnumText<LeadActivityKind>.All] },
        { "ck_webhook_deliveries_platform", [.. EnumText<ChannelPlatform>.All] },
        { "ck_webhook_deliveries_status", [.. EnumText<WebhookDeliveryStatus>.All] },
        { "ck_processed_events_platform", [.. EnumText<ChannelPlatform>.All] },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task The_constraint_is_one_array_constant_holding_exactly_the_enum_values(string constraint, string[] expected)
    {
        await using var db = await PersistenceDatabase.CreateAsync(migrate: true);
        await using var cmd = db.DataSource.CreateCommand("""
            SELECT pg_get_constraintdef(oid), (regexp_match(pg_get_constraintdef(oid), '= ANY \(''\{([^}]*)\}''::text\[\]\)\)*$'))[1]
            FROM pg_constraint WHERE conname = $1 AND contype = 'c'
            """);
        cmd.Parameters.Add(new() { Value = constraint });
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"{constraint} is missing");
        var definition = reader.GetString(0);
        Assert.False(reader.IsDBNull(1), $"{constraint} is not a single array literal: {definition}");

        Assert.Equal(expected.Order(StringComparer.Ordinal), reader.GetString(1).Split(',').Order(StringComparer.Ordinal));
    }
}

using System.Text.Json;
using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Tests.Inbound;
using AiSales.Tests.Infrastructure;
using AiSales.Worker.Maintenance;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Pipeline;

/// <summary>Representative payloads and the rows they must produce. Each test gets its own Worker and database
/// (the Meta doc samples reuse placeholder ids, so scenarios must not see each other's rows).</summary>
public sealed class PipelineScenarioTests : IAsyncLifetime
{
    private readonly PipelineHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_host).DisposeAsync();

    private const string IgAccount = "17841400538867190";

    private static string IgText(string mid, string sender, string text, long ts) => $$$"""
        {"object":"instagram","entry":[{"time":{{{ts}}},"id":"{{{IgAccount}}}","messaging":[{"sender":{"id":"{{{sender}}}"},
        "recipient":{"id":"{{{IgAccount}}}"},"timestamp":{{{ts}}},"message":{"mid":"{{{mid}}}","text":"{{{text}}}"}}]}]}
        """;

    private static string WaStatus(string wamid, string status, long ts) => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"880480571844883","changes":[{"field":"messages","value":{
        "messaging_product":"whatsapp","metadata":{"display_phone_number":"43330585569","phone_number_id":"409552778964973"},
        "statuses":[{"id":"{{{wamid}}}","status":"{{{status}}}","timestamp":"{{{ts}}}","recipient_id":"1111111111111"}]}}]}]}
        """;

    private Task<Dictionary<string, object?>> MessageAsync(string externalId) =>
        _host.RowAsync("SELECT * FROM messages WHERE external_id = $1", externalId);

    /// <summary>A message's conversation moves with every change to the message (the conversation's activity time).</summary>
    private Task<DateTime> ConversationUpdatedAtAsync() => _host.ScalarAsync<DateTime>("SELECT updated_at FROM conversations");

    [Fact]
    public async Task Instagram_text_dm_stores_contact_conversation_message_and_schedules_one_reply()
    {
        await _host.DeliverFixtureAsync("instagram_dm_text_real_raw_social_selling.json");

        var msg = await _host.RowAsync("SELECT * FROM messages");
        Assert.Equal("oi", msg["text"]);
        Assert.Equal("text", msg["kind"]);
        Assert.Equal("inbound", msg["direction"]);
        Assert.Equal("customer", msg["author"]);
        Assert.Equal("received", msg["status"]);
        var contact = await _host.RowAsync("SELECT * FROM contacts");
        Assert.Equal("1129842642640637", contact["external_id"]);
        var conv = await _host.RowAsync("SELECT * FROM conversations");
        Assert.Equal("ai", conv["owner"]);
        Assert.Equal(1, conv["unread_count"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1762031146380).UtcDateTime, conv["last_customer_message_at"]);
        var reply = Assert.Single(await QueueWork.HeldAsync<GenerateReply>(_host.Services));
        Assert.Equal(new GenerateReply((Guid)conv["id"]!, (Guid)msg["id"]!), reply.Message);
        Assert.True(reply.DueAt > DateTimeOffset.UtcNow, "the reply waits for the debounce");
    }

    [Fact]
    public async Task Instagram_image_is_stored_with_its_attachment()
    {
        await _host.DeliverFixtureAsync("instagram_dm_image_real_raw_tester.json");

        var msg = await _host.RowAsync("SELECT kind, attachments::text AS attachments FROM messages");
        Assert.Equal("image", msg["kind"]);
        using var json = JsonDocument.Parse((string)msg["attachments"]!);
        Assert.Equal("image", json.RootElement[0].GetProperty("type").GetString());
        Assert.StartsWith("https://lookaside.fbsbx.com/", json.RootElement[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task Story_reply_links_the_story_and_attributes_the_contact()
    {
        await _host.DeliverFixtureAsync("instagram_story_reply_metadocs.json");

        var msg = await MessageAsync("<MESSAGE_ID>");
        Assert.Equal("story_reply", msg["kind"]);
        Assert.Equal("<STORY_ID>", msg["story_id"]);
        var touch = await _host.RowAsync("SELECT first_touch->>'source' AS source, first_touch->>'story_id' AS story FROM contacts");
        Assert.Equal("story", touch["source"]);
        Assert.Equal("<STORY_ID>", touch["story"]);
    }

    [Fact]
    public async Task Story_mention_is_stored_as_such()
    {
        await _host.DeliverFixtureAsync("instagram_story_mention_metadocs.json");

        var msg = await MessageAsync("<MESSAGE_ID>");
        Assert.Equal("story_mention", msg["kind"]);
        Assert.Equal("story", await _host.ScalarAsync<string>("SELECT first_touch->>'source' FROM contacts"));
    }

    [Fact]
    public async Task Comment_on_an_ad_is_stored_with_media_and_parent_and_attributed_to_the_ad()
    {
        await _host.DeliverFixtureAsync("instagram_comment_fb_login_changes_metadocs.json");

        var msg = await MessageAsync("<COMMENT_ID>");
        Assert.Equal("comment", msg["kind"]);
        Assert.Equal("<MEDIA_ID>", msg["media_id"]);
        Assert.Equal("<COMMENT_ID>", msg["comment_id"]);
        Assert.Equal("<PARENT_COMMENT_ID>", msg["reply_to_external_id"]);
        var contact = await _host.RowAsync("SELECT username, first_touch->>'ad_id' AS ad, first_touch->>'comment_id' AS comment FROM contacts");
        Assert.Equal("<INSTAGRAM_USER_USERNAME>", contact["username"]);
        Assert.Equal("<AD_ID>", contact["ad"]);
        Assert.Equal("<COMMENT_ID>", contact["comment"]);
        var reply = Assert.Single(await QueueWork.HeldAsync<GenerateReply>(_host.Services));
        Assert.Equal(await _host.ScalarAsync<Guid>("SELECT id FROM messages WHERE external_id = '<COMMENT_ID>'"), reply.Message.TriggerMessageId);
    }

    [Fact]
    public async Task The_business_own_comment_is_ignored()
    {
        var body = MetaFixturesText("instagram_comment_fb_login_changes_metadocs.json")
            .Replace("\"<INSTAGRAM_USER_SCOPED_ID>\"", "\"<YOUR_APP_USERS_INSTAGRAM_ACCOUNT_ID>\"");
        var id = await _host.DeliverAsync(ChannelPlatform.Instagram, body);

        Assert.Equal("processed", await _host.ScalarAsync<string>("SELECT status FROM webhook_deliveries WHERE id = $1", id));
        Assert.Equal(0L, await _host.ScalarAsync<long>("SELECT count(*) FROM messages"));
        Assert.Empty(await QueueWork.HeldAsync<GenerateReply>(_host.Services));
        Assert.Equal(0L, await QueueWork.PendingAsync(_host.Services, typeof(GenerateReply)));
    }

    [Fact]
    public async Task Reaction_edit_and_unsend_update_the_referenced_message()
    {
        await _host.DeliverFixtureAsync("instagram_story_reply_metadocs.json");
        var stored = await ConversationUpdatedAtAsync();
        await _host.DeliverFixtureAsync("instagram_reaction_metadocs.json");
        var reacted = await _host.RowAsync("SELECT reactions::text AS r FROM messages WHERE external_id = '<MESSAGE_ID>'");
        Assert.Contains("❤️", JsonDocument.Parse((string)reacted["r"]!).RootElement[0].GetProperty("reaction").GetString());
        var afterReaction = await ConversationUpdatedAtAsync();
        Assert.True(afterReaction > stored, "a reaction moves the conversation's updated_at");

        await _host.DeliverFixtureAsync("instagram_message_edit_metadocs.json");
        var edited = await MessageAsync("<MESSAGE_ID>");
        Assert.Equal("<USER_EDITED_MESSAGE>", edited["text"]);
        Assert.NotNull(edited["edited_at"]);
        var afterEdit = await ConversationUpdatedAtAsync();
        Assert.True(afterEdit > afterReaction, "an edit moves the conversation's updated_at");

        await _host.DeliverFixtureAsync("instagram_deleted_message_metadocs.json");
        Assert.NotNull((await MessageAsync("<MESSAGE_ID>"))["deleted_at"]);
        Assert.True(await ConversationUpdatedAtAsync() > afterEdit, "an unsend moves the conversation's updated_at");
        Assert.Equal(1L, await _host.ScalarAsync<long>("SELECT count(*) FROM messages"));
    }

    [Fact]
    public async Task Reaction_to_an_unknown_message_is_recorded_harmlessly()
    {
        var id = await _host.DeliverFixtureAsync("instagram_reaction_metadocs.json");

        Assert.Equal("processed", await _host.ScalarAsync<string>("SELECT status FROM webhook_deliveries WHERE id = $1", id));
        Assert.Equal(1L, await _host.ScalarAsync<long>("SELECT count(*) FROM processed_events WHERE delivery_id = $1", id));
    }

    [Fact]
    public async Task Echo_from_the_inbox_means_a_human_took_over_and_schedules_the_hand_back()
    {
        await _host.DeliverFixtureAsync("instagram_story_reply_metadocs.json");
        var echo = MetaFixturesText("instagram_echo_text_metadocs.json").Replace("<MESSAGE_ID>", "<ECHO_ID>");
        await _host.DeliverAsync(ChannelPlatform.Instagram, echo);

        var msg = await MessageAsync("<ECHO_ID>");
        Assert.Equal("outbound", msg["direction"]);
        Assert.Equal("human", msg["author"]);
        var conv = await _host.RowAsync("SELECT * FROM conversations");
        Assert.Equal("human", conv["owner"]);
        Assert.NotNull(conv["owner_changed_at"]);
        Assert.NotNull(conv["last_human_message_at"]);
        var handBack = Assert.Single(await QueueWork.HeldAsync<HandBackToAi>(_host.Services));
        Assert.True(handBack.DueAt > DateTimeOffset.UtcNow.AddMinutes(25), "hand-back waits for the quiet period (30 min)");
        Assert.Equal((Guid)conv["id"]!, handBack.Message.ConversationId);
        Assert.Equal(1L, await _host.ScalarAsync<long>("SELECT count(*) FROM lead_activities WHERE kind = 'owner_changed' AND to_value = 'human'"));
    }

    [Fact]
    public async Task Echo_of_our_own_send_updates_the_ledger_message_and_keeps_the_ai()
    {
        await _host.DeliverFixtureAsync("instagram_story_reply_metadocs.json");
        var conv = await _host.RowAsync("SELECT id, channel_account_id, merchant_id FROM conversations");
        var messageId = await _host.ScalarAsync<Guid>("""
            INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, status)
            VALUES ($1, $2, $3, 'outbound', 'ai', 'text', 'hello', 'sending') RETURNING id
            """, conv["merchant_id"], conv["id"], conv["channel_account_id"]);
        await _host.ExecAsync("INSERT INTO outbound_sends (merchant_id, message_id, channel_account_id, idempotency_key, state) VALUES ($1, $2, $3, 'send-key-1', 'sending')",
            conv["merchant_id"], messageId, conv["channel_account_id"]);

        var echo = MetaFixturesText("instagram_echo_text_metadocs.json").Replace("<MESSAGE_ID>", "<OUR_MID>")
            .Replace("\"is_echo\"", "\"app_id\": 1234567890, \"metadata\": \"send-key-1\", \"is_echo\"");
        await _host.DeliverAsync(ChannelPlatform.Instagram, echo);

        var msg = await _host.RowAsync("SELECT status, external_id FROM messages WHERE id = $1", messageId);
        Assert.Equal("sent", msg["status"]);
        Assert.Equal("<OUR_MID>", msg["external_id"]);
        Assert.Equal("sent", await _host.ScalarAsync<string>("SELECT state FROM outbound_sends"));
        Assert.Equal("ai", await _host.ScalarAsync<string>("SELECT owner FROM conversations"));
        Assert.Equal(2L, await _host.ScalarAsync<long>("SELECT count(*) FROM messages"));
    }

    [Fact]
    public async Task WhatsApp_text_records_the_contact_name_and_phone()
    {
        await _host.DeliverFixtureAsync("whatsapp_text_bindambc.json");

        var contact = await _host.RowAsync("SELECT display_name, phone, external_id FROM contacts");
        Assert.Equal("Mauricio Binda", contact["display_name"]);
        Assert.Equal("1111111111111", contact["phone"]);
        Assert.Equal("hi everyone!", await _host.ScalarAsync<string>("SELECT text FROM messages"));
    }

    [Fact]
    public async Task WhatsApp_statuses_out_of_order_end_at_the_highest()
    {
        await _host.DeliverFixtureAsync("whatsapp_text_bindambc.json");
        var conv = await _host.RowAsync("SELECT id, channel_account_id, merchant_id FROM conversations");
        await _host.ExecAsync("""
            INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, status, external_id)
            VALUES ($1, $2, $3, 'outbound', 'ai', 'text', 'hello', 'sent', 'wamid.OUT1')
            """, conv["merchant_id"], conv["id"], conv["channel_account_id"]);

        var before = await ConversationUpdatedAtAsync();
        await _host.DeliverAsync(ChannelPlatform.WhatsApp, WaStatus("wamid.OUT1", "read", 1700000003));
        var afterRead = await ConversationUpdatedAtAsync();
        Assert.True(afterRead > before, "a read receipt moves the conversation's updated_at");
        await _host.DeliverAsync(ChannelPlatform.WhatsApp, WaStatus("wamid.OUT1", "delivered", 1700000002));
        await _host.DeliverAsync(ChannelPlatform.WhatsApp, WaStatus("wamid.OUT1", "sent", 1700000001));
        Assert.Equal("read", (await MessageAsync("wamid.OUT1"))["status"]);

        await _host.DeliverAsync(ChannelPlatform.WhatsApp, WaStatus("wamid.OUT1", "failed", 1700000004));
        Assert.Equal("read", (await MessageAsync("wamid.OUT1"))["status"]);
        // Statuses that changed nothing (older than "read") did not wake the inbox either.
        Assert.Equal(afterRead, await ConversationUpdatedAtAsync());
    }

    [Fact]
    public async Task Ad_referral_sets_first_touch_once_and_a_later_ref_link_moves_only_last_touch()
    {
        await _host.DeliverFixtureAsync("instagram_ctd_ad_referral_metadocs.json");
        var first = await _host.RowAsync("SELECT first_touch->>'source' AS s, first_touch->>'ad_id' AS ad FROM contacts");
        Assert.Equal("ad", first["s"]);
        Assert.Equal("<AD_ID>", first["ad"]);
        Assert.NotNull(await _host.ScalarAsync<string>("SELECT referral::text FROM messages"));

        // The doc sample is dated 2017, before the ad click; a ref link opened later moves the last touch.
        var later = MetaFixturesText("instagram_referral_igme_metadocs.json").Replace("1502905976377", "1600000000000");
        await _host.DeliverAsync(ChannelPlatform.Instagram, later);
        var after = await _host.RowAsync("SELECT first_touch->>'ad_id' AS first_ad, last_touch->>'source' AS last_source, last_touch->>'ad_id' AS last_ad FROM contacts");
        Assert.Equal("<AD_ID>", after["first_ad"]);
        Assert.Equal("ref", after["last_source"]);
        Assert.Null(after["last_ad"]);
    }

    [Fact]
    public async Task Same_delivery_three_times_gives_one_message()
    {
        var body = MetaFixtures.Bytes("instagram_dm_text_real_raw_social_selling.json");
        var id = await _host.DeliverAsync(ChannelPlatform.Instagram, body);
        await _host.ProcessAsync(id);
        await _host.ExecAsync("UPDATE webhook_deliveries SET status = 'received' WHERE id = $1", id); // force a full re-run
        await _host.ProcessAsync(id);
        await _host.DeliverAsync(ChannelPlatform.Instagram, body); // Meta's own redelivery: a new row, same bytes

        Assert.Equal(1L, await _host.ScalarAsync<long>("SELECT count(*) FROM messages"));
        Assert.Equal(1L, await _host.ScalarAsync<long>("SELECT count(*) FROM contacts"));
        Assert.Equal(1L, await _host.ScalarAsync<long>("SELECT count(*) FROM conversations"));
        Assert.Equal(1, await _host.ScalarAsync<int>("SELECT unread_count FROM conversations"));
    }

    [Fact]
    public async Task Unknown_account_becomes_one_unroutable_row_and_the_delivery_is_processed()
    {
        var body = IgText("mid.unknown.1", "555", "hello?", 1762031146380).Replace(IgAccount, PipelineHost.UnknownAccount);
        var id = await _host.DeliverAsync(ChannelPlatform.Instagram, body);
        await _host.ExecAsync("UPDATE webhook_deliveries SET status = 'received' WHERE id = $1", id);
        await _host.ProcessAsync(id);

        var row = await _host.RowAsync("SELECT * FROM unroutable_events");
        Assert.Equal(PipelineHost.UnknownAccount, row["recipient_external_id"]);
        Assert.Equal(id, row["delivery_id"]);
        Assert.Equal(1L, await _host.ScalarAsync<long>("SELECT count(*) FROM unroutable_events"));
        Assert.Equal("processed", await _host.ScalarAsync<string>("SELECT status FROM webhook_deliveries WHERE id = $1", id));
        Assert.Equal(0L, await _host.ScalarAsync<long>("SELECT count(*) FROM messages"));
        Assert.Equal(0L, await QueueWork.PendingAsync(_host.Services));
    }

    [Fact]
    public async Task Burst_of_three_messages_gets_one_reply_after_the_last()
    {
        await _host.DeliverAsync(ChannelPlatform.Instagram, IgText("mid.b1", "777", "salam", 1762031146000));
        await _host.DeliverAsync(ChannelPlatform.Instagram, IgText("mid.b2", "777", "bkam", 1762031147000));
        var beforeLast = DateTimeOffset.UtcNow;
        await _host.DeliverAsync(ChannelPlatform.Instagram, IgText("mid.b3", "777", "al qamees", 1762031148000));

        // One reply job per customer message; the last one waits a debounce after the last message.
        var last = await MessageAsync("mid.b3");
        var forLast = Assert.Single(await QueueWork.HeldAsync<GenerateReply>(_host.Services), r => r.Message.TriggerMessageId == (Guid)last["id"]!);
        Assert.True(forLast.DueAt >= beforeLast.AddSeconds(3), "scheduled a debounce after the last message");
        Assert.Equal(3, await _host.ScalarAsync<int>("SELECT unread_count FROM conversations"));

        // The older jobs drop themselves: the burst is answered once, after its last message.
        await Eventually.UntilAsync(async () => await QueueWork.PendingAsync(_host.Services, typeof(GenerateReply)) == 0
            && await _host.ScalarAsync<long>("SELECT count(*) FROM messages WHERE direction = 'outbound' AND author = 'ai'") > 0,
            "the burst's reply jobs ran");
        var replies = await _host.RowsAsync("SELECT created_at FROM messages WHERE direction = 'outbound' AND author = 'ai'");
        var reply = Assert.Single(replies);
        Assert.True((DateTime)reply["created_at"]! > (DateTime)last["created_at"]!, "the reply comes after the last message");
    }

    [Fact]
    public async Task Late_older_message_does_not_move_last_customer_message_back()
    {
        await _host.DeliverAsync(ChannelPlatform.Instagram, IgText("mid.new", "888", "new", 1762031150000));
        await _host.DeliverAsync(ChannelPlatform.Instagram, IgText("mid.old", "888", "old", 1762031100000));

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1762031150000).UtcDateTime,
            await _host.ScalarAsync<DateTime>("SELECT last_customer_message_at FROM conversations"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1762031150000).UtcDateTime,
            await _host.ScalarAsync<DateTime>("SELECT last_customer_message_at FROM contacts"));
    }

    [Fact]
    public async Task Hand_back_happens_only_when_the_human_stayed_quiet()
    {
        await _host.DeliverFixtureAsync("instagram_story_reply_metadocs.json");
        await _host.DeliverAsync(ChannelPlatform.Instagram, MetaFixturesText("instagram_echo_text_metadocs.json").Replace("<MESSAGE_ID>", "<H1>"));
        var conv = await _host.RowAsync("SELECT id, last_human_message_at FROM conversations");
        var convId = (Guid)conv["id"]!;
        var firstHumanAt = new DateTimeOffset((DateTime)conv["last_human_message_at"]!, TimeSpan.Zero);

        // The human wrote again later: the first hand-back must not fire.
        await _host.ExecAsync("UPDATE conversations SET last_human_message_at = last_human_message_at + interval '5 minutes' WHERE id = $1", convId);
        await _host.InvokeAsync(new HandBackToAi(convId, firstHumanAt));
        Assert.Equal("human", await _host.ScalarAsync<string>("SELECT owner FROM conversations"));

        var laterAt = firstHumanAt.AddMinutes(5);
        await _host.InvokeAsync(new HandBackToAi(convId, laterAt));
        Assert.Equal("ai", await _host.ScalarAsync<string>("SELECT owner FROM conversations"));
    }

    [Fact]
    public async Task Retention_deletes_old_processed_deliveries_and_dedupe_rows_only()
    {
        var old = await _host.InsertDeliveryAsync(ChannelPlatform.Instagram, "{}"u8.ToArray());
        var oldUnprocessed = await _host.InsertDeliveryAsync(ChannelPlatform.Instagram, "{}"u8.ToArray());
        var fresh = await _host.InsertDeliveryAsync(ChannelPlatform.Instagram, "{}"u8.ToArray());
        await _host.ExecAsync("UPDATE webhook_deliveries SET status = 'processed', received_at = now() - interval '40 days' WHERE id = $1", old);
        await _host.ExecAsync("UPDATE webhook_deliveries SET received_at = now() - interval '40 days' WHERE id = $1", oldUnprocessed);
        await _host.ExecAsync("UPDATE webhook_deliveries SET status = 'processed' WHERE id = $1", fresh);
        await _host.ExecAsync("INSERT INTO processed_events (platform, event_key, first_seen_at) VALUES ('instagram', 'old', now() - interval '40 days'), ('instagram', 'new', now())");

        var (deliveries, events) = await _host.Services.GetRequiredService<RetentionService>().RunOnceAsync(default);

        Assert.Equal(1, deliveries);
        Assert.Equal(1, events);
        var left = (await _host.RowsAsync("SELECT id FROM webhook_deliveries ORDER BY id")).Select(r => (long)r["id"]!).ToList();
        Assert.Equal([oldUnprocessed, fresh], left);
        Assert.Equal("new", await _host.ScalarAsync<string>("SELECT event_key FROM processed_events"));
    }

    private static string MetaFixturesText(string name) => System.Text.Encoding.UTF8.GetString(MetaFixtures.Bytes(name));
}

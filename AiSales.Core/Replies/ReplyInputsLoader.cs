using AiSales.Core.Conversations;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Offline;
using AiSales.Core.Replies.Turns;
using Npgsql;

namespace AiSales.Core.Replies;

/// <summary>What a GenerateReply handler needs, read in one place: the engine's context, the turn-policy inputs, and ids.</summary>
public sealed record ReplyInputs(
    ReplyContext Context,
    TurnTrigger Trigger,
    ConversationTurnState State,
    TimeSpan HumanQuietPeriod,
    Guid ContactId,
    Guid ChannelAccountId,
    bool AiPaused = false);

/// <summary>
/// Reads a conversation for reply generation (no writes). The burst is every customer text since the last AI/human
/// message, oldest first, joined with new lines — so fragments become one question; the history is the ten messages
/// before it. Everything comes back in ONE round trip (a batch of five statements: conversation head, turn state,
/// recent messages, the merchant's active catalog, the product linked to the post/story/ad the customer came from); this runs for every reply, and each separate query used to be a
/// round trip plus EF's per-query work (bench/reply-cost.sh). The catalog is read fresh every time: a price the
/// merchant just changed is the price the reply quotes. The re-check after generation reads the state again under
/// the conversation lock (<see cref="ReplyCommitter"/>).
/// </summary>
public sealed class ReplyInputsLoader(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const int HistoryWindow = 40;

    /// <summary>Null when the conversation or the trigger message does not exist (deleted merchant, bad job).</summary>
    public async Task<ReplyInputs?> LoadAsync(Guid conversationId, Guid triggerMessageId, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var reads = new BatchReads();
        var headRead = reads.Add(Head(conversationId, triggerMessageId));
        var stateRead = reads.Add(State(conversationId));
        var messagesRead = reads.Add(RecentMessages(conversationId));
        var catalogRead = reads.Add(Catalog(conversationId));
        var linkedRead = reads.Add(LinkedProduct(conversationId));
        await reads.ExecuteAsync(conn, null, ct);

        if (headRead.Value is not { } head) return null;
        var state = stateRead.Value ?? throw new InvalidOperationException("Conversation vanished.");
        var messages = messagesRead.Value;
        var catalog = catalogRead.Value;
        var (merchantId, contactId, channelAccountId, merchantName, settings, platform, trigger, salesState, timeZone) = head;

        // What was answered is decided on our own clock (when each row was stored): WhatsApp's timestamps are whole
        // seconds, so a customer message sent in the second of our last reply would sort before it and go unanswered.
        // Inside the burst and the history, the platform's times order the fragments as the customer sent them.
        var lastReplyStored = messages.Where(m => m.Author is MessageAuthor.Ai or MessageAuthor.Human)
            .Select(m => (DateTimeOffset?)m.StoredAt).Max();
        bool Answered(StoredTurn m) => lastReplyStored is { } cut && m.StoredAt <= cut;
        var unanswered = messages.Where(m => !Answered(m) && m.Author == MessageAuthor.Customer).OrderBy(m => m.At).ToList();
        var burst = unanswered.Where(m => !string.IsNullOrWhiteSpace(m.Text) && m.Media?.Kind is not (MediaKind.Location or MediaKind.Contact)).ToList();
        var history = messages.Where(m => Answered(m) && m.Author != MessageAuthor.System && !string.IsNullOrWhiteSpace(m.Text))
            .OrderBy(m => m.StoredAt)
            .TakeLast(PromptBuilder.MaxRecentMessages)
            .Select(m => new ConversationTurn(m.Author, m.Text!)).ToList();

        if (linkedRead.Value is { } link)
        {
            var (linked, linkedAt) = link;
            // A post shared or a story answered in this burst is what the customer asks about now (the share is marked
            // with its product, which the answer names); an older touch only fills an empty focus.
            if (linkedAt is { } at && !(lastReplyStored is { } cut && at <= cut))
            {
                if (salesState.FocusProductId != linked)
                {
                    salesState.FocusProductId = linked;
                    (salesState.Size, salesState.Colour, salesState.Quantity) = (null, null, null);
                }
                unanswered = [.. unanswered.Select(m => m.StoredAt == at && m.Media is { Kind: MediaKind.Share } share
                    ? m with { Media = share with { ProductIds = [linked] } } : m)];
            }
            else salesState.FocusProductId ??= linked;
        }
        var media = unanswered.Select(m => m.Media).OfType<CustomerMedia>().ToList();

        // "Handed off" means a hand-off waits for a person now; once someone wrote (and maybe handed back) it is over.
        salesState.HandedOff = state.AwaitingPerson;

        var (nameAr, nameEn) = ShopNames(merchantName);
        var context = new ReplyContext(
            merchantId, nameAr, settings, history,
            string.Join('\n', burst.Select(m => m.Text!.Trim())),
            catalog, platform, salesState, null, nameEn,
            TeamAvailability.BackAt(settings.BusinessHours, timeZone, clock.GetUtcNow()), media);

        // Turn decisions compare our own stored times only (one clock), never Meta's timestamps.
        return new ReplyInputs(context, trigger, state, TimeSpan.FromMinutes(settings.HumanQuietMinutes), contactId, channelAccountId, settings.Paused);
    }

    /// <summary>The conversation, its merchant and channel, and the trigger message's time; null without the trigger.</summary>
    private static BatchRead<ConversationHead?> Head(Guid conversationId, Guid triggerMessageId) => new(PositionalSql.Command("""
        SELECT c.merchant_id, c.contact_id, c.channel_account_id, m.name, m.ai_settings::text, a.platform, t.id, t.created_at,
            c.sales_state::text, m.time_zone
        FROM conversations c
        JOIN merchants m ON m.id = c.merchant_id
        JOIN channel_accounts a ON a.id = c.channel_account_id
        LEFT JOIN messages t ON t.id = $2 AND t.conversation_id = c.id
        WHERE c.id = $1
        """, conversationId, triggerMessageId),
        async (r, ct) => !await r.ReadAsync(ct) || r.IsDBNull(6) ? null : new ConversationHead(
            r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetString(3),
            JsonbSerialization.Deserialize<MerchantAiSettings>(r.GetString(4)),
            EnumText<ChannelPlatform>.Parse(r.GetString(5)),
            new TurnTrigger(r.GetGuid(6), r.GetFieldValue<DateTimeOffset>(7)),
            JsonbSerialization.Deserialize<SalesState>(r.GetString(8)),
            r.GetString(9)));

    private sealed record ConversationHead(Guid MerchantId, Guid ContactId, Guid ChannelAccountId, string MerchantName, MerchantAiSettings Settings,
        ChannelPlatform Platform, TurnTrigger Trigger, SalesState SalesState, string TimeZone);

    /// <summary>The conversation's last <see cref="HistoryWindow"/> messages, newest first.</summary>
    private static BatchRead<List<StoredTurn>> RecentMessages(Guid conversationId) => new(PositionalSql.Command("""
        SELECT author, text, created_at, external_timestamp, kind, attachments::text, id, transcript FROM messages
        WHERE conversation_id = $1 AND deleted_at IS NULL
        ORDER BY created_at DESC LIMIT $2
        """, conversationId, HistoryWindow),
        async (r, ct) =>
        {
            var messages = new List<StoredTurn>();
            while (await r.ReadAsync(ct))
            {
                // A transcribed voice note is what the customer said: text, no longer media to answer as such.
                var transcript = r.IsDBNull(7) ? null : r.GetString(7);
                messages.Add(new StoredTurn(EnumText<MessageAuthor>.Parse(r.GetString(0)), r.IsDBNull(1) ? transcript : r.GetString(1),
                    r.GetFieldValue<DateTimeOffset>(2),
                    // The platform's timestamp when we have it (ordering of a burst), else when we stored the row.
                    r.IsDBNull(3) ? r.GetFieldValue<DateTimeOffset>(2) : r.GetFieldValue<DateTimeOffset>(3),
                    transcript is null ? MediaOf(EnumText<MessageKind>.Parse(r.GetString(4)), r.IsDBNull(5) ? null : r.GetString(5), r.GetGuid(6)) : null));
            }
            return messages;
        });

    /// <summary>The merchant's active catalog, read fresh every time: a price just changed is the price the reply quotes.</summary>
    private static BatchRead<List<CatalogItem>> Catalog(Guid conversationId) => new(PositionalSql.Command("""
        SELECT p.id, p.name_ar, p.name_en, p.aliases, p.price_iqd, p.stock, p.variants::text, p.sku, p.grammatical_gender, p.image_url
        FROM products p WHERE p.merchant_id = (SELECT merchant_id FROM conversations WHERE id = $1) AND p.active
        """, conversationId),
        async (r, ct) =>
        {
            var catalog = new List<CatalogItem>();
            while (await r.ReadAsync(ct))
            {
                var variants = JsonbSerialization.Deserialize<ProductVariants>(r.GetString(6));
                catalog.Add(new CatalogItem(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), [.. r.GetFieldValue<string[]>(3)],
                    r.GetInt64(4), r.GetInt32(5), variants.Sizes, variants.Colors, true, r.GetString(7),
                    r.IsDBNull(8) ? null : EnumText<GrammaticalGender>.Parse(r.GetString(8)), r.IsDBNull(9) ? null : r.GetString(9)));
            }
            return catalog;
        });

    /// <summary>
    /// The product behind the post, reel, story or ad the customer came from or shared (a comment, story reply, shared
    /// post or ad click), when the merchant linked it in the catalog: "شكد سعره؟" on a story is about that product.
    /// The newest message that names a linked id wins; its time (null for the contact's last touch) tells whether it is
    /// part of the burst being answered.
    /// </summary>
    private static BatchRead<(Guid ProductId, DateTimeOffset? At)?> LinkedProduct(Guid conversationId) => new(PositionalSql.Command("""
        SELECT p.id, ids.at FROM (
            SELECT unnest(ARRAY[m.media_id, m.story_id, m.referral->>'ad_id', m.referral->>'post_id']) AS v, m.created_at AS at
            FROM (SELECT media_id, story_id, referral, created_at FROM messages
                  WHERE conversation_id = $1 AND author = 'customer' ORDER BY created_at DESC LIMIT 20) m
            UNION ALL
            SELECT unnest(ARRAY[ct.last_touch->>'ad_id', ct.last_touch->>'post_id', ct.last_touch->>'media_id', ct.last_touch->>'story_id']), NULL
            FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE c.id = $1) ids
        JOIN products p ON p.merchant_id = (SELECT merchant_id FROM conversations WHERE id = $1) AND p.active AND p.media_ids @> ARRAY[ids.v]
        WHERE ids.v IS NOT NULL
        ORDER BY ids.at DESC NULLS LAST
        LIMIT 1
        """, conversationId),
        async (r, ct) => await r.ReadAsync(ct) ? (r.GetGuid(0), r.IsDBNull(1) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(1)) : null);

    /// <summary>"متجر بغداد للأزياء (Baghdad Style)": the Arabic name in Arabic sentences, the one in brackets in English.</summary>
    public static (string Arabic, string? English) ShopNames(string name)
    {
        var open = name.IndexOf('(');
        var close = name.LastIndexOf(')');
        if (open > 0 && close > open)
        {
            var outside = name[..open].Trim();
            var inside = name[(open + 1)..close].Trim();
            var insideArabic = inside.Any(c => c is >= '\u0600' and <= '\u06FF');
            return insideArabic ? (inside, outside) : (outside, inside);
        }
        return (name, null);
    }

    private sealed record StoredTurn(MessageAuthor Author, string? Text, DateTimeOffset StoredAt, DateTimeOffset At, CustomerMedia? Media);

    /// <summary>
    /// A customer's photo, pin, card, sticker, cart…: what the reply needs of it (a location's coordinates, a card's phone,
    /// a cart's lines); for a text, the catalog product it was sent from, if any.
    /// </summary>
    private static CustomerMedia? MediaOf(MessageKind kind, string? attachmentsJson, Guid messageId)
    {
        var attachments = attachmentsJson is null or "[]" ? [] : JsonbSerialization.Deserialize<List<MessageAttachment>>(attachmentsJson) ?? [];
        if (CustomerMedia.KindOf(kind) is not { } mediaKind)
            return attachments.Find(a => a.Type == "referred_product") is { ExternalId: { } sku } ? new CustomerMedia(MediaKind.Product, Label: sku) : null;
        return mediaKind switch
        {
            MediaKind.Cart => new CustomerMedia(mediaKind, Items: [.. attachments.Where(a => a is { Type: "product", ExternalId: not null })
                .Select(a => new CartItemRef(a.ExternalId!, a.Quantity ?? 1, a.Price, a.Currency))]),
            MediaKind.Location when attachments.Find(a => a.Type == "location") is { } pin =>
                new CustomerMedia(mediaKind, pin.Latitude, pin.Longitude, pin.Title),
            MediaKind.Contact when attachments.Find(a => a.Type == "contact") is { } card =>
                new CustomerMedia(mediaKind, Label: card.Title, Phone: card.Phone),
            MediaKind.Image or MediaKind.Audio when attachments.Find(a => a.Type is "image" or "audio" or "voice") is { } file =>
                new CustomerMedia(mediaKind, Url: file.Url, MediaId: file.ExternalId, MessageId: messageId),
            _ => new CustomerMedia(mediaKind, MessageId: messageId),
        };
    }

    /// <summary>
    /// The conversation's turn state; null when the conversation does not exist. Public for the reply's commit, which
    /// reads it again under the conversation's lock in its own batch (<see cref="BatchReads"/>).
    /// </summary>
    public static BatchRead<ConversationTurnState?> State(Guid conversationId) =>
        // Hand-written: EF turned the per-author sub-queries into grouped joins over every message of every
        // conversation, a cost that grows with the whole table (bench/reply-cost.sh shows it). Each sub-query here walks
        // ix_messages_conversation_created_at of this one conversation.
        new(PositionalSql.Command($"""
            SELECT c.status, c.owner, c.last_human_message_at, lc.id, lc.created_at,
                (SELECT max(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.author = 'human'),
                (SELECT max(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.author = 'ai'),
                {OwnershipRules.AwaitingPersonSql}, c.owner_changed_at
            FROM conversations c
            LEFT JOIN LATERAL (
                SELECT m.id, m.created_at FROM messages m
                WHERE m.conversation_id = c.id AND m.author = 'customer'
                ORDER BY m.created_at DESC LIMIT 1) lc ON true
            WHERE c.id = $1
            """, conversationId), ReadStateAsync);

    private static async Task<ConversationTurnState?> ReadStateAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        if (!await reader.ReadAsync(ct)) return null;
        DateTimeOffset? At(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);
        return new ConversationTurnState(
            EnumText<ConversationStatus>.Parse(reader.GetString(0)),
            EnumText<ConversationOwner>.Parse(reader.GetString(1)),
            reader.IsDBNull(3) ? null : reader.GetGuid(3),
            At(4),
            Max(At(2), At(5)),
            At(6),
            reader.GetBoolean(7),
            At(8));
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;
}

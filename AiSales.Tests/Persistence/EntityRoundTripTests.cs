using AiSales.Core.Persistence.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Tests.Persistence;

/// <summary>Every entity is written through EF and read back in a fresh context, enums, jsonb and arrays included.</summary>
public sealed class EntityRoundTripTests : IAsyncLifetime
{
    // Postgres keeps microseconds; truncate so comparisons are exact.
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    private PersistenceDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PersistenceDatabase.CreateAsync(migrate: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Every_entity_round_trips()
    {
        var merchant = new Merchant
        {
            Id = Guid.NewGuid(), Name = "متجر الاختبار", Slug = "test-shop",
            AiSettings = new MerchantAiSettings { Persona = "ودود", Dialect = "iraqi", DebounceSeconds = 7, HandoffKeywords = ["موظف", "human"], BusinessHours = new() { ["sat"] = "10:00-22:00" }, HumanQuietMinutes = 45 },
        };
        var user = new AppUser { Id = Guid.NewGuid(), UserName = "owner@test", NormalizedUserName = "OWNER@TEST", Email = "owner@test", NormalizedEmail = "OWNER@TEST", DisplayName = "Owner", PreferredLanguage = "en", IsPlatformAdmin = true, LockoutEnd = T0, SecurityStamp = "s" };
        var role = new IdentityRole<Guid> { Id = Guid.NewGuid(), Name = "Admin", NormalizedName = "ADMIN" };
        var channel = new ChannelAccount { Id = Guid.NewGuid(), MerchantId = merchant.Id, Platform = ChannelPlatform.WhatsApp, Provider = ChannelProvider.ManyChat, ExternalId = "1234567890", Status = ChannelStatus.NeedsReconnect, AccessTokenEncrypted = [1, 2, 3], TokenExpiresAt = T0, Settings = """{"waba_id": "99"}""", LastError = "190" };
        var contact = new Contact
        {
            Id = Guid.NewGuid(), MerchantId = merchant.Id, ChannelAccountId = channel.Id, ExternalId = "9647700000000", DisplayName = "علي", Stage = LeadStage.Interested, Label = LeadLabel.Hot, Score = 87,
            FirstTouch = new Attribution { Source = "ad", AdId = "ad_1", CtwaClid = "clid", At = T0 }, LastTouch = new Attribution { Source = "story", StoryId = "st_9" }, LastCustomerMessageAt = T0,
        };
        var conversation = new Conversation { Id = Guid.NewGuid(), MerchantId = merchant.Id, ChannelAccountId = channel.Id, ContactId = contact.Id, Owner = ConversationOwner.Human, NeedsAttention = true, AttentionReason = "asked for a person", Labels = ["vip", "بغداد"], UnreadCount = 3, ReplyDueAt = T0 };
        var message = new Message
        {
            Id = Guid.NewGuid(), MerchantId = merchant.Id, ConversationId = conversation.Id, ChannelAccountId = channel.Id, Direction = MessageDirection.Inbound, Author = MessageAuthor.Customer,
            Kind = MessageKind.StoryReply, Text = "شگد سعره؟", Attachments = [new MessageAttachment { Type = "image", Url = "https://cdn.example/x.jpg" }], ExternalId = "mid.1", StoryId = "st_9",
            Referral = """{"ref": "promo"}""", ExternalTimestamp = T0, Status = MessageStatus.Received, Reactions = [new MessageReaction { By = "customer", Reaction = "love", At = T0 }], TraceParent = "00-abc-def-01",
        };
        var send = new OutboundSend { Id = Guid.NewGuid(), MerchantId = merchant.Id, MessageId = message.Id, ChannelAccountId = channel.Id, IdempotencyKey = "k1", State = SendState.Sent, Attempts = 2, MessagingType = MessagingType.HumanAgent, EndpointClass = "text", ExternalMessageId = "mid.out", SentAt = T0 };
        var product = new Product { Id = Guid.NewGuid(), MerchantId = merchant.Id, Sku = "SKU-1", NameAr = "قميص", NameEn = "Shirt", Aliases = ["گميص", "qamees"], PriceIqd = 25000, Stock = 4, Variants = new ProductVariants { Sizes = ["M", "L"], Colors = ["أبيض"] } };
        var activity = new LeadActivity { Id = Guid.NewGuid(), MerchantId = merchant.Id, ContactId = contact.Id, Kind = LeadActivityKind.ScoreChanged, FromValue = "40", ToValue = "87", Score = 87, Reasons = ["asked price", "gave city"], MessageId = message.Id, Actor = "ai" };
        var delivery = new WebhookDelivery { Platform = ChannelPlatform.Instagram, Object = "instagram", Body = "{\"a\":1}"u8.ToArray(), Headers = new() { ["X-Hub-Signature-256"] = "sha256=00" }, TraceParent = "00-1-2-01", Status = WebhookDeliveryStatus.Failed, EventCount = 2, Error = "boom" };

        await using (var ctx = _db.CreateContext())
        {
            ctx.AddRange(merchant, user, role, channel, contact, conversation, message, send, product, activity, delivery);
            ctx.MerchantMembers.Add(new MerchantMember { MerchantId = merchant.Id, UserId = user.Id, Role = MemberRole.Agent });
            ctx.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role.Id });
            ctx.UserClaims.Add(new IdentityUserClaim<Guid> { UserId = user.Id, ClaimType = "merchant", ClaimValue = merchant.Id.ToString() });
            ctx.UserLogins.Add(new IdentityUserLogin<Guid> { UserId = user.Id, LoginProvider = "google", ProviderKey = "g1", ProviderDisplayName = "Google" });
            ctx.UserTokens.Add(new IdentityUserToken<Guid> { UserId = user.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = "v" });
            ctx.RoleClaims.Add(new IdentityRoleClaim<Guid> { RoleId = role.Id, ClaimType = "perm", ClaimValue = "ops" });
            await ctx.SaveChangesAsync();
        }
        Assert.True(delivery.Id > 0, "identity column value flows back");

        await using (var ctx = _db.CreateContext())
        {
            ctx.ProcessedEvents.Add(new ProcessedEvent { Platform = ChannelPlatform.Messenger, EventKey = "message:mid.1", DeliveryId = delivery.Id, FirstSeenAt = T0 });
            ctx.UnroutableEvents.Add(new UnroutableEvent { Id = Guid.NewGuid(), Platform = ChannelPlatform.WhatsApp, RecipientExternalId = "555", EventKind = "message", DeliveryId = delivery.Id, Payload = """{"x": [1, 2]}""" });
            ctx.AuditLog.Add(new AuditLogEntry { MerchantId = merchant.Id, ActorUserId = user.Id, Actor = "user", Action = "conversation.takeover", EntityType = "conversation", EntityId = conversation.Id.ToString(), Details = """{"from": "ai"}""" });
            await ctx.SaveChangesAsync();
        }

        await using var read = _db.CreateContext();

        var m = await read.Merchants.SingleAsync(x => x.Id == merchant.Id);
        Assert.Equal("متجر الاختبار", m.Name);
        Assert.Equal("Asia/Baghdad", m.TimeZone);
        Assert.Equal(7, m.AiSettings.DebounceSeconds);
        Assert.Equal(["موظف", "human"], m.AiSettings.HandoffKeywords);
        Assert.Equal("10:00-22:00", m.AiSettings.BusinessHours["sat"]);
        Assert.Equal(45, m.AiSettings.HumanQuietMinutes);

        var u = await read.Users.SingleAsync(x => x.Id == user.Id);
        Assert.Equal(("Owner", "en", true, T0), (u.DisplayName, u.PreferredLanguage, u.IsPlatformAdmin, u.LockoutEnd!.Value));
        Assert.Equal(MemberRole.Agent, (await read.MerchantMembers.SingleAsync(x => x.UserId == user.Id)).Role);
        Assert.Equal(role.Id, (await read.UserRoles.SingleAsync(x => x.UserId == user.Id)).RoleId);
        Assert.Equal(merchant.Id.ToString(), (await read.UserClaims.SingleAsync(x => x.UserId == user.Id)).ClaimValue);
        Assert.Equal("Google", (await read.UserLogins.SingleAsync(x => x.UserId == user.Id)).ProviderDisplayName);
        Assert.Equal("v", (await read.UserTokens.SingleAsync(x => x.UserId == user.Id)).Value);
        Assert.Equal("ops", (await read.RoleClaims.SingleAsync(x => x.RoleId == role.Id)).ClaimValue);
        Assert.Equal("ADMIN", (await read.Roles.SingleAsync(x => x.Id == role.Id)).NormalizedName);

        var c = await read.ChannelAccounts.SingleAsync(x => x.Platform == ChannelPlatform.WhatsApp && x.ExternalId == "1234567890");
        Assert.Equal((ChannelProvider.ManyChat, ChannelStatus.NeedsReconnect, T0), (c.Provider, c.Status, c.TokenExpiresAt!.Value));
        Assert.Equal([1, 2, 3], c.AccessTokenEncrypted);
        Assert.Contains("\"waba_id\"", c.Settings);

        var ct = await read.Contacts.SingleAsync(x => x.Id == contact.Id);
        Assert.Equal((LeadStage.Interested, LeadLabel.Hot, 87), (ct.Stage, ct.Label, ct.Score));
        Assert.Equal(("ad", "ad_1", "clid", T0), (ct.FirstTouch!.Source, ct.FirstTouch.AdId, ct.FirstTouch.CtwaClid, ct.FirstTouch.At!.Value));
        Assert.Equal("st_9", ct.LastTouch!.StoryId);

        var cv = await read.Conversations.SingleAsync(x => x.Id == conversation.Id);
        Assert.Equal((ConversationStatus.Open, ConversationOwner.Human, true, 3), (cv.Status, cv.Owner, cv.NeedsAttention, cv.UnreadCount));
        Assert.Equal(["vip", "بغداد"], cv.Labels);

        var msg = await read.Messages.SingleAsync(x => x.Id == message.Id);
        Assert.Equal((MessageDirection.Inbound, MessageAuthor.Customer, MessageKind.StoryReply, MessageStatus.Received), (msg.Direction, msg.Author, msg.Kind, msg.Status));
        Assert.Equal(("شگد سعره؟", "mid.1", T0), (msg.Text, msg.ExternalId, msg.ExternalTimestamp!.Value));
        Assert.Equal("https://cdn.example/x.jpg", Assert.Single(msg.Attachments).Url);
        Assert.Equal("love", Assert.Single(msg.Reactions).Reaction);
        Assert.Contains("promo", msg.Referral);

        var s = await read.OutboundSends.SingleAsync(x => x.IdempotencyKey == "k1");
        Assert.Equal((SendState.Sent, MessagingType.HumanAgent, 2, "mid.out"), (s.State, s.MessagingType, s.Attempts, s.ExternalMessageId));

        var p = await read.Products.SingleAsync(x => x.MerchantId == merchant.Id && x.Sku == "SKU-1");
        Assert.Equal((25000L, 4), (p.PriceIqd, p.Stock));
        Assert.Equal(["گميص", "qamees"], p.Aliases);
        Assert.Equal(["M", "L"], p.Variants.Sizes);

        var a = await read.LeadActivities.SingleAsync(x => x.Id == activity.Id);
        Assert.Equal((LeadActivityKind.ScoreChanged, 87, message.Id), (a.Kind, a.Score!.Value, a.MessageId!.Value));
        Assert.Equal(["asked price", "gave city"], a.Reasons);

        var d = await read.WebhookDeliveries.SingleAsync(x => x.Id == delivery.Id);
        Assert.Equal((ChannelPlatform.Instagram, WebhookDeliveryStatus.Failed, 2), (d.Platform, d.Status, d.EventCount!.Value));
        Assert.Equal("{\"a\":1}"u8.ToArray(), d.Body);
        Assert.Equal("sha256=00", d.Headers["X-Hub-Signature-256"]);

        Assert.Equal(delivery.Id, (await read.ProcessedEvents.SingleAsync(x => x.Platform == ChannelPlatform.Messenger && x.EventKey == "message:mid.1")).DeliveryId);
        Assert.Equal("555", (await read.UnroutableEvents.SingleAsync(x => x.DeliveryId == delivery.Id)).RecipientExternalId);
        var audit = await read.AuditLog.SingleAsync(x => x.MerchantId == merchant.Id);
        Assert.Equal(("conversation.takeover", user.Id), (audit.Action, audit.ActorUserId!.Value));

        Assert.NotEmpty(await read.SchemaMigrations.ToListAsync());
    }

    [Fact]
    public async Task Enum_text_matches_the_check_constraints()
    {
        // A value the CHECK constraint rejects would surface here as a PostgresException.
        await using var ctx = _db.CreateContext();
        var merchant = new Merchant { Id = Guid.NewGuid(), Name = "m", Slug = "enum-shop" };
        var channel = new ChannelAccount { Id = Guid.NewGuid(), MerchantId = merchant.Id, Platform = ChannelPlatform.Messenger, Provider = ChannelProvider.Meta, ExternalId = "page-1" };
        var contact = new Contact { Id = Guid.NewGuid(), MerchantId = merchant.Id, ChannelAccountId = channel.Id, ExternalId = "psid" };
        var conversation = new Conversation { Id = Guid.NewGuid(), MerchantId = merchant.Id, ChannelAccountId = channel.Id, ContactId = contact.Id, Status = ConversationStatus.Closed };
        ctx.AddRange(merchant, channel, contact, conversation);
        foreach (var kind in Enum.GetValues<MessageKind>())
        {
            ctx.Messages.Add(new Message
            {
                Id = Guid.NewGuid(), MerchantId = merchant.Id, ConversationId = conversation.Id, ChannelAccountId = channel.Id,
                Direction = MessageDirection.Outbound, Author = MessageAuthor.System, Kind = kind,
                Status = Enum.GetValues<MessageStatus>()[(int)kind % Enum.GetValues<MessageStatus>().Length],
            });
        }
        foreach (var kind in Enum.GetValues<LeadActivityKind>())
            ctx.LeadActivities.Add(new LeadActivity { Id = Guid.NewGuid(), MerchantId = merchant.Id, ContactId = contact.Id, Kind = kind });
        await ctx.SaveChangesAsync();

        Assert.Equal(Enum.GetValues<MessageKind>().Length, await _db.ScalarAsync($"SELECT count(DISTINCT kind) FROM messages WHERE conversation_id = '{conversation.Id}'"));
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM messages WHERE kind = 'story_reply'"));
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM channel_accounts WHERE platform = 'messenger' AND provider = 'meta'"));
    }
}

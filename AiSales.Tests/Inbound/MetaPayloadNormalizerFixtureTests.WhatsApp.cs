using AiSales.Core.Inbound.Events;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Tests.Inbound;

/// <summary>WhatsApp Cloud fixtures: routing by phone_number_id, statuses with errors, interactive replies, media.</summary>
public partial class MetaPayloadNormalizerFixtureTests
{
    [Fact]
    public void WhatsApp_text_routes_by_phone_number_id_and_names_the_customer()
    {
        var e = Single<MessageEvent>("whatsapp_text_metadocs.json", InboundEventKind.Message);
        Assert.Equal(ChannelPlatform.WhatsApp, e.Platform);
        Assert.Equal("106540352242922", e.RecipientAccountId);
        Assert.Equal("102290129340398", e.EntryId);
        Assert.Equal("16505551234", e.CustomerId);
        Assert.Equal("Sheena Nelson", e.CustomerName);
        Assert.Equal("Does it come in another color?", e.Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1749416383), e.Timestamp);
        Assert.Equal("msg:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", e.DedupeKey);
    }

    [Theory]
    [InlineData("whatsapp_status_failed_131047_bindambc.json", 131047, "5511111111111")]
    [InlineData("whatsapp_status_failed_131053_bindambc.json", 131053, "1111111111111")]
    [InlineData("whatsapp_status_failed_130472_pywa.json", 130472, "972987654321")]
    public void WhatsApp_failed_statuses_carry_error_codes(string name, int code, string recipient)
    {
        var e = Single<DeliveryStatusEvent>(name, InboundEventKind.DeliveryStatus);
        Assert.Equal("failed", e.Status);
        Assert.Equal(code, Assert.Single(e.Errors).Code);
        Assert.Equal(recipient, e.CustomerId);
        Assert.Equal($"status:{e.MessageId}:failed", e.DedupeKey);
    }

    [Fact]
    public void WhatsApp_minimal_v24_status_and_pmp_pricing()
    {
        var minimal = Single<DeliveryStatusEvent>("whatsapp_status_minimal_v24_metadocs.json", InboundEventKind.DeliveryStatus);
        Assert.Equal("sent", minimal.Status);
        Assert.Null(minimal.ConversationId);
        Assert.Null(minimal.PricingModel);
        Assert.Empty(minimal.Errors);
        Assert.Equal("106540352242922", minimal.RecipientAccountId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1750030073), minimal.Timestamp);

        var pmp = Single<DeliveryStatusEvent>("whatsapp_status_sent_pmp_metadocs.json", InboundEventKind.DeliveryStatus);
        Assert.Equal("PMP", pmp.PricingModel);
        Assert.Equal("marketing", pmp.PricingCategory);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1750116480), pmp.ConversationExpiresAt);
        Assert.True(pmp.Billable);
        // Same wamid, same status, different delivery: same key, so the second is a duplicate.
        Assert.Equal(minimal.DedupeKey, pmp.DedupeKey);

        var played = Single<DeliveryStatusEvent>("whatsapp_status_played_pywa.json", InboundEventKind.DeliveryStatus);
        Assert.Equal("status:wamid.xyzxyz:played", played.DedupeKey);
    }

    [Fact]
    public void WhatsApp_click_to_whatsapp_referral()
    {
        var e = Single<MessageEvent>("whatsapp_text_ctwa_ad_referral_metadocs.json", InboundEventKind.Message);
        Assert.Equal("120226305854810726", e.Referral?.AdId);
        Assert.Equal("ad", e.Referral?.Source);
        Assert.StartsWith("Aff-n8ZTODiE79d22KtAwQKj9e", e.Referral?.CtwaClid);
        Assert.Equal("Chat with us", e.Referral?.Headline);
    }

    [Fact]
    public void WhatsApp_reaction_and_removed_reaction()
    {
        var react = Single<ReactionEvent>("whatsapp_reaction_bindambc.json", InboundEventKind.Reaction);
        Assert.Equal("\ud83d\udc4d", react.Emoji);
        Assert.Equal("wamid.nBgN6TUyN2k5NzAzM5kzNhUCABI8FDNFQjAxQkE5REI4NEUzQ5Y5QTNgAA==", react.Mid);

        var removed = Single<ReactionEvent>("whatsapp_reaction_removed_empty_emoji_pywa.json", InboundEventKind.Unreaction);
        Assert.Null(removed.Emoji);
        Assert.Equal("wamid.yzxyzx=", removed.Mid);
    }

    [Fact]
    public void WhatsApp_interactive_and_template_button_replies()
    {
        var button = Single<MessageEvent>("whatsapp_interactive_button_reply_metadocs.json", InboundEventKind.QuickReply);
        Assert.Equal("cancel-button", button.InteractiveReplyId);
        Assert.Equal("Cancel", button.InteractiveReplyTitle);
        Assert.Equal("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MEM2RUJFNkI0RENGQTVDRjUA", button.ReplyToMid);

        var list = Single<MessageEvent>("whatsapp_interactive_list_reply_pywa.json", InboundEventKind.QuickReply);
        Assert.Equal("list_reply", list.InteractiveType);

        var template = Single<MessageEvent>("whatsapp_button_template_quick_reply_wedding.json", InboundEventKind.QuickReply);
        Assert.Equal("Send me the invite", template.QuickReplyPayload);
        Assert.Equal("Madhav Sharma", template.CustomerName);

        var flow = Single<MessageEvent>("whatsapp_interactive_nfm_reply_flow_pywa.json", InboundEventKind.Message);
        Assert.Contains("delivery_rating", flow.FlowResponseJson);
    }

    [Fact]
    public void WhatsApp_media_location_and_contacts()
    {
        var image = Single<MessageEvent>("whatsapp_image_bindambc.json", InboundEventKind.Message);
        var a = Assert.Single(image.Attachments);
        Assert.Equal(("image", "8472976218001204", "image/jpeg"), (a.Type, a.MediaId, a.MimeType));

        var video = Single<MessageEvent>("whatsapp_video_caption_bindambc.json", InboundEventKind.Message);
        Assert.Equal("hello world", video.Text);

        var document = Single<MessageEvent>("whatsapp_document_bindambc.json", InboundEventKind.Message);
        Assert.Equal("4_641947.pdf", Assert.Single(document.Attachments).FileName);

        var location = Single<MessageEvent>("whatsapp_location_bindambc.json", InboundEventKind.Message);
        Assert.Equal(-10.93941311633, location.Location?.Latitude);
        Assert.Equal("https://foursquare.com/v/5c42c5667d8497002c6e09f9", location.Location?.Url);

        var contacts = Single<MessageEvent>("whatsapp_contacts_bindambc.json", InboundEventKind.Message);
        Assert.Contains("5511111111111", contacts.ContactsJson);

        var product = Single<MessageEvent>("whatsapp_text_product_inquiry_context_metadocs.json", InboundEventKind.Message);
        Assert.Equal("di9ozbzfi4", product.ReferredProductId);
    }

    [Fact]
    public void WhatsApp_system_account_and_unsupported()
    {
        var changed = Single<SystemEvent>("whatsapp_system_user_changed_number_pywa.json", InboundEventKind.System);
        Assert.Equal("user_changed_number", changed.Name);
        Assert.Null(changed.CustomerName); // no contacts[] in this payload

        var template = Single<AccountEvent>("whatsapp_template_status_rejected_bindambc.json", InboundEventKind.AccountEvent);
        Assert.Equal("message_template_status_update", template.Field);
        Assert.Equal("REJECTED", template.EventName);
        Assert.Equal("905507062668800", template.ExternalEventId);

        var disabled = Single<AccountEvent>("whatsapp_account_update_disabled_bindambc.json", InboundEventKind.AccountEvent);
        Assert.Equal("DISABLED_UPDATE", disabled.EventName);

        var unsupported = Single<UnsupportedEvent>("whatsapp_unsupported_131051_bindambc.json", InboundEventKind.Unsupported);
        Assert.Contains("131051", unsupported.Reason);
        Assert.Equal("1111111111111", unsupported.CustomerId);
        Assert.Equal(131051, Assert.Single(unsupported.Errors).Code);
        Assert.Contains("Message type is currently not supported.", unsupported.RawJson);
    }
}

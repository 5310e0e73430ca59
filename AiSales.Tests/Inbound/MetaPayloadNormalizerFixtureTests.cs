using AiSales.Core.Inbound;
using AiSales.Core.Inbound.Events;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Tests.Inbound;

/// <summary>Instagram and Messenger fixtures; WhatsApp Cloud ones are in MetaPayloadNormalizerFixtureTests.WhatsApp.cs.</summary>
[Trait("Category", "Unit")]
public partial class MetaPayloadNormalizerFixtureTests
{
    // Content Meta itself flags as unsupported (is_unsupported, WA type=unsupported, interactive without body).
    private static readonly HashSet<string> GenuinelyUnsupported =
    [
        "instagram_unsupported_chatwoot.json",
        "instagram_unsupported_message_metadocs.json",
        "whatsapp_unsupported_131051_bindambc.json",
        "whatsapp_unsupported_with_type_pywa.json",
        "whatsapp_interactive_missing_body_pywa.json",
    ];

    public static TheoryData<string> AllFixtures()
    {
        var data = new TheoryData<string>();
        foreach (var name in MetaFixtures.All) data.Add(name);
        return data;
    }

    [Fact]
    public void Fixture_folder_holds_the_expected_payloads()
    {
        Assert.True(MetaFixtures.All.Count >= 90, $"only {MetaFixtures.All.Count} fixtures found in {MetaFixtures.Directory}");
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Every_fixture_normalizes_without_unsupported_unless_genuinely_unsupported(string name)
    {
        var events = MetaFixtures.Normalize(name);

        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.False(string.IsNullOrWhiteSpace(e.DedupeKey)));
        Assert.Equal(events.Count, events.Select(e => e.DedupeKey).Distinct().Count());
        var unsupported = events.OfType<UnsupportedEvent>().ToList();
        if (GenuinelyUnsupported.Contains(name))
            Assert.NotEmpty(unsupported);
        else
            Assert.True(unsupported.Count == 0, string.Join("; ", unsupported.Select(u => u.Reason)));
    }

    private static T Single<T>(string name, InboundEventKind kind) where T : InboundEvent
    {
        var events = MetaFixtures.Normalize(name);
        var single = Assert.Single(events);
        Assert.Equal(kind, single.Kind);
        return Assert.IsAssignableFrom<T>(single);
    }

    [Fact]
    public void Instagram_real_text_dm()
    {
        var e = Single<MessageEvent>("instagram_dm_text_real_raw_social_selling.json", InboundEventKind.Message);
        Assert.Equal(ChannelPlatform.Instagram, e.Platform);
        Assert.Equal("oi", e.Text);
        Assert.Equal("17841400538867190", e.RecipientAccountId);
        Assert.Equal("1129842642640637", e.CustomerId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1762031146380), e.Timestamp);
        Assert.StartsWith("aWdfZAG1faXRlbToxOklHTWVzc2FnZA", e.ExternalEventId);
        Assert.Equal("msg:" + e.ExternalEventId, e.DedupeKey);
        Assert.False(e.IsStandby);
    }

    [Fact]
    public void Instagram_real_image_dm_has_cdn_attachment()
    {
        var e = Single<MessageEvent>("instagram_dm_image_real_raw_tester.json", InboundEventKind.Message);
        var attachment = Assert.Single(e.Attachments);
        Assert.Equal("image", attachment.Type);
        Assert.StartsWith("https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1151970572602487", attachment.Url);
        Assert.Null(e.Text);
    }

    [Fact]
    public void Instagram_echo_swaps_business_and_customer()
    {
        var e = Single<EchoEvent>("instagram_echo_text_metadocs.json", InboundEventKind.Echo);
        Assert.Equal("<YOUR_APP_USERS_INSTAGRAM_USER_ID>", e.RecipientAccountId);
        Assert.Equal("<INSTAGRAM_SCOPED_ID>", e.CustomerId);
        Assert.Equal("echo:<MESSAGE_ID>", e.DedupeKey);
    }

    [Fact]
    public void Messenger_real_video_echo_entry_only_carries_app_id()
    {
        var e = Single<EchoEvent>("messenger_echo_video_entry_only_real_capture_notes.json", InboundEventKind.Echo);
        Assert.Equal(ChannelPlatform.Messenger, e.Platform);
        Assert.Equal("1929931607227568", e.AppId);
        Assert.Equal("101457812431751", e.RecipientAccountId);
        Assert.Equal("24959525500305070", e.CustomerId);
        Assert.Equal("video", Assert.Single(e.Attachments).Type);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1702033748942), e.Timestamp);
    }

    [Fact]
    public void Messenger_standby_echo_is_flagged_standby()
    {
        var e = Single<EchoEvent>("messenger_echo_standby_media_template_metadocs.json", InboundEventKind.Echo);
        Assert.True(e.IsStandby);
        Assert.Equal("<APPID>", e.AppId);
        Assert.Equal("template", Assert.Single(e.Attachments).Type);
    }

    [Fact]
    public void Messenger_echo_with_null_payload_keeps_metadata()
    {
        var e = Single<EchoEvent>("messenger_echo_fallback_null_payload_event_metadocs.json", InboundEventKind.Echo);
        Assert.Equal("1517776481860111", e.AppId);
        Assert.Equal("<DEVELOPER_DEFINED_METADATA_STRING>", e.Metadata);
        var a = Assert.Single(e.Attachments);
        Assert.Equal("fallback", a.Type);
        Assert.Equal("https://www.messenger.com/", a.Url);
        Assert.Null(a.PayloadJson);
    }

    [Fact]
    public void Instagram_story_reply_carries_story_id()
    {
        var e = Single<MessageEvent>("instagram_story_reply_metadocs.json", InboundEventKind.StoryReply);
        Assert.Equal("<STORY_ID>", e.Story?.Id);
        Assert.Equal("<CDN_URL_FOR_THE_STORY>", e.Story?.Url);
        Assert.Equal("<MESSAGE_TEXT>", e.Text);
    }

    [Fact]
    public void Instagram_story_mention()
    {
        var e = Single<MessageEvent>("instagram_story_mention_metadocs.json", InboundEventKind.StoryMention);
        Assert.Equal("<URL_FOR_THE_MEDIA>", Assert.Single(e.Attachments).Url);
    }

    [Fact]
    public void Instagram_inline_reply_names_the_replied_mid()
    {
        var e = Single<MessageEvent>("instagram_inline_reply_metadocs.json", InboundEventKind.Message);
        Assert.Equal("<MESSAGE_ID_REPLIED_TO>", e.ReplyToMid);
    }

    [Fact]
    public void Instagram_comment_fb_login_reads_comment_id_parent_and_ad()
    {
        var e = Single<CommentEvent>("instagram_comment_fb_login_changes_metadocs.json", InboundEventKind.Comment);
        Assert.Equal("<COMMENT_ID>", e.CommentId);
        Assert.Equal("<PARENT_COMMENT_ID>", e.ParentId);
        Assert.Equal("<MEDIA_ID>", e.MediaId);
        Assert.Equal("<AD_ID>", e.AdId);
        Assert.Equal("<AD_TITLE_ID>", e.AdTitle);
        Assert.Equal("<INSTAGRAM_USER_SCOPED_ID>", e.CustomerId);
        Assert.Equal("<INSTAGRAM_USER_USERNAME>", e.FromUsername);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1520622968), e.Timestamp);
        Assert.Equal("comment:<COMMENT_ID>", e.DedupeKey);
        Assert.False(e.IsFromBusiness);
    }

    [Fact]
    public void Instagram_comment_flat_entry_doc_quirk_reads_id()
    {
        var e = Single<CommentEvent>("instagram_comment_business_login_flat_doc_quirk_metadocs.json", InboundEventKind.Comment);
        Assert.Equal("<COMMENT_ID>", e.CommentId);
        Assert.Equal("<MEDIA_PRODUCT_TYPE>", e.MediaProductType);
        Assert.Equal("<COMMENT_TEXT>", e.Text);
        Assert.Equal("<YOUR_APP_USERS_INSTAGRAM_ACCOUNT_ID>", e.RecipientAccountId);
    }

    [Fact]
    public void Page_feed_comment_hidden_by_the_page_is_from_business()
    {
        var e = Single<CommentEvent>("facebook_page_feed_comment_hide_entry_only_real_capture_notes.json", InboundEventKind.Comment);
        Assert.Equal(ChannelPlatform.Messenger, e.Platform);
        Assert.Equal("331881159596299_1735528193537632", e.CommentId);
        Assert.Equal("hide", e.Verb);
        Assert.True(e.IsFromBusiness);
        Assert.Null(e.CustomerId);
        Assert.Null(e.ParentId); // parent_id equals the post id: top-level comment
        Assert.Equal("101457812431751_331881159596299", e.PostId);
        Assert.Equal("一试就成", e.Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1701684706), e.Timestamp);
        Assert.Equal("comment:331881159596299_1735528193537632:hide", e.DedupeKey);
    }

    [Fact]
    public void Instagram_mentions_in_top_level_array_and_with_comment()
    {
        var media = Single<MentionEvent>("instagram_mentions_media_fb_login_metadocs.json", InboundEventKind.Mention);
        Assert.Equal("17918195224117851", media.MediaId);
        Assert.Null(media.CommentId);
        Assert.Equal("17841405726653026", media.RecipientAccountId);

        var comment = Single<MentionEvent>("instagram_mentions_comment_fb_login_metadocs.json", InboundEventKind.Mention);
        Assert.Equal("17894227972186120", comment.CommentId);
        Assert.NotEqual(media.DedupeKey, comment.DedupeKey);
    }

    [Fact]
    public void Instagram_story_insights_is_a_known_system_event()
    {
        var e = Single<SystemEvent>("instagram_story_insights_graph_doc_copy.json", InboundEventKind.System);
        Assert.Equal("story_insights", e.Name);
        Assert.Equal("18023345989012587", e.ExternalEventId);
    }

    [Fact]
    public void Instagram_reaction_and_unreaction()
    {
        var react = Single<ReactionEvent>("instagram_reaction_metadocs.json", InboundEventKind.Reaction);
        Assert.Equal("<MESSAGE_ID>", react.Mid);
        Assert.Equal("love", react.Reaction);
        Assert.Equal("\u2764\ufe0f", react.Emoji);
        Assert.Equal("reaction:<MESSAGE_ID>:react:\u2764\ufe0f:1569262485349", react.DedupeKey);

        var unreact = Single<ReactionEvent>("instagram_unreact_metadocs.json", InboundEventKind.Unreaction);
        Assert.Equal("unreact", unreact.Action);
        Assert.NotEqual(react.DedupeKey, unreact.DedupeKey);
    }

    [Fact]
    public void Edits_carry_new_text_on_both_platforms()
    {
        var ig = Single<EditEvent>("instagram_message_edit_metadocs.json", InboundEventKind.Edit);
        Assert.Equal("<USER_EDITED_MESSAGE>", ig.Text);
        Assert.Equal("<MESSAGE_ID>", ig.Mid);
        Assert.Null(ig.NumEdit); // the doc's placeholder is not a number

        var fb = Single<EditEvent>("messenger_message_edit_event_metadocs.json", InboundEventKind.Edit);
        Assert.Equal("<TEXT>", fb.Text);
        Assert.Equal(ChannelPlatform.Messenger, fb.Platform);
    }

    [Fact]
    public void Instagram_unsend_names_the_deleted_mid()
    {
        var e = Single<UnsendEvent>("instagram_deleted_message_metadocs.json", InboundEventKind.Unsend);
        Assert.Equal("<MESSAGE_ID>", e.Mid);
        Assert.Equal("unsend:<MESSAGE_ID>", e.DedupeKey);
    }

    [Fact]
    public void Instagram_seen_without_sender_routes_by_entry_id()
    {
        // Shape of the real capture FACTS.md cites (instagram_messaging_seen_no_sender_real_raw.json), not in the folder.
        var body = """{"object":"instagram","entry":[{"time":1740157300000,"id":"17841472110558136","messaging":[{"timestamp":1740157299000,"read":{"mid":"aWdfZAG1seen"}}]}]}"""u8;
        var e = Assert.IsType<ReadEvent>(Assert.Single(new MetaPayloadNormalizer().Normalize(ChannelPlatform.Instagram, body)));
        Assert.Equal(InboundEventKind.Read, e.Kind);
        Assert.Null(e.CustomerId);
        Assert.Equal("17841472110558136", e.RecipientAccountId);
        Assert.Equal("aWdfZAG1seen", e.Mid);
        Assert.Equal("read:aWdfZAG1seen", e.DedupeKey);

        var seen = Single<ReadEvent>("instagram_messaging_seen_metadocs.json", InboundEventKind.Read);
        Assert.Equal("<INSTAGRAM_SCOPED_ID>", seen.CustomerId);
    }

    [Fact]
    public void Messenger_batched_five_entries_gives_five_events_in_delivery_order()
    {
        var events = MetaFixtures.Normalize("messenger_batched_five_entries_recappy.json");
        Assert.Equal(5, events.Count);
        Assert.All(events, e => Assert.Equal("214304282285452", e.RecipientAccountId));
        Assert.All(events, e => Assert.Equal("1028279607252642", e.CustomerId));
        Assert.Equal(
            [InboundEventKind.Message, InboundEventKind.QuickReply, InboundEventKind.QuickReply, InboundEventKind.QuickReply, InboundEventKind.Message],
            events.Select(e => e.Kind));
        Assert.Equal("hey", ((MessageEvent)events[0]).Text);
        Assert.Equal("accept", ((MessageEvent)events[1]).QuickReplyPayload);
        Assert.Equal("carbon", ((MessageEvent)events[4]).Text);
        Assert.Equal(5, events.Select(e => e.DedupeKey).Distinct().Count());
    }

    [Fact]
    public void Instagram_click_to_direct_ad_referral()
    {
        var e = Single<MessageEvent>("instagram_ctd_ad_referral_metadocs.json", InboundEventKind.Message);
        Assert.Equal("<AD_ID>", e.Referral?.AdId);
        Assert.Equal("ADS", e.Referral?.Source);
        Assert.Equal("OPEN_THREAD", e.Referral?.Type);
        Assert.Equal("<AD_TITLE>", e.Referral?.AdTitle);
    }

    [Fact]
    public void Messenger_ads_referral_bare_item_routes_by_recipient()
    {
        var e = Single<MessageEvent>("messenger_ads_referral_message_event_metadocs.json", InboundEventKind.Message);
        Assert.Equal("<PAGE_ID>", e.RecipientAccountId);
        Assert.Equal("<ID_OF_THE_AD>", e.Referral?.AdId);
        Assert.Equal("<ID_OF_THE_POST>", e.Referral?.PostId);
        Assert.Equal("hello, world!", e.Text);
    }

    [Fact]
    public void Instagram_igme_referral_without_message()
    {
        var e = Single<ReferralEvent>("instagram_referral_igme_metadocs.json", InboundEventKind.Referral);
        Assert.Equal("<IGME_LINK_REF_PARAMETER_VALUE>", e.Referral.Ref);
        Assert.Equal("<YOUR_APP_USERS_INSTAGRAM_USER_ID>", e.RecipientAccountId);
    }

    [Fact]
    public void Postbacks_icebreaker_and_user_ref_field_value()
    {
        var ice = Single<PostbackEvent>("instagram_postback_icebreaker_metadocs.json", InboundEventKind.Postback);
        Assert.Equal("<OPTION_OR_BUTTON_PAYLOAD>", ice.Payload);
        Assert.Equal("postback:<MESSAGE_ID>", ice.DedupeKey);

        var userRef = Single<PostbackEvent>("messenger_postback_field_value_user_ref_metadocs.json", InboundEventKind.Postback);
        Assert.Equal("USER-REF-ID", userRef.UserRef);
        Assert.Null(userRef.CustomerId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1527459824), userRef.Timestamp);
        Assert.Equal("USER-DEFINED-REFERRAL-PARAM", userRef.Referral?.Ref);

        var self = Single<PostbackEvent>("instagram_self_postback_metapostman.json", InboundEventKind.Postback);
        Assert.True(self.IsSelf);
    }

    [Fact]
    public void Messenger_delivery_receipt_lists_mids_and_watermark()
    {
        var e = Single<DeliveryStatusEvent>("messenger_delivery_real_capture_notes.json", InboundEventKind.DeliveryStatus);
        Assert.Single(e.Mids);
        Assert.Equal(1698636946713, e.Watermark);
        Assert.Equal("7689966077685933", e.CustomerId);
        Assert.Equal("134968929707951", e.RecipientAccountId);
    }

    [Fact]
    public void Messenger_sticker_and_seconds_timestamp()
    {
        var sticker = Single<MessageEvent>("messenger_sticker_entry_only_metadocs.json", InboundEventKind.Message);
        Assert.Equal("369239263222822", sticker.StickerId);

        var lead = Single<MessageEvent>("messenger_lead_summary_hop_context_metadocs.json", InboundEventKind.Message);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1661209328), lead.Timestamp);
    }

    [Fact]
    public void Dashboard_test_payload_with_string_seconds_and_iso_standby()
    {
        var test = Single<MessageEvent>("instagram_dashboard_test_text_chatwoot.json", InboundEventKind.Message);
        Assert.Equal("0", test.EntryId);
        Assert.Equal(ChannelPlatform.Instagram, test.Platform);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1527459824), test.Timestamp);

        var standby = Single<MessageEvent>("instagram_standby_channel_chatwoot.json", InboundEventKind.Message);
        Assert.True(standby.IsStandby);
        Assert.Equal(new DateTimeOffset(2021, 9, 8, 6, 34, 4, TimeSpan.Zero), standby.Timestamp);

        var self = Single<EchoEvent>("instagram_self_messaging_echo_metapostman.json", InboundEventKind.Echo);
        Assert.True(self.IsSelf);
        Assert.Null(self.Timestamp); // placeholder text instead of a time
    }

    [Fact]
    public void Messenger_optin_policy_and_feedback()
    {
        var optin = Single<OptinEvent>("messenger_optin_notification_messages_event_metadocs.json", InboundEventKind.Optin);
        Assert.Equal("notification_messages", optin.Type);
        Assert.Equal("NOTIFICATION-MESSAGES-TOKEN", optin.NotificationToken);

        var policy = Single<AccountEvent>("messenger_policy_enforcement_event_metadocs.json", InboundEventKind.AccountEvent);
        Assert.Equal("block", policy.EventName);
        Assert.Equal("PAGE_ID", policy.RecipientAccountId);

        var feedback = Single<SystemEvent>("messenger_messaging_feedback_metadocs.json", InboundEventKind.System);
        Assert.Equal("messaging_feedback", feedback.Name);
    }
}

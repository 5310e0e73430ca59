namespace AiSales.Core.Audit;

/// <summary>The audit_log.action strings the dashboard writes (kept in one place so reports can group by them).</summary>
public static class AuditActions
{
    public const string ConversationTakeover = "conversation.takeover";
    public const string ConversationHandback = "conversation.handback";
    public const string HumanReply = "conversation.human_reply";
    public const string LabelsChanged = "conversation.labels_changed";
    public const string NotesChanged = "conversation.notes_changed";
    public const string StageChanged = "contact.stage_changed";
    public const string ProductCreated = "product.created";
    public const string ProductUpdated = "product.updated";
    public const string ProductsImported = "product.imported";
    public const string ProductDeleted = "product.deleted";
    public const string ChannelConnected = "channel.connected";
    public const string ChannelReconnected = "channel.reconnected";
    public const string ChannelDisabled = "channel.disabled";
    public const string ChannelTestSend = "channel.test_send";
    public const string AiSettingsChanged = "merchant.ai_settings_changed";
    public const string OrderStatusChanged = "order.status_changed";
    public const string ApiKeyCreated = "api_key.created";
    public const string ApiKeyRevoked = "api_key.revoked";
    public const string StaffPhoneLinkStarted = "staff.phone_link_started";
    public const string StaffPhoneCodeResent = "staff.phone_code_resent";
    public const string StaffPhoneVerified = "staff.phone_verified";
    public const string StaffPhoneUnlinked = "staff.phone_unlinked";
    /// <summary>Lead ads: a failed lead form read queued again by a person.</summary>
    public const string LeadFormRetried = "lead_form.retried";
}

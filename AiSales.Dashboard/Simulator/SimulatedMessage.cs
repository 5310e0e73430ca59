namespace AiSales.Dashboard.Simulator;

/// <summary>What the simulated customer does.</summary>
public enum SimulatedKind
{
    /// <summary>A plain DM.</summary>
    Text,
    /// <summary>A DM carrying one attachment (image by default) and optional text.</summary>
    Attachment,
    /// <summary>A DM replying to one of the merchant's stories.</summary>
    StoryReply,
    /// <summary>A public comment under a post (an Instagram "comments" change, not a DM).</summary>
    Comment,
}

/// <summary>
/// One customer action to simulate. <see cref="ChannelExternalId"/> is the merchant's sandbox Instagram account id
/// (channel_accounts.external_id, e.g. Demo:ChannelExternalId); <see cref="CustomerId"/> plays the IGSID.
/// </summary>
public sealed record SimulatedMessage(string ChannelExternalId, string CustomerId, string? Text, SimulatedKind Kind = SimulatedKind.Text)
{
    /// <summary>Attachment: its CDN url; StoryReply: the story url.</summary>
    public string? Url { get; init; }
    /// <summary>Attachment type as Meta names it: image, video, audio, file.</summary>
    public string AttachmentType { get; init; } = "image";
    /// <summary>StoryReply: the story id; Comment: the post (media) id.</summary>
    public string? TargetId { get; init; }
    /// <summary>Comment: the commenter's username.</summary>
    public string? Username { get; init; }
}

/// <summary>
/// The outcome of one POST to the Webhooks service. <see cref="MessageId"/> is the mid (or comment id) the
/// payload carried, so the UI can find the stored message; <see cref="Error"/> says in plain words what failed.
/// </summary>
public sealed record SimulatorSendResult(string MessageId, bool Accepted, int? StatusCode, string? Error);

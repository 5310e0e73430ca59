using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Staff.Linking;

/// <summary>What a link, resend, verify or unlink came to. Everything but the first four is the user's to fix.</summary>
public enum StaffLinkOutcome
{
    Started,
    Resent,
    Verified,
    Unlinked,
    /// <summary>Only the shop's owners link, resend and unlink.</summary>
    NotOwner,
    /// <summary>The account is not a member of this shop.</summary>
    NotMember,
    /// <summary>Not one of this shop's connected WhatsApp numbers.</summary>
    NotWhatsAppChannel,
    InvalidPhone,
    /// <summary>This number is already linked through that shop number (to someone, maybe someone else).</summary>
    AlreadyLinked,
    NotFound,
    AlreadyVerified,
    /// <summary>A code was sent less than a minute ago.</summary>
    TooSoon,
    WrongCode,
    /// <summary>Too many wrong codes: only a new code (resend) unlocks it.</summary>
    Locked,
    /// <summary>The code's 10 minutes are over (or none is outstanding): send a new one.</summary>
    Expired,
}

public sealed record StaffLinkResult(StaffLinkOutcome Outcome, Guid? StaffPhoneId = null, int AttemptsLeft = 0)
{
    public bool Succeeded => Outcome is StaffLinkOutcome.Started or StaffLinkOutcome.Resent or StaffLinkOutcome.Verified or StaffLinkOutcome.Unlinked;
}

/// <summary>Where a linked number stands, as the Team page shows it.</summary>
public enum StaffPhoneState
{
    /// <summary>Code sent (or on its way), not typed yet.</summary>
    Waiting,
    Verified,
    /// <summary>The code message could not be delivered (staff_messages.status = failed).</summary>
    SendFailed,
    Expired,
    Locked,
}

public sealed record LinkedPhone(Guid Id, Guid UserId, string Phone, Guid ChannelAccountId, string? ShopNumberName,
    StaffPhoneState State, DateTimeOffset? VerifiedAt, DateTimeOffset? CodeExpiresAt, int AttemptsLeft,
    StaffMessageStatus? CodeMessageStatus, string? CodeMessageError, DateTimeOffset CreatedAt);

public sealed record TeamMember(Guid UserId, string Name, string? Email, MemberRole Role, IReadOnlyList<LinkedPhone> Phones);

/// <summary>One of the shop's WhatsApp numbers a member can be linked through.</summary>
public sealed record ShopNumber(Guid ChannelAccountId, string Name);

/// <param name="CanManage">The signed-in user is an owner: may link, resend and unlink.</param>
public sealed record TeamOverview(IReadOnlyList<TeamMember> Members, IReadOnlyList<ShopNumber> ShopNumbers, bool CanManage, Guid? CurrentUserId);

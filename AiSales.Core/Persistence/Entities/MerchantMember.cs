namespace AiSales.Core.Persistence.Entities;

public class MerchantMember
{
    public Guid MerchantId { get; set; }
    public Guid UserId { get; set; }
    public MemberRole Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

namespace AiSales.Core.Shop;

/// <summary>
/// Who changes the shop and from where: a signed-in member on the dashboard, or the same member through the staff
/// assistant on WhatsApp (<see cref="Via"/> = "whatsapp"). Every shop action takes one, so both surfaces run the same
/// code and write the same audit rows, told apart only by <see cref="Via"/>.
/// </summary>
public sealed record ShopActor(Guid MerchantId, Guid? UserId, string Via = ShopActor.Dashboard)
{
    public const string Dashboard = "dashboard";
    public const string WhatsApp = "whatsapp";
}

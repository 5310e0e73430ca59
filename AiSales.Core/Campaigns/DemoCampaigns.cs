using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Core.Campaigns;

/// <summary>
/// The demo shop's ad account (Demo:Campaigns): two campaigns with 14 days of insights ending yesterday, the leads they
/// brought (lead-form and chat-from-ad contacts) and their orders, so /crm is filled on first start. Every number is
/// chosen to be recomputed by hand (docs/campaigns.md, "Demo numbers"):
/// abayas (lead form): $10.00 × 14 days = $140.00, 7 form leads → CPL $20.00; confirmed 70,000 + 50,000 = 120,000 IQD
/// (a 40,000 pending order does not count) → ROAS 120,000 / (140 × 1,310 = 183,400) = 0.65.
/// shoes (chat from ad): $8.00 × 14 = $112.00, 4 chat leads → CPL $28.00; 87,000 + 115,000 + 60,000 = 262,000 IQD
/// (a 75,000 cancelled order does not count) → ROAS 262,000 / (112 × 1,310 = 146,720) = 1.79.
/// The form leads have their form submissions (answers as Graph returns them), so /lead-ads shows them too. The account
/// has no token and sync off: nothing ever calls Meta for it.
/// </summary>
public static class DemoCampaigns
{
    public const string AccountId = "501234567890123";
    public const string AbayaCampaign = "120210000000000101";
    public const string AbayaAd = "120210000000000111";
    public const string ShoesCampaign = "120210000000000201";
    public const string ShoesAd = "120210000000000211";
    public const string FormId = "830000000000001";
    public const int Days = 14;
    public const decimal AbayaDailySpend = 10.00m;
    public const decimal ShoesDailySpend = 8.00m;

    // (day index 0..13, name, phone, campaign or null for a chat lead, stage, expected revenue from the CRM)
    private static readonly (int Day, string Name, string Phone, bool Form, LeadStage Stage, long? Expected)[] Leads =
    [
        (1, "زينب علي", "07701110001", true, LeadStage.Won, null),
        (3, "مريم حسين", "07701110002", true, LeadStage.Interested, 65000),
        (4, "نور الهدى كاظم", "07701110003", true, LeadStage.Won, null),
        (6, "سارة عباس", "07701110004", true, LeadStage.Engaged, 45000),
        (8, "فاطمة جاسم", "07701110005", true, LeadStage.New, null),
        (10, "هدى ناصر", "07701110006", true, LeadStage.Ordering, null),
        (12, "رقية محمد", "07701110007", true, LeadStage.New, null),
        (2, "علي كريم", "07801110011", false, LeadStage.Won, null),
        (5, "حسن فلاح", "07801110012", false, LeadStage.Won, null),
        (9, "مصطفى سعد", "07801110013", false, LeadStage.Won, null),
        (11, "أحمد رعد", "07801110014", false, LeadStage.Lost, null),
    ];

    private static readonly string[] FormSizes = ["M", "L", "XL", "S"];

    // (lead index, status, lines: sku, quantity) — delivery 5,000 IQD each; the order is placed the day after the lead.
    private static readonly (int Lead, OrderStatus Status, (string Sku, int Qty)[] Lines)[] Orders =
    [
        (0, OrderStatus.Delivered, [("BSF-002", 1)]),            // 65,000 + 5,000 = 70,000
        (2, OrderStatus.Confirmed, [("BSF-001", 1)]),            // 45,000 + 5,000 = 50,000
        (5, OrderStatus.Pending, [("BSF-003", 1)]),              // 35,000 + 5,000 = 40,000, not counted
        (7, OrderStatus.Delivered, [("BSF-011", 1), ("BSF-012", 1)]), // 70,000 + 12,000 + 5,000 = 87,000
        (8, OrderStatus.Confirmed, [("BSF-010", 2)]),            // 110,000 + 5,000 = 115,000
        (9, OrderStatus.Shipped, [("BSF-010", 1)]),              // 55,000 + 5,000 = 60,000
        (10, OrderStatus.Cancelled, [("BSF-011", 1)]),           // 70,000 + 5,000 = 75,000, not counted
    ];

    /// <summary>Adds the demo ad account and everything under it unless the account is already there. Returns rows added.</summary>
    public static async Task<int> SeedAsync(AiSalesDbContext db, Guid merchantId, Guid channelAccountId, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.AdAccounts.AnyAsync(a => a.MerchantId == merchantId && a.ExternalId == AccountId, ct)) return 0;
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Baghdad", out var tz) ? tz : TimeZoneInfo.Utc;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var first = today.AddDays(-Days);
        DateTimeOffset At(int day, int hour) =>
            new DateTimeOffset(first.AddDays(day).ToDateTime(new TimeOnly(hour, 0)), zone.GetUtcOffset(first.AddDays(day).ToDateTime(new TimeOnly(hour, 0)))).ToUniversalTime();

        var account = new AdAccount
        {
            Id = Guid.CreateVersion7(), MerchantId = merchantId, ExternalId = AccountId, Name = "Baghdad Style Ads (demo)", Currency = "USD",
            AccountStatus = 1, SyncEnabled = false, SyncState = AdSyncStates.Never, CreatedAt = now, UpdatedAt = now,
        };
        db.AdAccounts.Add(account);
        db.AdCampaigns.Add(new AdCampaign { AdAccountId = account.Id, CampaignId = AbayaCampaign, MerchantId = merchantId, Name = "عبايات الشتاء – نموذج تسجيل", Status = "ACTIVE", Objective = "OUTCOME_LEADS", UpdatedAt = now });
        db.AdCampaigns.Add(new AdCampaign { AdAccountId = account.Id, CampaignId = ShoesCampaign, MerchantId = merchantId, Name = "أحذية – راسلنا على انستغرام", Status = "ACTIVE", Objective = "OUTCOME_ENGAGEMENT", UpdatedAt = now });
        var added = 3;
        for (var d = 0; d < Days; d++)
        {
            var formLeads = Leads.Count(l => l.Form && l.Day == d);
            db.AdInsightDays.Add(Day(account, merchantId, AbayaCampaign, "عبايات الشتاء – نموذج تسجيل", AbayaAd, "120210000000000110", "Abaya form ad", first.AddDays(d), AbayaDailySpend, 1800, 36, formLeads, now));
            db.AdInsightDays.Add(Day(account, merchantId, ShoesCampaign, "أحذية – راسلنا على انستغرام", ShoesAd, "120210000000000210", "Sneakers DM ad", first.AddDays(d), ShoesDailySpend, 1200, 30, 0, now));
            added += 2;
        }

        var contacts = new List<Contact>();
        foreach (var (l, i) in Leads.Select((l, i) => (l, i)))
        {
            var at = At(l.Day, 11 + i % 5);
            var touch = l.Form
                ? new Attribution { Source = "lead_form", CampaignId = AbayaCampaign, AdsetId = "120210000000000110", AdId = AbayaAd, FormId = FormId, LeadgenId = $"90000000000000{i + 1:D2}", At = at }
                : new Attribution { Source = "ad", AdId = ShoesAd, At = at };
            var contact = new Contact
            {
                Id = Guid.CreateVersion7(), MerchantId = merchantId, ChannelAccountId = channelAccountId, ExternalId = $"demo-ad-lead-{i + 1}",
                DisplayName = l.Name, Phone = l.Phone, Stage = l.Stage, Label = l.Stage == LeadStage.Won ? LeadLabel.Hot : LeadLabel.Warm,
                Score = l.Stage == LeadStage.Won ? 90 : 50, FirstTouch = touch, LastTouch = touch, ExpectedRevenueIqd = l.Expected,
                Probability = l.Expected is null ? null : 40m, CreatedAt = at, UpdatedAt = at,
            };
            contacts.Add(contact);
            db.Contacts.Add(contact);
            added++;
            if (l.Form)
            {
                // What the lead ads page shows for a form lead: the form's answers as Graph returns them.
                db.LeadFormSubmissions.Add(new LeadFormSubmission
                {
                    Id = Guid.CreateVersion7(), MerchantId = merchantId, ChannelAccountId = channelAccountId, LeadgenId = touch.LeadgenId!,
                    FormId = FormId, AdId = AbayaAd, AdsetId = touch.AdsetId, CampaignId = AbayaCampaign, Status = LeadFormStatuses.Fetched,
                    Answers = JsonbSerialization.Serialize(new Dictionary<string, string[]>
                    {
                        ["full_name"] = [l.Name], ["phone_number"] = [l.Phone], ["city"] = ["بغداد"], ["القياس المطلوب"] = [FormSizes[i % FormSizes.Length]],
                    }),
                    ContactId = contact.Id, Attempts = 1, SubmittedAt = at, FetchedAt = at, CreatedAt = at, UpdatedAt = at,
                });
                added++;
            }
        }

        var products = new Dictionary<string, Product>();
        foreach (var p in await db.Products.Where(p => p.MerchantId == merchantId).ToListAsync(ct)) products.TryAdd(p.Sku, p);
        foreach (var o in Orders)
        {
            var lead = contacts[o.Lead];
            var at = At(Leads[o.Lead].Day + 1, 15);
            var order = new Order
            {
                Id = Guid.CreateVersion7(), MerchantId = merchantId, ContactId = lead.Id, Status = o.Status, CustomerName = lead.DisplayName,
                Governorate = "Baghdad", City = "الكرادة", Address = "شارع 62", Phone = lead.Phone, DeliveryFeeIqd = 5000, CreatedAt = at, UpdatedAt = at,
            };
            foreach (var (sku, qty) in o.Lines)
            {
                var product = products.GetValueOrDefault(sku);
                var price = product?.PriceIqd ?? 0;
                db.OrderItems.Add(new OrderItem
                {
                    Id = Guid.CreateVersion7(), OrderId = order.Id, MerchantId = merchantId, ProductId = product?.Id, ProductName = product?.NameAr ?? sku,
                    Sku = sku, Quantity = qty, UnitPriceIqd = price,
                });
                order.ItemsTotalIqd += price * qty;
            }
            order.TotalIqd = order.ItemsTotalIqd + order.DeliveryFeeIqd;
            db.Orders.Add(order);
            added++;
        }
        return added;
    }

    private static AdInsightDay Day(AdAccount account, Guid merchantId, string campaign, string campaignName, string ad, string adset, string adName,
        DateOnly day, decimal spend, long impressions, long clicks, int leads, DateTimeOffset now) => new()
    {
        AdAccountId = account.Id, AdId = ad, Day = day, MerchantId = merchantId, CampaignId = campaign, CampaignName = campaignName, AdsetId = adset,
        AdName = adName, Spend = spend, Impressions = impressions, Clicks = clicks, MetaLeads = leads, SyncedAt = now,
    };
}

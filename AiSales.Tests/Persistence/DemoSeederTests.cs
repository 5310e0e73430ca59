using AiSales.Core.Demo;
using AiSales.Core.Persistence.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiSales.Tests.Persistence;

public sealed class DemoSeederTests : IAsyncLifetime
{
    private readonly DemoOptions _demo = new()
    {
        Enabled = true,
        MerchantId = Guid.NewGuid(),
        Email = "demo@aisales.local",
        Password = "Demo-Passw0rd!",
        ChannelExternalId = "17841400000000001",
    };

    private PersistenceDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PersistenceDatabase.CreateAsync(migrate: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task SeedAsync()
    {
        await using var ctx = _db.CreateContext();
        await DemoSeeder.SeedAsync(ctx, _demo, NullLogger.Instance);
    }

    private async Task<string> CountsAsync() => string.Join(",", await Task.WhenAll(
        new[] { "merchants", "users", "merchant_members", "channel_accounts", "staff_phones", "products", "whatsapp_templates", "template_uses" }
            .Select(async t => $"{t}={await _db.ScalarAsync($"SELECT count(*) FROM {t}")}")));

    [Fact]
    public async Task Seeding_twice_changes_nothing()
    {
        await SeedAsync();
        var first = await CountsAsync();
        string stamp;
        await using (var ctx = _db.CreateContext())
            stamp = (await ctx.Users.SingleAsync()).SecurityStamp!;

        await SeedAsync();

        Assert.Equal(first, await CountsAsync());
        // The sandbox number's demo templates, chosen for the three automatic messages (docs/templates.md).
        Assert.Equal("merchants=1,users=1,merchant_members=1,channel_accounts=2,staff_phones=1,products=20,whatsapp_templates=4,template_uses=3", first);
        await using var read = _db.CreateContext();
        var user = await read.Users.SingleAsync();
        Assert.Equal(stamp, user.SecurityStamp);
        Assert.Equal("DEMO@AISALES.LOCAL", user.NormalizedUserName);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<AppUser>().VerifyHashedPassword(user, user.PasswordHash!, _demo.Password!));
        Assert.Equal(MemberRole.Owner, (await read.MerchantMembers.SingleAsync()).Role);
        var channel = await read.ChannelAccounts.SingleAsync(c => c.Platform == ChannelPlatform.Instagram);
        Assert.Equal((ChannelPlatform.Instagram, ChannelProvider.Sandbox, ChannelStatus.Active, _demo.MerchantId), (channel.Platform, channel.Provider, channel.Status, channel.MerchantId));
        // The team's sandbox WhatsApp number, with the owner's own phone linked and verified (docs/staff-whatsapp.md).
        var whatsApp = await read.ChannelAccounts.SingleAsync(c => c.Platform == ChannelPlatform.WhatsApp);
        var staff = await read.StaffPhones.SingleAsync();
        Assert.Equal((whatsApp.Id, user.Id, _demo.OwnerWhatsApp), (staff.ChannelAccountId, staff.UserId, staff.Phone));
        Assert.NotNull(staff.VerifiedAt);
        Assert.All(await read.Products.ToListAsync(), p =>
        {
            Assert.NotEmpty(p.NameAr);
            Assert.NotNull(p.NameEn);
            Assert.NotEmpty(p.Aliases);
            Assert.True(p.PriceIqd >= 1000);
        });
    }

    [Fact]
    public async Task Merchant_edits_survive_a_reseed_and_deleted_products_come_back()
    {
        await SeedAsync();
        await using (var ctx = _db.CreateContext())
        {
            var shirt = await ctx.Products.SingleAsync(p => p.Sku == "BSF-004");
            shirt.PriceIqd = 27500;
            shirt.Stock = 3;
            ctx.Products.Remove(await ctx.Products.SingleAsync(p => p.Sku == "BSF-010"));
            await ctx.SaveChangesAsync();
        }

        await SeedAsync();

        await using var read = _db.CreateContext();
        var edited = await read.Products.SingleAsync(p => p.Sku == "BSF-004");
        Assert.Equal((27500L, 3), (edited.PriceIqd, edited.Stock));
        Assert.Equal(1, await read.Products.CountAsync(p => p.Sku == "BSF-010"));
        Assert.Equal(20, await read.Products.CountAsync());
    }

    [Fact]
    public async Task Concurrent_seeders_do_not_duplicate()
    {
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(SeedAsync)));

        Assert.Equal("merchants=1,users=1,merchant_members=1,channel_accounts=2,staff_phones=1,products=20,whatsapp_templates=4,template_uses=3", await CountsAsync());
    }
}

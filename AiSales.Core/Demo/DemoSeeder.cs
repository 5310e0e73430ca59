using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Demo;

/// <summary>
/// Seeds the demo merchant, its owner login, its sandbox Instagram account and a catalog.
/// Insert-if-missing throughout: a second run adds nothing, and a product the merchant edited in the
/// dashboard is never overwritten. Runs in StartAsync, i.e. after the migrations (StartingAsync).
/// </summary>
public sealed class DemoSeeder(
    IServiceScopeFactory scopes,
    IOptions<DemoOptions> options,
    ILogger<DemoSeeder> logger) : IHostedService
{
    public const string MerchantSlug = "baghdad-style";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
            return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AiSalesDbContext>();
        await SeedAsync(db, options.Value, logger, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The seeding itself, callable without a host (tests, tools).</summary>
    public static async Task SeedAsync(AiSalesDbContext db, DemoOptions demo, ILogger logger, CancellationToken cancellationToken = default)
    {
        Validate(demo);

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // Webhooks, Worker and Dashboard may all seed at start-up: serialise them so check-then-insert is safe.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(4702111234474983745)", cancellationToken);

        var now = DateTimeOffset.UtcNow;
        var added = 0;

        if (!await db.Merchants.AnyAsync(m => m.Id == demo.MerchantId, cancellationToken))
        {
            db.Merchants.Add(new Merchant
            {
                Id = demo.MerchantId,
                Name = "متجر بغداد للأزياء (Baghdad Style)",
                Slug = await db.Merchants.AnyAsync(m => m.Slug == MerchantSlug, cancellationToken) ? $"{MerchantSlug}-{demo.MerchantId:N}"[..30] : MerchantSlug,
                AiSettings = new MerchantAiSettings
                {
                    Persona = "مساعد مبيعات ودود لمتجر بغداد للأزياء",
                    Tone = "warm",
                    Dialect = "iraqi",
                    DebounceSeconds = 4,
                    HandoffKeywords = ["موظف", "انسان", "صاحب المحل", "مدير", "human", "agent"],
                    BusinessHours = new() { ["sat"] = "10:00-22:00", ["sun"] = "10:00-22:00", ["mon"] = "10:00-22:00", ["tue"] = "10:00-22:00", ["wed"] = "10:00-22:00", ["thu"] = "10:00-23:00", ["fri"] = "14:00-23:00" },
                    HumanQuietMinutes = 30,
                },
                CreatedAt = now,
                UpdatedAt = now,
            });
            added++;
        }

        var user = await SeedOwnerAsync(db, demo, now, cancellationToken);
        if (db.Entry(user).State == EntityState.Added)
            added++;

        if (!await db.MerchantMembers.AnyAsync(m => m.MerchantId == demo.MerchantId && m.UserId == user.Id, cancellationToken))
        {
            db.MerchantMembers.Add(new MerchantMember { MerchantId = demo.MerchantId, UserId = user.Id, Role = MemberRole.Owner, CreatedAt = now });
            added++;
        }

        var channel = await db.ChannelAccounts.FirstOrDefaultAsync(
            c => c.Platform == ChannelPlatform.Instagram && c.ExternalId == demo.ChannelExternalId, cancellationToken);
        if (channel is null)
        {
            db.ChannelAccounts.Add(new ChannelAccount
            {
                Id = Guid.CreateVersion7(),
                MerchantId = demo.MerchantId,
                Platform = ChannelPlatform.Instagram,
                Provider = ChannelProvider.Sandbox,
                ExternalId = demo.ChannelExternalId!,
                DisplayName = "@baghdad.style (sandbox)",
                Status = ChannelStatus.Active,
                CreatedAt = now,
                UpdatedAt = now,
            });
            added++;
        }
        else if (channel.MerchantId != demo.MerchantId)
        {
            logger.LogWarning("Demo channel account {ChannelExternalId} belongs to merchant {OwnerMerchantId}, not the demo merchant; left as is",
                demo.ChannelExternalId, channel.MerchantId);
        }

        added += await SeedTeamWhatsAppAsync(db, demo, user, now, cancellationToken);
        added += await DemoTemplateSeed.SeedAsync(db, demo.MerchantId, demo.WhatsAppPhoneNumberId, now, cancellationToken);

        var existingSkus = await db.Products.Where(p => p.MerchantId == demo.MerchantId).Select(p => p.Sku).ToListAsync(cancellationToken);
        foreach (var product in DemoCatalog.Products(demo.MerchantId).Where(p => !existingSkus.Contains(p.Sku)))
        {
            product.Id = Guid.CreateVersion7();
            product.MerchantId = demo.MerchantId;
            product.CreatedAt = now;
            product.UpdatedAt = now;
            db.Products.Add(product);
            added++;
        }

        // A demo shop seeded before its posts were linked gets the links, unless the merchant has linked something since.
        var linkedSkus = DemoCatalog.LinkedMedia.Keys.ToArray();
        foreach (var product in await db.Products.Where(p => p.MerchantId == demo.MerchantId && linkedSkus.Contains(p.Sku)
                     && p.MediaIds.Count == 0).ToListAsync(cancellationToken))
        {
            product.MediaIds = [.. DemoCatalog.LinkedMedia[product.Sku]];
            product.UpdatedAt = now;
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        // The linked products get a stand-in photo, so a screenshot of one is recognised offline (docs/media.md).
        foreach (var product in await db.Products.Where(p => p.MerchantId == demo.MerchantId && linkedSkus.Contains(p.Sku)
                     && !db.ProductPhotos.Any(f => f.ProductId == p.Id)).ToListAsync(cancellationToken))
        {
            if (DemoPhotos.For(product, now) is not { } photo) continue;
            db.ProductPhotos.Add(photo);
            added++;
        }
        await db.SaveChangesAsync(cancellationToken);
        // Campaign results for /crm (docs/campaigns.md): after the catalog is saved, since its orders name the products.
        if (demo.Campaigns && await db.ChannelAccounts.Where(c => c.MerchantId == demo.MerchantId && c.Platform == ChannelPlatform.Instagram
                && c.ExternalId == demo.ChannelExternalId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken) is { } demoChannel)
        {
            added += await Campaigns.DemoCampaigns.SeedAsync(db, demo.MerchantId, demoChannel, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        logger.LogInformation("Demo data ready for merchant {MerchantId} ({RowsAdded} rows added)", demo.MerchantId, added);
    }

    /// <summary>
    /// A sandbox WhatsApp number for the shop and the owner's own number linked to it (verified), so a newcomer can try
    /// the staff assistant with signed WhatsApp webhooks (docs/staff-whatsapp.md). Both are kept if already there.
    /// </summary>
    private static async Task<int> SeedTeamWhatsAppAsync(AiSalesDbContext db, DemoOptions demo, AppUser owner, DateTimeOffset now, CancellationToken ct)
    {
        var added = 0;
        var number = await db.ChannelAccounts.FirstOrDefaultAsync(
            c => c.Platform == ChannelPlatform.WhatsApp && c.ExternalId == demo.WhatsAppPhoneNumberId, ct);
        if (number is null)
        {
            number = db.ChannelAccounts.Add(new ChannelAccount
            {
                Id = Guid.CreateVersion7(), MerchantId = demo.MerchantId, Platform = ChannelPlatform.WhatsApp, Provider = ChannelProvider.Sandbox,
                ExternalId = demo.WhatsAppPhoneNumberId, DisplayName = "+964 770 000 0000 (sandbox)", Status = ChannelStatus.Active,
                // A moment after the Instagram account: "the shop's first channel" stays the one the Simulator talks to.
                CreatedAt = now.AddSeconds(1), UpdatedAt = now.AddSeconds(1),
            }).Entity;
            added++;
        }
        if (number.MerchantId != demo.MerchantId) return added;
        if (!await db.StaffPhones.AnyAsync(p => p.ChannelAccountId == number.Id && p.Phone == demo.OwnerWhatsApp, ct))
        {
            db.StaffPhones.Add(new StaffPhone
            {
                Id = Guid.CreateVersion7(), MerchantId = demo.MerchantId, UserId = owner.Id, ChannelAccountId = number.Id,
                Phone = demo.OwnerWhatsApp, VerifiedAt = now, CreatedBy = owner.Id, CreatedAt = now, UpdatedAt = now,
            });
            added++;
        }
        return added;
    }

    private static async Task<AppUser> SeedOwnerAsync(AiSalesDbContext db, DemoOptions demo, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hasher = new PasswordHasher<AppUser>();
        var normalizedEmail = demo.Email!.Trim().ToUpperInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);
        if (user is null)
        {
            user = new AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = demo.Email.Trim(),
                NormalizedUserName = normalizedEmail,
                Email = demo.Email.Trim(),
                NormalizedEmail = normalizedEmail,
                EmailConfirmed = true,
                DisplayName = "Demo owner",
                PreferredLanguage = "ar",
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                CreatedAt = now,
            };
            user.PasswordHash = hasher.HashPassword(user, demo.Password!);
            db.Users.Add(user);
            return user;
        }

        // The configured password is what the AppHost hands to the developer: keep the login working if it
        // changed, but leave the hash untouched when it still verifies (a second run changes nothing).
        if (user.PasswordHash is null || hasher.VerifyHashedPassword(user, user.PasswordHash, demo.Password!) == PasswordVerificationResult.Failed)
        {
            user.PasswordHash = hasher.HashPassword(user, demo.Password!);
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }
        return user;
    }

    private static void Validate(DemoOptions demo)
    {
        var missing = new List<string>();
        if (demo.MerchantId == Guid.Empty) missing.Add("Demo:MerchantId");
        if (string.IsNullOrWhiteSpace(demo.Email)) missing.Add("Demo:Email");
        if (string.IsNullOrWhiteSpace(demo.Password)) missing.Add("Demo:Password");
        if (string.IsNullOrWhiteSpace(demo.ChannelExternalId)) missing.Add("Demo:ChannelExternalId");
        if (missing.Count > 0)
            throw new InvalidOperationException($"Demo:Enabled is true but {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not set.");
    }
}

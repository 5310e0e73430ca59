using AiSales.Core.Audit;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using AiSales.Core.Text;

namespace AiSales.Core.Staff.Linking;

/// <summary>
/// An owner linking team members' WhatsApp numbers to their dashboard accounts, for the current merchant
/// (<see cref="MerchantData"/>: explicit merchant filters and row-level security). A link starts unverified with a
/// 6-digit code sent from the shop's WhatsApp number; only once the code is typed back (<see cref="VerifyAsync"/>)
/// does that number reach the staff assistant instead of the customer pipeline. Every change and its audit row commit
/// in one SaveChanges; the code message is queued after that commit (its staff_messages row needs the phone row),
/// so a failed queue leaves a link a resend can finish. User mistakes come back as <see cref="StaffLinkOutcome"/>s.
/// </summary>
public sealed class StaffPhoneLinks(MerchantData data, ICurrentMerchant current, StaffOutbox outbox, NpgsqlDataSource dataSource,
    TimeProvider clock, ILogger<StaffPhoneLinks> logger)
{
    private const string Entity = "staff_phone";

    public Task<TeamOverview> ListAsync(CancellationToken ct = default) =>
        data.RunAsync(async (db, merchantId) =>
        {
            var members = await db.MerchantMembers.AsNoTracking().Where(m => m.MerchantId == merchantId)
                .OrderBy(m => m.Role == MemberRole.Owner ? 0 : 1).ThenBy(m => m.CreatedAt).ToListAsync(ct);
            var shops = await ShopNumbers(db, merchantId).ToListAsync(ct);
            var shopNames = await db.ChannelAccounts.AsNoTracking().Where(c => c.MerchantId == merchantId && c.Platform == ChannelPlatform.WhatsApp)
                .ToDictionaryAsync(c => c.Id, c => c.DisplayName ?? c.ExternalId, ct);
            var phones = await db.StaffPhones.AsNoTracking().Where(p => p.MerchantId == merchantId).OrderBy(p => p.CreatedAt).ToListAsync(ct);
            var ids = phones.Select(p => p.Id).ToList();
            // The latest code message of each phone: a handful of rows per phone, picked here rather than in SQL.
            var codeMessages = (await db.StaffMessages.AsNoTracking()
                    .Where(m => m.MerchantId == merchantId && ids.Contains(m.StaffPhoneId) && m.Direction == MessageDirection.Outbound && m.Intent == StaffCodes.Intent)
                    .Select(m => new { m.StaffPhoneId, m.Status, m.Error, m.CreatedAt, m.Id }).ToListAsync(ct))
                .GroupBy(m => m.StaffPhoneId).ToDictionary(g => g.Key, g => g.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).First());
            var names = await UserNamesAsync(merchantId, ct);
            var now = clock.GetUtcNow();

            LinkedPhone Describe(StaffPhone p)
            {
                var last = codeMessages.GetValueOrDefault(p.Id);
                var state = p.VerifiedAt is not null ? StaffPhoneState.Verified
                    : p.CodeAttempts >= StaffCodes.MaxAttempts ? StaffPhoneState.Locked
                    : last?.Status == StaffMessageStatus.Failed ? StaffPhoneState.SendFailed
                    : p.CodeHash is null || p.CodeExpiresAt <= now ? StaffPhoneState.Expired
                    : StaffPhoneState.Waiting;
                return new LinkedPhone(p.Id, p.UserId, p.Phone, p.ChannelAccountId, shopNames.GetValueOrDefault(p.ChannelAccountId), state,
                    p.VerifiedAt, p.CodeExpiresAt, Math.Max(0, StaffCodes.MaxAttempts - p.CodeAttempts), last?.Status, last?.Error, p.CreatedAt);
            }

            var team = members.Select(m =>
            {
                var (name, email) = names.GetValueOrDefault(m.UserId);
                return new TeamMember(m.UserId, name ?? email ?? m.UserId.ToString()[..8], email, m.Role,
                    [.. phones.Where(p => p.UserId == m.UserId).Select(Describe)]);
            }).ToList();
            var canManage = members.Any(m => m.UserId == current.UserId && m.Role == MemberRole.Owner);
            return new TeamOverview(team, shops, canManage, current.UserId);
        }, ct);

    /// <summary>Links <paramref name="phoneText"/> (as typed) to <paramref name="userId"/> through the shop number
    /// <paramref name="channelAccountId"/> and sends the first code.</summary>
    public async Task<StaffLinkResult> StartAsync(Guid userId, string? phoneText, Guid channelAccountId, CancellationToken ct = default)
    {
        var code = StaffCodes.New();
        var (result, shop) = await data.RunAsync<(StaffLinkResult, string?)>(async (db, merchantId) =>
        {
            if (!await IsOwnerAsync(db, merchantId, ct)) return (new(StaffLinkOutcome.NotOwner), null);
            if (!await WhatsAppAccounts(db, merchantId).AnyAsync(c => c.Id == channelAccountId, ct))
                return (new(StaffLinkOutcome.NotWhatsAppChannel), null);
            if (!await db.MerchantMembers.AnyAsync(m => m.MerchantId == merchantId && m.UserId == userId, ct))
                return (new(StaffLinkOutcome.NotMember), null);
            if (PhoneNumbers.Normalize(phoneText) is not { } phone) return (new(StaffLinkOutcome.InvalidPhone), null);
            // The unique index is per shop number, and a shop number is one merchant's: RLS hides no conflicting row.
            if (await db.StaffPhones.AnyAsync(p => p.ChannelAccountId == channelAccountId && p.Phone == phone, ct))
                return (new(StaffLinkOutcome.AlreadyLinked), null);

            var now = clock.GetUtcNow();
            var row = new StaffPhone
            {
                Id = Guid.CreateVersion7(), MerchantId = merchantId, UserId = userId, ChannelAccountId = channelAccountId, Phone = phone,
                CodeExpiresAt = now + StaffCodes.Lifetime, CreatedBy = current.UserId, CreatedAt = now, UpdatedAt = now,
            };
            row.CodeHash = StaffCodes.Hash(row.Id, code);
            db.StaffPhones.Add(row);
            new AuditLog(db).Add(merchantId, current.UserId, AuditActions.StaffPhoneLinkStarted, Entity, row.Id.ToString(),
                new { user_id = userId, phone, channel_account_id = channelAccountId });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                return (new(StaffLinkOutcome.AlreadyLinked), null); // linked by someone else a moment ago
            }
            return (new(StaffLinkOutcome.Started, row.Id), await ShopNameAsync(db, merchantId, ct));
        }, ct);
        if (result.Outcome == StaffLinkOutcome.Started)
            await SendCodeAsync(result.StaffPhoneId!.Value, shop!, code, ct);
        return result;
    }

    /// <summary>A new code for a number not verified yet (also the way out of <see cref="StaffLinkOutcome.Locked"/>).</summary>
    public async Task<StaffLinkResult> ResendAsync(Guid staffPhoneId, CancellationToken ct = default)
    {
        var code = StaffCodes.New();
        var (result, shop) = await data.RunAsync<(StaffLinkResult, string?)>(async (db, merchantId) =>
        {
            if (!await IsOwnerAsync(db, merchantId, ct)) return (new(StaffLinkOutcome.NotOwner), null);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await LockAsync(db, merchantId, staffPhoneId, ct) is not { } row) return (new(StaffLinkOutcome.NotFound), null);
            if (row.VerifiedAt is not null) return (new(StaffLinkOutcome.AlreadyVerified, row.Id), null);
            var now = clock.GetUtcNow();
            if (row.CodeExpiresAt is { } expires && expires - StaffCodes.Lifetime + StaffCodes.ResendInterval > now)
                return (new(StaffLinkOutcome.TooSoon, row.Id), null);
            row.CodeHash = StaffCodes.Hash(row.Id, code);
            row.CodeExpiresAt = now + StaffCodes.Lifetime;
            row.CodeAttempts = 0;
            row.UpdatedAt = now;
            new AuditLog(db).Add(merchantId, current.UserId, AuditActions.StaffPhoneCodeResent, Entity, row.Id.ToString(), new { phone = row.Phone });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (new(StaffLinkOutcome.Resent, row.Id), await ShopNameAsync(db, merchantId, ct));
        }, ct);
        if (result.Outcome == StaffLinkOutcome.Resent)
            await SendCodeAsync(staffPhoneId, shop!, code, ct);
        return result;
    }

    /// <summary>
    /// The code the member received, typed by an owner or by the member themselves. The row is locked while it is
    /// checked, so two guesses at once both count.
    /// </summary>
    public Task<StaffLinkResult> VerifyAsync(Guid staffPhoneId, string? code, CancellationToken ct = default) =>
        data.RunAsync(async (db, merchantId) =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await LockAsync(db, merchantId, staffPhoneId, ct) is not { } row) return new StaffLinkResult(StaffLinkOutcome.NotFound);
            if (row.UserId != current.UserId && !await IsOwnerAsync(db, merchantId, ct)) return new(StaffLinkOutcome.NotOwner, row.Id);
            if (row.VerifiedAt is not null) return new(StaffLinkOutcome.AlreadyVerified, row.Id);
            if (row.CodeAttempts >= StaffCodes.MaxAttempts) return new(StaffLinkOutcome.Locked, row.Id);
            var now = clock.GetUtcNow();
            if (row.CodeHash is null || row.CodeExpiresAt is not { } expires || expires <= now) return new(StaffLinkOutcome.Expired, row.Id);

            if (!StaffCodes.Matches(row.Id, code, row.CodeHash))
            {
                row.CodeAttempts++;
                row.UpdatedAt = now;
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                var left = StaffCodes.MaxAttempts - row.CodeAttempts;
                logger.LogInformation("Wrong code for staff phone {StaffPhoneId}: {AttemptsLeft} attempts left", row.Id, left);
                return new(left > 0 ? StaffLinkOutcome.WrongCode : StaffLinkOutcome.Locked, row.Id, left);
            }

            row.VerifiedAt = now;
            row.CodeHash = null;
            row.CodeExpiresAt = null;
            row.CodeAttempts = 0;
            row.UpdatedAt = now;
            new AuditLog(db).Add(merchantId, current.UserId, AuditActions.StaffPhoneVerified, Entity, row.Id.ToString(),
                new { user_id = row.UserId, phone = row.Phone, channel_account_id = row.ChannelAccountId });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            logger.LogInformation("Staff phone {StaffPhoneId} verified for user {UserId}", row.Id, row.UserId);
            return new(StaffLinkOutcome.Verified, row.Id);
        }, ct);

    /// <summary>Removes the link (and the staff conversation with it): the number is a customer again.</summary>
    public Task<StaffLinkResult> UnlinkAsync(Guid staffPhoneId, CancellationToken ct = default) =>
        data.RunAsync(async (db, merchantId) =>
        {
            if (!await IsOwnerAsync(db, merchantId, ct)) return new StaffLinkResult(StaffLinkOutcome.NotOwner);
            var row = await db.StaffPhones.FirstOrDefaultAsync(p => p.Id == staffPhoneId && p.MerchantId == merchantId, ct);
            if (row is null) return new(StaffLinkOutcome.NotFound);
            db.StaffPhones.Remove(row);
            new AuditLog(db).Add(merchantId, current.UserId, AuditActions.StaffPhoneUnlinked, Entity, row.Id.ToString(),
                new { user_id = row.UserId, phone = row.Phone, channel_account_id = row.ChannelAccountId, was_verified = row.VerifiedAt is not null });
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Staff phone {StaffPhoneId} unlinked by {UserId}", row.Id, current.UserId);
            return new(StaffLinkOutcome.Unlinked, row.Id);
        }, ct);

    private async Task SendCodeAsync(Guid staffPhoneId, string shopName, string code, CancellationToken ct)
    {
        // The code goes into the message text and nowhere else: not into this log line, not into the audit row.
        var messageId = await outbox.QueueAsync(current.RequireMerchantId(), staffPhoneId, StaffCodes.Message(shopName, code), StaffCodes.Intent, ct);
        logger.LogInformation("Code message {StaffMessageId} queued for staff phone {StaffPhoneId}", messageId, staffPhoneId);
    }

    /// <summary>Read from the database on each call, as <c>MerchantOwnerPolicy</c>: a demotion counts at once.</summary>
    private Task<bool> IsOwnerAsync(AiSalesDbContext db, Guid merchantId, CancellationToken ct) =>
        current.UserId is { } userId
            ? db.MerchantMembers.AnyAsync(m => m.MerchantId == merchantId && m.UserId == userId && m.Role == MemberRole.Owner, ct)
            : Task.FromResult(false);

    /// <summary>The shop's WhatsApp numbers a member can be linked through (a disabled one sends nothing).</summary>
    private static IQueryable<ChannelAccount> WhatsAppAccounts(AiSalesDbContext db, Guid merchantId) =>
        db.ChannelAccounts.AsNoTracking()
            .Where(c => c.MerchantId == merchantId && c.Platform == ChannelPlatform.WhatsApp && c.Status != ChannelStatus.Disabled);

    private static IQueryable<ShopNumber> ShopNumbers(AiSalesDbContext db, Guid merchantId) =>
        WhatsAppAccounts(db, merchantId).OrderBy(c => c.CreatedAt).Select(c => new ShopNumber(c.Id, c.DisplayName ?? c.ExternalId));

    private static Task<StaffPhone?> LockAsync(AiSalesDbContext db, Guid merchantId, Guid staffPhoneId, CancellationToken ct) =>
        db.StaffPhones.FromSql($"SELECT * FROM staff_phones WHERE id = {staffPhoneId} AND merchant_id = {merchantId} FOR UPDATE").FirstOrDefaultAsync(ct);

    private static Task<string> ShopNameAsync(AiSalesDbContext db, Guid merchantId, CancellationToken ct) =>
        db.Merchants.Where(m => m.Id == merchantId).Select(m => m.Name).FirstAsync(ct);

    /// <summary>
    /// Members' names and emails. users is Identity's table, which the tenant role cannot read, so this one query runs
    /// as the service, limited to this merchant's members by the join.
    /// </summary>
    private async Task<Dictionary<Guid, (string? Name, string? Email)>> UserNamesAsync(Guid merchantId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT u.id, nullif(btrim(u.display_name), ''), u.email
            FROM users u JOIN merchant_members mm ON mm.user_id = u.id WHERE mm.merchant_id = $1
            """);
        cmd.Parameters.Add(new() { Value = merchantId });
        var names = new Dictionary<Guid, (string?, string?)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            names[reader.GetGuid(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        return names;
    }
}

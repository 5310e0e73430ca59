using AiSales.Core.Audit;
using AiSales.Core.Replies.Llm;
using AiSales.Core.Shop;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiSales.Dashboard.AiSettings;

/// <summary>Which engine answers, as the page shows it: never the key, only whether one is configured.</summary>
public sealed record AiProviderStatus(string Provider, string? Model, string? EndpointHost, bool KeyConfigured, string? WhyOffline);

public sealed class AiSettingsService(MerchantData data, ICurrentMerchant current, IOptions<AiOptions> ai, TimeProvider clock, AiPause pause)
{
    /// <summary>Whether the assistant is paused for the shop (ai_settings.paused, set here or by a staff command on WhatsApp).</summary>
    public Task<bool> IsPausedAsync(CancellationToken ct = default) => pause.IsPausedAsync(current.RequireMerchantId(), ct);

    /// <summary>Pauses or resumes it through the same action (and audit row) as the staff command.</summary>
    public Task<bool> SetPausedAsync(bool paused, CancellationToken ct = default) =>
        pause.SetAsync(new ShopActor(current.RequireMerchantId(), current.UserId), paused, ct);

    public Task<AiSettingsForm> LoadAsync(CancellationToken ct = default) =>
        data.RunAsync(async (db, merchantId) =>
            AiSettingsForm.From(await db.Merchants.AsNoTracking().Where(m => m.Id == merchantId).Select(m => m.AiSettings).FirstAsync(ct)), ct);

    /// <returns>The validation errors; empty when saved (with an audit row naming the changed fields).</returns>
    public async Task<List<(string Field, string Key)>> SaveAsync(AiSettingsForm form, CancellationToken ct = default)
    {
        var errors = form.Validate();
        if (errors.Count > 0) return errors;
        await data.RunAsync(async (db, merchantId) =>
        {
            var merchant = await db.Merchants.FirstAsync(m => m.Id == merchantId, ct);
            var before = merchant.AiSettings;
            var after = form.ToSettings();
            after.Paused = before.Paused; // the pause has its own switch (AiPause), not this form
            var changed = new List<string>();
            if (before.Persona != after.Persona) changed.Add("persona");
            if (before.Tone != after.Tone) changed.Add("tone");
            if (before.Dialect != after.Dialect) changed.Add("dialect");
            if (before.DebounceSeconds != after.DebounceSeconds) changed.Add("debounce_seconds");
            if (!before.HandoffKeywords.SequenceEqual(after.HandoffKeywords)) changed.Add("handoff_keywords");
            if (before.HumanQuietMinutes != after.HumanQuietMinutes) changed.Add("human_quiet_minutes");
            if (!before.BusinessHours.OrderBy(k => k.Key).SequenceEqual(after.BusinessHours.OrderBy(k => k.Key))) changed.Add("business_hours");
            if (changed.Count == 0) return;
            merchant.AiSettings = after;
            merchant.UpdatedAt = clock.GetUtcNow();
            new AuditLog(db).Add(merchantId, current.UserId, AuditActions.AiSettingsChanged, "merchant", merchantId.ToString(), new { changed });
            await db.SaveChangesAsync(ct);
        }, ct);
        return errors;
    }

    public AiProviderStatus ProviderStatus()
    {
        var options = ai.Value;
        var keyConfigured = !string.IsNullOrWhiteSpace(options.ApiKey);
        var host = Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var u) ? u.Host : null;
        try
        {
            var provider = AiProviderSelector.Resolve(options, out var whyOffline);
            return provider == AiProvider.Offline
                ? new("offline", null, null, keyConfigured, whyOffline)
                : new(AiProviderSelector.Name(provider), options.Model, host, keyConfigured, null);
        }
        catch (InvalidOperationException e)
        {
            return new("offline", null, host, keyConfigured, e.Message);
        }
    }
}

using AiSales.Core.Campaigns;
using AiSales.Core.Conversions;
using AiSales.Core.Crm.Odoo;
using AiSales.Core.LeadAds;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Transports;

namespace AiSales.Dashboard.Localization;

/// <summary>Which call to Meta failed: the same refusal asks for a different fix on each page (which token, which permission).</summary>
public enum MetaCall
{
    /// <summary>Reading a lead form's answers with the Page token (Lead ads page).</summary>
    LeadRead,
    /// <summary>Reading an ad account's campaigns and insights with its token (CRM page).</summary>
    AdAccount,
    /// <summary>Posting an order event to a dataset (Conversions page).</summary>
    Conversions,
}

/// <summary>
/// Why a call to Meta or to the shop's Odoo failed, in the viewer's language, from what the job stored on the row: Meta's
/// code read with <see cref="GraphErrorClassifier.Meaning"/> (the reading every Graph caller uses), our own codes and
/// kinds, and the <see cref="OdooProblem"/> kept first in an Odoo failure (<see cref="OdooFailureRecord"/>). Null when
/// the class is not known: the page then shows the stored text as it is. As with <see cref="SendFailureText"/>, the
/// stored text is never replaced, only put behind the explanation.
/// </summary>
public static class ProviderFailureText
{
    /// <summary>A lead read (lead_form_submissions.last_error_code): Meta's code or the read's own codes. Retrying: still pending.</summary>
    public static string? LeadReadKey(string? code, bool retrying) => code switch
    {
        null or "" => null,
        LeadReadCodes.NoToken => "fail.token.LeadRead",
        LeadReadCodes.NotMetaChannel => "fail.lead.not_meta",
        LeadReadCodes.BadResponse => "fail.lead.bad_response",
        LeadReadCodes.DeadLettered => "fail.lead.dead_lettered",
        LeadReadCodes.NoAnswer => Temporary(retrying),
        _ when code.StartsWith(LeadReadCodes.HttpPrefix, StringComparison.Ordinal)
            && int.TryParse(code[LeadReadCodes.HttpPrefix.Length..], out var status) => status switch
        {
            401 => "fail.token.LeadRead",
            429 => RateLimited(retrying),
            >= 500 => Temporary(retrying),
            _ => null,
        },
        _ => int.TryParse(code, out var meta) ? MetaKey(MetaCall.LeadRead, meta, retrying) : null,
    };

    /// <summary>
    /// An ad account's sync (ad_accounts.sync_state and last_error_code). A throttled or failing sync is tried again at
    /// the next interval; without Meta's code only a throttle (Meta's usage headers) is known for sure.
    /// </summary>
    public static string? AdAccountKey(string syncState, int? code) => code is { } c
        ? MetaKey(MetaCall.AdAccount, c, retrying: syncState != AdSyncStates.NeedsReconnect)
        : syncState == AdSyncStates.Throttled ? RateLimited(true) : null;

    /// <summary>An order event (capi_events.error_kind and last_error_code); the code is finer than the kind when Meta gave one.</summary>
    public static string? ConversionsKey(string? kind, int? code, bool retrying) =>
        (code is { } c ? MetaKey(MetaCall.Conversions, c, retrying) : null) ?? kind switch
        {
            CapiErrorKinds.Token => "fail.token.Conversions",
            CapiErrorKinds.Throttled => RateLimited(retrying),
            CapiErrorKinds.Transient => Temporary(retrying),
            CapiErrorKinds.Rejected => "capi.kind.rejected",
            CapiErrorKinds.Setup => "capi.kind.setup",
            _ => null,
        };

    /// <summary>
    /// An Odoo failure (odoo_sync.last_error): the problem it was stored with, in the words "test connection" uses. A
    /// ServerError is Odoo's own refusal (a validation rule, a module's check) whose words are the only explanation there
    /// is, so it is shown as stored, like an unknown one.
    /// </summary>
    public static string? OdooKey(string? stored) =>
        OdooFailureRecord.TryRead(stored, out var problem, out _) && problem != OdooProblem.ServerError ? OdooProblemKey(problem) : null;

    /// <summary>The Integrations page's words for an Odoo problem (a failed test or a failed push).</summary>
    public static string OdooProblemKey(OdooProblem problem) => "int.problem." + problem;

    /// <summary>Odoo's (or our) words of a stored failure without the problem's name in front.</summary>
    public static string? OdooWords(string? stored) => OdooFailureRecord.TryRead(stored, out _, out var words) ? words : stored;

    /// <summary>Meta's words with its code after them, unless the words already start with it ("(#100) …").</summary>
    public static string? WithCode(string? words, int? code) =>
        words is null || code is not { } c || words.Contains($"(#{c})", StringComparison.Ordinal) ? words : $"{words} (#{c})";

    /// <summary>
    /// Meta's code for a call. Code 100 ("does not exist, cannot be loaded due to missing permissions, or does not support
    /// this operation") names each call's one object: the lead, the ad account, the dataset.
    /// </summary>
    public static string? MetaKey(MetaCall call, int code, bool retrying) => GraphErrorClassifier.Meaning(code, null) switch
    {
        GraphErrorMeaning.TokenRejected => $"fail.token.{call}",
        GraphErrorMeaning.PermissionMissing => $"fail.permission.{call}",
        GraphErrorMeaning.RateLimited => RateLimited(retrying),
        GraphErrorMeaning.Temporary => Temporary(retrying),
        _ when code == 100 => $"fail.object.{call}",
        _ => null,
    };

    private static string RateLimited(bool retrying) => retrying ? "fail.rate_limited.retrying" : "fail.rate_limited.gave_up";

    private static string Temporary(bool retrying) => retrying ? "fail.temporary.retrying" : "fail.temporary.gave_up";

    /// <summary>Every key this class can give, for the test that each reads in Arabic and English.</summary>
    public static IEnumerable<string> AllKeys() =>
        Enum.GetValues<MetaCall>().SelectMany(c => new[] { $"fail.token.{c}", $"fail.permission.{c}", $"fail.object.{c}" })
            .Concat(Enum.GetValues<OdooProblem>().Select(OdooProblemKey))
            .Concat(["fail.lead.not_meta", "fail.lead.bad_response", "fail.lead.dead_lettered", RateLimited(true), RateLimited(false),
                Temporary(true), Temporary(false), "capi.kind.rejected", "capi.kind.setup"]);
}

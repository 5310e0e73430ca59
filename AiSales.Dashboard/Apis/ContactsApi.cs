using System.Security.Claims;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Leads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.Apis;

/// <summary>Contacts (leads) of the key's merchant: list, read, move through the pipeline, history.</summary>
public static class ContactsApi
{
    public static RouteGroupBuilder MapContactsApi(this RouteGroupBuilder api)
    {
        var contacts = api.MapGroup("/contacts").WithTags("Contacts");
        contacts.MapGet("/", ListAsync).WithName("ListContacts")
            .WithSummary("Contacts, most recently updated first; filter by stage and label.");
        contacts.MapGet("/{id:guid}", GetAsync).WithName("GetContact").WithSummary("One contact with its lead state and attribution.");
        contacts.MapPatch("/{id:guid}/lead", UpdateLeadAsync).WithName("UpdateLead")
            .WithSummary("Change a contact's stage and/or label; each change is recorded in its lead activities.");
        contacts.MapGet("/{id:guid}/activities", ActivitiesAsync).WithName("ListLeadActivities")
            .WithSummary("Why the lead's stage, label or score changed, newest first.");
        return api;
    }

    public static async Task<Results<Ok<PagedResult<ContactDto>>, ValidationProblem>> ListAsync(
        ClaimsPrincipal user, AiSalesDbContext db, string? stage, string? label, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        MerchantApiRequest.TryFilter<LeadStage>(stage, "stage", errors, out var stageFilter);
        MerchantApiRequest.TryFilter<LeadLabel>(label, "label", errors, out var labelFilter);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var merchantId = user.MerchantId();
        var (p, size) = MerchantApiRequest.Paging(page, pageSize);
        var query = db.Contacts.AsNoTracking().Where(c => c.MerchantId == merchantId);
        if (stageFilter is { } s) query = query.Where(c => c.Stage == s);
        if (labelFilter is { } l) query = query.Where(c => c.Label == l);

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<ContactDto>([.. items.Select(ContactDto.From)], p, size, total));
    }

    public static async Task<Results<Ok<ContactDto>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, AiSalesDbContext db, CancellationToken ct)
    {
        var merchantId = user.MerchantId();
        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.MerchantId == merchantId, ct);
        return contact is null ? MerchantApiRequest.NotFound("contact") : TypedResults.Ok(ContactDto.From(contact));
    }

    public static async Task<Results<Ok<ContactDto>, ProblemHttpResult, ValidationProblem>> UpdateLeadAsync(
        Guid id, LeadUpdate update, ClaimsPrincipal user, AiSalesDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        MerchantApiRequest.TryFilter<LeadStage>(update.Stage, "stage", errors, out var stage);
        MerchantApiRequest.TryFilter<LeadLabel>(update.Label, "label", errors, out var label);
        if (stage is null && label is null && errors.Count == 0)
            errors["body"] = ["Give a stage, a label, or both."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var merchantId = user.MerchantId();
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == id && c.MerchantId == merchantId, ct);
        if (contact is null)
            return MerchantApiRequest.NotFound("contact");

        var now = clock.GetUtcNow();
        var actor = user.Actor();
        void Record(LeadActivityKind kind, string from, string to) => db.LeadActivities.Add(new LeadActivity
        {
            Id = Guid.CreateVersion7(), MerchantId = merchantId, ContactId = contact.Id, Kind = kind,
            FromValue = from, ToValue = to, Actor = actor, CreatedAt = now, Reasons = [LeadReason.MerchantApi().Encode()],
        });

        if (stage is { } newStage && newStage != contact.Stage)
        {
            Record(LeadActivityKind.StageChanged, EnumText<LeadStage>.ToText(contact.Stage), EnumText<LeadStage>.ToText(newStage));
            contact.Stage = newStage;
        }
        if (label is { } newLabel && newLabel != contact.Label)
        {
            Record(LeadActivityKind.LabelChanged, EnumText<LeadLabel>.ToText(contact.Label), EnumText<LeadLabel>.ToText(newLabel));
            contact.Label = newLabel;
        }
        if (db.ChangeTracker.HasChanges())
        {
            contact.UpdatedAt = now;
            await db.SaveChangesAsync(ct); // one transaction: the contact and its activity rows together
        }
        return TypedResults.Ok(ContactDto.From(contact));
    }

    public static async Task<Results<Ok<PagedResult<LeadActivityDto>>, ProblemHttpResult>> ActivitiesAsync(
        Guid id, ClaimsPrincipal user, AiSalesDbContext db, int? page, int? pageSize, CancellationToken ct)
    {
        var merchantId = user.MerchantId();
        if (!await db.Contacts.AnyAsync(c => c.Id == id && c.MerchantId == merchantId, ct))
            return MerchantApiRequest.NotFound("contact");
        var (p, size) = MerchantApiRequest.Paging(page, pageSize);
        var query = db.LeadActivities.AsNoTracking().Where(a => a.ContactId == id && a.MerchantId == merchantId);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<LeadActivityDto>([.. items.Select(LeadActivityDto.From)], p, size, total));
    }
}

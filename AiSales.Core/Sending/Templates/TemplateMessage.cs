using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Transports;


namespace AiSales.Core.Sending.Templates;

/// <summary>A template ready to queue: what goes on the wire, and the words the customer reads (kept in the conversation).</summary>
public sealed record TemplateMessage(WhatsAppTemplate Wire, string Text);

/// <summary>Why an event's template could not be sent (kept where the event is recorded, shown to the merchant).</summary>
public static class TemplateProblems
{
    /// <summary>No template is chosen for this event on this number.</summary>
    public const string NotChosen = "no_template";
    /// <summary>The chosen template is gone from Meta's list, is no longer approved (paused, disabled, rejected), or needs values we cannot fill.</summary>
    public const string NotApproved = "template_not_approved";
    /// <summary>A placeholder has no value (e.g. no customer name known) or the mapping no longer fits the template.</summary>
    public const string MissingValue = "template_missing_value";
}

/// <summary>
/// Fills an event's chosen template with the event's values: each placeholder takes the field the merchant mapped to it
/// (<see cref="TemplateUse.Fields"/>). Meta refuses an empty parameter, so a missing value is a problem, not a blank.
/// </summary>
public static class TemplateFill
{
    public static (TemplateMessage? Message, string? Problem) Fill(TemplateUse? use, WhatsAppTemplateRow? template,
        IReadOnlyDictionary<string, string?> values)
    {
        if (use is null) return (null, TemplateProblems.NotChosen);
        if (template is not { IsUsable: true }) return (null, TemplateProblems.NotApproved);
        if (use.Fields.Count != template.Parameters.Count) return (null, TemplateProblems.MissingValue);
        var parameters = new List<string>(template.Parameters.Count);
        var byPlaceholder = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < template.Parameters.Count; i++)
        {
            if (!values.TryGetValue(use.Fields[i], out var value) || string.IsNullOrWhiteSpace(value)) return (null, TemplateProblems.MissingValue);
            parameters.Add(value);
            byPlaceholder[template.Parameters[i]] = value;
        }
        var wire = new WhatsAppTemplate(template.Name, template.Language, parameters, template.NamedParameters ? template.Parameters : null);
        var text = template.Body is { } body ? TemplateBody.Render(body, byPlaceholder) : template.Name;
        return (new TemplateMessage(wire, text), null);
    }

    /// <summary>The mapping a named template suggests by itself: a placeholder called like a field takes that field.</summary>
    public static List<string> Suggest(WhatsAppTemplateRow template, string @event)
    {
        var offered = TemplateEvents.FieldsOf(@event);
        return template.Parameters.Select((p, i) => offered.Contains(p) ? p : i < offered.Count ? offered[i] : offered[0]).ToList();
    }
}

namespace AiSales.Core.Persistence.Entities;

/// <summary>One of a WhatsApp number's message templates as Meta listed it (whatsapp_templates, migration 0015).</summary>
public class WhatsAppTemplateRow
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid ChannelAccountId { get; set; }
    public string? MetaId { get; set; }
    public string Name { get; set; } = "";
    public string Language { get; set; } = "";
    public string? Category { get; set; }
    /// <summary>Meta's status word; only <see cref="Approved"/> templates can be sent.</summary>
    public string Status { get; set; } = "";
    /// <summary>The BODY text with its placeholders ({{1}} or {{name}}).</summary>
    public string? Body { get; set; }
    /// <summary>The body's placeholders in order of first appearance: "1","2"… or the names.</summary>
    public List<string> Parameters { get; set; } = [];
    public bool NamedParameters { get; set; }
    /// <summary>Needs values we cannot fill (media/variable header, URL button, one-time code): never offered for an event.</summary>
    public bool NeedsOtherValues { get; set; }
    public DateTimeOffset SyncedAt { get; set; } = DateTimeOffset.UtcNow;

    public const string Approved = "APPROVED";
    public bool IsApproved => string.Equals(Status, Approved, StringComparison.OrdinalIgnoreCase);
    /// <summary>Can be chosen for an automatic event: approved, and every value it needs is one we fill.</summary>
    public bool IsUsable => IsApproved && !NeedsOtherValues;
}

/// <summary>Which template a WhatsApp number sends for an automatic event, and what fills its placeholders (template_uses).</summary>
public class TemplateUse
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid ChannelAccountId { get; set; }
    /// <summary>A <see cref="TemplateEvents"/> key.</summary>
    public string Event { get; set; } = "";
    public string TemplateName { get; set; } = "";
    public string TemplateLanguage { get; set; } = "";
    /// <summary>One <see cref="TemplateFields"/> key per placeholder, in the template's order.</summary>
    public List<string> Fields { get; set; } = [];
    public Guid? UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>The automatic messages a template can be chosen for (CHECK ck_template_uses_event).</summary>
public static class TemplateEvents
{
    public const string OrderShipped = "order_shipped";
    public const string OrderDelivered = "order_delivered";
    public const string LeadGreeting = "lead_greeting";

    public static readonly IReadOnlyList<string> All = [OrderShipped, OrderDelivered, LeadGreeting];

    /// <summary>The values each event can put in a template.</summary>
    public static IReadOnlyList<string> FieldsOf(string @event) => @event == LeadGreeting
        ? [TemplateFields.CustomerName, TemplateFields.ShopName]
        : [TemplateFields.CustomerName, TemplateFields.OrderNumber, TemplateFields.OrderTotal, TemplateFields.ShopName];
}

/// <summary>What can fill a template's placeholder. A named template whose placeholders use these names maps itself.</summary>
public static class TemplateFields
{
    public const string CustomerName = "customer_name";
    public const string OrderNumber = "order_number";
    public const string OrderTotal = "order_total";
    public const string ShopName = "shop_name";
}

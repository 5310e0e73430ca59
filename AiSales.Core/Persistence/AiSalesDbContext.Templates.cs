using AiSales.Core.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Core.Persistence;

// WhatsApp templates and the events they are used for (migration 0015_whatsapp_templates.sql), and the Conversions API's
// events (0017): the tables of the Meta outbound integrations.
public partial class AiSalesDbContext
{
    public DbSet<WhatsAppTemplateRow> WhatsAppTemplates => Set<WhatsAppTemplateRow>();
    public DbSet<TemplateUse> TemplateUses => Set<TemplateUse>();
    // Conversions API events (migration 0017, docs/conversions.md).
    public DbSet<CapiEvent> CapiEvents => Set<CapiEvent>();

    private static void MapTemplates(ModelBuilder builder)
    {
        builder.Entity<WhatsAppTemplateRow>(e =>
        {
            e.ToTable("whatsapp_templates");
            e.HasIndex(x => new { x.ChannelAccountId, x.Name, x.Language }).IsUnique();
            e.HasOne<Entities.ChannelAccount>().WithMany().HasForeignKey(x => x.ChannelAccountId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CapiEvent>(e =>
        {
            e.ToTable("capi_events");
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.HasIndex(x => x.EventId).IsUnique();
        });
        builder.Entity<TemplateUse>(e =>
        {
            e.ToTable("template_uses");
            e.HasIndex(x => new { x.ChannelAccountId, x.Event }).IsUnique();
            e.HasOne<Entities.ChannelAccount>().WithMany().HasForeignKey(x => x.ChannelAccountId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

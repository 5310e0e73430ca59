using AiSales.Core.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Core.Persistence;

// The Odoo tables (migration 0012_odoo.sql), kept apart so the CRM work merges without touching the main mapping.
public partial class AiSalesDbContext
{
    public DbSet<OdooConnection> OdooConnections => Set<OdooConnection>();
    public DbSet<OdooSyncRow> OdooSync => Set<OdooSyncRow>();
    public DbSet<OdooWebhookDelivery> OdooWebhookDeliveries => Set<OdooWebhookDelivery>();

    private static void MapOdoo(ModelBuilder builder)
    {
        builder.Entity<OdooConnection>(e =>
        {
            e.ToTable("odoo_connections");
            e.HasKey(x => x.MerchantId);
            e.Property(x => x.StageMap).HasColumnType("jsonb");
            e.Property(x => x.OdooStages).HasColumnType("jsonb");
            e.HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<OdooSyncRow>(e =>
        {
            e.ToTable("odoo_sync");
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.HasIndex(x => new { x.Kind, x.EntityId }).IsUnique();
            e.HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<OdooWebhookDelivery>(e =>
        {
            e.ToTable("odoo_webhook_deliveries");
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.HasIndex(x => new { x.MerchantId, x.BodySha256 }).IsUnique();
            e.HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

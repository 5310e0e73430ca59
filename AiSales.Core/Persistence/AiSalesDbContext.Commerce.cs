using AiSales.Core.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Core.Persistence;

// The Meta catalog tables (migration 0018_catalog_sync.sql), kept apart so the commerce work merges without touching the main mapping.
public partial class AiSalesDbContext
{
    public DbSet<MetaCatalogRow> MetaCatalogs => Set<MetaCatalogRow>();
    public DbSet<CatalogSyncRow> CatalogSync => Set<CatalogSyncRow>();

    private static void MapCommerce(ModelBuilder builder)
    {
        builder.Entity<MetaCatalogRow>(e =>
        {
            e.ToTable("meta_catalogs");
            e.HasKey(x => x.MerchantId);
            e.HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ChannelAccount>().WithMany().HasForeignKey(x => x.ChannelAccountId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<CatalogSyncRow>(e =>
        {
            e.ToTable("catalog_sync");
            e.HasKey(x => x.ProductId);
            e.HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

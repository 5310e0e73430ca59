using AiSales.Core.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Core.Persistence;

// Customers' media (migration 0016_customer_media.sql), kept apart so the media work merges without touching the main mapping.
public partial class AiSalesDbContext
{
    public DbSet<ProductPhoto> ProductPhotos => Set<ProductPhoto>();

    private static void MapMedia(ModelBuilder builder) =>
        builder.Entity<ProductPhoto>(e =>
        {
            e.ToTable("product_photos");
            e.HasKey(x => x.ProductId);
            e.HasIndex(x => x.MerchantId);
            e.Property(x => x.Aspect).HasColumnType("float4");
            e.HasOne<Product>().WithOne().HasForeignKey<ProductPhoto>(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
        });
}

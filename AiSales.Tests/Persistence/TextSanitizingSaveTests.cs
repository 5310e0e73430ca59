using AiSales.Core.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Tests.Persistence;

/// <summary>A NUL pasted into any dashboard field used to fail the whole save (Postgres text rejects U+0000).</summary>
public sealed class TextSanitizingSaveTests : IAsyncLifetime
{
    private PersistenceDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PersistenceDatabase.CreateAsync(migrate: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Text_and_text_arrays_with_NUL_or_a_lone_surrogate_are_saved_without_them_on_insert_and_on_update()
    {
        var merchant = new Merchant { Id = Guid.NewGuid(), Name = "متجر\0 الاختبار", Slug = "nul-shop" };
        var product = new Product
        {
            Id = Guid.NewGuid(), MerchantId = merchant.Id, Sku = "SKU\0-1", NameAr = "قميص\uD800", PriceIqd = 25000, Stock = 1,
            Aliases = ["گميص\0", "qamees"],
        };
        await using (var ctx = _db.CreateContext())
        {
            ctx.AddRange(merchant, product);
            await ctx.SaveChangesAsync();
        }
        await using (var ctx = _db.CreateContext())
        {
            var saved = await ctx.Products.SingleAsync(p => p.Id == product.Id);
            saved.NameEn = "Shirt\0 with a NUL";
            saved.Aliases = [.. saved.Aliases, "\u0007bell"];
            await ctx.SaveChangesAsync();
        }
        await using (var ctx = _db.CreateContext())
        {
            Assert.Equal("متجر الاختبار", (await ctx.Merchants.SingleAsync(m => m.Id == merchant.Id)).Name);
            var saved = await ctx.Products.SingleAsync(p => p.Id == product.Id);
            Assert.Equal("SKU-1", saved.Sku);
            Assert.Equal("قميص", saved.NameAr);
            Assert.Equal("Shirt with a NUL", saved.NameEn);
            Assert.Equal(["گميص", "qamees", "bell"], saved.Aliases);
        }
    }
}

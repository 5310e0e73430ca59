using AiSales.Core.Audit;
using AiSales.Core.Media;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiSales.Dashboard.Catalog;

/// <summary>
/// A product's photo in the catalog (docs/media.md): uploaded on the product's form, kept in product_photos with its
/// hashes (customers' photos and screenshots are matched against it offline), shown back through
/// GET /catalog/photos/{productId} to the signed-in merchant only. Every read and write runs as the merchant (RLS).
/// </summary>
public sealed class ProductPhotos(MerchantData data, ICurrentMerchant current)
{
    /// <returns>Null when saved, else why not (in the merchant's words: catalog.photo.*).</returns>
    public async Task<CatalogProblem?> UploadAsync(Guid productId, IFormFile? file, CancellationToken ct = default)
    {
        if (file is null || file.Length == 0) return CatalogProblem.Of("photo.none");
        if (file.Length > ProductPhotoStore.MaxBytes) return CatalogProblem.Of("photo.tooLarge", ProductPhotoStore.MaxBytes / (1024 * 1024));
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var (type, hash, problem) = ProductPhotoStore.Check(bytes);
        switch (problem)
        {
            case ProductPhotoProblem.Empty: return CatalogProblem.Of("photo.none");
            case ProductPhotoProblem.TooLarge: return CatalogProblem.Of("photo.tooLarge", ProductPhotoStore.MaxBytes / (1024 * 1024));
            case ProductPhotoProblem.NotAnImage: return CatalogProblem.Of("photo.type");
            case ProductPhotoProblem.Blank: return CatalogProblem.Of("photo.blank");
        }
        return await data.RunAsync(async (db, merchantId) =>
        {
            var conn = (NpgsqlConnection)db.Database.GetDbConnection();
            if (!await ProductPhotoStore.SaveAsync(conn, merchantId, productId, bytes, type!, hash!, ct)) return CatalogProblem.Of("notFound");
            new AuditLog(db).Add(merchantId, current.UserId, AuditActions.ProductUpdated, "product", productId.ToString(), new { photo = type });
            await db.SaveChangesAsync(ct);
            return (CatalogProblem?)null;
        }, ct);
    }

    /// <summary>The photo of one of the merchant's products, or null.</summary>
    public Task<(byte[] Bytes, string ContentType)?> GetAsync(Guid productId, CancellationToken ct = default) =>
        data.RunAsync(async (db, merchantId) =>
        {
            await using var cmd = new NpgsqlCommand(
                "SELECT bytes, content_type FROM product_photos WHERE product_id = $1 AND merchant_id = $2", (NpgsqlConnection)db.Database.GetDbConnection());
            cmd.Parameters.Add(new NpgsqlParameter { Value = productId });
            cmd.Parameters.Add(new NpgsqlParameter { Value = merchantId });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            return await r.ReadAsync(ct) ? (r.GetFieldValue<byte[]>(0), r.GetString(1)) : ((byte[], string)?)null;
        }, ct);

    /// <summary>Which of the merchant's products have a photo.</summary>
    public Task<HashSet<Guid>> WithPhotoAsync(CancellationToken ct = default) =>
        data.RunAsync(async (db, merchantId) =>
        {
            await using var cmd = new NpgsqlCommand("SELECT product_id FROM product_photos WHERE merchant_id = $1", (NpgsqlConnection)db.Database.GetDbConnection());
            cmd.Parameters.Add(new NpgsqlParameter { Value = merchantId });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var ids = new HashSet<Guid>();
            while (await r.ReadAsync(ct)) ids.Add(r.GetGuid(0));
            return ids;
        }, ct);

    public static IEndpointRouteBuilder MapProductPhotoEndpoints(IEndpointRouteBuilder app)
    {
        app.MapGroup("/catalog/photos").RequireAuthorization()
            .MapGet("/{productId:guid}", async Task<IResult> (Guid productId, ProductPhotos photos, HttpContext http, CancellationToken ct) =>
            {
                if (await photos.GetAsync(productId, ct) is not { } photo) return TypedResults.NotFound();
                http.Response.Headers.CacheControl = "private, max-age=300";
                http.Response.Headers["X-Content-Type-Options"] = "nosniff";
                return TypedResults.File(photo.Bytes, photo.ContentType);
            });
        return app;
    }
}

using System.Text;
using AiSales.Core.Audit;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Tenancy;
using AiSales.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.Catalog;

public sealed record CsvRowError(int Row, CatalogProblem Problem);

public sealed record CsvImportResult(int Imported, int Created, int Updated, IReadOnlyList<CsvRowError> Errors);

/// <summary>
/// Catalog CSV import: header sku,name_ar,name_en,price_iqd,stock,sizes,colours,aliases,active (lists separated by '|'),
/// optionally grammatical_gender (masculine|feminine|empty = guess from the name) and media_ids ('|'-separated post,
/// story and ad ids), upsert by sku. A file without one of the optional columns leaves that field of existing products as it is. Invalid rows are reported with their line number and reason; every valid row is imported.
/// Rows are saved in chunks so progress can be shown and one huge file does not make one huge transaction.
/// </summary>
public sealed class CatalogCsvImporter(MerchantData data, ICurrentMerchant current, TimeProvider clock)
{
    public static readonly string[] Header = ["sku", "name_ar", "name_en", "price_iqd", "stock", "sizes", "colours", "aliases", "active", "grammatical_gender", "media_ids"];
    private const int ChunkSize = 200;

    public async Task<CsvImportResult> ImportAsync(string csv, IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        var merchantId = current.RequireMerchantId();
        var rows = CsvReader.Parse(csv);
        var errors = new List<CsvRowError>();
        if (rows.Count == 0)
            return new(0, 0, 0, [new CsvRowError(1, CatalogProblem.Of("emptyFile"))]);
        var header = rows[0].Fields.Select(h => h.Trim().ToLowerInvariant().TrimStart('\uFEFF')).ToArray();
        var index = Header.ToDictionary(h => h, h => Array.IndexOf(header, h == "colours" && !header.Contains("colours") ? "colors" : h));
        var missing = new[] { "sku", "name_ar", "price_iqd" }.Where(h => index[h] < 0).ToList();
        if (missing.Count > 0)
            return new(0, 0, 0, [new CsvRowError(rows[0].Line, CatalogProblem.Of("missingColumns", string.Join(", ", missing)))]);

        var valid = new List<(int Line, ProductForm Form)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows.Skip(1))
        {
            if (row.Fields.All(string.IsNullOrWhiteSpace)) continue;
            string Get(string name) => index[name] is var i && i >= 0 && i < row.Fields.Count ? row.Fields[i].Trim() : "";
            var form = new ProductForm { Sku = Get("sku"), NameAr = Get("name_ar"), NameEn = Get("name_en"), Sizes = Get("sizes"), Colors = Get("colours"), Aliases = Get("aliases"),
                Gender = Get("grammatical_gender"), MediaIds = Get("media_ids") };
            if (!long.TryParse(Digits.Fold(Get("price_iqd")).Replace(",", ""), out var price)) { errors.Add(new(row.Line, CatalogProblem.Of("priceNotNumber"))); continue; }
            form.PriceIqd = price;
            var stockText = Digits.Fold(Get("stock"));
            if (stockText.Length > 0 && !int.TryParse(stockText, out var stock)) { errors.Add(new(row.Line, CatalogProblem.Of("stockNotNumber"))); continue; }
            form.Stock = stockText.Length > 0 ? int.Parse(stockText) : 0;
            var activeText = Get("active").ToLowerInvariant();
            if (activeText is not ("" or "true" or "false" or "1" or "0" or "yes" or "no")) { errors.Add(new(row.Line, CatalogProblem.Of("active"))); continue; }
            form.Active = activeText is "" or "true" or "1" or "yes";
            if (form.Validate() is { } reason) { errors.Add(new(row.Line, reason)); continue; }
            if (!seen.Add(form.Sku)) { errors.Add(new(row.Line, CatalogProblem.Of("duplicateSku", form.Sku))); continue; }
            valid.Add((row.Line, form));
        }

        int created = 0, updated = 0;
        for (var start = 0; start < valid.Count; start += ChunkSize)
        {
            var chunk = valid.Skip(start).Take(ChunkSize).ToList();
            var (c, u) = await data.RunForAsync(merchantId, (db, m) => UpsertAsync(db, m, chunk, index["grammatical_gender"] >= 0, index["media_ids"] >= 0, ct), ct);
            created += c; updated += u;
            progress?.Report((Math.Min(start + ChunkSize, valid.Count), valid.Count));
        }

        await data.RunForAsync(merchantId, async (db, m) =>
        {
            await new AuditLog(db).RecordAsync(m, current.UserId, AuditActions.ProductsImported, "product", null,
                new { created, updated, errors = errors.Count }, ct);
            return true;
        }, ct);
        progress?.Report((valid.Count, valid.Count));
        return new(created + updated, created, updated, errors);
    }

    private async Task<(int Created, int Updated)> UpsertAsync(AiSalesDbContext db, Guid merchantId, List<(int Line, ProductForm Form)> chunk,
        bool hasGender, bool hasMediaIds, CancellationToken ct)
    {
        var skus = chunk.Select(x => x.Form.Sku).ToList();
        var existing = await db.Products.Where(p => p.MerchantId == merchantId && skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, ct);
        var now = clock.GetUtcNow();
        int created = 0, updated = 0;
        foreach (var (_, f) in chunk)
        {
            if (!existing.TryGetValue(f.Sku, out var p))
            {
                p = db.Products.Add(new Product { Id = Guid.CreateVersion7(), MerchantId = merchantId, Sku = f.Sku, CreatedAt = now }).Entity;
                created++;
            }
            else updated++;
            // A deleted product imported again is back: same id, so its orders and Meta catalog item stay linked.
            p.DeletedAt = null;
            p.NameAr = f.NameAr;
            p.NameEn = string.IsNullOrWhiteSpace(f.NameEn) ? null : f.NameEn;
            p.PriceIqd = f.PriceIqd;
            p.Stock = f.Stock;
            p.Variants = new ProductVariants { Sizes = ProductForm.Split(f.Sizes, '|'), Colors = ProductForm.Split(f.Colors, '|') };
            p.Aliases = ProductForm.Split(f.Aliases, '|');
            p.Active = f.Active;
            if (hasGender) p.GrammaticalGender = f.ParsedGender();
            if (hasMediaIds) p.MediaIds = f.ParsedMediaIds();
            p.UpdatedAt = now;
        }
        await db.SaveChangesAsync(ct);
        return (created, updated);
    }
}

/// <summary>RFC 4180 reader: quoted fields, doubled quotes, newlines inside quotes; records keep their starting line number.</summary>
public static class CsvReader
{
    public sealed record Record(int Line, List<string> Fields);

    public static List<Record> Parse(string text)
    {
        var records = new List<Record>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        int line = 1, recordLine = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') inQuotes = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"': inQuotes = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString()); field.Clear();
                    records.Add(new(recordLine, fields)); fields = [];
                    line++; recordLine = line;
                    break;
                default: field.Append(c); break;
            }
        }
        if (field.Length > 0 || fields.Count > 0) { fields.Add(field.ToString()); records.Add(new(recordLine, fields)); }
        return records;
    }
}

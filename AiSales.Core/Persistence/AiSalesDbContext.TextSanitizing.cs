using AiSales.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Core.Persistence;

/// <summary>
/// Every text the dashboard saves through EF (notes, labels, products, settings, names) is made storable on the way
/// out (<see cref="TextSanitizer"/>): Postgres rejects U+0000, so one NUL typed or pasted into any field would fail the
/// whole save with a 500. One place, at the boundary, instead of a call in every form handler.
/// </summary>
public partial class AiSalesDbContext
{
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        SanitizeChangedText();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        SanitizeChangedText();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void SanitizeChangedText()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
            {
                switch (property.CurrentValue)
                {
                    case string text when TextSanitizer.NeedsCleaning(text):
                        property.CurrentValue = TextSanitizer.Clean(text);
                        break;
                    case List<string> list when list.Any(TextSanitizer.NeedsCleaning):
                        property.CurrentValue = list.Select(t => TextSanitizer.Clean(t)!).ToList();
                        break;
                    case string[] array when array.Any(TextSanitizer.NeedsCleaning):
                        property.CurrentValue = array.Select(t => TextSanitizer.Clean(t)!).ToArray();
                        break;
                }
            }
        }
    }
}

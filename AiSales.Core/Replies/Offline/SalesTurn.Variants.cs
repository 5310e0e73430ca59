using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Replies.Offline;
/// <summary>Sizes and colours said while an order is open: onto its lines, one line per colour, or said to be missing.</summary>
internal sealed partial class SalesTurn
{
    /// <summary>Sizes and colours given while collecting go to the lines that still lack them.</summary>
    private void FillCartDetails()
    {
        SplitByColour();
        foreach (var line in _state.Cart)
        {
            var item = _active.FirstOrDefault(c => c.Id == line.ProductId);
            if (item is null)
            {
                continue;
            }

            if (line.Size is null || !_addedThisTurn) // a line added now took its own details; earlier lines may change
            {
                var size = _slots.Sizes.Select(s => SlotExtractor.MatchSize(s, item.Sizes)).FirstOrDefault(s => s is not null);
                if (size is not null && (line.Size is null || _state.Cart.Count == 1))
                {
                    _changed |= line.Size != size;
                    line.Size = size;
                }
            }

            if (line.Colour is null || !_addedThisTurn)
            {
                var colour = _slots.Colours.Select(c => SlotExtractor.MatchColour(c, item.Colours)).FirstOrDefault(c => c is not null);
                if (colour is not null && (line.Colour is null || _state.Cart.Count == 1) && _state.Cart.Count(l => l.ProductId == line.ProductId) == 1)
                {
                    _changed |= line.Colour != colour;
                    line.Colour = colour;
                }
            }

            if (_slots.Quantity is { } q && _state.Cart.Count == 1 && !_addedThisTurn)
            {
                var quantity = Math.Max(1, Math.Min(q, item.Stock));
                _changed |= line.Quantity != quantity;
                line.Quantity = quantity;
            }
        }
    }

    /// <summary>
    /// "actually one black one white", "وحدة سودة ووحدة بيضة" about a product already in the order on one line: one line per
    /// colour it comes in, the pieces shared between them (at least one each).
    /// </summary>
    private void SplitByColour()
    {
        if (_addedThisTurn || _slots.Colours.Count < 2)
        {
            return;
        }

        foreach (var group in _state.Cart.GroupBy(l => l.ProductId).Where(g => g.Count() == 1).ToList())
        {
            var line = group.Single();
            var item = _active.FirstOrDefault(c => c.Id == line.ProductId);
            var colours = item is null ? [] : _slots.Colours.Select(c => SlotExtractor.MatchColour(c, item.Colours)).OfType<string>().Distinct().ToList();
            if (colours.Count < 2)
            {
                continue;
            }

            var each = Math.Max(1, line.Quantity / colours.Count);
            var index = _state.Cart.IndexOf(line);
            _state.Cart.RemoveAt(index);
            _state.Cart.InsertRange(index, colours.Select(c => new CartLine { ProductId = line.ProductId, Quantity = each, Size = line.Size, Colour = c }));
            _changed = true;
        }
    }

    /// <summary>
    /// Sizes and colours the message names that <paramref name="item"/> does not come in, said with the ones it has; with
    /// <paramref name="order"/>, only those no product of the order has (a detail for another line is no mistake).
    /// </summary>
    private void ReportUnavailableVariants(CatalogItem item, IReadOnlyList<CatalogItem>? order = null)
    {
        IReadOnlyList<CatalogItem> all = order ?? [item];
        foreach (var size in _slots.Sizes.Where(s => item.Sizes.Count > 0 && all.All(i => SlotExtractor.MatchSize(s, i.Sizes) is null)))
        {
            _parts.Add(English ? $"No size {size} in the {_p.Name(item)}." : $"ماكو قياس {size} ب{_p.Name(item)}.");
        }

        foreach (var colour in _slots.Colours.Where(c => item.Colours.Count > 0 && all.All(i => SlotExtractor.MatchColour(c, i.Colours) is null)))
        {
            _parts.Add(English
                ? $"That colour isn't available; the {_p.Name(item)} comes in {_p.List(item.Colours.Select(SlotExtractor.ColourInEnglish))}."
                : $"هذا اللون مو متوفر، {_p.Name(item)} {(item.IsFeminine ? "متوفرة" : "متوفر")} بـ: {_p.List(item.Colours)}.");
        }
    }
}

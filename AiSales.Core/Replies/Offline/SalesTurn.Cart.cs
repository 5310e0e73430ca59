using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Replies.Offline;

/// <summary>
/// A cart sent from the WhatsApp catalog (an <c>order</c> message): its lines become the order being collected, matched
/// to our products by SKU (the catalog's retailer id) and priced from our catalog, never from the cart. Meta sends no
/// address, governorate or phone, so the turn asks for what is still missing, or shows the summary when the
/// conversation already gave it all.
/// </summary>
internal sealed partial class SalesTurn
{
    public OfflineReply RunCart(IReadOnlyList<CartItemRef> items)
    {
        RememberContactDetails();
        _state.Cart.Clear();
        _state.Choices = [];
        var unknown = new List<string>();
        var priceNotes = new List<string>();
        foreach (var group in items.GroupBy(i => i.Sku.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            var item = _active.FirstOrDefault(c => string.Equals(c.Sku?.Trim(), group.Key, StringComparison.OrdinalIgnoreCase));
            if (item is null)
            {
                unknown.Add(group.Key);
                continue;
            }

            _products.Add(item.Id);
            if (item.Stock <= 0)
            {
                _signals.Add(LeadSignal.OutOfStock);
                _parts.Add(_p.OutOfStockLine(item, Alternatives(item)));
                continue;
            }

            var quantity = group.Sum(i => i.Quantity);
            if (quantity > item.Stock)
            {
                quantity = item.Stock;
                priceNotes.Add(English ? $"We have only {item.Stock} of the {_p.Name(item)} left." : $"باقي بس {item.Stock} من {_p.Name(item)} بالمخزن.");
            }

            _state.Cart.Add(new CartLine { ProductId = item.Id, Quantity = quantity, Colour = item.Colours.Count == 1 ? item.Colours[0] : null });
            // A price in another currency is the platform's display; one in dinars that is not ours is said, so the total is no surprise.
            if (group.First() is { Price: { } shown, Currency: null or "IQD" } && shown != item.PriceIqd)
                priceNotes.Add(_p.PriceDiffers(item, shown));
        }

        if (_state.Cart.Count == 0)
        {
            _state.Step = SalesStep.Browsing;
            if (unknown.Count > 0)
            {
                // Nothing in the cart is ours to sell: a person looks at the catalog and the cart.
                _parts.Add(_p.NotInCatalog(unknown));
                return Handoff(HandoffReason.CartNotInCatalog);
            }

            return Finish(understood: true);
        }

        _signals.Add(LeadSignal.OrderIntent);
        _signals.Add(LeadSignal.ProductMatched);
        _state.FocusProductId = _state.Cart[0].ProductId;
        _state.Size = _state.Colour = null;
        _state.Quantity = null;
        _state.Step = SalesStep.Collecting;
        FillCartDetails(); // "اللارج" written with the cart
        TakeAddress();

        var received = _p.CartReceived(CartItems().Select(x => _p.Line(x.Line, x.Item)));
        _parts.Insert(0, received);
        if (unknown.Count > 0) _parts.Add(_p.NotInCatalog(unknown));
        _parts.AddRange(priceNotes);

        if (Missing() is { Count: > 0 } missing)
        {
            _parts.Add(_p.AskMissing(missing));
            return Finish(understood: true);
        }

        _state.Step = SalesStep.Confirming;
        var gov = Governorates.FindByKey(_state.Governorate!)!;
        _parts.Add(_p.Summary(CartItems(), gov, _delivery.For(gov), _state.Address, _state.Phone, _delivery.CashOnDelivery));
        return Finish(understood: true);
    }
}

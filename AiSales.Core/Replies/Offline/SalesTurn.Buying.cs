using AiSales.Core.Persistence.Entities;
using AiSales.Core.Text;

namespace AiSales.Core.Replies.Offline;
/// <summary>The order: the cart, what is still missing, the summary and placing it.</summary>
internal sealed partial class SalesTurn
{
    private void Buy(IReadOnlyList<CatalogItem> named, CatalogItem? focus)
    {
        var wasOrdered = _state.Step == SalesStep.Ordered;
        if (wasOrdered || _state.Step == SalesStep.Browsing)
        {
            _state.Cart.Clear();
        }

        // A product already in the order that is named again ("القميص لارج") gets details, not a second line.
        var newlyNamed = named.Where(n => !_state.Cart.Any(l => l.ProductId == n.Id)).ToList();
        var toAdd = named.Count > 0 ? newlyNamed : focus is not null && !_state.Cart.Any(l => l.ProductId == focus.Id) && (_intent.Has(CustomerIntent.Order) || _intent.Has(CustomerIntent.Confirm) || _state.Cart.Count == 0) ? [focus] : [];
        // A yes to the summary places it as it is; a yes to adding the product just asked about ("أضيفه لطلبك؟") adds it,
        // and "ثبت" still places the order without it.
        if (_state.Step == SalesStep.Confirming && _intent.Has(CustomerIntent.Confirm) && named.Count == 0 && (toAdd.Count == 0 || ExplicitConfirm()))
        {
            toAdd = [];
        }

        _addedThisTurn = toAdd.Count > 0;
        foreach (var item in toAdd)
        {
            if (!AddToCart(item, newlyNamed.Count > 1))
            {
                return;
            }
        }

        if (_state.Cart.Count == 0)
        {
            if (_intent.Has(CustomerIntent.Order))
            {
                _signals.Add(LeadSignal.OrderIntent);
                _state.Step = SalesStep.Collecting; // the product named next goes into the order
            }

            _parts.Add(_p.WhichProduct(Sample(), ordering: true));
            return;
        }

        _signals.Add(LeadSignal.OrderIntent);
        FillCartDetails();
        if (!_addedThisTurn && CartItems() is { Count: > 0 } lines)
        {
            // "azraq" for a hoodie that has no blue: said, with the colours it has, rather than the colour asked for again.
            var items = lines.Select(x => x.Item).Distinct().ToList();
            ReportUnavailableVariants(focus is not null && items.Contains(focus) ? focus : items[^1], items);
        }

        TakeAddress();
        if (!CheckStock())
        {
            return;
        }

        // The answer is about the order now: another product offered before ("add the jacket?") is not what a later yes
        // to the summary answers.
        if (_state.Cart.All(l => l.ProductId != _state.FocusProductId))
        {
            _state.FocusProductId = _state.Cart[^1].ProductId;
        }

        if (_state.Step is not SalesStep.Confirming)
        {
            _state.Step = SalesStep.Collecting;
        }

        var missing = Missing();
        var sideQuestions = _parts.Count;
        AnswerSideQuestions(askGovernorate: false);
        if (_intent.Has(CustomerIntent.Haggle) && FocusItem() is not null)
        {
            _parts.Add(_p.Haggle());
        }

        if (missing.Count > 0)
        {
            _state.Step = SalesStep.Collecting;
            if (toAdd.Count > 0 || _intent.Governorate is not null || _changed)
            {
                // A change ("خليه L", "make it 2") is said back with the new line total, so the customer sees it took.
                _parts.Add(Acknowledge(_changed ? CartItems().Select(x => x.Item).Distinct().ToList() : toAdd));
            }

            _parts.Add(_p.AskMissing(missing));
            return;
        }

        var confirmsNow = _intent.Has(CustomerIntent.Confirm) && (_state.Step == SalesStep.Confirming || ExplicitConfirm());
        if (confirmsNow && toAdd.Count == 0)
        {
            Place();
            return;
        }

        if (confirmsNow && ExplicitConfirm())
        {
            Place();
            return;
        }

        _state.Step = SalesStep.Confirming;
        _parts.RemoveRange(sideQuestions, _parts.Count - sideQuestions); // the summary answers price and delivery questions
        var gov = Governorates.FindByKey(_state.Governorate!)!;
        _parts.Add(_p.Summary(CartItems(), gov, _delivery.For(gov), _state.Address, _state.Phone, _delivery.CashOnDelivery));
    }

    /// <summary>What was just added and, once the governorate is known, its delivery fee: numbers the customer can check.</summary>
    private string Acknowledge(IReadOnlyList<CatalogItem> added)
    {
        var parts = CartItems().Where(x => added.Any(a => a.Id == x.Item.Id))
            .Select(x => _p.Line(x.Line, x.Item)).ToList(); // size and colour echoed, so a misread is caught now
        if (_state.Governorate is { } key && Governorates.FindByKey(key) is { } gov)
        {
            parts.Add((English ? "delivery " : "التوصيل ") + _p.To(_p.GovernorateName(gov)) + " " + _p.Price(_delivery.For(gov).FeeIqd));
        }

        return (English ? "Noted: " : "تمام، سجلت: ") + _p.List(parts) + ".";
    }

    /// <summary>"ثبتلي الطلب", "confirm the order": the customer asked to confirm in the same message as the last detail.</summary>
    private bool ExplicitConfirm() =>
        _message.Tokens.Any(t => ArabicNormalizer.WithoutPrefixes(t).Any(v =>
            v.StartsWith("ثبت", StringComparison.Ordinal) || v.StartsWith("اثبت", StringComparison.Ordinal) || v.StartsWith("اكد", StringComparison.Ordinal)
            || v.StartsWith("confirm", StringComparison.Ordinal)));

    private bool AddToCart(CatalogItem item, bool several)
    {
        if (item.Stock <= 0)
        {
            _signals.Add(LeadSignal.OutOfStock);
            _parts.Add(_p.PriceLine(item));
            _parts.Add(_p.OutOfStockLine(item, Alternatives(item), saidAlready: true));
            return false;
        }

        // "جينز ٣٢ ازرق وقميص لارج ابيض": with several products, each takes the details written next to it.
        var slots = several ? SlotsNextTo(item) : _slots;
        var sizes = slots.Sizes.Select(s => SlotExtractor.MatchSize(s, item.Sizes)).Where(s => s is not null).Cast<string>().ToList();
        var colours = slots.Colours.Select(c => SlotExtractor.MatchColour(c, item.Colours)).Where(c => c is not null).Cast<string>().ToList();
        var size = sizes.FirstOrDefault() ?? (item.Id == _state.FocusProductId ? _state.Size : null);
        var colour = item.Colours.Count == 1 ? item.Colours[0] : colours.FirstOrDefault() ?? (item.Id == _state.FocusProductId ? _state.Colour : null);
        var quantity = slots.Quantity ?? (item.Id == _state.FocusProductId ? _state.Quantity : null) ?? 1;

        // "وحدة سودة ووحدة كحلي": one line per colour (or size) named with the order.
        if (!several && colours.Count > 1)
        {
            var each = Math.Max(1, quantity / colours.Count);
            foreach (var c in colours)
            {
                _state.Cart.Add(new CartLine { ProductId = item.Id, Quantity = each, Size = size, Colour = c });
            }
        }
        else if (!several && sizes.Count > 1)
        {
            var each = Math.Max(1, quantity / sizes.Count);
            foreach (var s in sizes)
            {
                _state.Cart.Add(new CartLine { ProductId = item.Id, Quantity = each, Size = s, Colour = colour });
            }
        }
        else
        {
            _state.Cart.Add(new CartLine { ProductId = item.Id, Quantity = quantity, Size = size, Colour = colour });
        }

        if (!several)
        {
            ReportUnavailableVariants(item); // with several products, each size or colour belongs to one of them
        }
        var total = _state.Cart.Where(l => l.ProductId == item.Id).Sum(l => l.Quantity);
        if (total > item.Stock)
        {
            foreach (var line in _state.Cart.Where(l => l.ProductId == item.Id))
            {
                line.Quantity = Math.Max(1, Math.Min(line.Quantity, item.Stock));
            }

            _parts.Add(English ? $"We have only {item.Stock} of the {_p.Name(item)} left." : $"باقي بس {item.Stock} من {_p.Name(item)} بالمخزن.");
        }

        _state.FocusProductId = item.Id;
        return true;
    }

    /// <summary>
    /// The details written next to a product when a message names several: the message is cut where each product is
    /// named (a word that is one of its names), and the part that names this product is read on its own.
    /// </summary>
    private OrderSlots SlotsNextTo(CatalogItem item)
    {
        var words = _slots.WithoutAddress(_request.MessageText).Split([' ', '\n', '،', ',', '+'], StringSplitOptions.RemoveEmptyEntries);
        var names = new[] { item.NameAr, item.NameEn ?? "" }.Concat(item.Aliases).SelectMany(ArabicNormalizer.Tokenize).ToHashSet(StringComparer.Ordinal);
        var others = _active.Where(c => c.Id != item.Id).SelectMany(c => new[] { c.NameAr, c.NameEn ?? "" }.Concat(c.Aliases))
            .SelectMany(ArabicNormalizer.Tokenize).Where(t => t.Length >= 3 && !names.Contains(t)).ToHashSet(StringComparer.Ordinal);
        var segment = new List<string>();
        var mine = false;
        var seenOther = false;
        foreach (var word in words)
        {
            var variants = ArabicNormalizer.Tokenize(word).SelectMany(ArabicNormalizer.WithoutPrefixes).ToList();
            if (variants.Any(v => v.Length >= 3 && names.Any(n => ProductMatcher.WordSimilarity(n, v) >= 0.8)))
            {
                if (!mine && seenOther) segment.Clear(); // what came before belongs to the product named before
                mine = true;
            }
            else if (variants.Any(others.Contains))
            {
                if (mine) break; // the next product starts
                seenOther = true;
                segment.Clear();
                continue;
            }

            segment.Add(word);
        }

        return mine ? SlotExtractor.Extract(string.Join(' ', segment)) : _slots;
    }

    /// <summary>The catalog as it is now: a line whose product sold out goes (said plainly), a larger quantity than is left shrinks.</summary>
    private bool CheckStock()
    {
        foreach (var (line, item) in CartItems())
        {
            if (item.Stock <= 0)
            {
                _state.Cart.Remove(line);
                _signals.Add(LeadSignal.OutOfStock);
                _parts.Add(_p.OutOfStockLine(item, Alternatives(item)));
            }
            else if (_state.Cart.Where(l => l.ProductId == item.Id).Sum(l => l.Quantity) > item.Stock)
            {
                line.Quantity = Math.Max(1, item.Stock - _state.Cart.Where(l => l.ProductId == item.Id && l != line).Sum(l => l.Quantity));
                _parts.Add(English ? $"We have only {item.Stock} of the {_p.Name(item)} left." : $"باقي بس {item.Stock} من {_p.Name(item)} بالمخزن.");
            }
        }

        _state.Cart.RemoveAll(l => !_active.Any(c => c.Id == l.ProductId));
        if (_state.Cart.Count == 0)
        {
            _state.Step = SalesStep.Browsing;
            return false;
        }

        return true;
    }

    /// <summary>What the order being collected still needs (empty when nothing is being collected).</summary>
    internal static IReadOnlyList<string> MissingFor(OfflineRequest request, ReplyPhrases phrases)
    {
        var message = IntentDetector.Prepare(request.MessageText);
        return new SalesTurn(request, message, IntentDetector.Detect(message), SlotExtractor.Extract(request.MessageText), phrases, []).Missing();
    }

    private List<string> Missing()
    {
        var missing = new List<string>();
        foreach (var (line, item) in CartItems())
        {
            if (line.Size is null && item.Sizes.Count > 0)
            {
                missing.Add(_p.MissingSize(item));
            }

            if (line.Colour is null && item.Colours.Count > 1)
            {
                missing.Add(_p.MissingColour(item));
            }
        }

        if (_state.Governorate is null)
        {
            missing.Add(English ? "your governorate" : "المحافظة");
        }

        if (_state.Phone is null)
        {
            missing.Add(English ? "your mobile number" : "رقم الموبايل");
        }

        if (_state.Address is null)
        {
            missing.Add(English ? "the address or nearest landmark" : "العنوان وأقرب نقطة دالة");
        }

        return missing;
    }

    private List<(CartLine Line, CatalogItem Item)> CartItems() =>
        _state.Cart.Select(l => (Line: l, Item: _active.FirstOrDefault(c => c.Id == l.ProductId)))
            .Where(x => x.Item is not null).Select(x => (x.Line, x.Item!)).ToList();

    private void Place()
    {
        var items = CartItems();
        var gov = Governorates.FindByKey(_state.Governorate!)!;
        var terms = _delivery.For(gov);
        _order = new PlacedOrder(
            items.Select(x => new PlacedOrderLine(x.Item.Id, x.Item.NameAr, x.Item.Sku, x.Line.Quantity, x.Line.Size, x.Line.Colour, x.Item.PriceIqd)).ToList(),
            gov.Key, _state.City, _state.Address, _state.Phone!, _state.CustomerName,
            items.Sum(x => x.Item.PriceIqd * x.Line.Quantity), terms.FeeIqd);
        _parts.Add(_p.Placed(_order, gov, terms));
        _signals.Add(LeadSignal.OrderPlaced);
        _state.Cart.Clear();
        _state.Step = SalesStep.Ordered;
    }
}

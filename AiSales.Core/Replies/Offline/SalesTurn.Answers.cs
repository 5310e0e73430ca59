using AiSales.Core.Persistence.Entities;
using AiSales.Core.Text;

namespace AiSales.Core.Replies.Offline;
/// <summary>Answers about the product in focus, delivery and payment, and what to suggest instead.</summary>
internal sealed partial class SalesTurn
{
    private void AnswerAbout(CatalogItem item, bool haggling = false)
    {
        if (item.Stock <= 0)
        {
            _signals.Add(LeadSignal.OutOfStock);
            _parts.Add(_p.PriceLine(item));
            _parts.Add(_p.OutOfStockLine(item, Alternatives(item), saidAlready: true));
            if (OrderInProgress() is { } order)
            {
                _parts.Add(_p.OrderWaits(order, Missing(), _state.Step == SalesStep.Confirming));
            }

            return;
        }

        var variantAnswered = false;
        if (!haggling && Comparative() is { } bigger && _slots.Sizes.Select(s => SlotExtractor.MatchSize(s, item.Sizes)).FirstOrDefault(s => s is not null) is { } from)
        {
            // "اكو اكبر من XL؟": the sizes past it, or that it is the largest (smallest).
            var index = item.Sizes.ToList().IndexOf(from);
            var beyond = bigger ? item.Sizes.Skip(index + 1).ToList() : item.Sizes.Take(index).ToList();
            _parts.Add(beyond.Count > 0
                ? (English ? $"Yes: {_p.List(beyond)}." : $"اي، عدنا {_p.List(beyond)}.")
                : English ? $"{from} is the {(bigger ? "largest" : "smallest")} size of the {_p.Name(item)}; sizes: {_p.List(item.Sizes)}."
                : $"{from} هو {(bigger ? "أكبر" : "أصغر")} قياس ب{_p.Name(item)}، القياسات: {_p.List(item.Sizes)}.");
            _parts.Add(_p.OfferLine(item));
            return;
        }

        foreach (var size in haggling ? [] : _slots.Sizes) // "اخذه ب 35": 35 is the offer, not a size
        {
            variantAnswered = true;
            if (item.Sizes.Count == 0)
            {
                continue;
            }

            if (SlotExtractor.MatchSize(size, item.Sizes) is { } s)
            {
                _state.Size = s;
                _parts.Add(English ? $"Yes, the {_p.Name(item)} comes in size {s}." : $"اي، {_p.Name(item)} {(item.IsFeminine ? "متوفرة" : "متوفر")} بقياس {s}.");
            }
            else
            {
                _parts.Add(English ? $"Sorry, no size {size} in the {_p.Name(item)}; sizes: {_p.List(item.Sizes)}." : $"للأسف ماكو قياس {size} ب{_p.Name(item)}، القياسات المتوفرة: {_p.List(item.Sizes)}.");
            }
        }

        foreach (var colour in haggling ? [] : _slots.Colours)
        {
            variantAnswered = true;
            if (SlotExtractor.MatchColour(colour, item.Colours) is { } c)
            {
                _state.Colour = c;
                _parts.Add(English ? $"Yes, the {_p.Name(item)} comes in {SlotExtractor.ColourInEnglish(c)}." : $"اي، {_p.Name(item)} {(item.IsFeminine ? "موجودة" : "موجود")} بلون {c}.");
            }
            else
            {
                _parts.Add(item.Colours.Count == 0
                    ? (English ? $"The {_p.Name(item)} comes in one colour only." : $"{_p.Name(item)} بلون واحد بس.")
                    : English ? $"Sorry, not in that colour; colours: {_p.List(item.Colours.Select(SlotExtractor.ColourInEnglish))}." : $"للأسف ماكو هذا اللون، الألوان المتوفرة: {_p.List(item.Colours)}.");
            }
        }

        haggling |= _intent.Has(CustomerIntent.Haggle);
        // "هل يتوفر لديكم حذاء رياضي مقاس 42؟": the first answer about a product carries its price, even to a size question.
        var asksPrice = _intent.Has(CustomerIntent.Price) || haggling || !variantAnswered || _focusedNow;
        if (asksPrice)
        {
            _parts.Insert(_parts.Count - (variantAnswered ? CountVariantLines() : 0), _p.PriceLine(item));
        }

        if (!variantAnswered && _intent.Primary is not CustomerIntent.Haggle && (_intent.Has(CustomerIntent.Variant) || _intent.Has(CustomerIntent.Availability)))
        {
            var options = _p.OptionsLine(item);
            if (options.Length > 0)
            {
                _parts.Add(options);
            }
        }

        if (_slots.Quantity is { } q)
        {
            _state.Quantity = q;
            if (q > item.Stock)
            {
                _parts.Add(English ? $"We have only {item.Stock} left." : $"باقي بس {item.Stock} بالمخزن.");
            }
        }

        if (haggling)
        {
            _parts.Add(_p.Haggle());
        }

        if (_intent.Has(CustomerIntent.Delivery) || _intent.Has(CustomerIntent.Payment))
        {
            return;
        }

        // "كم السعر؟" about what is already in the order: no offer to reserve it again, the order goes on where it was.
        if (_state.Step is SalesStep.Collecting or SalesStep.Confirming && _state.Cart.Any(l => l.ProductId == item.Id))
        {
            if (_state.Step == SalesStep.Confirming)
            {
                _parts.Add(_p.StillConfirm());
            }
            else if (Missing() is { Count: > 0 } missing)
            {
                _parts.Add(_p.AskMissing(missing));
            }

            return;
        }

        // Another product asked about mid-order ("بيش الساعة؟"): its price, then whether it joins the order and what the
        // order still needs, so the order is not silently left behind (a yes adds it; a no goes back to the order).
        if (OrderInProgress() is { } inProgress)
        {
            _parts.Add(_p.AddToOrder(item, inProgress, Missing(), _state.Step == SalesStep.Confirming));
            return;
        }

        _parts.Add(_p.OfferLine(item));

        int CountVariantLines() => _slots.Sizes.Count(_ => item.Sizes.Count > 0) + _slots.Colours.Count;
    }

    /// <summary>The order being collected or waiting for its yes, in a few words; null when there is none.</summary>
    private string? OrderInProgress() =>
        _state.Step is SalesStep.Collecting or SalesStep.Confirming && CartItems() is { Count: > 0 } lines ? _p.OrderInShort(lines) : null;

    private void AnswerSideQuestions(bool askGovernorate)
    {
        if (_intent.Has(CustomerIntent.Haggle) && FocusItem() is null)
        {
            _parts.Add(_p.Haggle());
        }

        if (_intent.Has(CustomerIntent.Payment))
        {
            _parts.Add(_p.Payment(IsCardQuestion(), _delivery));
        }

        // Naming a governorate while ordering is a detail, not a delivery question (the summary gives the fee).
        if (_intent.Has(CustomerIntent.Delivery) && (AsksDelivery() || _state.Step is SalesStep.Browsing or SalesStep.Ordered))
        {
            var gov = _intent.Governorate ?? (_state.Governorate is { } key ? Governorates.FindByKey(key) : null);
            if (_state.Step == SalesStep.Ordered && _intent.Governorate is null && gov is not null)
            {
                _parts.Add(_p.OrderOnItsWay(gov, _delivery.For(gov)));
                return;
            }

            _parts.Add(gov is null && !askGovernorate ? _p.Delivery(null, _delivery).Split('؟')[0] : _p.Delivery(gov, _delivery));
        }
    }

    /// <summary>A delivery cue that is not just a place name: "شكد التوصيل", "how long does delivery take".</summary>
    private bool AsksDelivery() =>
        _intent.Cues.Any(c => c.Intent == CustomerIntent.Delivery && Governorates.Detect(new NormalizedMessage(c.Cue)) is null);

    private bool IsCardQuestion() =>
        _message.Tokens.Any(t => t.StartsWith("كارد", StringComparison.Ordinal) || t.StartsWith("بطاق", StringComparison.Ordinal) || t.Contains("card", StringComparison.Ordinal)
            || t is "visa" or "فيزا" or "ماستر" or "master" or "mastercard" or "تحويل" or "transfer" or "زين" && _message.Text.Contains("زين كاش", StringComparison.Ordinal) || t == "كي" || t == "qi");

    private IReadOnlyList<CatalogItem> Alternatives(CatalogItem item)
    {
        var words = ArabicNormalizer.Tokenize(item.NameAr).Concat(item.Aliases.SelectMany(ArabicNormalizer.Tokenize));
        var similar = ProductMatcher.Closest(words, _active.Where(c => c.Id != item.Id && c.Stock > 0).ToList(), 3);
        if (similar.Count > 0)
        {
            return similar;
        }

        // Nothing with a similar name: the in-stock products closest in price.
        return _active.Where(c => c.Id != item.Id && c.Stock > 0)
            .OrderBy(c => Math.Abs(c.PriceIqd - item.PriceIqd)).ThenBy(c => c.NameAr, StringComparer.Ordinal).Take(2).ToList();
    }

    /// <summary>
    /// In-stock products within a budget, dearest first (closest to what the customer means to spend), those for the person
    /// the customer buys for ahead of those for anyone, none made for someone else. Nothing fits: the cheapest three.
    /// </summary>
    private (bool Fits, IReadOnlyList<CatalogItem> Items) WithinBudget(long budget)
    {
        var audience = Audiences.For(_message);
        var pool = _active.Where(c => c.Stock > 0).Select(c => (Item: c, For: Audiences.Of(c)))
            .Where(c => audience is null || c.For is null || c.For == audience).ToList();
        var fits = pool.Where(c => c.Item.PriceIqd <= budget)
            .OrderByDescending(c => audience is not null && c.For == audience).ThenByDescending(c => c.Item.PriceIqd)
            .ThenBy(c => c.Item.NameAr, StringComparer.Ordinal).Select(c => c.Item).Take(5).ToList();
        return fits.Count > 0
            ? (true, fits)
            : (false, pool.Select(c => c.Item).OrderBy(c => c.PriceIqd).ThenBy(c => c.NameAr, StringComparer.Ordinal).Take(3).ToList());
    }

    /// <summary>What the shop sells, briefly: in-stock products, cheapest first (a stable order, not an arbitrary one).</summary>
    private IReadOnlyList<CatalogItem> Sample() =>
        _active.Where(c => c.Stock > 0).OrderBy(c => c.PriceIqd).ThenBy(c => c.NameAr, StringComparer.Ordinal).Take(6).ToList();
}

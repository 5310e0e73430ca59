using AiSales.Core.Persistence.Entities;
using AiSales.Core.Text;

namespace AiSales.Core.Replies.Offline;
/// <summary>What the customer asked for: a person, a cancel, a follow-up about the product in focus, a yes, an offer.</summary>
internal sealed partial class SalesTurn
{
    private string? HandoffIntent()
    {
        if (_intent.Has(CustomerIntent.WantsHuman))
        {
            return HandoffReason.WantsHuman;
        }

        if (_intent.Primary is CustomerIntent.Complaint)
        {
            return HandoffReason.Complaint;
        }

        if ((_intent.Primary is CustomerIntent.ReturnOrExchange || (_intent.Has(CustomerIntent.ReturnOrExchange) && !_intent.Has(CustomerIntent.Order)))
            && !ChangesOpenOrder())
        {
            return HandoffReason.ReturnOrExchange;
        }

        if (_intent.Primary == CustomerIntent.Cancel && _state.Step == SalesStep.Ordered && _state.LastOrderId is not null)
        {
            return HandoffReason.OrderChange;
        }

        return null;
    }

    private OfflineReply Handoff(string reason)
    {
        _parts.Add(_p.Handoff(reason, Shop, _request.TeamBackAt, again: _state.HandedOff));
        _state.HandedOff = true;
        _state.UnclearTurns = 0;
        _handoffReason = reason;
        return Finish(understood: true);
    }

    private bool Cancel()
    {
        if (_state.Step is SalesStep.Collecting or SalesStep.Confirming && _state.Cart.Count > 0)
        {
            _state.Cart.Clear();
            _state.Step = SalesStep.Browsing;
            _parts.Add(_p.Cancelled());
        }
        else
        {
            _parts.Add(_p.NoThanks());
        }

        return true;
    }

    /// <summary>
    /// "اريد اغير اللون اسود", "بدل القياس" while the order is still being collected: a change to it, not an exchange of
    /// something delivered (which a person arranges).
    /// </summary>
    private bool ChangesOpenOrder() =>
        _state.Step is SalesStep.Collecting or SalesStep.Confirming && _state.Cart.Count > 0
        && (_slots.Sizes.Count > 0 || _slots.Colours.Count > 0 || _slots.Quantity is not null || NamesAVariant()
            || ProductMatcher.Match(_message, _active).Count > 0);

    /// <summary>"ابدل", "بداله", "instead", "swap": one thing for another.</summary>
    private bool Swaps() => _message.Tokens.Any(t => ArabicNormalizer.WithoutPrefixes(t).Any(v =>
        v.StartsWith("بدل", StringComparison.Ordinal) || v.StartsWith("ابدل", StringComparison.Ordinal) || v.StartsWith("نبدل", StringComparison.Ordinal)
        || v.StartsWith("استبدل", StringComparison.Ordinal) || v.StartsWith("بدال", StringComparison.Ordinal)
        || v is "instead" or "swap" or "switch" or "badal" or "abadil" or "abaddil" or "baddil" or "badalha" or "badala"));

    /// <summary>"اللون", "القياس", "size": the message talks about a variant without naming one.</summary>
    private bool NamesAVariant() => _message.Tokens.Any(t => ArabicNormalizer.WithoutPrefixes(t).Any(v =>
        v is "لون" or "قياس" or "مقاس" or "حجم" or "عدد" or "colour" or "color" or "size" or "lon" or "qiyas" or "9iyas"));

    /// <summary>A greeting outside the address: "حي السلام" is a district, not "السلام عليكم".</summary>
    private bool Greets() =>
        _intent.Has(CustomerIntent.Greeting)
        && (_slots.AddressSource is null || IntentDetector.Detect(_slots.WithoutAddress(_request.MessageText)).Has(CustomerIntent.Greeting));

    /// <summary>
    /// "لا" after "shall I add the watch to your order?", "لا بس الدشداشة": a no to the other product, not to the order.
    /// While an order is open, a no is about the product last asked about when that one is not in the order (or when the
    /// no names only products of the order), unless it says the order itself goes ("الغي الطلب", "cancel everything").
    /// </summary>
    private bool DeclinesOnlyTheOtherProduct(IReadOnlyList<CatalogItem> named)
    {
        if (_state.Step is not (SalesStep.Collecting or SalesStep.Confirming) || _state.Cart.Count == 0 || CancelsTheOrder())
        {
            return false;
        }

        var otherInFocus = _state.FocusProductId is { } focus && _state.Cart.All(l => l.ProductId != focus);
        return (otherInFocus && named.All(n => _state.Cart.Any(l => l.ProductId == n.Id)))
            || (named.Count > 0 && named.All(n => _state.Cart.Any(l => l.ProductId == n.Id)));
    }

    private bool CancelsTheOrder() => _message.Tokens.Any(t => ArabicNormalizer.WithoutPrefixes(t).Any(v =>
        v.StartsWith("الغ", StringComparison.Ordinal) || v.StartsWith("cancel", StringComparison.Ordinal) || v.StartsWith("alghi", StringComparison.Ordinal)
        || v.StartsWith("elghi", StringComparison.Ordinal) || v.StartsWith("ilghi", StringComparison.Ordinal) || v.StartsWith("بطل", StringComparison.Ordinal)
        || v is "طلب" or "طلبي" or "order" or "كلشي" or "everything" or "all" or "kulshi" or "talab" or "el talab"));

    /// <summary>The order goes on: its product back in focus, and what it still needs (or the yes it waits for).</summary>
    private bool BackToOrder()
    {
        _state.FocusProductId = _state.Cart[^1].ProductId;
        _parts.Add(_p.OrderGoesOn());
        _parts.Add(_state.Step == SalesStep.Confirming ? _p.StillConfirm() : _p.AskMissing(Missing()));
        _products.AddRange(_state.Cart.Select(l => l.ProductId));
        return true;
    }

    /// <summary>"كم صار المجموع", "الحساب كله", "what's the total".</summary>
    private bool AsksTheTotal() => _message.Tokens.Any(t => ArabicNormalizer.WithoutPrefixes(t).Any(v =>
        v is "مجموع" or "المجموع" or "الكلي" or "الحساب" or "حساب" or "total" or "majmoo3" or "majmu3" or "majmo3"));

    private bool AnswerTheTotal()
    {
        var gov = _state.Governorate is { } key ? Governorates.FindByKey(key) : null;
        _parts.Add(_p.SoFar(CartItems(), gov, gov is null ? null : _delivery.For(gov)));
        _parts.Add(_state.Step == SalesStep.Confirming ? _p.StillConfirm() : _p.AskMissing(Missing()));
        _products.AddRange(_state.Cart.Select(l => l.ProductId));
        return true;
    }

    /// <summary>The sizes and colours of the product being ordered, for a change the customer has not named yet.</summary>
    private bool AskWhichVariant()
    {
        var line = _state.Cart.LastOrDefault(l => l.ProductId == _state.FocusProductId) ?? _state.Cart[^1];
        if (_active.FirstOrDefault(c => c.Id == line.ProductId) is { } item && _p.OptionsLine(item) is { Length: > 0 } options)
        {
            _parts.Add(options);
            _products.Add(item.Id);
        }

        _parts.Add(English ? "Which would you like instead?" : "شنو تحب بداله؟");
        return true;
    }

    /// <summary>"سعره؟", "اكو لارج؟", "it", "this one": a follow-up about the product in focus, not a new product.</summary>
    private bool RefersToFocus()
    {
        foreach (var token in _message.Tokens)
        {
            if (token.EndsWith('ه') || token.EndsWith("ها", StringComparison.Ordinal) || token is "it" or "this" or "that" or "one" or "هذا" or "هذي" or "هاي" or "هاذ")
            {
                return true;
            }
        }

        return _slots.Sizes.Count > 0 || _slots.Colours.Count > 0;
    }

    /// <summary>"شنو البديل؟", "عدكم غيره؟", "something similar?": other products like the one in focus.</summary>
    private bool AsksForAlternatives() => _message.Tokens.Any(t => ArabicNormalizer.WithoutPrefixes(t).Any(v =>
        v is "بديل" or "بدايل" or "بداله" or "بدالها" or "غيره" or "غيرها" or "alternative" or "alternatives" or "similar" or "else" or "other" or "others"
            or "badalha" or "badala" or "badalah" or "ghera" or "gheirha" or "ghairha"));

    /// <summary>True for "bigger than", false for "smaller than", null when the message compares nothing.</summary>
    private bool? Comparative()
    {
        foreach (var t in _message.Tokens)
        {
            if (t is "اكبر" or "bigger" or "larger" or "akbar") return true;
            if (t is "اصغر" or "smaller" or "asghar") return false;
        }

        return null;
    }

    /// <summary>A price of the customer's own for the product in focus: "اخذه ب 35" (not one of its sizes), or "70k" that is not its price.</summary>
    private bool CounterOffer(CatalogItem focus)
    {
        // "anything for kids under 25k?": a limit on what to show, not a price offered for the product.
        if (_intent.Budget is not null)
        {
            return false;
        }

        var named = PrefixedAmount().Match(Digits.Fold(_request.MessageText));
        if (named.Success && SlotExtractor.MatchSize(named.Groups[1].Value, focus.Sizes) is null
            && (_intent.Has(CustomerIntent.Order) || _intent.Has(CustomerIntent.Haggle) || _intent.Has(CustomerIntent.Price)))
        {
            return true;
        }

        return OfferedThousands() is { } offered && offered != focus.PriceIqd;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:^|\s)(?:ب|بـ|b|for|at)\s*(\d{2,6})\s*(?:الف|ألف|k|K|,000|دينار)?(?!\d)")]
    private static partial System.Text.RegularExpressions.Regex PrefixedAmount();

    /// <summary>"70k", "50 الف": an amount in thousands the customer named.</summary>
    private long? OfferedThousands()
    {
        var m = Thousands().Match(Digits.Fold(_request.MessageText));
        return m.Success ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 1000 : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\d,])(\d{1,3})\s?(?:k|K|الف|ألف|الاف|آلاف)(?![A-Za-z])")]
    private static partial System.Text.RegularExpressions.Regex Thousands();

    private bool AsksToKnow() => _message.Tokens.Any(t => ArabicNormalizer.WithoutPrefixes(t).Any(v =>
        v.StartsWith("اعرف", StringComparison.Ordinal) || v.StartsWith("نعرف", StringComparison.Ordinal) || v is "know" or "ask" or "اسال" or "استفسر"));

    /// <summary>Every size and colour the message names is one this product has (and it names at least one).</summary>
    /// <summary>
    /// "42 اسود", "لارج رصاصي عيوني", "L grey" after the price: details that fit the product in focus, said as a choice
    /// and not asked ("اكو لارج؟"), answer "shall I book one?" with the variant the customer takes.
    /// </summary>
    private bool ChoosesVariant(CatalogItem focus) =>
        FitsDetails(focus)
        && _intent.All.All(i => i is CustomerIntent.Other or CustomerIntent.Variant or CustomerIntent.Thanks or CustomerIntent.Confirm)
        && !_request.MessageText.Contains('?') && !_request.MessageText.Contains('؟')
        && !_message.Tokens.Any(t => ArabicNormalizer.WithoutPrefixes(t).Any(VariantQuestionWords.Contains));

    private static readonly HashSet<string> VariantQuestionWords = new[]
    {
        "اكو", "ماكو", "عدكم", "عندكم", "موجود", "موجوده", "متوفر", "متوفره", "يتوفر", "شنو", "شكد", "شلون", "هل", "يصير", "تكدر",
        "do", "does", "have", "available", "any", "which", "what", "is", "are", "can", "fit", "fits",
        "aku", "3idkum", "3dkum", "mawjood", "shnu", "shno",
    }.Select(ArabicNormalizer.Normalize).ToHashSet(StringComparer.Ordinal);

    /// <summary>Emoji, hearts, flowers: no letter and no digit.</summary>
    private bool OnlySymbols() =>
        _request.MessageText.Any(c => !char.IsWhiteSpace(c)) && !_request.MessageText.Any(char.IsLetterOrDigit);

    private bool FitsDetails(CatalogItem item) =>
        (_slots.Sizes.Count > 0 || _slots.Colours.Count > 0)
        && _slots.Sizes.All(s => SlotExtractor.MatchSize(s, item.Sizes) is not null)
        && _slots.Colours.All(c => SlotExtractor.MatchColour(c, item.Colours) is not null);

    /// <summary>
    /// "وكم سعر الحجاب؟" while an order is being collected: a question about the product it names, not a line for the order
    /// (which "ضيفلي حجاب" is).
    /// </summary>
    private bool AsksAbout(IReadOnlyList<CatalogItem> named) =>
        named.Count > 0 && !_intent.Has(CustomerIntent.Order)
        && (_intent.Has(CustomerIntent.Price) || _intent.Has(CustomerIntent.Availability) || _intent.Has(CustomerIntent.Variant)
            || _intent.Has(CustomerIntent.Haggle) || _request.MessageText.Contains('?') || _request.MessageText.Contains('؟'));

    private static bool SharesKind(CatalogItem a, CatalogItem b) =>
        ArabicNormalizer.Tokenize(a.NameAr).Intersect(ArabicNormalizer.Tokenize(b.NameAr)).Any(w => w.Length >= 3);

    private static IEnumerable<string> UnknownPhrase(IReadOnlyList<string> words) => words.Take(2);
}

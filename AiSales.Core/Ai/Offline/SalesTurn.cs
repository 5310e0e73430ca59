using AiSales.Core.Ai.Text;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Ai.Offline;

/// <summary>
/// One customer turn of a sale: reads what the message says (intents, products, sizes, colours, quantity, governorate,
/// phone, address), moves the conversation's <see cref="SalesState"/> forward and writes the answer.
/// The order of concerns: a person is needed (hand off, and say so) → cancelling → which product → buying (collect
/// only what is missing, summarise with totals, place the order on the customer's yes) → questions about the product
/// in focus, delivery, payment, price haggling → small talk → not understood (twice in a row hands off).
/// </summary>
internal sealed class SalesTurn
{
    private readonly OfflineRequest _request;
    private readonly NormalizedMessage _message;
    private readonly IntentResult _intent;
    private readonly ReplyPhrases _p;
    private readonly SalesState _state;
    private readonly OrderSlots _slots;
    private readonly DeliveryOptions _delivery;
    private readonly List<string> _signals;
    private readonly List<string> _parts = [];
    private readonly List<Guid> _products = [];
    private readonly IReadOnlyList<CatalogItem> _active;
    private static readonly HashSet<string> AddressFillers = new[]
    {
        "انا", "اني", "احنا", "ساكن", "ساكنه", "اسكن", "نسكن", "محافظه", "مدينه", "من", "في", "بس", "هسه",
        "i'm", "im", "from", "live", "the", "city", "governorate",
    }.Select(ArabicNormalizer.Normalize).ToHashSet(StringComparer.Ordinal);

    private string? _handoffReason;
    private bool _addedThisTurn;
    private bool _changed;
    private PlacedOrder? _order;
    private double _confidence;

    public SalesTurn(OfflineRequest request, NormalizedMessage message, IntentResult intent, ReplyPhrases phrases, List<string> signals)
    {
        _request = request;
        _message = message;
        _intent = intent;
        _p = phrases;
        _signals = signals;
        _state = Copy(request.State ?? new SalesState());
        _slots = SlotExtractor.Extract(request.MessageText);
        _delivery = request.Delivery ?? DeliveryOptions.Defaults;
        _active = request.Catalog.Where(c => c.Active).ToList();
        _confidence = intent.Confidence;
    }

    private bool English => _p.English;

    private string Shop => English && !string.IsNullOrWhiteSpace(_request.MerchantNameEn) ? _request.MerchantNameEn! : _request.MerchantName;

    public OfflineReply Run()
    {
        RememberContactDetails();

        if (HandoffIntent() is { } reason)
        {
            return Handoff(reason);
        }

        // An address names streets and landmarks, not products ("ساحة" is one letter from "ساعة").
        var resolution = ProductMatcher.Resolve(
            _slots.AddressSource is not null ? IntentDetector.Prepare(_slots.WithoutAddress(_request.MessageText)) : _message,
            _active);
        // "لا لحظة، خليه وردي": a no that carries a new detail changes the order, it does not cancel it.
        var changesOrder = _state.Step is SalesStep.Collecting or SalesStep.Confirming
            && (_slots.Sizes.Count > 0 || _slots.Colours.Count > 0 || _slots.Quantity is not null);
        if (_intent.Primary == CustomerIntent.Cancel && !changesOrder)
        {
            return Finish(Cancel());
        }

        var understood = _intent.Primary != CustomerIntent.Other || _slots.Any || _intent.Governorate is not null
            || resolution.Named.Count > 0 || resolution.Ambiguous.Count > 0;

        if (_intent.Has(CustomerIntent.Greeting))
        {
            _parts.Add(_p.Greeting(Shop, alone: _intent.All.Count == 1 && resolution.Named.Count == 0 && !_slots.Any));
        }

        // Which product: named ones switch the focus; near-ties for the same words get a choice — unless one of them is
        // of the kind already being discussed ("الصيفي؟" after the evening dress means the summer dress).
        if (resolution.Ambiguous.Count > 0 && FocusItem() is { } current && !resolution.Ambiguous.Any(a => a.Id == current.Id)
            && resolution.Ambiguous.Where(a => SharesKind(a, current)).ToList() is [var sameKind])
        {
            resolution = resolution with { Named = [sameKind], Ambiguous = [] };
        }

        if (resolution.Ambiguous.Count > 0 && !resolution.Ambiguous.Any(a => a.Id == _state.FocusProductId))
        {
            _parts.Add(_p.Choice(resolution.Ambiguous));
            _products.AddRange(resolution.Ambiguous.Select(a => a.Id));
            _state.Choices = [.. resolution.Ambiguous.Select(a => a.Id)];
            return Finish(understood: true);
        }

        // After a choice: "بالبني اكو؟", "لارج بني" — a colour or size only one of the offered products has picks it.
        var offered = _state.Choices;
        _state.Choices = [];
        if (resolution.Named.Count == 0 && offered.Count > 0
            && _active.Where(c => offered.Contains(c.Id) && FitsDetails(c)).ToList() is [var picked])
        {
            resolution = resolution with { Named = [picked] };
        }

        var named = resolution.Named.Count > 0 ? resolution.Named
            : resolution.Ambiguous.Where(a => a.Id == _state.FocusProductId).ToList();
        if (named.Count > 0 && named[0].Id != _state.FocusProductId)
        {
            Focus(named[0]);
        }

        var focus = FocusItem();
        var wantsProduct = _intent.Has(CustomerIntent.Price) || _intent.Has(CustomerIntent.Availability) || _intent.Has(CustomerIntent.Variant)
            || _intent.Has(CustomerIntent.Order) || (named.Count > 0 && _intent.Primary is CustomerIntent.Other or CustomerIntent.Greeting)
            || (focus is not null && _intent.Has(CustomerIntent.Haggle));
        // "عدكم ايفون؟": a product the shop does not have. With a product in focus, only an availability or buying question
        // about an unknown word is that; "shgad si3ra mara lak?" still asks about the product in focus.
        var notSoldQuestion = focus is null
            ? _intent.Primary is CustomerIntent.Price or CustomerIntent.Availability or CustomerIntent.Variant or CustomerIntent.Order
            : _intent.Primary is CustomerIntent.Availability or CustomerIntent.Order && !RefersToFocus();
        if (named.Count == 0 && resolution.UnknownWords.Count > 0 && notSoldQuestion)
        {
            var closest = ProductMatcher.Closest(resolution.UnknownWords, _active, 3);
            _parts.Add(_p.NotSold(string.Join(' ', UnknownPhrase(resolution.UnknownWords)), closest, Sample()));
            _products.AddRange(closest.Select(c => c.Id));
            // "something for my son" → the kids' set: what is offered is what "the blue one, 4-5" will be about.
            _state.Choices = [.. closest.Select(c => c.Id)];
            if (closest.Count == 1)
            {
                Focus(closest[0]);
            }

            return Finish(understood: true);
        }

        if (focus is not null)
        {
            _signals.Add(LeadSignal.ProductMatched);
            _products.Add(focus.Id);
        }

        // "اخذه ب 35" names its own price: a counter-offer, answered like haggling, not an order at the catalog price.
        if (focus is not null && CounterOffer(focus))
        {
            AnswerAbout(focus, haggling: true);
            return Finish(understood: true);
        }

        // A phone number or an address given while looking at a product is an order too. A bare "I want" next to a
        // question ("أريد أن أعرف سعر…", "اريد اعرف اكو…") asks; it does not buy.
        var wantsToBuy = _intent.Primary == CustomerIntent.Order
            || (_intent.Has(CustomerIntent.Order) && !_intent.Has(CustomerIntent.Price) && !_intent.Has(CustomerIntent.Availability) && !AsksToKnow());
        var buying = wantsToBuy
            || (_state.Step == SalesStep.Confirming && (_intent.Has(CustomerIntent.Confirm) || ThumbsUp()))
            || (_state.Step is SalesStep.Collecting or SalesStep.Confirming && (_slots.Any || _intent.Governorate is not null || named.Count > 0))
            || (focus is not null && (_slots.Phone is not null || _slots.Address is not null))
            // "حسناً، مقاس 44 باللون الأبيض": a yes with the details, not a question, is the order.
            || (focus is not null && _intent.Has(CustomerIntent.Confirm) && (_slots.Sizes.Count > 0 || _slots.Colours.Count > 0)
                && !_request.MessageText.Contains('?') && !_request.MessageText.Contains('؟'))
            || (focus is not null && _slots.Quantity is not null && !_intent.Has(CustomerIntent.Price) && !_intent.Has(CustomerIntent.Availability)
                && !_intent.Has(CustomerIntent.Haggle))
            || changesOrder;
        if (buying)
        {
            Buy(named, focus);
            return Finish(understood: true);
        }

        if (focus is not null && AsksForAlternatives())
        {
            var others = Alternatives(focus);
            _parts.Add(_p.Similar(others));
            _products.AddRange(others.Select(o => o.Id));
        }
        else if (named.Count > 1 && wantsProduct)
        {
            // "بيش العباية والجينز؟": each price, then which one.
            _parts.AddRange(named.Select(_p.PriceLine));
            _products.AddRange(named.Select(n => n.Id));
            _parts.Add(English ? "Which one would you like?" : "ياهو اللي يعجبك؟");
        }
        else if (focus is not null && wantsProduct && (named.Count > 0 || _intent.Primary is not (CustomerIntent.Delivery or CustomerIntent.Payment)))
        {
            AnswerAbout(focus);
        }
        else if (wantsProduct && focus is null && !_intent.Has(CustomerIntent.Delivery) && !_intent.Has(CustomerIntent.Payment))
        {
            _parts.Add(_p.WhichProduct(Sample(), ordering: false));
        }

        AnswerSideQuestions(askGovernorate: true);

        if (_intent.Has(CustomerIntent.Thanks))
        {
            _parts.Add(_p.Thanks());
        }

        if (_intent.Has(CustomerIntent.Farewell) || (_intent.Primary == CustomerIntent.Confirm && _parts.Count == 0 && _state.Step == SalesStep.Ordered))
        {
            _parts.Add(_intent.Has(CustomerIntent.Farewell) ? _p.Farewell() : _p.Thanks());
        }

        if (_intent.Primary == CustomerIntent.Confirm && _parts.Count == 0 && focus is not null)
        {
            // "اي" after an offer to reserve: that is a yes to buying the product in focus.
            Buy([], focus);
            return Finish(understood: true);
        }

        return Finish(understood);
    }

    // ---- what the customer asked ----

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

        if (_intent.Primary is CustomerIntent.ReturnOrExchange || (_intent.Has(CustomerIntent.ReturnOrExchange) && !_intent.Has(CustomerIntent.Order)))
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
        v is "بديل" or "بدايل" or "بداله" or "بدالها" or "غيره" or "غيرها" or "alternative" or "alternatives" or "similar" or "else" or "other" or "others"));

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

    /// <summary>"👍" / "👌" alone: a yes.</summary>
    private bool ThumbsUp()
    {
        var text = _request.MessageText.Trim();
        return text.Length > 0 && text.Replace("👍", "", StringComparison.Ordinal).Replace("👌", "", StringComparison.Ordinal)
            .Replace("✅", "", StringComparison.Ordinal).Replace("\U0001F3FB", "", StringComparison.Ordinal).Replace("\U0001F3FC", "", StringComparison.Ordinal)
            .Replace("\U0001F3FD", "", StringComparison.Ordinal).Replace("\uFE0F", "", StringComparison.Ordinal).Trim().Length == 0;
    }

    /// <summary>A price of the customer's own next to the product in focus ("اخذه ب 35", "for 50k?") that is not one of its sizes.</summary>
    private bool CounterOffer(CatalogItem focus)
    {
        var text = ArabicNormalizer.FoldDigits(_request.MessageText);
        var m = System.Text.RegularExpressions.Regex.Match(text, @"(?:^|\s)(?:ب|بـ|b|for|at)\s*(\d{2,6})\s*(?:الف|ألف|k|K|,000|دينار)?(?!\d)");
        if (m.Success && SlotExtractor.MatchSize(m.Groups[1].Value, focus.Sizes) is null
            && (_intent.Has(CustomerIntent.Order) || _intent.Has(CustomerIntent.Haggle) || _intent.Has(CustomerIntent.Price)))
        {
            return true;
        }

        // "70k and i take it", "50 الف واخذه": an amount in thousands that is not the catalog price.
        var thousands = System.Text.RegularExpressions.Regex.Match(text, @"(?<![\d,])(\d{1,3})\s?(?:k|K|الف|ألف|الاف|آلاف)(?![A-Za-z])");
        return thousands.Success && long.Parse(thousands.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 1000 != focus.PriceIqd;
    }

    private bool AsksToKnow() => _message.Tokens.Any(t => ArabicNormalizer.WithoutPrefixes(t).Any(v =>
        v.StartsWith("اعرف", StringComparison.Ordinal) || v.StartsWith("نعرف", StringComparison.Ordinal) || v is "know" or "ask" or "اسال" or "استفسر"));

    /// <summary>Every size and colour the message names is one this product has (and it names at least one).</summary>
    private bool FitsDetails(CatalogItem item) =>
        (_slots.Sizes.Count > 0 || _slots.Colours.Count > 0)
        && _slots.Sizes.All(s => SlotExtractor.MatchSize(s, item.Sizes) is not null)
        && _slots.Colours.All(c => SlotExtractor.MatchColour(c, item.Colours) is not null);

    private static bool SharesKind(CatalogItem a, CatalogItem b) =>
        ArabicNormalizer.Tokenize(a.NameAr).Intersect(ArabicNormalizer.Tokenize(b.NameAr)).Any(w => w.Length >= 3);

    private static IEnumerable<string> UnknownPhrase(IReadOnlyList<string> words) => words.Take(2);

    // ---- the product in focus ----

    private CatalogItem? FocusItem() =>
        _state.FocusProductId is { } id ? _active.FirstOrDefault(c => c.Id == id) : null;

    private void Focus(CatalogItem item)
    {
        _state.FocusProductId = item.Id;
        _state.Size = null;
        _state.Colour = null;
        _state.Quantity = null;
    }

    private void AnswerAbout(CatalogItem item, bool haggling = false)
    {
        if (item.Stock <= 0)
        {
            _signals.Add(LeadSignal.OutOfStock);
            _parts.Add(_p.PriceLine(item));
            _parts.Add(_p.OutOfStockLine(item, Alternatives(item), saidAlready: true));
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
        var asksPrice = _intent.Has(CustomerIntent.Price) || haggling || !variantAnswered;
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

        if (!_intent.Has(CustomerIntent.Delivery) && !_intent.Has(CustomerIntent.Payment))
        {
            _parts.Add(_p.OfferLine(item));
        }

        int CountVariantLines() => _slots.Sizes.Count(_ => item.Sizes.Count > 0) + _slots.Colours.Count;
    }

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
        var asked = _intent.Cues.Any(c => c.Intent == CustomerIntent.Delivery && Governorates.Detect(new NormalizedMessage(c.Cue)) is null);
        if (_intent.Has(CustomerIntent.Delivery) && (asked || _state.Step is SalesStep.Browsing or SalesStep.Ordered))
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

    private bool IsCardQuestion() =>
        _message.Tokens.Any(t => t.StartsWith("كارد", StringComparison.Ordinal) || t.StartsWith("بطاق", StringComparison.Ordinal) || t.Contains("card", StringComparison.Ordinal)
            || t is "visa" or "فيزا" or "ماستر" or "master" or "mastercard" or "تحويل" or "transfer" or "زين" && _message.Text.Contains("زين كاش", StringComparison.Ordinal) || t == "كي" || t == "qi");

    // ---- buying ----

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
        if (_state.Step == SalesStep.Confirming && _intent.Has(CustomerIntent.Confirm) && named.Count == 0)
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
        TakeAddress();
        if (!CheckStock())
        {
            return;
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

        var confirmsNow = (_intent.Has(CustomerIntent.Confirm) || ThumbsUp()) && (_state.Step == SalesStep.Confirming || ExplicitConfirm());
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

    private void ReportUnavailableVariants(CatalogItem item)
    {
        foreach (var size in _slots.Sizes.Where(s => item.Sizes.Count > 0 && SlotExtractor.MatchSize(s, item.Sizes) is null))
        {
            _parts.Add(English ? $"No size {size} in the {_p.Name(item)}." : $"ماكو قياس {size} ب{_p.Name(item)}.");
        }

        foreach (var colour in _slots.Colours.Where(c => item.Colours.Count > 0 && SlotExtractor.MatchColour(c, item.Colours) is null))
        {
            _parts.Add(English
                ? $"That colour isn't available; the {_p.Name(item)} comes in {_p.List(item.Colours.Select(SlotExtractor.ColourInEnglish))}."
                : $"هذا اللون مو متوفر، {_p.Name(item)} {(item.IsFeminine ? "متوفرة" : "متوفر")} بـ: {_p.List(item.Colours)}.");
        }
    }

    /// <summary>Sizes and colours given while collecting go to the lines that still lack them.</summary>
    private void FillCartDetails()
    {
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

    private void TakeAddress()
    {
        if (_slots.Address is { } address)
        {
            _state.Address = address;
            return;
        }

        // Asked for the address and got a line of plain words: that is the address or landmark.
        // "انا من الحلة" only names the governorate: what is left after it and the fillers must be a place of its own.
        if (_state.Address is null && _state.Step == SalesStep.Collecting && _state.Governorate is not null
            && _intent.Primary is CustomerIntent.Other or CustomerIntent.Delivery && _message.Tokens.Count >= 2)
        {
            var cleaned = SlotExtractor.CleanAddress(_request.MessageText.Replace('\n', ' '));
            var placeWords = ArabicNormalizer.Tokenize(cleaned)
                .Count(t => t.Length >= 3 && Governorates.Detect(new NormalizedMessage(t)) is null && !AddressFillers.Contains(t) && !t.All(char.IsAsciiDigit));
            if (placeWords >= 1 && cleaned.Count(char.IsLetter) >= 4)
            {
                _state.Address = cleaned;
            }
        }
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

    private void RememberContactDetails()
    {
        if (_intent.Governorate is { } gov)
        {
            _state.Governorate = gov.Key;
        }

        if (_slots.Phone is { } phone)
        {
            _state.Phone = phone;
        }

        if (_slots.CustomerName is { } name)
        {
            _state.CustomerName = name;
        }

        if (_slots.Address is { } address)
        {
            _state.Address = address; // kept even before the product is known: nothing the customer gave is lost
        }
    }

    // ---- suggestions ----

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

    /// <summary>What the shop sells, briefly: in-stock products, cheapest first (a stable order, not an arbitrary one).</summary>
    private IReadOnlyList<CatalogItem> Sample() =>
        _active.Where(c => c.Stock > 0).OrderBy(c => c.PriceIqd).ThenBy(c => c.NameAr, StringComparer.Ordinal).Take(6).ToList();

    // ---- the answer ----

    private OfflineReply Finish(bool understood)
    {
        if (_handoffReason is null)
        {
            if (understood || _parts.Count > 0)
            {
                _state.UnclearTurns = 0;
            }
            else
            {
                _state.UnclearTurns++;
                if (_state.UnclearTurns >= 2 && !_state.HandedOff)
                {
                    _confidence = Math.Min(_confidence, 0.2);
                    return Handoff(HandoffReason.NotUnderstood);
                }

                // Waiting for a person: "وين صار؟" is for them; say it reached them rather than ask about products.
                _parts.Add(_state.HandedOff ? _p.Handoff("", Shop, _request.TeamBackAt, again: true) : _p.Unclear());
                if (_state.Step == SalesStep.Collecting && Missing() is { Count: > 0 } missing)
                {
                    _parts.Add(_p.AskMissing(missing));
                }
            }
        }

        if (_parts.Count == 0)
        {
            _parts.Add(_p.Unclear());
        }

        return new OfflineReply(string.Join(" ", _parts), _intent.Primary, _intent.All, _products.Distinct().ToArray(), _signals.Distinct().ToList(),
            _intent.Governorate, _handoffReason is not null, _handoffReason, _confidence, _intent.Script, _intent.Cues, _state, _order);
    }

    private static SalesState Copy(SalesState s) =>
        Persistence.JsonbSerialization.Deserialize<SalesState>(Persistence.JsonbSerialization.Serialize(s));
}

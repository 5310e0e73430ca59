using AiSales.Core.Persistence.Entities;
using AiSales.Core.Text;

namespace AiSales.Core.Replies.Offline;

/// <summary>
/// One customer turn of a sale: reads what the message says (intents, products, sizes, colours, quantity, governorate,
/// phone, address), moves the conversation's <see cref="SalesState"/> forward and writes the answer.
/// The order of concerns: a person is needed (hand off, and say so) → cancelling → which product → buying (collect
/// only what is missing, summarise with totals, place the order on the customer's yes) → questions about the product
/// in focus, delivery, payment, price haggling → small talk → not understood (twice in a row hands off).
/// Reading the message: SalesTurn.Reading.cs; answering questions: SalesTurn.Answers.cs; the order: SalesTurn.Buying.cs.
/// </summary>
internal sealed partial class SalesTurn
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
    private bool _pickedByPosition;
    private bool _focusedNow;
    private bool _changed;
    private PlacedOrder? _order;
    private string? _imageUrl;
    private double _confidence;

    public SalesTurn(OfflineRequest request, NormalizedMessage message, IntentResult intent, OrderSlots slots, ReplyPhrases phrases, List<string> signals)
    {
        _request = request;
        _message = message;
        _intent = intent;
        _p = phrases;
        _signals = signals;
        _state = Copy(request.State ?? new SalesState());
        _slots = SlotExtractor.WithSizeFromNumber(slots, request.MessageText, SizesInPlay(request));
        _delivery = request.Delivery ?? DeliveryOptions.Defaults;
        _active = request.Catalog.Where(c => c.Active).ToList();
        _confidence = intent.Confidence;
    }

    /// <summary>The sizes of the product in focus and of the order: what a bare "50" or "عمره 5 سنين" may be one of.</summary>
    private static IReadOnlyList<string> SizesInPlay(OfflineRequest request)
    {
        var state = request.State;
        if (state is null)
        {
            return [];
        }

        var ids = state.Cart.Select(l => l.ProductId).Append(state.FocusProductId ?? Guid.Empty).ToHashSet();
        return request.Catalog.Where(c => ids.Contains(c.Id)).SelectMany(c => c.Sizes).Distinct().ToList();
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
        var productText = _slots.AddressSource is not null ? IntentDetector.Prepare(_slots.WithoutAddress(_request.MessageText)) : _message;
        var resolution = PreferTheOrder(ProductMatcher.Resolve(productText, _active), productText);
        // "لا خلي اشوف العطر", "لا، اريد العطر بداله 50 مل": a no that names another product turns to it; the item being
        // ordered is dropped, the conversation goes on about the new one (and the details are the new one's).
        // "ابدل القميص بدشداشة", "swap it for the jacket" while ordering: a swap word naming a product not in the order
        // replaces the one it names in the order (or the one being talked about); the rest of the order stays.
        var swaps = Swaps() && _state.Step is SalesStep.Collecting or SalesStep.Confirming && _state.Cart.Count > 0
            && resolution.Named.Any(n => _state.Cart.All(l => l.ProductId != n.Id));
        var turnsToAnother = swaps || (_intent.Primary == CustomerIntent.Cancel
            && resolution.Named.Count > 0 && resolution.Named.All(n => n.Id != _state.FocusProductId && _state.Cart.All(l => l.ProductId != n.Id)));
        // "لا لحظة، خليه وردي": a no that carries a new detail changes the order, it does not cancel it.
        var changesOrder = _state.Step is SalesStep.Collecting or SalesStep.Confirming && !turnsToAnother && !AsksAbout(resolution.Named)
            && (_slots.Sizes.Count > 0 || _slots.Colours.Count > 0 || _slots.Quantity is not null);
        if (swaps)
        {
            var going = resolution.Named.Where(n => _state.Cart.Any(l => l.ProductId == n.Id)).Select(n => n.Id).ToList();
            if (going.Count == 0)
            {
                going = _state.Cart.Any(l => l.ProductId == _state.FocusProductId) ? [_state.FocusProductId!.Value] : [.. _state.Cart.Select(l => l.ProductId)];
            }

            _state.Cart.RemoveAll(l => going.Contains(l.ProductId));
            resolution = resolution with { Named = [.. resolution.Named.Where(n => !going.Contains(n.Id))] };
            if (_state.Cart.Count == 0)
            {
                _state.Step = SalesStep.Browsing;
            }
        }
        else if (turnsToAnother)
        {
            _state.Cart.Clear();
            _state.Step = SalesStep.Browsing;
        }
        else if (_intent.Primary == CustomerIntent.Cancel && !changesOrder && DeclinesOnlyTheOtherProduct(resolution.Named))
        {
            return Finish(BackToOrder());
        }
        else if (_intent.Primary == CustomerIntent.Cancel && !changesOrder)
        {
            return Finish(Cancel());
        }

        // "كم صار المجموع؟" mid-order: the total so far, then what the order still needs.
        if (AsksTheTotal() && resolution.Named.Count == 0 && _state.Step is SalesStep.Collecting or SalesStep.Confirming && _state.Cart.Count > 0)
        {
            return Finish(AnswerTheTotal());
        }

        // "اريد اغير اللون" with no colour named yet: which ones there are, and the change waits for the pick.
        if (_intent.Has(CustomerIntent.ReturnOrExchange) && !_slots.Any && resolution.Named.Count == 0 && ChangesOpenOrder())
        {
            return Finish(AskWhichVariant());
        }

        var understood = _intent.Primary != CustomerIntent.Other || _slots.Any || _intent.Governorate is not null
            || resolution.Named.Count > 0 || resolution.Ambiguous.Count > 0;

        if (Greets())
        {
            _parts.Add(_p.Greeting(Shop, alone: _intent.All.Count == 1 && resolution.Named.Count == 0 && !_slots.Any && _intent.Budget is null));
        }

        var offeredBefore = _state.Choices.ToList();
        resolution = WhichProduct(resolution, productText, out var choice);
        if (choice is not null)
        {
            if (_intent.Has(CustomerIntent.Order) && _state.Cart.Count == 0)
            {
                _signals.Add(LeadSignal.OrderIntent);
                _state.Step = SalesStep.Collecting; // "اريد وحدة" before choosing: the product chosen next goes into the order
            }

            // The same products asked about again: their names only, the prices were just given.
            _parts.Add(choice.All(c => offeredBefore.Contains(c.Id)) ? _p.ChoiceAgain(choice) : _p.Choice(choice));
            _products.AddRange(choice.Select(a => a.Id));
            _state.Choices = [.. choice.Select(a => a.Id)];
            return Finish(understood: true);
        }

        var named = resolution.Named.Count > 0 ? resolution.Named
            : resolution.Ambiguous.Where(a => a.Id == _state.FocusProductId).ToList();
        // "Message business" on a product of the WhatsApp catalog: "شكد سعره؟" is about that product.
        if (named.Count == 0 && ReferredItem() is { } referred) named = [referred];
        if (named.Count > 0 && named[0].Id != _state.FocusProductId)
        {
            Focus(named[0]);
        }

        var focus = FocusItem();
        // "ممكن صورة؟", "ارسلي صورته": the catalog's photo goes out with the reply; without one a person sends it.
        if (PhotoTexts.AsksForPhoto(_message))
        {
            if (focus is null)
            {
                _parts.Add(_p.WhichPhoto());
                return Finish(understood: true);
            }

            _signals.Add(LeadSignal.ProductMatched);
            _products.Add(focus.Id);
            if (focus.ImageUrl is null) return Handoff(HandoffReason.PhotoWanted);
            _imageUrl = focus.ImageUrl;
            var alsoAsks = _intent.Has(CustomerIntent.Price) || _intent.Has(CustomerIntent.Availability) || _intent.Has(CustomerIntent.Variant)
                || _intent.Has(CustomerIntent.Order) || _slots.Any;
            _parts.Add(_p.PhotoHere(focus, details: !alsoAsks));
            if (!alsoAsks) return Finish(understood: true);
        }

        var wantsProduct = _intent.Has(CustomerIntent.Price) || _intent.Has(CustomerIntent.Availability) || _intent.Has(CustomerIntent.Variant)
            || _intent.Has(CustomerIntent.Order) || (named.Count > 0 && _intent.Primary is CustomerIntent.Other or CustomerIntent.Greeting) || turnsToAnother
            || (focus is not null && _intent.Has(CustomerIntent.Haggle))
            // "ok, what about a watch": a yes to what was said before, and a new product to hear about — not one to order
            // unseen (a product just offered as a choice is picked, as before).
            || (_focusedNow && _intent.Primary == CustomerIntent.Confirm && !_slots.Any && named.Count > 0 && !offeredBefore.Contains(named[0].Id))
            // "azraq", "a7mar 42" about the product in focus: a size or colour alone asks whether it comes in it.
            || (focus is not null && (_slots.Sizes.Count > 0 || _slots.Colours.Count > 0) && _intent.Primary is CustomerIntent.Other or CustomerIntent.Confirm);
        // "اريد هدية لزوجي بحدود ٥٠ الف": no product named, a spending limit: what fits it, for whom when said.
        if (named.Count == 0 && _state.Step is SalesStep.Browsing or SalesStep.Ordered && _intent.Budget is { } limit)
        {
            var (fits, items) = WithinBudget(limit);
            _parts.Add(items.Count == 0 ? _p.WhichProduct(items, ordering: false) : _p.WithinBudget(items, fits));
            _products.AddRange(items.Select(i => i.Id));
            _state.Choices = [.. items.Select(i => i.Id)];
            return Finish(understood: true);
        }

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
            || (_state.Step == SalesStep.Confirming && _intent.Has(CustomerIntent.Confirm))
            || (_state.Step is SalesStep.Collecting or SalesStep.Confirming && !AsksAbout(named) && (_slots.Any || _intent.Governorate is not null || named.Count > 0))
            || (focus is not null && (_slots.Phone is not null || _slots.Address is not null))
            // "حسناً، مقاس 44 باللون الأبيض": a yes with the details, not a question, is the order.
            || (focus is not null && _intent.Has(CustomerIntent.Confirm) && (_slots.Sizes.Count > 0 || _slots.Colours.Count > 0)
                && !_request.MessageText.Contains('?') && !_request.MessageText.Contains('؟'))
            || (focus is not null && _slots.Quantity is not null && !_intent.Has(CustomerIntent.Price) && !_intent.Has(CustomerIntent.Availability)
                && !_intent.Has(CustomerIntent.Haggle) && !_pickedByPosition) // "the second one" picks, it does not count
            // "the set, 6-7 pink" after its price: naming the product again with its details chooses it too.
            || (focus is not null && named.All(n => n.Id == focus.Id) && ChoosesVariant(focus))
            // "المطرزة، مقاس M اسود" after a choice: one of the offered products, with its size or colour and no question.
            || (focus is not null && offeredBefore.Contains(focus.Id) && named.All(n => n.Id == focus.Id) && ChoosesVariant(focus))
            || (turnsToAnother && (_slots.Any || swaps))
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

        // "👍", "❤️", "اوكي" with nothing on the table: a welcome back, not "I did not understand" (nor a step to a hand-off).
        if (_parts.Count == 0 && focus is null && _state.Step == SalesStep.Browsing && !_state.HandedOff
            && (_intent.Primary == CustomerIntent.Confirm || OnlySymbols()))
        {
            _parts.Add(_p.Greeting(Shop, alone: true));
            return Finish(understood: true);
        }

        return Finish(understood);
    }

    // ---- the product in focus ----

    private CatalogItem? ReferredItem() =>
        _request.Media?.FirstOrDefault(m => m.Kind == MediaKind.Product)?.Label is { } sku
            ? _active.FirstOrDefault(c => string.Equals(c.Sku?.Trim(), sku.Trim(), StringComparison.OrdinalIgnoreCase))
            : null;

    private CatalogItem? FocusItem() =>
        _state.FocusProductId is { } id ? _active.FirstOrDefault(c => c.Id == id) : null;

    private void Focus(CatalogItem item)
    {
        _state.FocusProductId = item.Id;
        _focusedNow = true;
        _state.Size = null;
        _state.Colour = null;
        _state.Quantity = null;
    }

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
            _intent.Governorate, _handoffReason is not null, _handoffReason, _confidence, _intent.Script, _intent.Cues, _state, _order, _imageUrl);
    }

    private static SalesState Copy(SalesState s) =>
        Persistence.JsonbSerialization.Deserialize<SalesState>(Persistence.JsonbSerialization.Serialize(s));
}

using AiSales.Core.Persistence.Entities;
using AiSales.Core.Text;

namespace AiSales.Core.Replies.Offline;

/// <summary>Following up a choice the assistant offered ("we have these two: … which one?").</summary>
internal sealed partial class SalesTurn
{
    /// <summary>
    /// Which product the message is about, or the products to offer as a choice: near-ties for the same words ("الحذاء":
    /// sneakers or leather shoes?), a question about a kind ("شنو عندكم عبايات؟"), or an answer that did not pick one of the
    /// products offered last time. The product in focus, or one of the kind being discussed, wins a tie.
    /// </summary>
    private ProductResolution WhichProduct(ProductResolution resolution, NormalizedMessage text, out List<CatalogItem>? choice)
    {
        choice = null;
        // "الصيفي؟" after the evening dress means the summer dress, not the summer sandals.
        if (resolution.Ambiguous.Count > 0 && FocusItem() is { } current && !resolution.Ambiguous.Any(a => a.Id == current.Id)
            && resolution.Ambiguous.Where(a => SharesKind(a, current)).ToList() is [var sameKind])
        {
            resolution = resolution with { Named = [sameKind], Ambiguous = [] };
        }

        // "الصيفي" after "the evening dress or the summer dress?": the summer sandals are not what was offered.
        if (resolution.Ambiguous.Count > 0 && resolution.Ambiguous.Where(a => _state.Choices.Contains(a.Id)).ToList() is [var offeredOne])
        {
            resolution = resolution with { Named = [offeredOne], Ambiguous = [] };
        }

        // "عندكم عبايات؟", "اكو فستان احمر؟": the kind, narrowed by what was said, unless the kind is the one in focus.
        if (resolution is { Named: [var only], Ambiguous.Count: 0 } && ProductMatcher.KindOf(only, text, _active) is { Items.Count: > 1 } kind)
        {
            var fitting = Narrow(kind.Items);
            if (fitting is [var one])
            {
                resolution = resolution with { Named = [one] };
            }
            else if (fitting.Count > 1 && fitting.FirstOrDefault(i => i.Id == _state.FocusProductId) is { } focused && !kind.Plural)
            {
                resolution = resolution with { Named = [focused] };
            }
            // "I need a dress", "اريد حذاء": an order for the kind is an order for one of them, asked which (not the first found).
            else if (fitting.Count > 1 && (kind.Plural || _intent.Has(CustomerIntent.Availability) || _intent.Primary == CustomerIntent.Order))
            {
                resolution = resolution with { Named = [], Ambiguous = fitting };
            }
        }

        if (resolution.Ambiguous.Count > 0 && !resolution.Ambiguous.Any(a => a.Id == _state.FocusProductId))
        {
            choice = [.. resolution.Ambiguous];
            return resolution;
        }

        var offered = _state.Choices;
        _state.Choices = [];
        // A tap on a product card ("أريد هذا" with the product's payload) is the pick itself.
        if (resolution.Named.Count == 0 && offered.Count > 0 && ReferredItem() is null)
        {
            if (PickFromChoice(offered) is { } picked)
            {
                resolution = resolution with { Named = [picked] };
            }
            else if (StillChoosing(offered) is { Count: > 1 } open)
            {
                choice = open;
            }
        }

        return resolution;
    }

    /// <summary>
    /// "لا بس العباية" with the embroidered abaya in the order: words that fit a product of the order mean that product, not
    /// another the catalog also has (the classic abaya, whose alias is the bare "عبايه"), and of products the words fit
    /// equally the one in the order wins. Another product stays named when it explains a word the order's products do
    /// not ("العباية الكلاسيك").
    /// </summary>
    private ProductResolution PreferTheOrder(ProductResolution resolution, NormalizedMessage text)
    {
        if (_state.Cart.Count == 0 || resolution.Named.Any(InOrder))
        {
            return resolution;
        }

        if (resolution is { Named.Count: 0 } && resolution.Ambiguous.Where(InOrder).ToList() is [var tied])
        {
            return resolution with { Named = [tied], Ambiguous = [] };
        }

        if (resolution.Named.Count == 0)
        {
            return resolution;
        }

        var others = resolution.Named.Select(n => n.Id).ToHashSet();
        var without = ProductMatcher.Resolve(text, [.. _active.Where(c => !others.Contains(c.Id))]);
        return without is { Named: [var ordered], Ambiguous.Count: 0, UnknownWords.Count: 0 } && InOrder(ordered)
            ? resolution with { Named = [ordered] }
            : resolution;
    }

    private bool InOrder(CatalogItem item) => _state.Cart.Any(l => l.ProductId == item.Id);

    /// <summary>The products that have the sizes and colours the message names (all of them when it names none or fits none).</summary>
    private List<CatalogItem> Narrow(IReadOnlyList<CatalogItem> items)
    {
        var fitting = items.Where(FitsDetails).ToList();
        if (fitting.Count == 0)
        {
            return [.. items];
        }

        return fitting.Count > 1 && fitting.Where(NamedByColour).ToList() is [var byName] ? [byName] : fitting;
    }

    /// <summary>
    /// The offered product the answer picks: by position ("الثانية", "the first one"), by a size or colour only one of them
    /// has ("بالبني اكو؟", "لارج بني"), or by a colour that is in only one of their names ("السودة" after the black
    /// abaya and the embroidered one, which also comes in black).
    /// </summary>
    private CatalogItem? PickFromChoice(IReadOnlyList<Guid> offered)
    {
        var items = offered.Select(id => _active.FirstOrDefault(c => c.Id == id)).OfType<CatalogItem>().ToList();
        if (Ordinal() is { } index && index < items.Count)
        {
            _pickedByPosition = true;
            return index < 0 ? items[^1] : items[index];
        }

        return items.Where(FitsDetails).Any() && Narrow(items) is [var picked] ? picked : null;
    }

    /// <summary>
    /// The offered products still in question when the answer needs one and picked none ("اريد وحدة", "L", "شكد سعرها؟"):
    /// asked again, narrowed to the ones that fit what was said. Null when the customer moved on (delivery, thanks…).
    /// </summary>
    private List<CatalogItem>? StillChoosing(IReadOnlyList<Guid> offered)
    {
        var needsProduct = _intent.Has(CustomerIntent.Order) || _intent.Has(CustomerIntent.Price) || _intent.Has(CustomerIntent.Availability)
            || _intent.Has(CustomerIntent.Variant) || _slots.Sizes.Count > 0 || _slots.Colours.Count > 0 || _slots.Quantity is not null
            || (_state.Step == SalesStep.Collecting && _state.Cart.Count == 0); // ordering, and the address came before the product
        if (!needsProduct || _intent.Has(CustomerIntent.WantsHuman))
        {
            return null;
        }

        return Narrow([.. _active.Where(c => offered.Contains(c.Id))]);
    }

    private bool NamedByColour(CatalogItem item) =>
        ArabicNormalizer.Tokenize(item.NameAr).Concat(ArabicNormalizer.Tokenize(item.NameEn ?? ""))
            .Any(t => _slots.Colours.Contains(SlotExtractor.ColourKey(t)));

    /// <summary>0-based position named in the message ("الاولى", "the second one", "thanya"); -1 for "the last one".</summary>
    private int? Ordinal()
    {
        // The token as written: a bare "ثانية" is as often "another one" as "the second".
        foreach (var token in _message.Tokens)
        {
            if (Ordinals.TryGetValue(token, out var index))
            {
                return index;
            }
        }

        return null;
    }

    private static readonly Dictionary<string, int> Ordinals = new (string Word, int Index)[]
    {
        ("الاولى", 0), ("الاول", 0), ("first", 0), ("1st", 0), ("el-awal", 0), ("elawal", 0), ("elola", 0),
        ("الثانية", 1), ("الثاني", 1), ("التانية", 1), ("second", 1), ("2nd", 1), ("elthanya", 1), ("elthania", 1),
        ("الثالثة", 2), ("الثالث", 2), ("third", 2), ("3rd", 2),
        ("الاخيرة", -1), ("الاخير", -1), ("last", -1),
    }.Select(o => (Word: ArabicNormalizer.Normalize(o.Word), o.Index)).GroupBy(o => o.Word).ToDictionary(g => g.Key, g => g.First().Index, StringComparer.Ordinal);
}

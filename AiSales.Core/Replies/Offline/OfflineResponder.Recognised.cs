using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Replies.Offline;

public static partial class OfflineResponder
{
    /// <summary>
    /// A shared post, a story or a photo that was recognised as catalog products: one product is named with its catalog
    /// price, stock and options and becomes the product in focus; two or three are offered as a choice. Null when
    /// nothing in the burst was recognised (the media answer asks instead).
    /// </summary>
    private static OfflineReply? RecognisedReply(OfflineRequest request, IReadOnlyList<CustomerMedia> media, SalesState state, ReplyPhrases phrases)
    {
        var active = request.Catalog.Where(c => c.Active).ToList();
        var items = media.LastOrDefault(m => m.ProductIds is { Count: > 0 })?.ProductIds!
            .Select(id => active.FirstOrDefault(c => c.Id == id)).OfType<CatalogItem>().Take(3).ToList();
        if (items is not { Count: > 0 })
        {
            // A photo compared with the product photos that matched none: the first time the customer is asked which
            // product it is (the media answer); the second time a person looks at it, and the customer is told.
            if (!media.Any(m => m is { Kind: MediaKind.Image, ProductIds.Count: 0 })) return null;
            state.PhotoMisses++;
            if (state.PhotoMisses < 2 || request.Catalog.Count == 0) return null;
            var again = state.HandedOff;
            state.HandedOff = true;
            state.PhotoMisses = 0;
            state.Language ??= phrases.English ? "en" : "ar";
            var shop = phrases.English && !string.IsNullOrWhiteSpace(request.MerchantNameEn) ? request.MerchantNameEn! : request.MerchantName;
            return new OfflineReply(phrases.Handoff(HandoffReason.PhotoNotMatched, shop, request.TeamBackAt, again), CustomerIntent.Other, [], [], [],
                null, true, HandoffReason.PhotoNotMatched, 0.5, phrases.English ? CustomerScript.English : CustomerScript.Arabic,
                IntentDetector.Detect(IntentDetector.Prepare("")).Cues, state);
        }

        state.PhotoMisses = 0;

        string text;
        if (items is [var item])
        {
            if (state.FocusProductId != item.Id)
            {
                (state.Size, state.Colour, state.Quantity) = (null, null, null);
            }
            state.FocusProductId = item.Id;
            state.Choices = [];
            var parts = new List<string> { phrases.PriceLine(item) };
            if (item.Stock > 0)
            {
                if (phrases.OptionsLine(item) is { Length: > 0 } options) parts.Add(options);
                parts.Add(phrases.OfferLine(item));
            }
            text = string.Join(" ", parts);
        }
        else
        {
            state.Choices = [.. items.Select(i => i.Id)];
            text = phrases.Choice(items);
        }

        state.Language ??= phrases.English ? "en" : "ar";
        var neutral = IntentDetector.Detect(IntentDetector.Prepare(""));
        return new OfflineReply(text, CustomerIntent.Other, [], [.. items.Select(i => i.Id)], [LeadSignal.ProductMatched], null, false, null,
            items.Count == 1 ? 0.9 : 0.6, phrases.English ? CustomerScript.English : CustomerScript.Arabic, neutral.Cues, state);
    }
}

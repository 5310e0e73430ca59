using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Ai.Offline;

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
        if (items is not { Count: > 0 }) return null;

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

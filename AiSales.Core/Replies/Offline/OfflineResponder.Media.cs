using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Replies.Offline;

public static partial class OfflineResponder
{
    /// <summary>
    /// The words a pin or a contact card stands for: "بغداد العنوان: <place> <map link>", "رقمي 0770…". Null when the
    /// burst's media say nothing the sale can use (or a pin lies outside Iraq).
    /// </summary>
    private static string? MediaWords(IReadOnlyList<CustomerMedia> media, bool english)
    {
        var words = new List<string>();
        foreach (var item in media)
        {
            if (item is { Kind: MediaKind.Location, Latitude: { } lat, Longitude: { } lon } && Governorates.At(lat, lon) is { } gov)
            {
                var place = string.Join(' ', new[] { item.Label, MediaTexts.MapLink(lat, lon) }.Where(v => !string.IsNullOrWhiteSpace(v)));
                words.Add(english ? $"{gov.NameEn} address: {place}" : $"{gov.NameAr} العنوان: {place}");
            }
            else if (item is { Kind: MediaKind.Contact, Phone: { Length: > 0 } phone })
            {
                words.Add((english ? "my number is " : "رقمي ") + phone);
            }
        }

        return words.Count == 0 ? null : string.Join('\n', words);
    }

    /// <summary>
    /// The answer to a burst of media alone. The sale's state is kept as it was (nothing was said), with a reminder of
    /// what the order still needs or of the yes the summary waits for.
    /// </summary>
    private static OfflineReply MediaReply(OfflineRequest request, IReadOnlyList<CustomerMedia> media)
    {
        var state = request.State is null ? new SalesState()
            : Persistence.JsonbSerialization.Deserialize<SalesState>(Persistence.JsonbSerialization.Serialize(request.State));
        var english = state.Language == "en";
        var kinds = media.Select(m => m.Kind).ToHashSet();
        var phrases = new ReplyPhrases(english, (uint)kinds.Sum(k => (int)k + 1) * 2654435761u, request.Tone);
        if (RecognisedReply(request, media, state, phrases) is { } recognised) return recognised;
        // The most telling item answers for the burst: a photo says more than the sticker sent with it.
        MediaKind[] order = [MediaKind.Image, MediaKind.Video, MediaKind.File, MediaKind.Share, MediaKind.Audio, MediaKind.StoryMention, MediaKind.Location, MediaKind.Sticker];
        var lead = order.FirstOrDefault(kinds.Contains, MediaKind.Unsupported);
        var parts = new List<string> { lead == MediaKind.Location ? phrases.LocationUnread() : phrases.Media(lead) };
        if (state.Step == SalesStep.Confirming)
        {
            parts.Add(phrases.StillConfirm());
        }
        else if (state.Step == SalesStep.Collecting && SalesTurn.MissingFor(request with { MessageText = "" }, phrases) is { Count: > 0 } missing)
        {
            parts.Add(phrases.AskMissing(missing));
        }

        state.Language ??= english ? "en" : "ar";
        var neutral = IntentDetector.Detect(IntentDetector.Prepare(""));
        return new OfflineReply(string.Join(" ", parts), CustomerIntent.Other, [], [], [], null, false, null, 0.5,
            english ? CustomerScript.English : CustomerScript.Arabic, neutral.Cues, state);
    }
}

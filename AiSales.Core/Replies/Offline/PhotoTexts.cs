namespace AiSales.Core.Replies.Offline;

/// <summary>
/// "ممكن صورة؟", "ارسلي صورته", "can I see it?": customers on Instagram want to see a product before they buy it. The
/// words that ask for a photo or video, and what the assistant says while it sends the catalog's photo (or hands the
/// chat to a person who can send one).
/// </summary>
public static class PhotoTexts
{
    // Folded forms (ة→ه): a photo or a video of it, or seeing it.
    private static readonly HashSet<string> AskWords = new(StringComparer.Ordinal)
    {
        "صوره", "صور", "صورته", "صورتها", "صورهم", "صوره؟", "تصوير", "فيديو", "فديو", "فيديوات", "اشوفه", "اشوفها", "اشوفهم", "نشوفه",
        "نشوفها", "شوفني", "وريني",
        // Arabizi: "mumkin sura?", "dizli swar", "shofni".
        "sura", "soora", "soura", "sowra", "swar", "suwar", "sorta", "sortah", "surta", "shofni", "shoofni", "wareeni", "photo", "photos", "picture", "pictures", "pic", "pics", "image", "images", "video", "videos",
    };

    /// <summary>The message asks to see a product (a photo or a video of it).</summary>
    internal static bool AsksForPhoto(Text.NormalizedMessage message) =>
        message.Tokens.Any(t => Text.ArabicNormalizer.WithoutPrefixes(t).Any(AskWords.Contains))
        || message.ContainsPhrase("see it") || message.ContainsPhrase("see them") || message.ContainsPhrase("look like");

    /// <summary>Said with the photo; with <paramref name="details"/> the price and an offer too (nothing else was asked).</summary>
    internal static string PhotoHere(this ReplyPhrases p, CatalogItem item, bool details)
    {
        var here = p.Pick(40, [$"هاي صورة {item.NameAr} 🌷", $"تفضل، هاي صورة {item.NameAr} 🌷"], [$"Here's the {p.Name(item)} 🌷", $"Here you go, the {p.Name(item)} 🌷"]);
        if (!details) return here;
        var price = p.English ? $" It's {p.Price(item.PriceIqd)}" : $" {(item.IsFeminine ? "سعرها" : "سعره")} {p.Price(item.PriceIqd)}";
        if (item.Stock <= 0) return here + price + (p.English ? ", but it's sold out right now." : "، بس حالياً خلص.");
        return here + price + (item.IsFeminine
            ? p.Pick(41, [". تحب أحجزلك وحدة؟", ". أحجزها إلك؟"], [". Shall I reserve one for you?", ". Would you like to order it?"])
            : p.Pick(41, [". تحب أحجزلك واحد؟", ". أحجزه إلك؟"], [". Shall I reserve one for you?", ". Would you like to order it?"]));
    }

    internal static string WhichPhoto(this ReplyPhrases p) => p.Pick(42,
        ["أكيد 🌷 أي منتج تحب أدزلك صورته؟", "من عيوني 🌷 صورة أي منتج تريد؟"],
        ["Sure 🌷 which product would you like to see?", "Of course 🌷 a photo of which product?"]);
}

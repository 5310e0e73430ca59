using AiSales.Core.Text;


namespace AiSales.Core.Replies.Offline;

/// <summary>Which products a message names (see <see cref="ProductMatcher.Resolve"/>).</summary>
public sealed record ProductResolution(IReadOnlyList<CatalogItem> Named, IReadOnlyList<CatalogItem> Ambiguous, IReadOnlyList<string> UnknownWords);

/// <summary>
/// Fuzzy product lookup: customer words against each product's Arabic and English names and aliases,
/// after normalisation, with particle stripping (الجاكيت → جاكيت) and an edit-distance allowance for typos
/// (جاكيط, jakcet). Intent words and fillers never count, so "هلو" or "شكد سعره" match nothing.
/// </summary>
public static partial class ProductMatcher
{
    /// <summary>Below this a match is noise.</summary>
    public const double Threshold = 0.5;

    // Fillers that appear in product questions but say nothing about which product.
    private static readonly HashSet<string> Fillers = new[]
    {
        "من", "في", "على", "عن", "الى", "هذا", "هذه", "هذي", "هاذ", "هاي", "هاذي", "ذا", "بس", "يا", "و", "او", "لو", "اني", "انت", "انتم",
        "شنو", "شو", "شي", "كل", "مال", "مالت", "مالتكم", "ماله", "مالها", "واحد", "وحده", "حبيبي", "حبيبتي", "اخي", "اخوي", "عيني", "رجاء", "لطفا", "ممكن",
        "عليكم", "3likum", "3alaikum", "alaikum", "3laykum", "استفسار", "الاستفسار", "استفسر", "اسال", "سوال", "معرفه", "اعرف", "ارغب", "اود", "بخصوص", "حول",
        "شلون", "شلونه", "شلونها", "ليش", "وين", "منو", "شوكت", "يمته", "كيف", "متى", "هل", "اذا", "لان", "عندي", "عدي", "الي", "اللي", "ايضا", "هم", "بعد", "هسه", "اليوم", "باچر", "زين", "خوش", "حلو", "حلوه", "شوية", "شويه", "كلش", "جدا", "يعني", "مثلا", "غير", "ثاني", "ثانيه", "نوع", "انواع", "شكل", "اشكال", "موديل", "موديلات", "الله", "يخليك", "رجاءا", "اخوي", "اختي", "خالة", "عمي",
        "the", "a", "an", "is", "are", "of", "for", "to", "and", "or", "this", "that", "it", "do", "you", "your", "have", "what", "me", "my", "please", "pls", "plz", "i", "can", "much", "how",
        // Arabizi "this" (هذا، هذي، هاي): "shgad hatha?" asks about the product in focus, it names none.
        "hatha", "hathi", "hadha", "hadhi", "hada", "hadi", "haza", "hazi", "hathe", "hedha", "hay", "haay", "hathola",
        // Arabizi "what", "ok", "instead": "tayb shno 3ndkom badalha?" asks for alternatives, it names no product.
        "shno", "shnu", "shinu", "tayb", "tayeb", "taib", "badalha", "badala", "badalah", "ghera", "gheirha", "ghairha",
        "el", "al", "il", "any", "some", "which", "where", "when", "why", "there", "in", "on", "with", "one", "ones", "other", "another", "got", "need", "would", "like", "also", "too", "very", "so", "just", "we", "us", "our", "be", "will", "thank",
        // Amounts ("15 الف؟", "٢٥ ألف دينار"): a price, never a product.
        "الف", "الاف", "آلاف", "دينار", "دنانير", "فلس", "ورقه", "ورقات", "الفين", "thousand", "iqd", "dinar", "dinars", "alf",
    }.Select(ArabicNormalizer.Normalize).ToHashSet(StringComparer.Ordinal);

    public static IReadOnlyList<ProductMatch> Match(string? text, IEnumerable<CatalogItem> catalog) =>
        Match(IntentDetector.Prepare(text), catalog);

    public static IReadOnlyList<ProductMatch> Match(NormalizedMessage message, IEnumerable<CatalogItem> catalog)
    {
        var words = MeaningfulWords(message, catalog);
        if (words.Count == 0)
        {
            return [];
        }

        var matches = new List<ProductMatch>();
        foreach (var item in catalog)
        {
            if (!item.Active)
            {
                continue;
            }

            ProductMatch? best = null;
            foreach (var name in NamesOf(item))
            {
                var (score, matched) = ScoreName(name, words);
                if (score >= Threshold && (best is null || score > best.Score))
                {
                    best = new ProductMatch(item, score, matched);
                }
            }

            if (best is not null)
            {
                // Break ties by how much of what the customer said this product explains:
                // "الجاكيت الجينز" prefers "جاكيت جينز" over a product whose alias is just "جاكيت".
                var explained = CustomerCoverage(item, words);
                matches.Add(best with { Score = Math.Round((0.85 * best.Score) + (0.15 * explained), 3) });
            }
        }

        return matches
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Item.NameAr, StringComparer.Ordinal)
            .ThenBy(m => m.Item.Id)
            .ToArray();
    }

    /// <summary>
    /// Which products a message names. Several products the customer named with different words ("عباية مطرزة وقميص")
    /// come back in <see cref="ProductResolution.Named"/>; near-ties for the same words ("الحذاء": sneakers or leather
    /// shoes?) in <see cref="ProductResolution.Ambiguous"/>. <see cref="ProductResolution.UnknownWords"/> are the
    /// content words no product explains (sizes, colours, counts and places are not content): a product the shop may
    /// not sell.
    /// </summary>
    public static ProductResolution Resolve(NormalizedMessage message, IReadOnlyList<CatalogItem> catalog)
    {
        var words = MeaningfulWords(message, catalog)
            .Where(v => !v.Any(SlotExtractor.IsDetailWord) && !v.Any(IsPlaceWord))
            .ToList();
        if (words.Count == 0)
        {
            return new ProductResolution([], [], []);
        }

        var matches = Match(message, catalog);
        var covered = new HashSet<int>();
        var firstCovered = new HashSet<int>();
        var named = new List<CatalogItem>();
        var namedBy = new List<HashSet<int>>();
        var ambiguous = new List<CatalogItem>();
        foreach (var m in matches)
        {
            var nameTokens = NamesOf(m.Item).SelectMany(Words).Select(StripArticle).ToArray();
            var mine = Enumerable.Range(0, words.Count)
                .Where(i => words[i].Any(w => nameTokens.Any(n => WordSimilarity(n, w) >= 0.7)))
                .ToHashSet();
            if (mine.Count == 0)
            {
                continue;
            }

            if (named.Count == 0)
            {
                named.Add(m.Item);
                namedBy.Add(mine);
                covered.UnionWith(mine);
                firstCovered = mine;
                continue;
            }

            // Its own words name it well — by score, or (the score shrinks with every word of the other product in the
            // message: "تيشيرت ابيض ميديم وبنطلون جينز 32 ازرق") by a word that is one of its names, a plural or a spelling of one.
            if (!mine.IsSubsetOf(covered) && (m.Score >= 0.85
                || mine.Except(covered).Any(i => words[i].Any(w => w.Length >= 4 && nameTokens.Any(n => WordSimilarity(n, w) >= 0.85)))))
            {
                named.Add(m.Item); // other words, another product
                namedBy.Add(mine);
                covered.UnionWith(mine);
            }
            else if (m.Score >= matches[0].Score - 0.05 && mine.SetEquals(firstCovered))
            {
                ambiguous.Add(m.Item); // the same words fit this one about as well (one that explains fewer of them does not)
            }
        }

        // "fustan seifi": one product explains every word, another only "fustan" (through an alias spelled exactly as
        // typed, so it scored higher): the customer named the first, not both.
        for (var i = named.Count - 1; i >= 0; i--)
        {
            if (Enumerable.Range(0, named.Count).Any(j => j != i && namedBy[i].IsProperSubsetOf(namedBy[j])))
            {
                if (i == 0)
                {
                    ambiguous.Clear(); // the near-ties were for the words of the product dropped
                }

                named.RemoveAt(i);
                namedBy.RemoveAt(i);
            }
        }

        if (ambiguous.Count > 0 && named.Count == 1)
        {
            ambiguous.Insert(0, named[0]);
            named.Clear();
        }
        else
        {
            ambiguous.Clear();
        }

        var unknown = Enumerable.Range(0, words.Count)
            .Where(i => !covered.Contains(i) && words[i][0].Length >= 3 && !words[i][0].All(char.IsAsciiDigit))
            .Select(i => words[i][0])
            .ToList();
        return new ProductResolution(named, ambiguous, unknown);
    }

    /// <summary>The active products closest to a word the catalog does not know (a looser threshold than matching).</summary>
    public static IReadOnlyList<CatalogItem> Closest(IEnumerable<string> words, IReadOnlyList<CatalogItem> catalog, int take)
    {
        // Descriptions rather than names ("شي للشتا", "something for my son"): the name words that describe the same.
        var list = words.SelectMany(w => ArabicNormalizer.WithoutPrefixes(w).Select(v => Descriptions.TryGetValue(v, out var d) ? d : null)
                .FirstOrDefault(d => d is not null) ?? [w]).ToList();
        return catalog.Where(c => c.Active)
            .Select(c => (Item: c, Score: NamesOf(c).SelectMany(Words).Select(StripArticle)
                .Max(n => list.Count == 0 ? 0 : list.Max(w => Similar(n, w)))))
            .Where(x => x.Score >= 0.5)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Item.NameAr, StringComparer.Ordinal)
            .Take(take).Select(x => x.Item).ToList();

        static double Similar(string a, string b)
        {
            var direct = WordSimilarity(a, b);
            if (direct > 0)
            {
                return direct;
            }

            var shorter = Math.Min(a.Length, b.Length);
            if (shorter < 4)
            {
                return 0;
            }

            // Looser: two edits on short words, shared stems ("تنوره" ~ "تنانير" does not, "بنطرون" ~ "بنطلون" does).
            var d = EditDistance.Osa(a, b, 3);
            return d <= 2 && a[0] == b[0] ? 0.5 : 0;
        }
    }

    private static readonly Dictionary<string, string[]> Descriptions = new (string[] Words, string[] NameWords)[]
    {
        (["شتا", "شتاء", "شتوي", "بارد", "برد", "winter", "cold"], ["شتوي", "winter"]),
        (["صيف", "صيفي", "حر", "summer"], ["صيفي", "summer"]),
        (["اطفال", "طفل", "ابني", "بنتي", "جهال", "kids", "kid", "son", "daughter", "child", "children"], ["اطفال", "kids"]),
        (["رجال", "رجالي", "زوجي", "ابوي", "men", "man", "husband", "father"], ["رجالي", "men"]),
        (["نساء", "نسائي", "بنات", "زوجتي", "امي", "women", "woman", "wife", "mother", "ladies"], ["نسائيه", "women"]),
    }.SelectMany(d => d.Words.Select(w => (Word: ArabicNormalizer.Normalize(w), Names: d.NameWords.Select(ArabicNormalizer.Normalize).ToArray())))
        .GroupBy(x => x.Word).ToDictionary(g => g.Key, g => g.First().Names, StringComparer.Ordinal);

    private static IEnumerable<string> Words(string name) => JoinLetters(ArabicNormalizer.Tokenize(name));

    /// <summary>
    /// A lone Latin letter joins the word after it ("t shirt" → "tshirt", as "t-shirt" is written) and is dropped
    /// otherwise ("men s", "it s", "a"): single letters would match every product that has one.
    /// </summary>
    private static IEnumerable<string> JoinLetters(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Length == 1 && char.IsAsciiLetter(t[0]))
            {
                // "a" and "i" are English words ("do you have a handbag"), not the first letter of the next one.
                if (t is not ("a" or "i") && i + 1 < tokens.Count && tokens[i + 1].Length > 1 && char.IsAsciiLetter(tokens[i + 1][0]))
                {
                    yield return t + tokens[++i];
                }

                continue;
            }

            yield return t;
        }
    }

    private static bool IsPlaceWord(string word) =>
        Governorates.Detect(new NormalizedMessage(word)) is not null;

    private static double CustomerCoverage(CatalogItem item, List<string[]> words)
    {
        var nameTokens = NamesOf(item).SelectMany(Words).Select(StripArticle).ToArray();
        var explained = words.Count(variants => variants.Any(w => nameTokens.Any(n => WordSimilarity(n, w) >= 0.7)));
        return (double)explained / words.Count;
    }

    private static string StripArticle(string t) => t.Length > 4 && t.StartsWith("ال", StringComparison.Ordinal) ? t[2..] : t;

    private static IEnumerable<string> NamesOf(CatalogItem item)
    {
        yield return item.NameAr;
        if (!string.IsNullOrWhiteSpace(item.NameEn))
        {
            yield return item.NameEn;
        }

        foreach (var alias in item.Aliases)
        {
            yield return alias;
        }
    }

    // Customer words with particles stripped, minus intent cues and fillers. A word that is a cue only inside a phrase
    // stays when the phrase is not there and the word is in a product's name: "the evening one" names the Evening
    // dress, "good evening" greets.
    private static List<string[]> MeaningfulWords(NormalizedMessage message, IEnumerable<CatalogItem> catalog)
    {
        HashSet<string>? nameWords = null;
        var words = new List<string[]>();
        foreach (var token in JoinLetters(message.Tokens))
        {
            var variants = ArabicNormalizer.WithoutPrefixes(token).ToArray();
            if (token.All(char.IsAsciiDigit) || (variants.Any(IsQuestionWord) && !NamesAProduct(token)))
            {
                continue;
            }

            words.Add(variants);
        }

        return words;

        bool NamesAProduct(string token)
        {
            if (!IntentLexicon.PhraseOnlyCueWords.TryGetValue(token, out var phrases) || phrases.Any(message.ContainsPhrase))
            {
                return false;
            }

            nameWords ??= catalog.Where(i => i.Active).SelectMany(NamesOf).SelectMany(Words).Select(StripArticle).ToHashSet(StringComparer.Ordinal);
            return nameWords.Contains(token);
        }
    }

    private static bool IsQuestionWord(string v)
    {
        if (IntentLexicon.CueWords.Contains(v) || Fillers.Contains(v))
        {
            return true;
        }

        foreach (var stem in IntentLexicon.CueStems)
        {
            if (v.StartsWith(stem, StringComparison.Ordinal))
            {
                return true; // سعره، سعرها، الوانه
            }
        }

        return false;
    }

    // Half coverage (how much of the name the customer said), half the best single-word quality:
    // "الجاكيت" alone still finds "جاكيت جلد اسود", while "جلد" alone scores lower than "جاكيت جلد".
    private static (double Score, IReadOnlyList<string> Matched) ScoreName(string name, List<string[]> words)
    {
        var nameTokens = Words(name)
            .Select(StripArticle)
            .Where(t => !Fillers.Contains(t))
            .ToArray();
        if (nameTokens.Length == 0)
        {
            return (0, []);
        }

        double total = 0;
        double best = 0;
        var matched = new List<string>();
        foreach (var nameToken in nameTokens)
        {
            double tokenBest = 0;
            foreach (var variants in words)
            {
                foreach (var w in variants)
                {
                    tokenBest = Math.Max(tokenBest, WordSimilarity(nameToken, w));
                }
            }

            if (tokenBest > 0)
            {
                matched.Add(nameToken);
            }

            total += tokenBest;
            best = Math.Max(best, tokenBest);
        }

        return ((0.5 * total / nameTokens.Length) + (0.5 * best), matched);
    }
}

using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Offline;
using AiSales.Core.Text;
using static AiSales.Core.Staff.Commands.StaffWords;

namespace AiSales.Core.Staff.Commands;

/// <summary>
/// Reads a team member's WhatsApp message as a command or a question, in Iraqi Arabic, MSA or English, the way people
/// type on a phone: any word order ("الطلب 1043 انشحن" = "شحن 1043" = "1043 shipped"), with or without "ال", hamzas
/// or ة, Arabic-Indic digits, "#". Words are matched on the folded form (<see cref="ArabicNormalizer"/>); the vocabulary
/// is in <see cref="StaffWords"/>. Questions are tried before commands because they share words ("كم طلب اليوم").
/// </summary>
public static partial class StaffCommandParser
{
    public static StaffIntent Parse(string? text)
    {
        // "طلب١٢٠٧" is two words: an Arabic word glued to a number (a SKU such as HD01 keeps its Latin letters glued).
        text = ArabicGlue().Replace(Digits.Fold(text ?? ""), " ");
        var message = new NormalizedMessage(text);
        var tokens = message.Tokens;
        if (tokens.Count == 0) return new HelpIntent();
        bool Any(IReadOnlySet<string> words) => tokens.Any(t => Matches(t, words));

        if (tokens.Count <= 3 && tokens.All(t => Matches(t, Yes))) return new ConfirmIntent(true);
        if (tokens.Count <= 3 && tokens.All(t => Matches(t, No))) return new ConfirmIntent(false);

        var number = OrderNumber(tokens);
        if (number is { } only && tokens.Count == 1) return new OrderShowIntent(only);
        // Amounts and counts from the words that are numbers on their own: "DSH-001" is a SKU, not 1 dinar.
        var plain = WithoutCodes(text);
        var amounts = PriceMentions.Extract(plain);
        var governorate = Governorates.Detect(message)?.Gov.Key;

        if (Question(message, number, governorate) is { } question) return question;

        var status = StatusOf(tokens);
        if (number is { } n && !Any(PriceWords) && !Any(StockWords) && (status is not null || Any(OrderWords)))
            return status is { } to ? new OrderMoveIntent(n, to) : new OrderShowIntent(n);

        // "make the white shirt 18000", "نزل القميص الابيض الى 18 الف": a new price without the word price.
        if (!Any(StockWords) && Any(SetWords) && amounts.Count > 0 && amounts[^1] >= 1000 && !Any(OrderWords)
            && Remainder(text, PriceWords, amounts) is { Length: > 0 } priced)
            return new ProductSetPriceIntent(priced, amounts[^1]);
        // "we have 15 black abayas now", "خلي العباية 15 قطعة": a count under a thousand with a set word is the stock.
        if (!Any(PriceWords) && Any(SetWords) && number is null && !Any(OrderWords) && LastInteger(new NormalizedMessage(plain).Tokens) is { } units
            && units < 1000 && Remainder(text, StockWords, [units]) is { Length: > 0 } counted)
            return new ProductSetStockIntent(counted, (int)units);
        // "how much stock": "much" asks a quantity there, not a price.
        if (tokens.Any(t => t != "much" && Matches(t, PriceWords)) || (Any(PriceWords) && !Any(StockWords)))
        {
            var query = Remainder(text, PriceWords, amounts);
            if (query.Length == 0) return new HelpIntent();
            return amounts.Count > 0 && amounts[^1] > 0 ? new ProductSetPriceIntent(query, amounts[^1]) : new ProductShowIntent(query);
        }
        if (Any(StockWords))
        {
            var count = LastInteger(new NormalizedMessage(plain).Tokens);
            var query = Remainder(text, StockWords, count is { } c ? [c] : []);
            if (query.Length == 0) return new HelpIntent();
            return count is { } value && (Any(SetWords) || EndsWithNumber(new NormalizedMessage(plain).Tokens)) ? new ProductSetStockIntent(query, (int)value) : new ProductShowIntent(query);
        }

        if (tokens.Count <= 6 && Any(OrderWords) && !Any(ChatWords)) return new OrdersTodayIntent();

        if (Any(AttentionWords)) return new AttentionIntent();

        // "البوت لا يرد على احد": the assistant is not to answer anybody (or "... على حسين": that one customer).
        if (Any(BotWords) && Any(NotWords) && Any(ContinueWords))
        {
            var who = Remainder(text, [.. BotWords, .. NotWords, .. ContinueWords, .. ChatWords, .. Everyone], []);
            return who.Length == 0 ? new ShopAiIntent(true) : new CustomerChatIntent(who, TakeOver: true);
        }
        // "خلي البوت يكمل ويا حسين": the assistant carries on with that customer.
        if (Any(BotWords) && Any(ContinueWords))
        {
            var who = Remainder(text, [.. BotWords, .. ContinueWords, .. ChatWords, .. SetWords, .. PauseWords, .. ResumeWords], []);
            if (who.Length > 0) return new CustomerChatIntent(who, TakeOver: false);
        }
        var pause = Any(PauseWords);
        var resume = Any(ResumeWords);
        if ((pause || resume) && (Any(BotWords) || tokens.Count == 1))
        {
            var target = Remainder(text, [.. PauseWords, .. ResumeWords, .. BotWords, .. ChatWords, .. ContinueWords, .. Fillers], []);
            return target.Length == 0 ? new ShopAiIntent(pause && !resume) : new CustomerChatIntent(target, TakeOver: pause && !resume);
        }
        if (Any(TakeOverWords) || Any(HandBackWords))
        {
            var target = Remainder(text, [.. TakeOverWords, .. HandBackWords, .. BotWords, .. ChatWords, .. Fillers], []);
            if (target.Length > 0) return new CustomerChatIntent(target, TakeOver: !Any(HandBackWords));
        }

        return Any(Help) ? new HelpIntent() : new UnknownIntent();
    }

    private static QuestionIntent? Question(NormalizedMessage message, long? number, string? governorate)
    {
        var tokens = message.Tokens;
        bool Any(IReadOnlySet<string> words) => tokens.Any(t => Matches(t, words));
        var period = PeriodOf(message);
        if (number is null && Any(SalesWords)) return new QuestionIntent(QuestionKind.Sales, period ?? StaffPeriod.Today, governorate);
        if (Any(MostWords) && (Any(ProductWords) || Any(AskedWords)))
            return new QuestionIntent(QuestionKind.TopProducts, period ?? StaffPeriod.Week, null);
        if (Any(HotWords) && (Any(CustomerWords) || Any(HowManyWords) || Any(AttentionWords) || Any(UnansweredWords))) return new QuestionIntent(QuestionKind.HotUnanswered, period ?? StaffPeriod.Today, null);
        if (Any(CustomerWords) && Any(NewWords)) return new QuestionIntent(QuestionKind.NewCustomers, period ?? StaffPeriod.Today, null);
        if (number is null && Any(HowManyWords) && Any(OrderWords))
            return new QuestionIntent(QuestionKind.Orders, period ?? (governorate is null ? StaffPeriod.Today : StaffPeriod.Month), governorate);
        // "طلبات البصرة هالشهر", "orders to Basra this month": a count when it names a place or a period.
        if (number is null && Any(OrderWords) && (governorate is not null || (period is not null && period != StaffPeriod.Today)))
            return new QuestionIntent(QuestionKind.Orders, period ?? StaffPeriod.Month, governorate);
        return null;
    }

    private static StaffPeriod? PeriodOf(NormalizedMessage message)
    {
        var t = message.Tokens;
        bool Any(IReadOnlySet<string> words) => t.Any(x => Matches(x, words));
        if (Any(YesterdayWords)) return StaffPeriod.Yesterday;
        if (Any(MonthWords)) return StaffPeriod.Month;
        if (Any(WeekWords)) return StaffPeriod.Week;
        if (Any(TodayWords)) return StaffPeriod.Today;
        return null;
    }

    private static OrderStatus? StatusOf(IReadOnlyList<string> tokens)
    {
        foreach (var t in tokens)
        {
            if (Matches(t, ShippedWords)) return OrderStatus.Shipped;
            if (Matches(t, DeliveredWords)) return OrderStatus.Delivered;
            if (Matches(t, CancelWords)) return OrderStatus.Cancelled;
            if (Matches(t, ReturnedWords)) return OrderStatus.Returned;
            if (Matches(t, ConfirmWords)) return OrderStatus.Confirmed;
        }
        return null;
    }

    /// <summary>An order number: 3 to 9 digits standing alone (#1043, ١٠٤٣, 1043).</summary>
    private static long? OrderNumber(IReadOnlyList<string> tokens)
    {
        foreach (var t in tokens)
            if (t.Length is >= 3 and <= 9 && t.All(char.IsAsciiDigit) && long.TryParse(t, out var n)) return n;
        return null;
    }

    private static long? LastInteger(IReadOnlyList<string> tokens)
    {
        for (var i = tokens.Count - 1; i >= 0; i--)
            if (tokens[i].Length <= 7 && tokens[i].All(char.IsAsciiDigit) && long.TryParse(tokens[i], out var n)) return n;
        return null;
    }

    private static bool EndsWithNumber(IReadOnlyList<string> tokens) => tokens.Count > 0 && tokens[^1].All(char.IsAsciiDigit);

    /// <summary>The message without product codes (letters and digits in one word: DSH-001, sku12).</summary>
    private static string WithoutCodes(string? text) => string.Join(' ', (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Where(w => !(w.Any(char.IsLetter) && w.Any(char.IsDigit)) && !(w.Contains('-') && w.Any(char.IsDigit))));

    /// <summary>
    /// What is left of the message once the command's words, fillers and amounts are gone: the product or customer it is
    /// about, in the member's own spelling ("دشداشة رجالي", "SKU-12", "احمد").
    /// </summary>
    private static string Remainder(string? text, IEnumerable<string> commandWords, IReadOnlyList<long> amounts)
    {
        var drop = new HashSet<string>(commandWords, StringComparer.Ordinal);
        drop.UnionWith(Fillers);
        drop.UnionWith(SetWords);
        drop.UnionWith(AmountWords);
        var kept = new List<string>();
        foreach (var raw in (text ?? "").Split([' ', '\n', '\t', '،', ',', ':', '?', '؟', '=', '!'], StringSplitOptions.RemoveEmptyEntries))
        {
            var folded = ArabicNormalizer.Normalize(raw).Replace(" ", "");
            if (folded.Length == 0 || Matches(folded, drop)) continue;
            if (folded.All(char.IsAsciiDigit) && amounts.Count > 0) continue;
            kept.Add(raw.Trim('#', '.', '"', '\'', '«', '»'));
        }
        // Spelled على it is the preposition; علي alone is the name Ali (both fold alike).
        if (kept.Count > 0 && (kept[0] is "على" or "for" || (kept.Count > 1 && Matches(ArabicNormalizer.Normalize(kept[0]), LeadingPrepositions))))
            kept.RemoveAt(0);
        return string.Join(' ', kept).Trim();
    }

    /// <summary>The token, or the token without a leading و / ال / ب / ل / ف (وانشحن, بالمخزون, للبوت).</summary>
    internal static bool Matches(string token, IReadOnlySet<string> words)
    {
        if (words.Contains(token)) return true;
        foreach (var variant in ArabicNormalizer.WithoutPrefixes(token))
        {
            if (words.Contains(variant)) return true;
            foreach (var stem in WithoutSuffixes(variant))
                if (words.Contains(stem)) return true;
        }
        return false;
    }

    // Attached pronouns and verb endings, longest first: ثبتلي → ثبت, متوفره → متوفر, شحنوه → شحن, اتاكد → تاكد.
    private static readonly string[] Suffixes = ["تها", "ناه", "تلي", "وها", "وه", "ها", "هم", "نا", "ني", "لي", "له", "ين", "ون", "ات", "ته", "يه", "ه", "ت", "و", "ي"];

    /// <summary>The Arabic word without one attached ending (and a reflexive ا/ان/ات before the verb), never shorter than 3 letters.</summary>
    private static IEnumerable<string> WithoutSuffixes(string word)
    {
        if (word.Length < 4 || !ArabicNormalizer.IsArabicLetter(word[0])) yield break;
        foreach (var suffix in Suffixes)
            if (word.EndsWith(suffix, StringComparison.Ordinal) && word.Length - suffix.Length >= 3)
                yield return word[..^suffix.Length];
        if (word.StartsWith("ا", StringComparison.Ordinal) && word.Length >= 4) yield return word[1..];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=[\u0621-\u064A])(?=[0-9])|(?<=[0-9])(?=[\u0621-\u064A])")]
    private static partial System.Text.RegularExpressions.Regex ArabicGlue();
}

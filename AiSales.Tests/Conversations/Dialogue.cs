using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiSales.Tests.Conversations;

/// <summary>
/// One scripted customer: what they write, turn by turn, and what the shop must do, in behaviour terms (which product a
/// reply is about, that a hand-off is announced, the order it ends in), never exact wording. Stored as JSON under
/// <c>Conversations/Dialogues/</c>; the format is described in docs/sales-dialogues.md.
/// </summary>
public sealed record Dialogue
{
    public required string Id { get; init; }

    /// <summary>iraqi | msa | english | arabizi: decides the language the replies must be in.</summary>
    public required string Style { get; init; }

    /// <summary>instagram | messenger | whatsapp: the webhook the customer's messages arrive on.</summary>
    public string Channel { get; init; } = "instagram";

    public string? Description { get; init; }

    public required IReadOnlyList<DialogueTurn> Turns { get; init; }

    /// <summary>The order the conversation must end in (one confirmed order with exactly these items).</summary>
    public ExpectedOrder? ExpectOrder { get; init; }

    /// <summary>The conversation must end with no order at all.</summary>
    public bool ExpectNoOrder { get; init; }

    /// <summary>Further SKUs whose line totals may appear in sums (a total of an item the customer later dropped).</summary>
    public IReadOnlyList<string> RelatedSkus { get; init; } = [];

    /// <summary>Every SKU the dialogue's expectations name: their line totals may be summed with a delivery fee.</summary>
    public IEnumerable<string> Skus() =>
        Turns.Select(t => t.ExpectProduct).OfType<string>()
            .Concat(ExpectOrder?.Items.Select(i => i.Sku) ?? [])
            .Concat(RelatedSkus)
            .Distinct(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// One customer turn: a message, or a burst of messages sent within the debounce (<see cref="Say"/> as an array), that
/// must get exactly one reply.
/// </summary>
public sealed record DialogueTurn
{
    [JsonConverter(typeof(OneOrManyConverter))]
    public required IReadOnlyList<string> Say { get; init; }

    /// <summary>The reply is about this product: names it (or quotes only its price) and quotes its catalog price.</summary>
    public string? ExpectProduct { get; init; }

    /// <summary>The reply announces a hand-off to a person and the conversation is handed over. False (the default)
    /// means the conversation must NOT be handed over by this turn.</summary>
    public bool ExpectHandoff { get; init; }

    /// <summary>The reply says plainly that what was asked for is not available (out of stock, or not sold here).</summary>
    public bool ExpectUnavailable { get; init; }

    /// <summary>The reply names at least one product the shop does sell (other than <see cref="UnavailableSku"/>).</summary>
    public bool ExpectAlternatives { get; init; }

    /// <summary>The out-of-stock product the turn asks about, so it does not count as its own alternative.</summary>
    public string? UnavailableSku { get; init; }

    /// <summary>Details the reply must ask for: size, colour, quantity, governorate, phone, address, confirm.</summary>
    public IReadOnlyList<string> ExpectAsks { get; init; } = [];

    /// <summary>Details of which the reply must ask for at least one (several are missing; it may ask one at a time).</summary>
    public IReadOnlyList<string> ExpectAsksAny { get; init; } = [];

    /// <summary>The reply is the order summary: the dialogue's expected items total, delivery fee and grand total appear.</summary>
    public bool ExpectSummary { get; init; }

    /// <summary>The reply quotes the delivery fee of this governorate key (Baghdad 5,000; others 8,000).</summary>
    public string? ExpectFee { get; init; }

    /// <summary>Amounts that must appear in the reply (e.g. a quantity × price).</summary>
    public IReadOnlyList<long> ExpectAmounts { get; init; } = [];

    /// <summary>The reply must contain at least one of these (case- and spelling-insensitive), e.g. a size the customer asked about.</summary>
    public IReadOnlyList<string> ExpectMentionsAny { get; init; } = [];

    public string Text => string.Join(" / ", Say);
}

public sealed record ExpectedOrder
{
    public required IReadOnlyList<ExpectedItem> Items { get; init; }

    /// <summary>Governorate key as in lead data: Baghdad, Basra, Nineveh, Erbil, Najaf, ...</summary>
    public required string Governorate { get; init; }

    /// <summary>Iraqi mobile as 07XXXXXXXXX (the stored phone may be in any equivalent form).</summary>
    public required string Phone { get; init; }
}

public sealed record ExpectedItem
{
    public required string Sku { get; init; }
    public int Quantity { get; init; } = 1;

    /// <summary>Null: not checked (a product without sizes).</summary>
    public string? Size { get; init; }

    /// <summary>Null: not checked (a product with one colour or none).</summary>
    public string? Colour { get; init; }
}

/// <summary>Reads the dialogue files (snake_case JSON, comments and trailing commas allowed).</summary>
public static class DialogueSet
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Conversations", "Dialogues");

    /// <summary>Every dialogue in every *.json file of <paramref name="directory"/>, in file then file order.</summary>
    public static IReadOnlyList<Dialogue> Load(string? directory = null)
    {
        var dir = directory ?? Directory;
        var files = System.IO.Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new InvalidOperationException($"No dialogue files in {dir}");
        var all = new List<Dialogue>();
        foreach (var file in files)
        {
            try
            {
                all.AddRange(JsonSerializer.Deserialize<List<Dialogue>>(File.ReadAllText(file), Json) ?? []);
            }
            catch (JsonException e)
            {
                throw new InvalidOperationException($"{Path.GetFileName(file)}: {e.Message}", e);
            }
        }
        return all;
    }

    /// <summary>Dialogues whose id contains any of the comma-separated parts of <paramref name="filter"/> (all when empty).</summary>
    public static IReadOnlyList<Dialogue> Filter(IReadOnlyList<Dialogue> dialogues, string? filter) =>
        string.IsNullOrWhiteSpace(filter)
            ? dialogues
            : [.. dialogues.Where(d => filter.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Any(f => d.Id.Contains(f, StringComparison.OrdinalIgnoreCase)))];
}

/// <summary>"say": "text" or "say": ["text", "text"].</summary>
public sealed class OneOrManyConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? [reader.GetString()!]
            : JsonSerializer.Deserialize<List<string>>(ref reader, options) ?? [];

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, options);
}

using System.Text;
using System.Text.RegularExpressions;
using AiSales.Core.Inbound;
using AiSales.Core.Inbound.Events;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Tests.Inbound;

/// <summary>Whatever bytes arrive, normalization returns events and never throws (a throw would lose the delivery).</summary>
[Trait("Category", "Unit")]
public partial class MetaPayloadNormalizerFuzzTests
{
    private const int MutationsPerFixture = 50;

    private static readonly string[] Replacements =
    [
        "123456789012345678901234567890", "1e400", "-1", "0", "null", "{}", "[]", "\"\"", "true",
        "\"99999999999999999999\"", "-9223372036854775809", "1.5e-320", "\"\\ud800\"", "[null,{},[]]", "{\"id\":{}}",
    ];

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|true|false|null")]
    private static partial Regex JsonValueToken();

    public static TheoryData<string> AllFixtures() => MetaPayloadNormalizerFixtureTests.AllFixtures();

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Mutated_fixture_never_throws(string name)
    {
        var original = MetaFixtures.Bytes(name);
        var text = Encoding.UTF8.GetString(original);
        var tokens = JsonValueToken().Matches(text);
        var random = new Random(StableSeed(name));
        var normalizer = new MetaPayloadNormalizer();
        var platforms = Enum.GetValues<ChannelPlatform>();

        for (var i = 0; i < MutationsPerFixture; i++)
        {
            var mutated = (i % 6) switch
            {
                0 => original.AsSpan(0, random.Next(original.Length + 1)).ToArray(),
                1 => FlipBytes(original, random),
                2 => Encoding.UTF8.GetBytes(SwapValueType(text, tokens, random)),
                3 => DeepNesting(text, tokens, random),
                4 => HugeNumbers(text, random),
                _ => FlipBytes(Encoding.UTF8.GetBytes(SwapValueType(text, tokens, random)), random),
            };

            var events = normalizer.Normalize(platforms[i % platforms.Length], mutated);

            Assert.NotEmpty(events);
            Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.DedupeKey)));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("{\"object\":\"page\",\"entry\":[}")]
    public void Invalid_json_becomes_one_unsupported_event(string body)
    {
        var e = Assert.Single(new MetaPayloadNormalizer().Normalize(ChannelPlatform.Messenger, Encoding.UTF8.GetBytes(body)));
        var unsupported = Assert.IsType<UnsupportedEvent>(e);
        Assert.StartsWith("invalid JSON", unsupported.Reason);
        Assert.Equal(body, unsupported.RawJson);
        Assert.Equal(ChannelPlatform.Messenger, unsupported.Platform);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"object\":\"page\",\"entry\":[]}")]
    [InlineData("{\"object\":\"page\",\"entry\":{}}")]
    [InlineData("{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":[{\"sender\":{\"id\":\"2\"}}]}]}")]
    public void Valid_json_that_is_not_a_webhook_becomes_unsupported_with_raw_text(string body)
    {
        var events = new MetaPayloadNormalizer().Normalize(ChannelPlatform.Instagram, Encoding.UTF8.GetBytes(body));
        var unsupported = Assert.IsType<UnsupportedEvent>(Assert.Single(events));
        Assert.False(string.IsNullOrEmpty(unsupported.RawJson));
    }

    [Fact]
    public void Thousand_levels_of_nesting_is_rejected_not_thrown()
    {
        var body = new string('[', 1000) + new string(']', 1000);
        var e = Assert.IsType<UnsupportedEvent>(Assert.Single(new MetaPayloadNormalizer().Normalize(ChannelPlatform.WhatsApp, Encoding.UTF8.GetBytes(body))));
        Assert.StartsWith("invalid JSON", e.Reason);
    }

    private static int StableSeed(string name)
    {
        var seed = 17;
        foreach (var c in name) seed = unchecked(seed * 31 + c);
        return seed;
    }

    private static byte[] FlipBytes(byte[] source, Random random)
    {
        var copy = (byte[])source.Clone();
        if (copy.Length == 0) return copy;
        for (var n = random.Next(1, 8); n > 0; n--)
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        return copy;
    }

    private static string SwapValueType(string text, MatchCollection tokens, Random random)
    {
        if (tokens.Count == 0) return text;
        var builder = new StringBuilder(text);
        // Replace a few tokens, right to left so earlier offsets stay valid.
        var picks = Enumerable.Range(0, random.Next(1, 5)).Select(_ => tokens[random.Next(tokens.Count)])
            .DistinctBy(m => m.Index).OrderByDescending(m => m.Index);
        foreach (var m in picks)
        {
            // Tokens followed by ':' are property names; swapping those makes invalid JSON, which is also fine.
            builder.Remove(m.Index, m.Length).Insert(m.Index, Replacements[random.Next(Replacements.Length)]);
        }
        return builder.ToString();
    }

    private static byte[] DeepNesting(string text, MatchCollection tokens, Random random)
    {
        var depth = random.Next(2) == 0 ? 1000 : random.Next(10, 70);
        var nest = random.Next(2) == 0
            ? new string('[', depth) + "1" + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
        if (tokens.Count == 0) return Encoding.UTF8.GetBytes(nest);
        var m = tokens[random.Next(tokens.Count)];
        return Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, m.Index), nest, text.AsSpan(m.Index + m.Length)));
    }

    private static byte[] HugeNumbers(string text, Random random)
    {
        var huge = random.Next(3) switch { 0 => "1e308", 1 => "99999999999999999999999", _ => "-1e308" };
        var replaced = Regex.Replace(text, "(\"(?:timestamp|time|watermark|num_edit|created_time|code|expiration_timestamp)\"\\s*:\\s*)(\"[^\"]*\"|-?[0-9.eE+-]+)", "${1}" + huge);
        return Encoding.UTF8.GetBytes(replaced);
    }
}

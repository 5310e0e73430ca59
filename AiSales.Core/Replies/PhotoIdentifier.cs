using System.Text.Json;
using AiSales.Core.Replies.Llm;
using AiSales.Core.Replies.Offline;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AiSales.Core.Replies;

/// <summary>
/// With a model that accepts images (<see cref="AiOptions.ImageInput"/>), asks it which catalog product a customer's
/// photo shows: the catalog's SKUs and names, a few product photos (each after its SKU), then the customer's photo, all
/// as Microsoft.Extensions.AI multimodal content (<see cref="DataContent"/>). The model answers SKUs only; an SKU not in
/// the catalog is dropped, and the reply's price and stock come from the catalog (the rules answer, not the model).
/// </summary>
public sealed class PhotoIdentifier(AiOptions options, ILogger<PhotoIdentifier> logger, IChatClient? chatClient = null)
{
    /// <summary>At most this many product photos go with the question (tokens and upload size).</summary>
    public const int MaxProductPhotos = 6;

    public bool Enabled => chatClient is not null && options.ImageInput;

    /// <returns>The products the model named (one when sure, two or three when unsure), empty when none, null when it could not be asked.</returns>
    public async Task<IReadOnlyList<Guid>?> IdentifyAsync(byte[] photo, string? contentType, IReadOnlyList<CatalogItem> catalog,
        IReadOnlyList<(Guid ProductId, byte[] Bytes, string ContentType)> productPhotos, CancellationToken ct)
    {
        if (!Enabled || catalog.Count == 0) return null;
        var lines = string.Join('\n', catalog.Where(c => c.Active && !string.IsNullOrWhiteSpace(c.Sku))
            .Select(c => $"- {c.Sku}: {c.NameAr}{(c.NameEn is { Length: > 0 } en ? " / " + en : "")}"));
        var system = new ChatMessage(ChatRole.System,
            "You identify which product of a shop's catalog a customer's photo or screenshot shows. Catalog (SKU: name):\n" + lines +
            "\nAnswer only JSON {\"skus\":[…]}: one SKU when sure, two or three when it could be any of them, [] when it is none of them. Never a price.");
        var contents = new List<AIContent>();
        foreach (var (productId, bytes, type) in productPhotos.Take(MaxProductPhotos))
        {
            if (catalog.FirstOrDefault(c => c.Id == productId) is not { Sku: { Length: > 0 } sku }) continue;
            contents.Add(new TextContent($"Photo of {sku}:"));
            contents.Add(new DataContent(bytes, type));
        }
        contents.Add(new TextContent("The customer's photo:"));
        contents.Add(new DataContent(photo, contentType is "image/png" or "image/webp" ? contentType : "image/jpeg"));
        try
        {
            var response = await chatClient!.GetResponseAsync([system, new ChatMessage(ChatRole.User, contents)],
                new ChatOptions { ResponseFormat = ChatResponseFormat.Json, Temperature = 0 }, ct);
            using var doc = JsonDocument.Parse(response.Text);
            if (!doc.RootElement.TryGetProperty("skus", out var skus) || skus.ValueKind != JsonValueKind.Array) return null;
            return [.. skus.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String)
                .Select(s => catalog.FirstOrDefault(c => c.Active && string.Equals(c.Sku, s.GetString()?.Trim(), StringComparison.OrdinalIgnoreCase)))
                .OfType<CatalogItem>().Select(c => c.Id).Distinct().Take(3)];
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is JsonException or HttpRequestException or TaskCanceledException
            or System.ClientModel.ClientResultException or InvalidOperationException)
        {
            logger.LogWarning("The model could not identify a customer photo: {Error}", ex.GetType().Name);
            return null;
        }
    }
}

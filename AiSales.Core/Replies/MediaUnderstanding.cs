using AiSales.Core.Media;
using AiSales.Core.Persistence;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Offline;
using AiSales.Core.Sending;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiSales.Core.Replies;

/// <summary>
/// Looks at the burst's photos before the reply is drafted (in the Worker, never on the webhook path): each photo is
/// fetched with the channel's token (<see cref="CustomerMediaFetcher"/>), compared with the merchant's product photos
/// (<see cref="PerceptualHash"/>) and marked with the products it matched (<see cref="CustomerMedia.ProductIds"/>);
/// one clear match becomes the product in focus. With a model that accepts images, what the hashes do not settle is asked
/// of the model (<see cref="PhotoIdentifier"/>). The bytes live only for the comparison. Without product photos (and no
/// such model), on a sandbox channel, or when a fetch fails, the photo stays unlooked-at and the reply asks which product it is.
/// </summary>
public sealed class MediaUnderstanding(NpgsqlDataSource dataSource, CustomerMediaFetcher fetcher, ChannelCredentialsReader credentials,
    Llm.VoiceTranscriber transcriber, PhotoIdentifier identifier, ILogger<MediaUnderstanding> logger)
{
    /// <summary>At most this many photos of one burst are fetched and compared.</summary>
    public const int MaxPhotosPerBurst = 3;

    public async Task<ReplyInputs> EnrichAsync(ReplyInputs inputs, CancellationToken ct)
    {
        inputs = await TranscribeAsync(inputs, ct);
        var media = inputs.Context.Media;
        if (media is null || !media.Any(IsPhotoToLookAt)) return inputs;
        var photos = await ProductPhotoStore.HashesAsync(dataSource, inputs.Context.MerchantId, ct);
        if (photos.Count == 0 && !identifier.Enabled) return inputs;
        if (await ChannelAsync(inputs.ChannelAccountId, ct) is not { } channel) return inputs;

        var looked = 0;
        List<(Guid, byte[], string)>? productPhotos = null;
        var enriched = new List<CustomerMedia>(media.Count);
        foreach (var item in media)
        {
            if (!IsPhotoToLookAt(item) || looked++ >= MaxPhotosPerBurst)
            {
                enriched.Add(item);
                continue;
            }
            var fetched = await fetcher.FetchAsync(channel.Platform, (channel.Platform == ChannelPlatform.WhatsApp ? item.MediaId : null) ?? item.Url!,
                channel.Token, audio: false, ct);
            var matched = fetched.Bytes is { } bytes && photos.Count > 0 ? Match(bytes, photos) : null;
            // What the hashes do not settle (another angle, another light, no product photos) a model that sees images may.
            if (fetched.Bytes is { } seen && identifier.Enabled && matched is not { Count: 1 })
            {
                productPhotos ??= await ProductPhotoStore.PhotosAsync(dataSource, inputs.Context.MerchantId, PhotoIdentifier.MaxProductPhotos, ct);
                if (await identifier.IdentifyAsync(seen, fetched.ContentType, inputs.Context.Catalog, productPhotos, ct) is { } byModel) matched = byModel;
            }
            enriched.Add(matched is null ? item : item with { ProductIds = matched });
        }

        var context = inputs.Context with { Media = enriched };
        if (enriched.LastOrDefault(m => m is { Kind: MediaKind.Image, ProductIds.Count: 1 }) is { } match && context.State is { } state
            && state.FocusProductId != match.ProductIds![0])
        {
            state.FocusProductId = match.ProductIds[0];
            (state.Size, state.Colour, state.Quantity) = (null, null, null);
        }
        logger.LogDebug("Compared {Photos} customer photo(s) with {ProductPhotos} product photo(s)", looked, photos.Count);
        return inputs with { Context = context };
    }

    /// <summary>
    /// Voice notes of the burst, transcribed when a provider is configured: the transcript is stored on the message (the
    /// inbox shows it, a retried job reads it instead of transcribing again) and joins the burst's text, so the note is
    /// answered like text. A note that cannot be fetched or transcribed stays media: the customer is asked to type.
    /// </summary>
    private async Task<ReplyInputs> TranscribeAsync(ReplyInputs inputs, CancellationToken ct)
    {
        var notes = inputs.Context.Media?.Where(m => m is { Kind: MediaKind.Audio, MessageId: not null } && (m.Url is not null || m.MediaId is not null))
            .Take(MaxPhotosPerBurst).ToList();
        if (!transcriber.Enabled || notes is not { Count: > 0 } || await ChannelAsync(inputs.ChannelAccountId, ct) is not { } channel) return inputs;

        var said = new List<string>();
        var done = new HashSet<CustomerMedia>();
        foreach (var note in notes)
        {
            var fetched = await fetcher.FetchAsync(channel.Platform, (channel.Platform == ChannelPlatform.WhatsApp ? note.MediaId : null) ?? note.Url!,
                channel.Token, audio: true, ct);
            if (fetched.Bytes is not { } bytes || await transcriber.TranscribeAsync(bytes, fetched.ContentType, ct) is not { } text) continue;
            await using var cmd = dataSource.CreateCommand("UPDATE messages SET transcript = $2 WHERE id = $1 AND transcript IS NULL");
            cmd.Parameters.Add(new NpgsqlParameter { Value = note.MessageId!.Value });
            cmd.Parameters.Add(new NpgsqlParameter { Value = Text.TextSanitizer.Clean(text) ?? text });
            await cmd.ExecuteNonQueryAsync(ct);
            said.Add(text);
            done.Add(note);
        }
        if (said.Count == 0) return inputs;
        var customerText = string.Join('\n', new[] { inputs.Context.CustomerText }.Concat(said).Where(t => !string.IsNullOrWhiteSpace(t)));
        return inputs with { Context = inputs.Context with { CustomerText = customerText, Media = [.. inputs.Context.Media!.Where(m => !done.Contains(m))] } };
    }

    private static bool IsPhotoToLookAt(CustomerMedia m) =>
        m is { Kind: MediaKind.Image, ProductIds: null } && (m.Url is not null || m.MediaId is not null);

    /// <summary>
    /// One product when one is clearly closest within <see cref="PhotoMatchThresholds.Close"/>; two or three when several
    /// are about as close (within <see cref="PhotoMatchThresholds.Near"/>); none otherwise (null: not an image).
    /// </summary>
    public static IReadOnlyList<Guid>? Match(byte[] bytes, IReadOnlyList<(Guid ProductId, StoredPhotoHash Hash)> photos)
    {
        if (PerceptualHash.Load(bytes) is not { } image) return null;
        var distances = PerceptualHash.Closest(image, [.. photos.Select(p => p.Hash)]);
        var ranked = photos.Select((p, i) => (p.ProductId, Distance: distances[i])).Where(p => p.Distance <= PhotoMatchThresholds.Near)
            .OrderBy(p => p.Distance).ToList();
        if (ranked.Count == 0) return [];
        // Clearly closest: within Close and well ahead of the next (a product photographed twice is still one answer).
        if (ranked[0].Distance <= PhotoMatchThresholds.Close && (ranked.Count == 1 || ranked[1].Distance - ranked[0].Distance >= 8))
            return [ranked[0].ProductId];
        return ranked.Count == 1 ? [ranked[0].ProductId] : [.. ranked.Take(3).Select(p => p.ProductId)];
    }

    private async Task<(ChannelPlatform Platform, string? Token)?> ChannelAsync(Guid channelAccountId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT platform, provider, access_token_encrypted, settings::text FROM channel_accounts WHERE id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = channelAccountId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var platform = EnumText<ChannelPlatform>.Parse(r.GetString(0));
        var provider = EnumText<Persistence.Entities.ChannelProvider>.Parse(r.GetString(1));
        // A sandbox channel's media links are made up: nothing to fetch.
        if (provider == Persistence.Entities.ChannelProvider.Sandbox) return null;
        var creds = credentials.Read(platform, provider, r.IsDBNull(2) ? null : r.GetFieldValue<byte[]>(2), r.GetString(3));
        return (platform, creds?.AccessToken);
    }
}

using System.Text.Json;

namespace AiSales.Core.Inbound.Recording;

/// <summary>The first name and phone of a shared contact card (WhatsApp's <c>contacts</c> message).</summary>
public sealed record ContactCard(string? Name, string? Phone)
{
    public static ContactCard? Read(string contactsJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(contactsJson);
            var cards = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement : default;
            if (cards.ValueKind != JsonValueKind.Array) return null;
            foreach (var card in cards.EnumerateArray())
            {
                var name = card.TryGetProperty("name", out var n) && n.TryGetProperty("formatted_name", out var f) ? f.GetString() : null;
                var phone = card.TryGetProperty("phones", out var phones) && phones.ValueKind == JsonValueKind.Array
                    ? phones.EnumerateArray().Select(p => p.TryGetProperty("phone", out var v) ? v.GetString() : null).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))
                    : null;
                if (name is not null || phone is not null) return new ContactCard(name, phone);
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

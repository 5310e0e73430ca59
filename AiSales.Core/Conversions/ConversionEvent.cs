using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AiSales.Core.Conversions;

/// <summary>One capi_events row as the job reads it (the value is the order's when the event happened).</summary>
public sealed record CapiEventRow(long Id, Guid MerchantId, Guid AdAccountId, Guid OrderId, long OrderNumber, string EventKey, string EventName,
    string EventId, DateTimeOffset EventTime, long ValueIqd, string Currency);

/// <summary>
/// Who the customer is on the channel the order came through: the shop's account there (the WhatsApp number with its
/// business account id, the Facebook page, the Instagram account) and the customer's id on it, with the click id of
/// the click-to-WhatsApp ad that brought them when there was one.
/// </summary>
public sealed record CapiCustomer(string Platform, string ChannelExternalId, string? WabaId, string ContactExternalId, string? Phone, string? CtwaClid);

/// <summary>One order line as custom_data.contents carries it (the SKU is the catalog's retailer id).</summary>
public sealed record CapiItem(string? Sku, int Quantity, long UnitPriceIqd);

/// <summary>Something we cannot send because a piece on our side is missing; the page names it.</summary>
public sealed class CapiSetupException(string message) : Exception(message);

/// <summary>
/// The Conversions API event for business messaging (fixtures/meta/COMMERCE.md, "CAPI for Business Messaging"):
/// action_source "business_messaging", messaging_channel whatsapp / messenger / instagram, and user_data naming the
/// customer the way that channel knows them: WhatsApp the business account id with the ad's ctwa_clid (or, without a
/// click, the customer's number hashed as Meta asks for ph), Messenger the page id with the page-scoped user id,
/// Instagram the account id with the Instagram-scoped id. Ids are sent as they are (Meta says never hash them).
/// custom_data carries the order's value and currency, our order number and its lines.
/// </summary>
public static class ConversionEvent
{
    public const string ActionSource = "business_messaging";

    public static JsonObject Build(CapiEventRow e, CapiCustomer customer, IReadOnlyList<CapiItem> items)
    {
        var (channel, user) = customer.Platform switch
        {
            "whatsapp" => ("whatsapp", WhatsApp(customer)),
            "messenger" => ("messenger", new JsonObject { ["page_id"] = customer.ChannelExternalId, ["page_scoped_user_id"] = customer.ContactExternalId }),
            "instagram" => ("instagram", new JsonObject { ["ig_account_id"] = customer.ChannelExternalId, ["ig_sid"] = customer.ContactExternalId }),
            _ => throw new CapiSetupException($"Orders from {customer.Platform} cannot be reported to Meta."),
        };
        var custom = new JsonObject
        {
            ["currency"] = e.Currency,
            ["value"] = e.ValueIqd,
            ["order_id"] = e.OrderNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var lines = items.Where(i => !string.IsNullOrEmpty(i.Sku)).ToList();
        if (lines.Count > 0)
        {
            custom["content_type"] = "product";
            custom["contents"] = new JsonArray([.. lines.Select(i => (JsonNode)new JsonObject { ["id"] = i.Sku, ["quantity"] = i.Quantity, ["item_price"] = i.UnitPriceIqd })]);
        }
        custom["num_items"] = items.Sum(i => i.Quantity);
        return new JsonObject
        {
            ["event_name"] = e.EventName,
            ["event_time"] = e.EventTime.ToUnixTimeSeconds(),
            ["event_id"] = e.EventId,
            ["action_source"] = ActionSource,
            ["messaging_channel"] = channel,
            ["user_data"] = user,
            ["custom_data"] = custom,
        };
    }

    private static JsonObject WhatsApp(CapiCustomer c)
    {
        if (string.IsNullOrEmpty(c.WabaId))
            throw new CapiSetupException("The WhatsApp number's business account id (WABA id) is not known; reconnect the number.");
        var user = new JsonObject { ["whatsapp_business_account_id"] = c.WabaId };
        if (!string.IsNullOrEmpty(c.CtwaClid)) user["ctwa_clid"] = c.CtwaClid;
        // The WhatsApp id is the number in international digits; a business-scoped id (no number shared) is not, then the order's phone.
        else if (HashedPhone(c.ContactExternalId.All(char.IsAsciiDigit) ? c.ContactExternalId : c.Phone) is { } ph) user["ph"] = ph;
        return user;
    }

    /// <summary>Meta's ph: digits only with the country code, SHA-256 in lowercase hex; an Iraqi 07… number gets 964.</summary>
    public static string? HashedPhone(string? raw)
    {
        var digits = new string((raw ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("00", StringComparison.Ordinal)) digits = digits[2..];
        else if (digits.StartsWith('0')) digits = "964" + digits[1..];
        return digits.Length < 8 ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(digits)));
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiSales.Core.Crm.Odoo;
using AiSales.Core.Messaging;
using AiSales.Core.Security;
using AiSales.Webhooks.Ingest;
using Npgsql;

namespace AiSales.Webhooks.Odoo;

/// <summary>
/// <c>POST /webhooks/odoo/{merchant}</c>: Odoo's "Send Webhook Notification" for crm.lead and sale.order changes.
/// Odoo cannot sign its webhooks (FACTS §D4), so the per-merchant secret comes as <c>?token=</c> (or the
/// X-AiSales-Token header) in the URL configured on the automation rule; a relay or custom module may instead send
/// X-AiSales-Signature: sha256=HMAC-SHA256(secret, raw body). Unknown merchant: 404; bad or missing secret: 401;
/// neither stores anything. Otherwise the raw body is stored and its job queued in one transaction before the 200;
/// the same body again is answered 200 and dropped (its hash is unique per merchant).
/// </summary>
public static class OdooWebhookApi
{
    public const string TokenHeader = "X-AiSales-Token";
    public const string SignatureHeader = "X-AiSales-Signature";
    private const int MaxBodyBytes = 256 * 1024;

    /// <summary>The per-merchant secret is stored encrypted: without a configured key this endpoint answers 503 and the
    /// rest of the service still starts.</summary>
    public static IHostApplicationBuilder AddOdooWebhooks(this IHostApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Security:EncryptionKey"])) builder.Services.AddTokenProtection();
        return builder;
    }

    public static RouteGroupBuilder MapOdooWebhookApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/webhooks/odoo").WithTags("Webhooks");
        api.MapPost("/{merchant}", ReceiveAsync).WithName("ReceiveOdooWebhook");
        return api;
    }

    public static async Task<IResult> ReceiveAsync(string merchant, HttpContext http, NpgsqlDataSource dataSource, PostgresOutbox outbox,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(OdooWebhookApi).FullName!);
        var read = await RawBodyReader.ReadAsync(http.Request, MaxBodyBytes, ct);
        if (read.TooLarge) return TypedResults.Problem(detail: $"Body exceeds {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        var body = read.Body!;

        Guid merchantId;
        byte[] encryptedSecret;
        await using (var cmd = dataSource.CreateCommand("""
            SELECT c.merchant_id, c.webhook_secret_encrypted FROM odoo_connections c JOIN merchants m ON m.id = c.merchant_id
            WHERE m.id::text = $1 OR m.slug = $1 LIMIT 1
            """))
        {
            cmd.Parameters.Add(new() { Value = merchant });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return TypedResults.Problem(detail: "No Odoo connection for this shop.", statusCode: StatusCodes.Status404NotFound);
            (merchantId, encryptedSecret) = (r.GetGuid(0), (byte[])r[1]);
        }
        if (http.RequestServices.GetService<TokenProtector>() is not { } protector)
            return TypedResults.Problem(detail: "Security:EncryptionKey is not configured.", statusCode: StatusCodes.Status503ServiceUnavailable);
        string secret;
        try { secret = protector.Unprotect(encryptedSecret); }
        catch (CryptographicException)
        {
            logger.LogError("Odoo webhook for merchant {MerchantId}: the stored secret cannot be decrypted", merchantId);
            return TypedResults.Problem(detail: "The shop's webhook secret cannot be read; set up Odoo again.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (!Authentic(http.Request, body, secret))
        {
            logger.LogWarning("Odoo webhook for merchant {MerchantId} refused: missing or wrong token/signature", merchantId);
            return TypedResults.Problem(detail: "Missing or invalid token or X-AiSales-Signature.", statusCode: StatusCodes.Status401Unauthorized);
        }

        JsonObject payload;
        try { payload = JsonNode.Parse(body) as JsonObject ?? throw new JsonException(); }
        catch (JsonException) { return TypedResults.Problem(detail: "Body is not a JSON object.", statusCode: StatusCodes.Status400BadRequest); }

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        long? id;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO odoo_webhook_deliveries (merchant_id, body, body_sha256, model, record_id) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (merchant_id, body_sha256) DO NOTHING RETURNING id
            """, conn, tx))
        {
            insert.Parameters.Add(new() { Value = merchantId });
            insert.Parameters.Add(new() { Value = Encoding.UTF8.GetString(body) });
            insert.Parameters.Add(new() { Value = SHA256.HashData(body) });
            insert.Parameters.Add(new() { Value = (object?)(OdooValues.Text(payload["_model"]) ?? OdooValues.Text(payload["model"])) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.Add(new() { Value = (object?)(OdooValues.Id(payload["_id"]) ?? OdooValues.Id(payload["id"])) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
            id = await insert.ExecuteScalarAsync(ct) as long?;
        }
        if (id is null)
        {
            await tx.RollbackAsync(ct);
            logger.LogInformation("Odoo webhook for merchant {MerchantId}: the same body again, dropped", merchantId);
            return TypedResults.Ok(new { status = "duplicate" });
        }
        var stored = await outbox.StoreAsync(tx, [new ProcessOdooWebhook(id.Value)], ct: ct);
        await tx.CommitAsync(ct);
        await stored.SentAsync();
        logger.LogInformation("Odoo webhook for merchant {MerchantId} stored as {OdooDeliveryId}", merchantId, id);
        return TypedResults.Ok(new { status = "stored", id });
    }

    /// <summary>The secret as ?token= (or ?key=, or the header), or an HMAC-SHA256 of the raw body; compared in constant time.</summary>
    public static bool Authentic(HttpRequest request, byte[] body, string secret)
    {
        var expected = Encoding.UTF8.GetBytes(secret);
        foreach (var token in new[] { request.Query["token"].ToString(), request.Query["key"].ToString(), request.Headers[TokenHeader].ToString() })
            if (token.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), expected)) return true;
        var signature = request.Headers[SignatureHeader].ToString();
        if (signature.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase)) signature = signature["sha256=".Length..];
        if (signature.Length != 64) return false;
        byte[] given;
        try { given = Convert.FromHexString(signature); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(given, HMACSHA256.HashData(expected, body));
    }
}

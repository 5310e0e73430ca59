using System.Diagnostics;
using System.Reflection;
using AiSales.Core.Messaging;
using AiSales.Tests.Infrastructure;
using AiSales.Worker.Inbound;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiSales.Tests.Conversations;

/// <summary>
/// Plays dialogues against a <see cref="DialogueHost"/>: each dialogue is its own customer, its turns sent as signed
/// webhooks one after another (a burst within the debounce), each reply awaited and checked (<see cref="TurnChecker"/>),
/// and at the end the order (or its absence) read from <c>orders</c>/<c>order_items</c> and the contact's stage and phone.
/// Several dialogues play at once: they are independent customers.
/// </summary>
public sealed class DialogueRunner(DialogueHost host)
{
    /// <summary>
    /// How long a turn waits for its reply. This suite checks what the replies say, not how fast they come (bench/ measures
    /// that): generous, because a CI machine running the other test classes beside this one has stalled replies by 15 s.
    /// A turn the Worker has visibly finished without a reply ends well before it (<see cref="WaitForReplyAsync"/>).
    /// </summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>Dialogues played at once.</summary>
    public int Concurrency { get; init; } = 12;

    /// <summary>
    /// How long the customer "types" after a reply before the next turn. A person needs more than a second; and WhatsApp
    /// timestamps are whole seconds, so a message sent within the reply's second would be stamped before it.
    /// </summary>
    public TimeSpan TypingPause { get; init; } = TimeSpan.FromSeconds(1.2);

    /// <summary>Gap between the messages of a burst (well inside the debounce).</summary>
    public TimeSpan BurstGap { get; init; } = TimeSpan.FromMilliseconds(250);

    private static readonly HashSet<string> Styles = ["iraqi", "msa", "english", "arabizi"];
    private static readonly HashSet<string> Channels = ["instagram", "messenger", "whatsapp"];

    /// <summary>Format errors in the dialogue set (unknown SKU, style, detail; missing ending; turn count outside 3–8).</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<Dialogue> dialogues, ShopCatalog catalog)
    {
        var errors = new List<string>();
        var ids = new HashSet<string>();
        foreach (var d in dialogues)
        {
            void Error(string e) => errors.Add($"{d.Id}: {e}");
            if (!ids.Add(d.Id)) Error("duplicate id");
            if (!Styles.Contains(d.Style)) Error($"style '{d.Style}' is not one of {string.Join(", ", Styles)}");
            if (!Channels.Contains(d.Channel)) Error($"channel '{d.Channel}' is not one of {string.Join(", ", Channels)}");
            if (d.Turns.Count is < 3 or > 8) Error($"{d.Turns.Count} turns (3 to 8)");
            if ((d.ExpectOrder is null) == !d.ExpectNoOrder) Error("needs exactly one of expect_order and expect_no_order");
            foreach (var sku in d.Skus().Concat(d.Turns.Select(t => t.UnavailableSku).OfType<string>()))
                if (!catalog.Has(sku)) Error($"unknown SKU {sku}");
            foreach (var (t, i) in d.Turns.Select((t, i) => (t, i + 1)))
            {
                if (t.Say.Count == 0 || t.Say.Any(string.IsNullOrWhiteSpace)) Error($"turn {i} says nothing");
                foreach (var slot in t.ExpectAsks.Concat(t.ExpectAsksAny))
                    if (!ReplyReading.AskSlots.Contains(slot, StringComparer.OrdinalIgnoreCase)) Error($"turn {i}: unknown detail '{slot}'");
                if (t.ExpectSummary && d.ExpectOrder is null) Error($"turn {i}: expect_summary without expect_order");
                if (t.ExpectHandoff && i != d.Turns.Count) Error($"turn {i}: a hand-off must be the last turn (the AI is silent afterwards)");
            }
            if (d.ExpectOrder is { } o)
            {
                if (o.Items.Count == 0) Error("expect_order has no items");
                if (PhoneDigits(o.Phone) is not { Length: 11 } p || !p.StartsWith("07", StringComparison.Ordinal)) Error($"expect_order phone {o.Phone} is not 07XXXXXXXXX");
            }
        }
        return errors;
    }

    public async Task<DialogueReport> RunAsync(IReadOnlyList<Dialogue> dialogues, CancellationToken ct = default)
    {
        var errors = Validate(dialogues, host.Catalog);
        if (errors.Count > 0) throw new InvalidOperationException("Dialogue set is invalid:\n" + string.Join("\n", errors));
        var clock = Stopwatch.StartNew();
        var results = new DialogueResult[dialogues.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, dialogues.Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = ct },
            async (i, token) => results[i] = await PlayAsync(dialogues[i], token));
        return new DialogueReport(results, clock.Elapsed);
    }

    private IServiceProvider? _workerServices;

    /// <summary>The Worker's services, to ask its Wolverine runtime what it still has to do. DialogueHost keeps its Worker
    /// private, hence the reflection (a public accessor there would be the cleaner way).</summary>
    private IServiceProvider WorkerServices => _workerServices ??=
        ((WebApplicationFactory<PipelineTelemetry>)(typeof(DialogueHost).GetField("_worker", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(host)
            ?? throw new InvalidOperationException("The dialogue host has no Worker"))).Services;

    private sealed record Snapshot(Guid? ContactId, Guid? ConversationId, List<string> Replies, bool HandedOff);

    public async Task<DialogueResult> PlayAsync(Dialogue dialogue, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var result = new DialogueResult(dialogue);
        var customer = NewCustomerId(dialogue.Channel);
        var allowed = host.Catalog.AllowedAmounts(dialogue.Skus());
        var seen = 0;
        var lastMid = "";
        for (var n = 0; n < dialogue.Turns.Count; n++)
        {
            var turn = dialogue.Turns[n];
            var turnResult = new TurnResult { Number = n + 1, Customer = turn.Text };
            result.Turns.Add(turnResult);
            if (n > 0) await Task.Delay(TypingPause, ct);
            var wasHandedOff = (await ReadAsync(customer)).HandedOff;
            for (var m = 0; m < turn.Say.Count; m++)
            {
                if (m > 0) await Task.Delay(BurstGap, ct);
                lastMid = $"m_{dialogue.Id}_{n + 1}_{m + 1}_{Guid.NewGuid():N}";
                await host.SendAsync(dialogue.Channel, customer, lastMid, turn.Say[m], ct);
            }
            var snapshot = await WaitForReplyAsync(customer, lastMid, seen, wasHandedOff, ct);
            turnResult.Replies.AddRange(snapshot.Replies.Skip(seen));
            seen = snapshot.Replies.Count;
            TurnChecker.Check(dialogue, turn, turnResult, host.Catalog, snapshot.HandedOff, allowed);
        }

        // Anything still on its way (a second reply to the last turn) comes from a reply job: wait until the Worker is done
        // with the conversation (confirmed twice in a row, as in WaitForReplyAsync).
        if ((await ReadAsync(customer)).ConversationId is not null)
        {
            var settled = 0;
            await Eventually.UntilAsync(async () => (settled = await WorkerDoneAsync(await ReadAsync(customer), lastMid) ? settled + 1 : 0) == 2,
                "the Worker done with the conversation", ct: ct);
        }
        var end = await ReadAsync(customer);
        if (end.Replies.Count > seen)
            result.Failures.Add($"{end.Replies.Count - seen} more repl{(end.Replies.Count - seen == 1 ? "y" : "ies")} after the last turn's: {string.Join(" ⏎ ", end.Replies.Skip(seen))}");
        if (end.ContactId is null) result.Failures.Add("the customer's messages never reached the shop (no contact)");
        else await CheckOrderAsync(dialogue, result, end);
        result.Elapsed = clock.Elapsed;
        return result;
    }

    private async Task<Snapshot> WaitForReplyAsync(string customer, string lastMid, int seen, bool wasHandedOff, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        // A conversation already with a person gets no AI reply: wait out the debounce (and a margin) to be sure, not the full timeout.
        var limit = wasHandedOff ? TimeSpan.FromSeconds(DialogueHost.DebounceSeconds + 2) : ReplyTimeout;
        var settledChecks = 0;
        var nextWorkCheck = TimeSpan.FromSeconds(DialogueHost.DebounceSeconds + 0.5);
        while (true)
        {
            var snapshot = await ReadAsync(customer);
            if (snapshot.Replies.Count > seen || started.Elapsed > limit) return snapshot;
            // Not waiting out the whole timeout when the Worker is visibly done: the message is stored, the debounce has
            // passed and no reply job for the conversation is waiting or running. Confirmed twice, a second apart; asked
            // once a second only, as reading the Worker's queues costs far more than reading the replies.
            if (started.Elapsed >= nextWorkCheck)
            {
                nextWorkCheck = started.Elapsed + TimeSpan.FromSeconds(1);
                settledChecks = await WorkerDoneAsync(snapshot, lastMid) ? settledChecks + 1 : 0;
                if (settledChecks == 2) return await ReadAsync(customer);
            }
            await Task.Delay(150, ct);
        }
    }

    /// <summary>The customer's last message is stored and no reply job for the conversation is waiting or running. Read in two
    /// steps (inbox, then queue), so a job moving between them can be missed once: callers confirm twice.</summary>
    private async Task<bool> WorkerDoneAsync(Snapshot snapshot, string lastMid) =>
        snapshot.ConversationId is { } conversation
        && await host.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM messages WHERE conversation_id = $1 AND external_id = $2)", conversation, lastMid)
        && !(await QueueWork.WaitingMessagesAsync<GenerateReply>(WorkerServices)).Any(r => r.ConversationId == conversation);

    private async Task<Snapshot> ReadAsync(string customer)
    {
        var rows = await host.RowsAsync("""
            SELECT k.id AS contact_id, c.id AS conversation_id, m.text,
                   c.owner = 'human' OR EXISTS (SELECT 1 FROM lead_activities a WHERE a.contact_id = k.id AND a.kind = 'handoff') AS handed_off
            FROM contacts k
            LEFT JOIN conversations c ON c.contact_id = k.id
            LEFT JOIN messages m ON m.conversation_id = c.id AND m.direction = 'outbound' AND m.author IN ('ai', 'system')
            WHERE k.merchant_id = $1 AND k.external_id = $2
            ORDER BY c.created_at, m.created_at, m.id
            """, host.MerchantId, customer);
        if (rows.Count == 0) return new Snapshot(null, null, [], false);
        return new Snapshot((Guid)rows[0]["contact_id"]!, rows.Select(r => r["conversation_id"] as Guid?).LastOrDefault(g => g is not null),
            [.. rows.Where(r => r["text"] is not null).Select(r => (string)r["text"]!)], rows.Any(r => r["handed_off"] is true));
    }

    private async Task CheckOrderAsync(Dialogue dialogue, DialogueResult result, Snapshot end)
    {
        var catalog = host.Catalog;
        var orders = await host.RowsAsync("""
            SELECT id, merchant_id, conversation_id, status, governorate, phone, address, delivery_fee_iqd, total_iqd
            FROM orders WHERE contact_id = $1 ORDER BY created_at
            """, end.ContactId);
        var f = result.Failures;
        if (dialogue.ExpectNoOrder)
        {
            result.OrderRight = orders.Count == 0;
            if (orders.Count > 0) f.Add($"expected no order, found {orders.Count} (status {string.Join(", ", orders.Select(o => o["status"]))})");
            return;
        }

        var expected = dialogue.ExpectOrder!;
        var before = f.Count;
        if (orders.Count != 1)
        {
            f.Add(orders.Count == 0 ? "expected an order, none was created" : $"expected one order, found {orders.Count}");
            result.OrderRight = false;
            if (orders.Count == 0) return;
        }
        var order = orders[^1];
        if (order["merchant_id"] is not Guid m || m != host.MerchantId) f.Add($"order merchant_id {order["merchant_id"]} is not the demo shop");
        if (order["conversation_id"] is not Guid c || c != end.ConversationId) f.Add($"order conversation_id {order["conversation_id"] ?? "NULL"} is not the customer's conversation");
        if (order["status"] as string != "confirmed") f.Add($"order status '{order["status"]}', expected 'confirmed'");
        if (!string.Equals(order["governorate"] as string, expected.Governorate, StringComparison.OrdinalIgnoreCase))
            f.Add($"order governorate '{order["governorate"] ?? "NULL"}', expected '{expected.Governorate}'");
        if (PhoneDigits(order["phone"] as string) != PhoneDigits(expected.Phone)) f.Add($"order phone '{order["phone"] ?? "NULL"}', expected {expected.Phone}");
        if (string.IsNullOrWhiteSpace(order["address"] as string)) f.Add("order has no address");
        var fee = catalog.FeeFor(expected.Governorate);
        if (order["delivery_fee_iqd"] is not long actualFee || actualFee != fee) f.Add($"order delivery_fee_iqd {order["delivery_fee_iqd"]}, expected {fee:N0}");

        var items = await host.RowsAsync("""
            SELECT p.sku, i.quantity, i.size, i.colour, i.unit_price_iqd
            FROM order_items i LEFT JOIN products p ON p.id = i.product_id WHERE i.order_id = $1
            """, order["id"]);
        var unmatched = items.ToList();
        foreach (var want in expected.Items)
        {
            var product = catalog[want.Sku];
            var match = unmatched.FirstOrDefault(i => string.Equals(i["sku"] as string, want.Sku, StringComparison.OrdinalIgnoreCase)
                && i["quantity"] is int q && q == want.Quantity
                && (want.Size is null || SameVariant(i["size"] as string, want.Size))
                && (want.Colour is null || SameVariant(i["colour"] as string, want.Colour)));
            if (match is null)
            {
                f.Add($"order has no item {want.Sku} × {want.Quantity}{(want.Size is null ? "" : $" size {want.Size}")}{(want.Colour is null ? "" : $" colour {want.Colour}")}" +
                    $" (items: {(items.Count == 0 ? "none" : string.Join("; ", items.Select(Describe)))})");
                continue;
            }
            unmatched.Remove(match);
            if (match["unit_price_iqd"] is not long price || price != product.PriceIqd) f.Add($"order item {want.Sku} unit_price_iqd {match["unit_price_iqd"]}, expected {product.PriceIqd:N0}");
        }
        foreach (var extra in unmatched) f.Add($"order has an unexpected item: {Describe(extra)}");
        var total = expected.Items.Sum(i => catalog[i.Sku].PriceIqd * i.Quantity) + fee;
        if (order["total_iqd"] is not long actualTotal || actualTotal != total) f.Add($"order total_iqd {order["total_iqd"]}, expected {total:N0}");

        var contact = (await host.RowsAsync("SELECT stage, phone FROM contacts WHERE id = $1", end.ContactId))[0];
        if (contact["stage"] as string != "won") f.Add($"contact stage '{contact["stage"]}', expected 'won'");
        if (PhoneDigits(contact["phone"] as string) != PhoneDigits(expected.Phone)) f.Add($"contacts.phone '{contact["phone"] ?? "NULL"}', expected {expected.Phone}");
        result.OrderRight ??= f.Count == before;
    }

    private static string Describe(Dictionary<string, object?> item) =>
        $"{item["sku"] ?? "?"} × {item["quantity"]} size {item["size"] ?? "-"} colour {item["colour"] ?? "-"} at {item["unit_price_iqd"]}";

    private static bool SameVariant(string? actual, string expected) =>
        actual is not null && string.Equals(ReplyReading.Normalize(actual), ReplyReading.Normalize(expected), StringComparison.Ordinal);

    /// <summary>An Iraqi mobile in its national form (07XXXXXXXXX), from any digit script, spacing or +964/00964 prefix.</summary>
    public static string? PhoneDigits(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var digits = new string(ReplyAmounts.FoldDigits(phone).Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("00964", StringComparison.Ordinal)) digits = digits[5..];
        else if (digits.StartsWith("964", StringComparison.Ordinal)) digits = digits[3..];
        return digits.StartsWith('7') && digits.Length == 10 ? "0" + digits : digits;
    }

    private static string NewCustomerId(string channel) => channel == "whatsapp"
        ? "9647" + string.Concat(Enumerable.Range(0, 9).Select(_ => (char)('0' + Random.Shared.Next(10))))
        : "8" + string.Concat(Enumerable.Range(0, 15).Select(_ => (char)('0' + Random.Shared.Next(10))));
}

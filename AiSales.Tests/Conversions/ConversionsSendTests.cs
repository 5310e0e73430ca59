using System.Text.Json;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Shop;
using AiSales.Tests.Fakes;
using AiSales.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Conversions;

/// <summary>
/// Orders → Meta's Conversions API for business messaging: every status change, made by the real status flow or by
/// plain SQL, reaches the fake exactly once with the order's value and the customer's ids for the channel; a job run
/// again after a success posts nothing; a 500 or a throttle is retried into one event; a refused token fails the event
/// visibly and marks the account; with CAPI off nothing is sent.
/// </summary>
public sealed class ConversionsSendTests : IAsyncLifetime
{
    private readonly ConversionsHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_host).DisposeAsync();

    private async Task<OrderStatusChange> MoveAsync(Guid order, OrderStatus to)
    {
        using var scope = _host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OrderStatusChanger>().ChangeAsync(new ShopActor(_host.MerchantId, null), order, to);
    }

    private static JsonElement Prop(JsonElement e, string path) => path.Split('.').Aggregate(e, (x, name) => x.GetProperty(name));

    [Fact]
    public async Task Each_status_change_reaches_Meta_once_with_the_orders_value_and_the_messenger_ids()
    {
        var contact = await _host.ContactAsync("messenger", "7100000000000001", $$"""{"source": "ad", "ad_id": "{{ConversionsHost.AdA}}"}""");
        var order = await _host.OrderAsync(contact, "pending");
        await _host.SendPendingAsync();

        Assert.Equal(OrderStatusChange.Changed, await MoveAsync(order, OrderStatus.Confirmed));
        await _host.SendPendingAsync();
        Assert.Equal(OrderStatusChange.Changed, await MoveAsync(order, OrderStatus.Shipped));
        // The same status again (a repeated staff command) is no change and no event.
        Assert.Equal(OrderStatusChange.AlreadyThere, await MoveAsync(order, OrderStatus.Shipped));
        await _host.SendPendingAsync();
        Assert.Equal(OrderStatusChange.Changed, await MoveAsync(order, OrderStatus.Delivered));
        await _host.SendPendingAsync();
        // Every job run again: nothing is pending, nothing more is posted.
        foreach (var id in (await _host.RowsAsync("SELECT id FROM capi_events")).Select(r => (long)r["id"]!)) await _host.SendAsync(id);

        var received = _host.Meta.Received;
        Assert.Equal(["OrderCreated", "Purchase", "OrderShipped", "OrderDelivered"], received.Select(r => r.EventName));
        Assert.Equal(received.Count, received.Select(r => r.EventId).Distinct().Count());
        Assert.Contains($"order:{order}:purchase", received.Select(r => r.EventId));
        foreach (var r in received)
        {
            Assert.Equal(ConversionsHost.Dataset, r.DatasetId);
            Assert.Equal("business_messaging", Prop(r.Event, "action_source").GetString());
            Assert.Equal("messenger", Prop(r.Event, "messaging_channel").GetString());
            Assert.Equal(ConversionsHost.PageId, Prop(r.Event, "user_data.page_id").GetString());
            Assert.Equal("7100000000000001", Prop(r.Event, "user_data.page_scoped_user_id").GetString());
            Assert.Equal(55_000L, Prop(r.Event, "custom_data.value").GetInt64());
            Assert.Equal("IQD", Prop(r.Event, "custom_data.currency").GetString());
            Assert.Equal("1001", Prop(r.Event, "custom_data.order_id").GetString());
            Assert.Equal(2, Prop(r.Event, "custom_data.num_items").GetInt32());
            Assert.Equal("DRESS-RED", Prop(r.Event, "custom_data.contents")[0].GetProperty("id").GetString());
            Assert.InRange(Prop(r.Event, "event_time").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        }
        var rows = await _host.RowsAsync("SELECT state, fbtrace_id, ad_account_id FROM capi_events WHERE order_id = $1", order);
        Assert.All(rows, row => Assert.Equal(("sent", _host.AccountA), ((string)row["state"]!, (Guid)row["ad_account_id"]!)));
        Assert.All(rows, row => Assert.StartsWith("AFakeTrace", (string)row["fbtrace_id"]!));
        Assert.Equal("ok", await _host.ScalarAsync<string>("SELECT capi_state FROM ad_accounts WHERE id = $1", _host.AccountA));

        // A cancellation written by plain SQL (as an Odoo webhook applies it) is caught by the trigger too.
        var second = await _host.OrderAsync(contact, "confirmed");
        await _host.ExecAsync("UPDATE orders SET status = 'cancelled' WHERE id = $1", second);
        await _host.SendPendingAsync();
        Assert.Equal(["OrderCreated", "Purchase", "OrderCanceled"], _host.Meta.Received.Skip(4).Select(r => r.EventName));
        Assert.Equal("1002", Prop(_host.Meta.Received[^1].Event, "custom_data.order_id").GetString());
    }

    [Fact]
    public async Task A_click_to_WhatsApp_order_carries_the_ctwa_clid_and_an_Instagram_order_the_igsid()
    {
        const string clid = "Aff-n8ZTODiE79d22KtAwQKj9e_mIEOOj27vDVwFjN80dp4_0N";
        var wa = await _host.ContactAsync("whatsapp", "9647701112233",
            $$"""{"source": "ctwa", "ad_id": "{{ConversionsHost.AdA}}", "ctwa_clid": "{{clid}}"}""");
        await _host.OrderAsync(wa, "confirmed");
        var ig = await _host.ContactAsync("instagram", "17841400000000999", $$"""{"source": "ad", "ad_id": "{{ConversionsHost.AdA}}"}""");
        await _host.OrderAsync(ig, "pending");
        await _host.SendPendingAsync();

        var received = _host.Meta.Received;
        Assert.Equal(3, received.Count);
        var purchase = Assert.Single(received, r => r.EventName == "Purchase").Event;
        Assert.Equal("whatsapp", Prop(purchase, "messaging_channel").GetString());
        Assert.Equal(ConversionsHost.Waba, Prop(purchase, "user_data.whatsapp_business_account_id").GetString());
        Assert.Equal(clid, Prop(purchase, "user_data.ctwa_clid").GetString());
        Assert.False(Prop(purchase, "user_data").TryGetProperty("ph", out _));
        var igEvent = received.Last().Event;
        Assert.Equal("instagram", Prop(igEvent, "messaging_channel").GetString());
        Assert.Equal(ConversionsHost.IgAccount, Prop(igEvent, "user_data.ig_account_id").GetString());
        Assert.Equal("17841400000000999", Prop(igEvent, "user_data.ig_sid").GetString());

        // A WhatsApp customer who did not come from an ad: the number goes hashed as Meta's ph (the account is the default one).
        var organic = await _host.ContactAsync("whatsapp", "9647709998877");
        await _host.OrderAsync(organic, "pending");
        await _host.SendPendingAsync();
        var user = Prop(_host.Meta.Received[^1].Event, "user_data");
        Assert.False(user.TryGetProperty("ctwa_clid", out _));
        Assert.Equal(Core.Conversions.ConversionEvent.HashedPhone("9647709998877"), user.GetProperty("ph").GetString());
        Assert.Equal(64, user.GetProperty("ph").GetString()!.Length);
    }

    [Fact]
    public async Task A_job_delivered_again_after_a_success_posts_nothing()
    {
        var contact = await _host.ContactAsync("messenger", "7100000000000002", $$"""{"source": "ad", "ad_id": "{{ConversionsHost.AdA}}"}""");
        await _host.OrderAsync(contact, "pending");
        var id = Assert.Single(await _host.PendingAsync());

        // Delivered twice at the same moment, then once more later.
        await Task.WhenAll(_host.SendAsync(id), _host.SendAsync(id));
        await _host.SendAsync(id);

        Assert.Single(_host.Meta.Requests);
        Assert.Single(_host.Meta.Received);
        Assert.Equal(("sent", 1), await StateAsync(id));
    }

    [Fact]
    public async Task A_server_error_and_a_throttle_are_retried_into_one_event()
    {
        var contact = await _host.ContactAsync("messenger", "7100000000000003", $$"""{"source": "ad", "ad_id": "{{ConversionsHost.AdA}}"}""");
        await _host.OrderAsync(contact, "pending");
        var id = Assert.Single(await _host.PendingAsync());

        _host.Meta.FailNext(1, FakeConversionsApi.ServerError);
        await _host.SendAsync(id);
        var row = await _host.RowAsync("SELECT state, attempts, error_kind, last_error_code FROM capi_events WHERE id = $1", id);
        Assert.Equal(("pending", 1, "transient", 2), ((string)row["state"]!, (int)row["attempts"]!, (string)row["error_kind"]!, (int)row["last_error_code"]!));
        Assert.Equal("failing", await _host.ScalarAsync<string>("SELECT capi_state FROM ad_accounts WHERE id = $1", _host.AccountA));

        _host.Meta.FailNext(1, FakeConversionsApi.Throttled(613));
        await _host.SendAsync(id);
        Assert.Equal(("pending", 2), await StateAsync(id));
        Assert.Equal("throttled", await _host.ScalarAsync<string>("SELECT error_kind FROM capi_events WHERE id = $1", id));

        // The retry is due (no backoff in tests); the scheduler queues it and the Worker's integrations queue sends it.
        Assert.Equal(1, await _host.Scheduler.RunOnceAsync(default));
        await Eventually.UntilAsync(async () => (await StateAsync(id)).State == "sent", "the event sent");
        Assert.Equal(3, _host.Meta.Requests.Count);
        Assert.Single(_host.Meta.Received);
        Assert.Null(await _host.ScalarAsync<string?>("SELECT error_kind FROM capi_events WHERE id = $1", id));
        Assert.Equal("ok", await _host.ScalarAsync<string>("SELECT capi_state FROM ad_accounts WHERE id = $1", _host.AccountA));
    }

    [Fact]
    public async Task A_refused_token_fails_the_event_visibly_and_a_new_token_sends_it()
    {
        var protector = _host.Services.GetRequiredService<Core.Security.TokenProtector>();
        await _host.ExecAsync("UPDATE ad_accounts SET access_token_encrypted = $2 WHERE id = $1", _host.AccountA, protector.Protect("EAAG-revoked"));
        var contact = await _host.ContactAsync("messenger", "7100000000000004", $$"""{"source": "ad", "ad_id": "{{ConversionsHost.AdA}}"}""");
        var order = await _host.OrderAsync(contact, "pending");
        await _host.SendPendingAsync();

        var row = await _host.RowAsync("SELECT id, state, error_kind, last_error, last_error_code FROM capi_events WHERE order_id = $1", order);
        Assert.Equal(("failed", "token", 190), ((string)row["state"]!, (string)row["error_kind"]!, (int)row["last_error_code"]!));
        Assert.StartsWith("Error validating access token", (string)row["last_error"]!);
        var account = await _host.RowAsync("SELECT capi_state, capi_last_error FROM ad_accounts WHERE id = $1", _host.AccountA);
        Assert.Equal("needs_reconnect", account["capi_state"]);
        Assert.Empty(_host.Meta.Received);

        // While the account needs reconnecting, the next event fails without calling Meta.
        await _host.ExecAsync("UPDATE orders SET status = 'confirmed' WHERE id = $1", order);
        await _host.SendPendingAsync();
        Assert.Single(_host.Meta.Requests);
        Assert.Equal(2L, await _host.ScalarAsync<long>("SELECT count(*) FROM capi_events WHERE state = 'failed' AND error_kind = 'token'"));

        // Reconnecting (a new token saved) puts both back in the queue and they go.
        await _host.ExecAsync("UPDATE ad_accounts SET access_token_encrypted = $2 WHERE id = $1", _host.AccountA, protector.Protect(FakeConversionsApi.ValidToken));
        Assert.Equal("idle", await _host.ScalarAsync<string>("SELECT capi_state FROM ad_accounts WHERE id = $1", _host.AccountA));
        await _host.SendPendingAsync();
        Assert.Equal(["OrderCreated", "Purchase"], _host.Meta.Received.Select(r => r.EventName));
    }

    [Fact]
    public async Task A_token_saved_for_events_is_used_instead_of_the_ad_accounts()
    {
        var protector = _host.Services.GetRequiredService<Core.Security.TokenProtector>();
        await _host.ExecAsync("UPDATE ad_accounts SET access_token_encrypted = $2, capi_token_encrypted = $3 WHERE id = $1", _host.AccountA,
            protector.Protect("EAAG-ads-read-only"), protector.Protect(FakeConversionsApi.ValidToken));
        var contact = await _host.ContactAsync("messenger", "7100000000000007", $$"""{"source": "ad", "ad_id": "{{ConversionsHost.AdA}}"}""");
        await _host.OrderAsync(contact, "pending");
        await _host.SendPendingAsync();
        Assert.Equal(FakeConversionsApi.ValidToken, Assert.Single(_host.Meta.Requests).BearerToken);
        Assert.Single(_host.Meta.Received);
        Assert.DoesNotContain(FakeConversionsApi.ValidToken, _host.Meta.Requests[0].Path + _host.Meta.Requests[0].Query + _host.Meta.Requests[0].Body);
    }

    [Fact]
    public async Task With_CAPI_off_nothing_is_recorded_or_sent()
    {
        // Attributed to account B, which has CAPI off: nothing, even though account A has it on.
        var fromB = await _host.ContactAsync("messenger", "7100000000000005", $$"""{"source": "ad", "ad_id": "{{ConversionsHost.AdB}}"}""");
        var order = await _host.OrderAsync(fromB, "confirmed");
        await _host.ExecAsync("UPDATE orders SET status = 'shipped' WHERE id = $1", order);
        Assert.Equal(0L, await _host.ScalarAsync<long>("SELECT count(*) FROM capi_events"));

        // Account A turned off after its events were recorded: they are skipped, never posted.
        var fromA = await _host.ContactAsync("messenger", "7100000000000006", $$"""{"source": "ad", "ad_id": "{{ConversionsHost.AdA}}"}""");
        await _host.OrderAsync(fromA, "pending");
        await _host.ExecAsync("UPDATE ad_accounts SET capi_enabled = false WHERE id = $1", _host.AccountA);
        await _host.SendPendingAsync();
        Assert.Equal("skipped", await _host.ScalarAsync<string>("SELECT state FROM capi_events"));

        // Off everywhere: an order marks nothing at all.
        await _host.OrderAsync(fromA, "confirmed");
        Assert.Equal(1L, await _host.ScalarAsync<long>("SELECT count(*) FROM capi_events"));
        Assert.Empty(_host.Meta.Requests);
    }

    private async Task<(string State, int Attempts)> StateAsync(long id)
    {
        var row = await _host.RowAsync("SELECT state, attempts FROM capi_events WHERE id = $1", id);
        return ((string)row["state"]!, (int)row["attempts"]!);
    }
}

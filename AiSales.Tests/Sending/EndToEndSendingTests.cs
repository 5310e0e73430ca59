using AiSales.Core.Messaging;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending;
using AiSales.Tests.Fakes;
using AiSales.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AiSales.Tests.Sending;

/// <summary>
/// From a stored webhook delivery to the Graph API fake, through the real Worker: exactly one call per reply,
/// windows, token expiry and reconnect, and a crash between the call and the ledger update.
/// </summary>
public sealed class EndToEndSendingTests
{
    private static async Task<EndToEndHost> StartAsync(Dictionary<string, string?>? settings = null, SendFaultInjection? faults = null)
    {
        var host = new EndToEndHost(settings, faults);
        await host.InitializeAsync();
        return host;
    }

    private static Task StopAsync(EndToEndHost host) => ((IAsyncLifetime)host).DisposeAsync();

    private static async Task WaitForSettledReplyAsync(EndToEndHost host) =>
        await Eventually.UntilAsync(async () => (await host.OutboundAsync()).Any(r => (string)r["state"]! is "sent" or "failed"), "a settled outbound message");

    [Theory]
    [InlineData("instagram")]
    [InlineData("messenger")]
    [InlineData("whatsapp")]
    public async Task A_customer_message_gets_exactly_one_reply_call_on_its_platform(string platform)
    {
        var host = await StartAsync();
        try
        {
            var now = DateTimeOffset.UtcNow;
            var (route, body, account, token, recipient) = platform switch
            {
                "instagram" => (ChannelPlatform.Instagram, EndToEndHost.IgText("mid.1", "5001", "شكد سعر القميص", now), EndToEndHost.IgAccount, EndToEndHost.IgToken, "5001"),
                "messenger" => (ChannelPlatform.Messenger, EndToEndHost.MessengerText("mid.1", "6001", "شكد سعر القميص", now), EndToEndHost.PageId, EndToEndHost.PageToken, "6001"),
                _ => (ChannelPlatform.WhatsApp, EndToEndHost.WaText("wamid.IN1", "9647700000001", "شكد سعر القميص", now), EndToEndHost.PhoneNumberId, EndToEndHost.WaToken, "+9647700000001"),
            };

            await host.DeliverAsync(route, body);
            await WaitForSettledReplyAsync(host);
            await host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));

            var request = Assert.Single(host.Graph.Requests);
            Assert.Equal($"/v24.0/{account}/messages", request.Path);
            Assert.Equal(token, request.BearerToken);
            var row = Assert.Single(await host.OutboundAsync());
            Assert.Equal("sent", row["state"]);
            Assert.Equal("sent", row["status"]);
            Assert.Equal("ai", row["author"]);
            Assert.Equal(1, row["attempts"]);
            Assert.Equal(row["idempotency_key"], request.IdempotencyMetadata);
            Assert.NotNull(row["external_message_id"]);
            Assert.Equal(row["external_message_id"], row["external_id"]);
            var json = request.Json!.Value;
            if (platform == "whatsapp")
            {
                Assert.Equal(recipient, json.GetProperty("to").GetString());
                Assert.Contains("25", json.GetProperty("text").GetProperty("body").GetString());
            }
            else
            {
                Assert.Equal(recipient, json.GetProperty("recipient").GetProperty("id").GetString());
                Assert.Equal("RESPONSE", json.GetProperty("messaging_type").GetString());
                Assert.Contains("25", json.GetProperty("message").GetProperty("text").GetString());
            }

            // Redelivery of the job once sent: no second call.
            await host.InvokeAsync(new SendMessage((Guid)row["id"]!));
            Assert.Single(host.Graph.Requests);
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Fact]
    public async Task A_closed_window_blocks_the_ai_but_a_human_can_reply_with_the_human_agent_tag()
    {
        var host = await StartAsync();
        try
        {
            await host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgText("mid.old", "5002", "شكد سعر القميص", DateTimeOffset.UtcNow.AddDays(-2)));
            await WaitForSettledReplyAsync(host);
            await host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));

            var ai = Assert.Single(await host.OutboundAsync());
            Assert.Equal("failed", ai["state"]);
            Assert.Equal("failed", ai["status"]);
            Assert.Equal("outside window: window_closed", ai["status_detail"]);
            Assert.Contains("24 hours", (string)ai["error_message"]!);
            Assert.Empty(host.Graph.Requests);

            // A person answers the same conversation (what the dashboard's composer queues: message + ledger + job).
            var humanId = await QueueHumanReplyAsync(host, "هلا، القميص متوفر");
            await host.PublishAsync(new SendMessage(humanId));
            await Eventually.UntilAsync(async () => await host.ScalarAsync<string>("SELECT state FROM outbound_sends WHERE message_id = $1", humanId) == "sent", "human reply sent");

            var request = Assert.Single(host.Graph.Requests);
            var json = request.Json!.Value;
            Assert.Equal("MESSAGE_TAG", json.GetProperty("messaging_type").GetString());
            Assert.Equal("HUMAN_AGENT", json.GetProperty("tag").GetString());
            Assert.Equal("human_agent", await host.ScalarAsync<string>("SELECT messaging_type FROM outbound_sends WHERE message_id = $1", humanId));
            Assert.Equal(SendStatusDetail.SentHumanAgent, await host.ScalarAsync<string>("SELECT status_detail FROM messages WHERE id = $1", humanId));
        }
        finally
        {
            await StopAsync(host);
        }
    }

    internal static async Task<Guid> QueueHumanReplyAsync(EndToEndHost host, string text)
    {
        var conv = (await host.RowsAsync("SELECT id, channel_account_id FROM conversations"))[0];
        var id = await host.ScalarAsync<Guid>("""
            INSERT INTO messages (merchant_id, conversation_id, channel_account_id, direction, author, kind, text, status)
            VALUES ($1, $2, $3, 'outbound', 'human', 'text', $4, 'pending') RETURNING id
            """, host.MerchantId, conv["id"], conv["channel_account_id"], text);
        await host.ExecAsync("""
            INSERT INTO outbound_sends (merchant_id, message_id, channel_account_id, idempotency_key) VALUES ($1, $2, $3, $4)
            """, host.MerchantId, id, conv["channel_account_id"], $"msg:{id:N}");
        return id;
    }

    [Fact]
    public async Task An_expired_token_parks_the_message_and_after_reconnect_it_sends_exactly_once()
    {
        var host = await StartAsync();
        try
        {
            var account = host.Accounts["instagram"];
            await host.ExecAsync("UPDATE channel_accounts SET access_token_encrypted = $2 WHERE id = $1", account, host.Protect(FakeGraphApi.ExpiredToken));

            await host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgText("mid.t1", "5003", "شكد سعر القميص", DateTimeOffset.UtcNow));
            await Eventually.UntilAsync(async () => await host.ScalarAsync<string>("SELECT status FROM channel_accounts WHERE id = $1", account) == "needs_reconnect", "channel needs reconnect");
            await host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));

            var parked = Assert.Single(await host.OutboundAsync());
            Assert.Equal("pending", parked["state"]);
            Assert.Equal("queued", parked["status"]);
            Assert.Equal(SendStatusDetail.WaitingReconnect, parked["status_detail"]);
            Assert.Equal("190/463", parked["error_code"]);
            Assert.Equal(0, parked["attempts"]); // waiting for a reconnect burns no retries
            Assert.NotNull(await host.ScalarAsync<string>("SELECT last_error FROM channel_accounts WHERE id = $1", account));
            Assert.Single(host.Graph.Requests); // the one refused call

            var reconnector = host.Services.GetRequiredService<ChannelReconnector>();
            Assert.Equal(1, await reconnector.ReconnectChannelAsync(account, host.Protect("fresh-token"), default));
            await Eventually.UntilAsync(async () => (string)(await host.OutboundAsync())[0]["state"]! == "sent", "parked message sent after reconnect");
            await host.WaitForQueueIdleAsync(typeof(SendMessage));

            Assert.Equal("active", await host.ScalarAsync<string>("SELECT status FROM channel_accounts WHERE id = $1", account));
            Assert.Equal(2, host.Graph.Requests.Count);
            Assert.Single(host.Graph.Requests, r => r.BearerToken == "fresh-token");
            var sent = (await host.OutboundAsync())[0];
            Assert.Equal("sent", sent["status"]);
            Assert.Null(sent["error_code"]);
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Fact]
    public async Task A_503_is_one_call_per_job_attempt_and_the_ledger_retries_it()
    {
        // The Worker's real HttpClient registration (ServiceDefaults + AddChannelSenders): the HTTP layer must not
        // resend the POST; the retry is the next SendMessage job, which the ledger schedules after Retry-After.
        var host = await StartAsync();
        try
        {
            host.Graph.FailNext(1, new FakeFault(503, """{"error":{"message":"Service unavailable","type":"OAuthException","code":2,"is_transient":true,"fbtrace_id":"U"}}""",
                Headers: new Dictionary<string, string> { ["Retry-After"] = "1" }));

            await host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgText("mid.r1", "5005", "شكد سعر القميص", DateTimeOffset.UtcNow));
            await Eventually.UntilAsync(async () => (await host.OutboundAsync()) is [{ } row] && (int)row["attempts"]! == 1 && (string)row["state"]! == "pending",
                "first attempt answered 503 and rescheduled");
            Assert.Single(host.Graph.Requests);

            await WaitForSettledReplyAsync(host);
            await host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));

            var row = Assert.Single(await host.OutboundAsync());
            Assert.Equal("sent", row["state"]);
            Assert.Equal(2, row["attempts"]);
            Assert.Equal(2, host.Graph.Requests.Count);
            Assert.Equal(host.Graph.Requests[0].IdempotencyMetadata, host.Graph.Requests[1].IdempotencyMetadata);
        }
        finally
        {
            await StopAsync(host);
        }
    }

    private sealed class CrashOnce : SendFaultInjection
    {
        private int _crashes;

        public override void AfterProviderCall(Guid messageId)
        {
            if (Interlocked.Increment(ref _crashes) == 1)
                throw new InvalidOperationException("Simulated crash between the provider call and the ledger update");
        }
    }

    [Fact]
    public async Task A_crash_between_the_call_and_the_ledger_update_produces_no_second_send_and_the_echo_settles_it()
    {
        // Long reconcile checks: the echo (delivered below) must be what settles the row.
        var host = await StartAsync(new() { ["Sending:ReconcileDelays:0"] = "00:05:00" }, new CrashOnce());
        try
        {
            await host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgText("mid.c1", "5004", "شكد سعر القميص", DateTimeOffset.UtcNow));
            // The crashed job is retried by the queue; the retry finds "sending" and schedules a reconcile instead of calling.
            await Eventually.UntilAsync(async () => (await QueueWork.WaitingMessagesAsync<ReconcileSend>(host.Services)).Count == 1,
                "reconcile scheduled");
            await host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage));

            var request = Assert.Single(host.Graph.Requests);
            var row = Assert.Single(await host.OutboundAsync());
            Assert.Equal("sending", row["state"]);
            Assert.Equal(1, row["attempts"]);

            // Meta echoes our message with the metadata we sent: the ledger settles without a second call.
            await host.DeliverAsync(ChannelPlatform.Instagram, EndToEndHost.IgEcho("m_ECHO_1", "5004", "reply", DateTimeOffset.UtcNow, request.IdempotencyMetadata));
            row = Assert.Single(await host.OutboundAsync());
            Assert.Equal("sent", row["state"]);
            Assert.Equal("sent", row["status"]);
            Assert.Equal("m_ECHO_1", row["external_id"]);

            await host.InvokeAsync(new SendMessage((Guid)row["id"]!));
            await host.InvokeAsync(new ReconcileSend((Guid)row["id"]!, 3));
            Assert.Single(host.Graph.Requests);
            Assert.Equal("ai", await host.ScalarAsync<string>("SELECT owner FROM conversations"));
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Fact]
    public async Task An_unknown_outcome_without_echo_fails_without_resending_and_asks_a_person()
    {
        var host = await StartAsync(new() { ["Sending:ReconcileDelays:0"] = "00:00:00.200", ["Sending:ReconcileDelays:1"] = "00:00:00.200" }, new CrashOnce());
        try
        {
            await host.DeliverAsync(ChannelPlatform.Messenger, EndToEndHost.MessengerText("mid.u1", "6004", "شكد سعر القميص", DateTimeOffset.UtcNow));
            await WaitForSettledReplyAsync(host);
            await host.WaitForQueueIdleAsync(typeof(GenerateReply), typeof(SendMessage), typeof(ReconcileSend));

            Assert.Single(host.Graph.Requests);
            var row = Assert.Single(await host.OutboundAsync());
            Assert.Equal("failed", row["state"]);
            Assert.Equal("failed", row["status"]);
            Assert.Equal(SendStatusDetail.UnknownGaveUp, row["status_detail"]);
            var conv = (await host.RowsAsync("SELECT needs_attention, attention_reason FROM conversations"))[0];
            Assert.Equal(true, conv["needs_attention"]);
            Assert.Equal("send_outcome_unknown", conv["attention_reason"]);
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Fact]
    public async Task A_whatsapp_unknown_outcome_is_settled_by_the_status_webhook_carrying_our_callback_data()
    {
        var host = await StartAsync(new() { ["Sending:ReconcileDelays:0"] = "00:00:00.500", ["Sending:ReconcileDelays:1"] = "00:05:00" }, new CrashOnce());
        try
        {
            await host.DeliverAsync(ChannelPlatform.WhatsApp, EndToEndHost.WaText("wamid.IN2", "9647700000002", "شكد سعر القميص", DateTimeOffset.UtcNow));
            await Eventually.UntilAsync(async () => (await QueueWork.WaitingMessagesAsync<ReconcileSend>(host.Services)).Count == 1,
                "reconcile scheduled");
            var request = Assert.Single(host.Graph.Requests);
            Assert.Equal("sending", (await host.OutboundAsync())[0]["state"]);

            await host.DeliverAsync(ChannelPlatform.WhatsApp, EndToEndHost.WaStatus("wamid.OUT_LOST", "delivered", "9647700000002", request.IdempotencyMetadata!, DateTimeOffset.UtcNow));
            await Eventually.UntilAsync(async () => (string)(await host.OutboundAsync())[0]["state"]! == "sent", "status settles the ledger");

            var row = (await host.OutboundAsync())[0];
            Assert.Equal("wamid.OUT_LOST", row["external_message_id"]);
            Assert.Single(host.Graph.Requests);
        }
        finally
        {
            await StopAsync(host);
        }
    }
}

using System.Text.Json;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Transports;
using AiSales.Core.Sending.Transports.Instagram;
using AiSales.Core.Sending.Transports.ManyChat;
using AiSales.Core.Sending.Transports.Messenger;
using AiSales.Core.Sending.Transports.Sandbox;
using AiSales.Core.Sending.Transports.WhatsApp;
using AiSales.Tests.Fakes;

namespace AiSales.Tests.Channels;

/// <summary>Each adapter against the local fakes: URL, headers, body shape and success parsing.</summary>
public class ChannelSenderTests : ChannelSenderTestBase
{
    [Fact]
    public void Registry_resolves_one_sender_per_platform_and_provider()
    {
        var registry = Host.Registry;
        Assert.IsType<InstagramSender>(registry.Get(ChannelPlatform.Instagram, ChannelProvider.Meta));
        Assert.IsType<MessengerSender>(registry.Get(ChannelPlatform.Messenger, ChannelProvider.Meta));
        Assert.IsType<WhatsAppSender>(registry.Get(ChannelPlatform.WhatsApp, ChannelProvider.Meta));
        foreach (var platform in Enum.GetValues<ChannelPlatform>())
        {
            Assert.IsType<ManyChatSender>(registry.Get(platform, ChannelProvider.ManyChat));
            Assert.IsType<SandboxSender>(registry.Get(platform, ChannelProvider.Sandbox));
        }
    }

    [Fact]
    public void Registering_twice_keeps_one_sender_per_pair()
    {
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddLogging();
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(services, config);
        services.AddChannelSenders();
        services.AddChannelSenders();
        using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);

        var registry = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ChannelSenderRegistry>(provider);
        Assert.IsType<WhatsAppSender>(registry.Get(ChannelPlatform.WhatsApp, ChannelProvider.Meta));
    }

    [Fact]
    public async Task Messenger_response_posts_to_the_page_with_bearer_and_metadata()
    {
        var send = Send(ChannelPlatform.Messenger, "1122334455", "5275811702471834") with { ReplyToExternalId = "m_prev" };
        var result = await SendAsync(send);

        var request = AssertSentOnce(result, Host.Graph, "/v24.0/1122334455/messages");
        var body = request.Json!.Value;
        Assert.Equal("5275811702471834", body.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Equal("RESPONSE", body.GetProperty("messaging_type").GetString());
        Assert.False(body.TryGetProperty("tag", out _));
        Assert.Equal("مرحبا", body.GetProperty("message").GetProperty("text").GetString());
        Assert.Equal(send.IdempotencyKey, request.IdempotencyMetadata);
        Assert.Equal("m_prev", body.GetProperty("reply_to").GetProperty("mid").GetString());
        Assert.StartsWith("m_FAKE", result.ExternalMessageId);
    }

    [Fact]
    public async Task Human_agent_reply_is_a_message_tag()
    {
        var result = await SendAsync(Send(ChannelPlatform.Messenger, "55", "66", "human here", MessagingType.HumanAgent));

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var body = Assert.Single(Host.Graph.Requests).Json!.Value;
        Assert.Equal("MESSAGE_TAG", body.GetProperty("messaging_type").GetString());
        Assert.Equal("HUMAN_AGENT", body.GetProperty("tag").GetString());
    }

    [Fact]
    public async Task Instagram_login_token_goes_to_the_instagram_host()
    {
        var creds = new ChannelCredentials(Token, TokenFlavour.InstagramLogin);
        var result = await SendAsync(Send(ChannelPlatform.Instagram, "17841400000000001", "20802401916297"), creds);

        var request = AssertSentOnce(result, Host.InstagramGraph, "/v24.0/17841400000000001/messages");
        Assert.Equal("20802401916297", request.Json!.Value.GetProperty("recipient").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Instagram_page_token_goes_to_the_linked_page_on_graph()
    {
        var creds = new ChannelCredentials(Token, TokenFlavour.PageToken, SendAsId: "998877");
        var result = await SendAsync(Send(ChannelPlatform.Instagram, "17841400000000001", "20802401916297"), creds);

        AssertSentOnce(result, Host.Graph, "/v24.0/998877/messages");
    }

    [Fact]
    public async Task Private_reply_names_the_comment_and_has_no_messaging_type()
    {
        var send = Send(ChannelPlatform.Instagram, "17841400000000001", "17900000000000123", "راسلناك خاص", MessagingType.PrivateReply) with { RecipientKind = RecipientKind.Comment };
        var result = await SendAsync(send, new ChannelCredentials(Token, TokenFlavour.InstagramLogin));

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var body = Assert.Single(Host.InstagramGraph.Requests).Json!.Value;
        Assert.Equal("17900000000000123", body.GetProperty("recipient").GetProperty("comment_id").GetString());
        Assert.False(body.GetProperty("recipient").TryGetProperty("id", out _));
        Assert.False(body.TryGetProperty("messaging_type", out _));
        Assert.Equal(send.IdempotencyKey, body.GetProperty("message").GetProperty("metadata").GetString());
    }

    [Fact]
    public async Task Attachment_is_sent_as_an_attachment_payload()
    {
        var send = Send(ChannelPlatform.Messenger, "55", "66", text: null) with { AttachmentUrl = "https://cdn.example/p.jpg" };
        var result = await SendAsync(send);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var attachment = Assert.Single(Host.Graph.Requests).Json!.Value.GetProperty("message").GetProperty("attachment");
        Assert.Equal("image", attachment.GetProperty("type").GetString());
        Assert.Equal("https://cdn.example/p.jpg", attachment.GetProperty("payload").GetProperty("url").GetString());
    }

    [Fact]
    public async Task Requests_the_api_cannot_express_fail_without_a_call()
    {
        var template = await SendAsync(Send(ChannelPlatform.Messenger, "55", "66", "x", MessagingType.Template));
        var both = await SendAsync(Send(ChannelPlatform.Messenger, "55", "66") with { AttachmentUrl = "https://cdn.example/a.jpg" });

        AssertRefusedWithoutACall(template, both);
    }

    [Fact]
    public async Task WhatsApp_text_goes_to_the_phone_number_and_returns_the_wamid()
    {
        var send = Send(ChannelPlatform.WhatsApp, "106540352242922", "9647701234567", "هلا بيك") with { ReplyToExternalId = "wamid.IN1" };
        var result = await SendAsync(send);

        var request = AssertSentOnce(result, Host.Graph, "/v24.0/106540352242922/messages");
        Assert.StartsWith("wamid.", result.ExternalMessageId);
        var body = request.Json!.Value;
        Assert.Equal("whatsapp", body.GetProperty("messaging_product").GetString());
        Assert.Equal("+9647701234567", body.GetProperty("to").GetString());
        Assert.Equal("text", body.GetProperty("type").GetString());
        Assert.Equal("هلا بيك", body.GetProperty("text").GetProperty("body").GetString());
        Assert.Equal("wamid.IN1", body.GetProperty("context").GetProperty("message_id").GetString());
        Assert.Equal(send.IdempotencyKey, request.IdempotencyMetadata);
    }

    [Fact]
    public async Task WhatsApp_template_body_carries_name_language_and_named_parameters()
    {
        var send = Send(ChannelPlatform.WhatsApp, "106540352242922", "+9647701234567", null, MessagingType.Template) with
        {
            Template = new WhatsAppTemplate("order_followup", "ar", ["أحمد", "12345"], ["name", "order"]),
        };
        var result = await SendAsync(send);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var body = Assert.Single(Host.Graph.Requests).Json!.Value;
        Assert.Equal("template", body.GetProperty("type").GetString());
        Assert.Equal("+9647701234567", body.GetProperty("to").GetString());
        var template = body.GetProperty("template");
        Assert.Equal("order_followup", template.GetProperty("name").GetString());
        Assert.Equal("ar", template.GetProperty("language").GetProperty("code").GetString());
        var component = Assert.Single(template.GetProperty("components").EnumerateArray());
        Assert.Equal("body", component.GetProperty("type").GetString());
        var parameters = component.GetProperty("parameters").EnumerateArray().ToArray();
        Assert.Equal(2, parameters.Length);
        Assert.Equal("أحمد", parameters[0].GetProperty("text").GetString());
        Assert.Equal("name", parameters[0].GetProperty("parameter_name").GetString());
        Assert.Equal("order", parameters[1].GetProperty("parameter_name").GetString());
    }

    [Theory]
    [InlineData(ChannelPlatform.Messenger, "messenger_send_text_success_fbsamples.json", "m_qr6GPBlzTU4jqP0PBqaIoIAcfn2p3T7uiO5jm0L_PMTKMJhEIUGFkEKQBhGkpCnPXVZNsYdkN7A2Sel0dOz_Iw")]
    [InlineData(ChannelPlatform.Messenger, "messenger_send_success_metadocs.json", "AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P")]
    [InlineData(ChannelPlatform.Messenger, "messenger_send_success_attachment_reusable_metadocs.json", "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P")]
    [InlineData(ChannelPlatform.Instagram, "instagram_send_success_metapostman.json", "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjEyNTAyNDAyNjQwOTMwOjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI1ODE4NzUxOTk3OTcyODI5MjozMjM4NzQ4MDk1NTU2NDIxMjIzNDE1NjY3NTg0NzY4NDA5NgZDZD")]
    [InlineData(ChannelPlatform.WhatsApp, "whatsapp_send_text_success_metadocs.json", "wamid.HBgLMTY0NjcwNDM1OTUVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA")]
    [InlineData(ChannelPlatform.WhatsApp, "whatsapp_send_text_success_bindambc.json", "wamid.gBGGSFcCNEOPAgkO_KJ55r4w_ww")]
    [InlineData(ChannelPlatform.WhatsApp, "whatsapp_send_template_success_accepted_wedding.json", "wamid.HBgJOTcxNTA5MzY0MTc4FQIAEhggOTlCRjc0N0IyRjVBNzBCRTUyODRBQjM1RTczQkQxNUIA")]
    [InlineData(ChannelPlatform.WhatsApp, "whatsapp_send_template_success_accepted_metadocs.json", "wamid.HBgNNTUxMTk4Nzg2NjI5NRUCABEYEjUxOTBGNEU0RDA2MjdCMUVBOQA=")]
    public async Task Success_fixture_bodies_yield_the_platform_message_id(ChannelPlatform platform, string fixture, string expectedId)
    {
        // The fake answers with Meta's captured body instead of its own.
        Host.Graph.FailNext(1, FakeFault.FromFixture(fixture, 200));
        Host.InstagramGraph.FailNext(1, FakeFault.FromFixture(fixture, 200));
        var result = await SendAsync(Send(platform, "123", "9647701234567"));

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal(expectedId, result.ExternalMessageId);
    }

    [Fact]
    public async Task Expired_token_means_wait_for_reconnect()
    {
        var result = await SendAsync(Send(ChannelPlatform.Messenger, "55", "66"), new ChannelCredentials(FakeGraphApi.ExpiredToken));

        Assert.Equal(SendOutcome.WaitForReconnect, result.Outcome);
        Assert.Equal(190, result.ErrorCode);
        Assert.Equal(463, result.ErrorSubcode);
        Assert.Equal(401, result.HttpStatus);
    }

    [Fact]
    public async Task ManyChat_send_content_uses_the_account_key_and_platform_content_type()
    {
        var send = Send(ChannelPlatform.Instagram, "mc-page-1", "123456789", "Hello from the API", MessagingType.HumanAgent, ChannelProvider.ManyChat);
        var result = await SendAsync(send, new ChannelCredentials("1234567:abcdefmanychatkey"));

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Null(result.ExternalMessageId);
        var request = Assert.Single(Host.ManyChat.Requests);
        Assert.Equal("/fb/sending/sendContent", request.Path);
        Assert.Equal("1234567:abcdefmanychatkey", request.BearerToken);

        // Same shape as ManyChat's documented request example.
        using var expected = JsonDocument.Parse(FakeFixtures.Response("manychat_sendcontent_request_instagram_example.json"));
        Assert.Equal(JsonSerializer.Serialize(expected.RootElement), JsonSerializer.Serialize(request.Json!.Value));
    }

    [Fact]
    public async Task ManyChat_messenger_omits_content_type_and_3011_means_outside_window()
    {
        Host.ManyChat.FailNext(1, FakeFault.FromFixture("manychat_sendcontent_error_3011_schema.json", 400));
        var result = await Host.Registry.SendAsync(
            Send(ChannelPlatform.Messenger, "mc-page-1", "42", "late reply", provider: ChannelProvider.ManyChat), new ChannelCredentials("key:1"), default);

        Assert.Equal(SendOutcome.OutsideWindow, result.Outcome);
        Assert.Equal(3011, result.ErrorCode);
        var content = Assert.Single(Host.ManyChat.Requests).Json!.Value.GetProperty("data").GetProperty("content");
        Assert.False(content.TryGetProperty("type", out _));
    }

    [Fact]
    public async Task A_failing_sandbox_subscriber_does_not_fail_the_send()
    {
        Host.SandboxOutbox.MessageSent += _ => throw new InvalidOperationException("dashboard circuit gone");
        var delivered = 0;
        Host.SandboxOutbox.MessageSent += _ => delivered++;

        var result = await SendAsync(Send(ChannelPlatform.WhatsApp, "demo-wa", "+964770", provider: ChannelProvider.Sandbox), new ChannelCredentials(""));

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal(1, delivered);
    }

    [Fact]
    public async Task Sandbox_records_and_announces_without_any_http_call()
    {
        var seen = new List<SandboxMessage>();
        Host.SandboxOutbox.MessageSent += seen.Add;
        var send = Send(ChannelPlatform.Instagram, "demo-ig-1", "customer-1", provider: ChannelProvider.Sandbox);

        var result = await SendAsync(send, new ChannelCredentials(""));

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.StartsWith("sandbox-", result.ExternalMessageId);
        var recorded = Assert.Single(Host.SandboxOutbox.Recent("demo-ig-1"));
        Assert.Equal(result.ExternalMessageId, recorded.ExternalMessageId);
        Assert.Equal(send, recorded.Send);
        Assert.Equal(recorded, Assert.Single(seen));
        Assert.Empty(Host.Graph.Requests);
        Assert.Empty(Host.InstagramGraph.Requests);
        Assert.Empty(Host.ManyChat.Requests);
    }
}

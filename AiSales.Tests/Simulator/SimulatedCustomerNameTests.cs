using AiSales.Core.Persistence.Entities;
using AiSales.Dashboard.Simulator;
using AiSales.Tests.Pipeline;
using Npgsql;

namespace AiSales.Tests.Simulator;

/// <summary>A simulated customer's name reaches contacts.display_name and survives the real pipeline's upserts.</summary>
public sealed class SimulatedCustomerNameTests(PipelineHost host) : IClassFixture<PipelineHost>
{
    [Fact]
    public async Task The_simulated_customers_name_is_the_contacts_display_name_after_the_pipeline_ran()
    {
        var account = "1784140055" + Random.Shared.Next(100000, 999999);
        var customer = "7" + Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999);
        await host.ExecAsync("INSERT INTO channel_accounts (merchant_id, platform, provider, external_id) VALUES ($1, 'instagram', 'sandbox', $2)", host.MerchantId, account);
        await using var dataSource = NpgsqlDataSource.Create(host.ConnectionString);
        var name = SimulatedCustomerNames.For(customer);

        // What the simulator page does on send: name first, then the signed Instagram payload (which carries no name).
        Assert.True(await new SimulatedCustomerProfile(dataSource).SaveNameAsync(host.MerchantId, account, customer, name));
        var (_, first) = InstagramPayloadBuilder.Build(new SimulatedMessage(account, customer, "هلو، شكد سعر القميص؟"), DateTimeOffset.UtcNow);
        Assert.DoesNotContain(name, System.Text.Encoding.UTF8.GetString(first));
        await host.DeliverAsync(ChannelPlatform.Instagram, first);
        var (_, second) = InstagramPayloadBuilder.Build(new SimulatedMessage(account, customer, "عندكم مقاس L؟"), DateTimeOffset.UtcNow.AddSeconds(1));
        await host.DeliverAsync(ChannelPlatform.Instagram, second);

        const string contactOf = "FROM contacts k JOIN channel_accounts a ON a.id = k.channel_account_id WHERE a.external_id = $1 AND k.external_id = $2";
        Assert.Equal(1L, await host.ScalarAsync<long>($"SELECT count(*) {contactOf}", account, customer));
        Assert.Equal(name, await host.ScalarAsync<string>($"SELECT k.display_name {contactOf}", account, customer));
        // The pipeline used that same contact for both messages.
        Assert.Equal(2L, await host.ScalarAsync<long>(
            $"SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.direction = 'inbound' AND c.contact_id = (SELECT k.id {contactOf})", account, customer));
    }

    [Fact]
    public async Task Real_channels_never_get_simulator_names()
    {
        var account = "1784140066" + Random.Shared.Next(100000, 999999);
        await host.ExecAsync("INSERT INTO channel_accounts (merchant_id, platform, provider, external_id) VALUES ($1, 'instagram', 'meta', $2)", host.MerchantId, account);
        await using var dataSource = NpgsqlDataSource.Create(host.ConnectionString);

        Assert.False(await new SimulatedCustomerProfile(dataSource).SaveNameAsync(host.MerchantId, account, "7123456789012345", "زينب الساعدي"));
        Assert.Equal(0L, await host.ScalarAsync<long>(
            "SELECT count(*) FROM contacts k JOIN channel_accounts a ON a.id = k.channel_account_id WHERE a.external_id = $1", account));
    }

    [Fact]
    public void Names_are_stable_per_customer_and_vary_between_customers()
    {
        Assert.Equal(SimulatedCustomerNames.For("7000000000000001"), SimulatedCustomerNames.For("7000000000000001"));
        var names = Enumerable.Range(0, 40).Select(i => SimulatedCustomerNames.For($"70000000000{i:D5}")).ToList();
        Assert.True(names.Distinct().Count() >= 10, string.Join(", ", names.Distinct()));
        Assert.All(names, n => Assert.Matches(@"^\p{IsArabic}+ \p{IsArabic}+$", n));
    }
}

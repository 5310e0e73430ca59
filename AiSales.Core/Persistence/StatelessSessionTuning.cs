using Npgsql;

namespace AiSales.Core.Persistence;

/// <summary>
/// Pool settings for services whose code never leaves session state on a connection (the Worker and the webhook
/// ingest: no SET ROLE, no session set_config, no LISTEN on pooled connections). For them Npgsql's reset on every
/// return (DISCARD ALL) is pure cost — measured at about 30 extra statements per customer message in the reply
/// pipeline (bench/reply-cost.sh) — and it also throws away prepared statements, so every query is parsed and
/// planned again. Skipping the reset lets automatic preparation keep the hot statements prepared per connection.
/// The dashboard does set a role and merchant per request (Tenancy/MerchantData) and keeps the default reset.
/// </summary>
public static class StatelessSessionTuning
{
    public const int AutoPreparedStatements = 128;

    public static void Apply(NpgsqlDataSourceBuilder builder)
    {
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        // An operator's own value in the connection string wins.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
            builder.ConnectionStringBuilder.MaxAutoPrepare = AutoPreparedStatements;
    }
}

namespace Aspire.Npgsql;

/// <summary>One message for a missing connection string, so every path reports the same key to set.</summary>
internal static class ConnectionStringCheck
{
    public static string Missing(string connectionName, string settingsSection) =>
        $"The PostgreSQL connection string is missing. Set 'ConnectionStrings:{connectionName}' " +
        $"(environment variable ConnectionStrings__{connectionName}) or '{settingsSection}:ConnectionString'.";

    public static string Require(string? connectionString, string connectionName, string settingsSection) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(Missing(connectionName, settingsSection))
            : connectionString;
}

namespace Aspire.Hosting;

/// <summary>A binary the AppHost needs to run a private server is not installed. The message is the whole story.</summary>
public sealed class MissingPrerequisiteException(string binary, string resourceName) : Exception(
    $"Cannot start '{resourceName}': the program '{binary}' was not found (searched PATH and /usr/lib/postgresql/*/bin). " +
    "Install it — Debian/Ubuntu: `sudo apt-get install postgresql redis-server`; macOS: `brew install postgresql@15 redis` — " +
    "or use an existing server instead by setting ConnectionStrings__aisales (Npgsql) and ConnectionStrings__redis (host:port[,password=...]).")
{
    public string Binary { get; } = binary;
}

namespace AiSales.Tests.Infrastructure;

/// <summary>
/// Tests that start the whole AppHost (its Postgres, Redis and the three services through DCP) run one after another:
/// each launch starts every service with `dotnet run`, and with several at once beside the rest of the suite on the
/// 2-core CI machine a Worker twice never came up ("failed to start"; not reproduced alone, cause not found). One at a
/// time keeps that load down. The browser collection keeps its own AppHost.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WholeAppCollection
{
    public const string Name = "Whole app";
}

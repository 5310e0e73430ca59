namespace AiSales.Core.Persistence.Migrations;

/// <summary>An applied migration file was edited afterwards: the database and the code no longer describe the same schema.</summary>
public sealed class MigrationChecksumException(int version, string name, string applied, string current)
    : InvalidOperationException(
        $"Migration {version:D4}_{name} was changed after it was applied (database checksum {applied}, file checksum {current}). " +
        "Never edit an applied migration; add a new one instead.")
{
    public int Version { get; } = version;
}

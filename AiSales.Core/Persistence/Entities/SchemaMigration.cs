namespace AiSales.Core.Persistence.Entities;

/// <summary>A migration file the runner applied (read-only for everything else).</summary>
public class SchemaMigration
{
    public int Version { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Hex SHA-256 of the file's bytes.</summary>
    public string Checksum { get; set; } = "";
    public DateTimeOffset AppliedAt { get; set; }
}

using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AiSales.Core.Persistence.Migrations;

/// <summary>One <c>NNNN_name.sql</c> file. The checksum ignores line-ending style so a CRLF checkout still matches.</summary>
public sealed partial record MigrationScript(int Version, string Name, string Sql)
{
    // Computed on read, not stored: a `with { Sql = ... }` copy must not carry the old checksum.
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.Replace("\r\n", "\n"))));

    /// <summary>The SQL files embedded in AiSales.Core, ordered by version.</summary>
    public static IReadOnlyList<MigrationScript> LoadEmbedded() => LoadEmbedded(typeof(MigrationScript).Assembly);

    public static IReadOnlyList<MigrationScript> LoadEmbedded(Assembly assembly)
    {
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            // Resource names look like "AiSales.Core.Persistence.Migrations.0001_schema_v1.sql".
            var match = FileName().Match(resource);
            if (!match.Success || !resource.Contains(".Migrations.", StringComparison.Ordinal))
                continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            scripts.Add(new MigrationScript(int.Parse(match.Groups["version"].Value), match.Groups["name"].Value, reader.ReadToEnd()));
        }

        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two migration files share version {duplicate.Key}: {string.Join(", ", duplicate.Select(s => s.Name))}.");

        return [.. scripts.OrderBy(s => s.Version)];
    }

    [GeneratedRegex(@"\.(?<version>\d{4})_(?<name>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}

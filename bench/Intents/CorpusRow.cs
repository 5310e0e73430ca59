namespace AiSales.Bench.Intents;

/// <summary>One labelled customer message of AiSales.Tests/Ai/Data/intents.tsv (docs/intents.md).</summary>
public sealed record CorpusRow(string Text, string Intent, string Dialect, string Split)
{
    public bool IsHeldOut => Split == "heldout";

    public bool IsDev => Split == "dev";

    /// <summary>A second writer's messages (docs/intents.md), scored apart from dev and held-out.</summary>
    public bool IsFresh => Split == "fresh";

    public static IReadOnlyList<CorpusRow> Load(string path) => File.ReadLines(path)
        .Skip(1) // header: text, intent, dialect, split
        .Where(l => l.Length > 0)
        .Select(l => l.Split('\t'))
        .Select(f => new CorpusRow(f[0], f[1], f[2], f[3]))
        .ToArray();

    /// <summary>The corpus beside the binary, else found by walking up from the working directory.</summary>
    public static string Locate()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "intents.tsv");
        if (File.Exists(beside))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "AiSales.Tests", "Ai", "Data", "intents.tsv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("intents.tsv not found beside the binary nor under AiSales.Tests/Ai/Data");
    }
}

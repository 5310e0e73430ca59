using System.Text.RegularExpressions;

namespace AiSales.Tests.Architecture;

/// <summary>
/// Core's folders import each other only downwards (docs/architecture.md): the foundation and the message's path in
/// the order below, features on top, and no circle anywhere. Read from the source, so a new import that breaks the
/// rule fails here with the files that make it.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class CoreLayeringTests
{
    /// <summary>
    /// Bottom first. A folder here may import only folders before it; none of them imports a feature. Options (binding
    /// and validating settings) is at the very bottom: nearly every folder's service registration uses it.
    /// </summary>
    private static readonly string[] PathOrder =
        ["Options", "Text", "Persistence", "Security", "Tenancy", "Messaging", "Channels", "Sending", "Conversations", "Media", "Replies", "Inbound"];

    [Fact]
    public void Path_folders_import_only_the_folders_below_them()
    {
        var graph = CoreImports.Read();
        var wrong = graph.Edges
            .Where(e => Array.IndexOf(PathOrder, e.From) is var from and >= 0
                && (Array.IndexOf(PathOrder, e.To) is var to && (to < 0 || to > from)))
            .Select(e => $"{e.From} -> {e.To} ({string.Join(", ", e.Files)})")
            .ToList();

        Assert.True(wrong.Count == 0, "Imports against the path order:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void No_folder_imports_a_folder_that_imports_it()
    {
        var graph = CoreImports.Read();
        var cycle = graph.FindCycle();

        Assert.True(cycle is null, "Folders in a circle: " + string.Join(" -> ", cycle ?? []));
    }

    /// <summary>
    /// The folder check reads "using AiSales.Core.&lt;Folder&gt;": a folder whose code is declared in another namespace
    /// (a framework's, say, so callers need no using) would be imported without a trace and escape it.
    /// </summary>
    [Fact]
    public void Every_file_is_in_its_folders_namespace()
    {
        var core = Path.Combine(CoreImports.RepositoryRoot(), "AiSales.Core");
        var wrong = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Select(f => (File: Path.GetRelativePath(core, f), Namespace: FileNamespace().Match(File.ReadAllText(f)).Groups[1].Value))
            .Where(f => f.File.Split(Path.DirectorySeparatorChar) is var parts && parts[0] is not ("bin" or "obj")
                && (parts.Length == 1 ? "AiSales.Core" : "AiSales.Core." + parts[0]) is var expected
                && f.Namespace != expected && !f.Namespace.StartsWith(expected + ".", StringComparison.Ordinal))
            .Select(f => $"{f.File}: namespace {f.Namespace}")
            .ToList();

        Assert.True(wrong.Count == 0, "Files outside their folder's namespace:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void A_circle_is_found_and_named()
    {
        var graph = new CoreImports
        {
            Folders = new HashSet<string> { "A", "B", "C" },
            Edges = [new("A", "B", ["a.cs"]), new("B", "C", ["b.cs"]), new("C", "A", ["c.cs"])],
        };

        Assert.Equal(new[] { "A", "B", "C", "A" }, graph.FindCycle());
        Assert.Null((graph with { Edges = graph.Edges.Take(2).ToList() }).FindCycle());
    }

    private sealed record Edge(string From, string To, IReadOnlyList<string> Files);

    private sealed partial record CoreImports
    {
        public required IReadOnlySet<string> Folders { get; init; }
        public required IReadOnlyList<Edge> Edges { get; init; }

        public static CoreImports Read()
        {
            var core = Path.Combine(RepositoryRoot(), "AiSales.Core");
            var folders = Directory.GetDirectories(core).Select(Path.GetFileName).OfType<string>()
                .Where(d => d is not ("bin" or "obj")).ToHashSet();
            var partial = new Regex(@"(?<![\w.])(" + string.Join("|", folders) + @")\.[A-Z]");
            var edges = new Dictionary<(string, string), List<string>>();
            foreach (var file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(core, file);
                var from = relative.Split(Path.DirectorySeparatorChar)[0];
                if (!folders.Contains(from)) continue;
                foreach (var line in File.ReadLines(file))
                {
                    var code = line.TrimStart();
                    IEnumerable<string> targets =
                        UsingCore().Match(code) is { Success: true } u ? [u.Groups[1].Value]
                        : code.StartsWith("//", StringComparison.Ordinal) || code.StartsWith("namespace ", StringComparison.Ordinal) ? []
                        : partial.Matches(code).Select(m => m.Groups[1].Value);
                    foreach (var to in targets.Where(t => t != from && folders.Contains(t)))
                    {
                        if (!edges.TryGetValue((from, to), out var files)) edges[(from, to)] = files = [];
                        if (!files.Contains(relative)) files.Add(relative);
                    }
                }
            }
            return new CoreImports { Folders = folders, Edges = edges.Select(e => new Edge(e.Key.Item1, e.Key.Item2, e.Value)).ToList() };
        }

        public IReadOnlyList<string>? FindCycle()
        {
            var next = Edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
            var state = new Dictionary<string, int>(); // 1 = on the current path, 2 = done
            var path = new List<string>();
            foreach (var start in Folders.Order())
                if (Visit(start) is { } cycle) return cycle;
            return null;

            IReadOnlyList<string>? Visit(string folder)
            {
                if (state.GetValueOrDefault(folder) == 2) return null;
                if (state.GetValueOrDefault(folder) == 1) return [.. path.Skip(path.IndexOf(folder)), folder];
                state[folder] = 1;
                path.Add(folder);
                foreach (var to in next.GetValueOrDefault(folder) ?? [])
                    if (Visit(to) is { } cycle) return cycle;
                path.RemoveAt(path.Count - 1);
                state[folder] = 2;
                return null;
            }
        }

        public static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "AiSales.sln"))) return dir.FullName;
            throw new InvalidOperationException("AiSales.sln not found above " + AppContext.BaseDirectory);
        }

        [GeneratedRegex(@"^using\s+(?:\w+\s*=\s*)?AiSales\.Core\.(\w+)")]
        private static partial Regex UsingCore();
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();
}

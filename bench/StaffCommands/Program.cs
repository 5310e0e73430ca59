using AiSales.Core.Staff.Commands;

// How many of the team's realistic messages the staff assistant understands (intent and arguments), per command type.
// Goal (issue #23): 95 % overall. Prints the misses so they can be fixed or argued with.
var path = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "staff-messages.tsv");
var rows = File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();
var byType = new SortedDictionary<string, (int Right, int All)>();
var misses = new List<string>();
foreach (var row in rows)
{
    var (text, expected) = (row[0], row[1].Trim());
    var actual = Describe(StaffCommandParser.Parse(text));
    var type = expected.Split(' ')[0];
    var right = actual == expected;
    var (r, a) = byType.GetValueOrDefault(type);
    byType[type] = (r + (right ? 1 : 0), a + 1);
    if (!right) misses.Add($"  {text}  →  {actual}   (expected {expected})");
}
var total = byType.Values.Sum(v => v.All);
var correct = byType.Values.Sum(v => v.Right);
Console.WriteLine($"| command type | right | of | % |\n|---|---:|---:|---:|");
foreach (var (type, (r, a)) in byType) Console.WriteLine($"| {type} | {r} | {a} | {100.0 * r / a:F0} |");
Console.WriteLine($"| **all** | **{correct}** | **{total}** | **{100.0 * correct / total:F1}** |");
if (misses.Count > 0) Console.WriteLine("\nmisses:\n" + string.Join('\n', misses));
return 0;

static string Describe(StaffIntent intent) => intent switch
{
    OrderMoveIntent m => $"{m.Name} {m.Number} {m.To.ToString().ToLowerInvariant()}",
    OrderShowIntent s => $"{s.Name} {s.Number}",
    ProductShowIntent p => $"{p.Name} {Clean(p.Query)}",
    ProductSetPriceIntent p => $"{p.Name} {Clean(p.Query)} {p.PriceIqd}",
    ProductSetStockIntent p => $"{p.Name} {Clean(p.Query)} {p.Stock}",
    CustomerChatIntent c => $"{c.Name} {Clean(c.Query)}",
    QuestionIntent q => $"{q.Name} {q.Period.ToString().ToLowerInvariant()}{(q.Governorate is null ? "" : " " + q.Governorate)}",
    _ => intent.Name,
};

static string Clean(string query) => query.Trim('؟', '?', '!', '.', ' ');

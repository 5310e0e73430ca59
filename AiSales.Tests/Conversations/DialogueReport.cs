using System.Globalization;
using System.Text;

namespace AiSales.Tests.Conversations;

/// <summary>What one customer turn got, and which of its expectations failed.</summary>
public sealed class TurnResult
{
    public required int Number { get; init; }
    public required string Customer { get; init; }
    public List<string> Replies { get; } = [];
    public List<string> Failures { get; } = [];

    public bool Answered => Replies.Count > 0;
    public bool? ProductRight { get; set; }
    public bool? PriceRight { get; set; }
    public bool? AmountsExplained { get; set; }
    public bool? HandoffAnnounced { get; set; }
    public string Reply => Replies.Count == 0 ? "(no reply)" : string.Join(" ⏎ ", Replies);
}

/// <summary>One dialogue's turns and its ending (the order, or no order).</summary>
public sealed class DialogueResult(Dialogue dialogue)
{
    public Dialogue Dialogue { get; } = dialogue;
    public List<TurnResult> Turns { get; } = [];
    public List<string> Failures { get; } = [];
    public bool? OrderRight { get; set; }
    public TimeSpan Elapsed { get; set; }

    public bool Passed => Failures.Count == 0 && Turns.All(t => t.Failures.Count == 0);

    public IEnumerable<string> AllFailures() =>
        Turns.SelectMany(t => t.Failures.Select(f =>
                $"[{Dialogue.Id}] turn {t.Number}: {f}\n    customer: {t.Customer}\n    reply:    {t.Reply}"))
            .Concat(Failures.Select(f => $"[{Dialogue.Id}] {f}"));
}

/// <summary>The whole run: per dialogue and totals, as a plain-text table for the test output and the bench.</summary>
public sealed class DialogueReport(IReadOnlyList<DialogueResult> results, TimeSpan elapsed)
{
    public IReadOnlyList<DialogueResult> Results { get; } = results;
    public TimeSpan Elapsed { get; } = elapsed;

    private IEnumerable<TurnResult> AllTurns => Results.SelectMany(r => r.Turns);

    public (int Ok, int Of) TurnsAnswered => Count(AllTurns.Select(t => (bool?)t.Answered));
    public (int Ok, int Of) RightProduct => Count(AllTurns.Select(t => t.ProductRight));
    public (int Ok, int Of) RightPrice => Count(AllTurns.Select(t => t.PriceRight));
    public (int Ok, int Of) AmountsExplained => Count(AllTurns.Select(t => t.AmountsExplained));
    public (int Ok, int Of) HandoffsAnnounced => Count(AllTurns.Select(t => t.HandoffAnnounced));
    public (int Ok, int Of) TurnsPassed => Count(AllTurns.Select(t => (bool?)(t.Failures.Count == 0)));
    public (int Ok, int Of) OrdersCaptured => Count(Results.Where(r => r.Dialogue.ExpectOrder is not null).Select(r => r.OrderRight));
    public (int Ok, int Of) NoOrderKept => Count(Results.Where(r => r.Dialogue.ExpectNoOrder).Select(r => r.OrderRight));
    public (int Ok, int Of) DialoguesPassed => Count(Results.Select(r => (bool?)r.Passed));

    private static (int, int) Count(IEnumerable<bool?> values)
    {
        var known = values.Where(v => v.HasValue).ToList();
        return (known.Count(v => v!.Value), known.Count);
    }

    private static string Pct((int Ok, int Of) v) => v.Of == 0 ? "-" : (100.0 * v.Ok / v.Of).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Frac((int Ok, int Of) v) => v.Of == 0 ? "-" : $"{v.Ok}/{v.Of}";

    public string Table()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Sales dialogues: {Results.Count} dialogues, {AllTurns.Count()} customer turns, run {Elapsed.TotalSeconds:0.0} s");
        sb.AppendLine();
        var idWidth = Math.Max(10, Results.Max(r => r.Dialogue.Id.Length));
        sb.AppendLine($"{"dialogue".PadRight(idWidth)}  {"style",-8} {"channel",-9} {"answered",8} {"product",8} {"price",7} {"amounts",8} {"handoff",8} {"order",-9} {"turns ok",8} {"s",5}");
        sb.AppendLine(new string('-', idWidth + 94));
        foreach (var r in Results)
        {
            var order = r.Dialogue.ExpectOrder is not null ? (r.OrderRight == true ? "captured" : "MISSING") : r.OrderRight == true ? "none ok" : "UNWANTED";
            sb.AppendLine($"{r.Dialogue.Id.PadRight(idWidth)}  {r.Dialogue.Style,-8} {r.Dialogue.Channel,-9} " +
                $"{Frac(Count(r.Turns.Select(t => (bool?)t.Answered))),8} {Frac(Count(r.Turns.Select(t => t.ProductRight))),8} " +
                $"{Frac(Count(r.Turns.Select(t => t.PriceRight))),7} {Frac(Count(r.Turns.Select(t => t.AmountsExplained))),8} " +
                $"{Frac(Count(r.Turns.Select(t => t.HandoffAnnounced))),8} {order,-9} {Frac(Count(r.Turns.Select(t => (bool?)(t.Failures.Count == 0)))),8} {r.Elapsed.TotalSeconds,5:0.0}");
        }
        sb.AppendLine();
        sb.AppendLine("Totals");
        sb.AppendLine($"  turns answered        {Frac(TurnsAnswered),9}  {Pct(TurnsAnswered)}");
        sb.AppendLine($"  right product         {Frac(RightProduct),9}  {Pct(RightProduct)}");
        sb.AppendLine($"  right price           {Frac(RightPrice),9}  {Pct(RightPrice)}");
        sb.AppendLine($"  amounts all explained {Frac(AmountsExplained),9}  {Pct(AmountsExplained)}");
        sb.AppendLine($"  hand-offs announced   {Frac(HandoffsAnnounced),9}  {Pct(HandoffsAnnounced)}");
        sb.AppendLine($"  orders captured       {Frac(OrdersCaptured),9}  (right items, governorate, phone, fee, total, stage won)");
        sb.AppendLine($"  no order when none    {Frac(NoOrderKept),9}");
        sb.AppendLine($"  turns fully right     {Frac(TurnsPassed),9}  {Pct(TurnsPassed)}");
        sb.AppendLine($"  dialogues passed      {Frac(DialoguesPassed),9}  {Pct(DialoguesPassed)}");
        return sb.ToString();
    }

    public IEnumerable<string> Failures() => Results.SelectMany(r => r.AllFailures());
}

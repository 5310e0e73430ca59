using System.ComponentModel;
using System.Text.RegularExpressions;
using AiSales.Core.Staff.Commands;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AiSales.Core.Staff.Assistant;

/// <summary>
/// With a model configured, a question the offline patterns did not understand goes to it with read-only tools — one
/// per question the shop's data can answer, each bound to the member's shop and answering with the same text the
/// offline path sends. The model only picks the tool and its period/place and phrases the answer: every number it
/// writes must come from a tool's result, otherwise the tools' own answers are sent as they are. No tool called, or
/// the model failing or slow, and the member gets the usual "not understood" with the help hint.
/// </summary>
public sealed partial class StaffModelQuestions(IChatClient chat, ILogger<StaffModelQuestions> logger)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <param name="ask">Answers one question from the shop's data (the offline question path).</param>
    public async Task<string?> AnswerAsync(StaffContext c, string text, Func<QuestionIntent, Task<string>> ask, CancellationToken ct)
    {
        var results = new List<string>();
        async Task<string> Run(QuestionKind kind, string? period, string? governorate)
        {
            var answer = await ask(new QuestionIntent(kind, ParsePeriod(period), Replies.Offline.Governorates.FindByKey(governorate ?? "")?.Key));
            results.Add(answer);
            return answer;
        }
        var tools = new List<AITool>
        {
            AIFunctionFactory.Create(([Description("today | yesterday | week | month")] string period, [Description("governorate key, e.g. Basra; empty for all")] string? governorate)
                => Run(QuestionKind.Sales, period, governorate), "sales", "Orders and revenue of the shop in a period, optionally to one governorate."),
            AIFunctionFactory.Create(([Description("today | yesterday | week | month")] string period, [Description("governorate key, e.g. Basra; empty for all")] string? governorate)
                => Run(QuestionKind.Orders, period, governorate), "orders_count", "How many orders the shop got in a period, optionally to one governorate."),
            AIFunctionFactory.Create(([Description("today | yesterday | week | month")] string period)
                => Run(QuestionKind.TopProducts, period, null), "most_asked_products", "Products customers asked about most in a period."),
            AIFunctionFactory.Create(() => Run(QuestionKind.HotUnanswered, null, null), "hot_leads_unanswered", "Hot leads whose last message nobody answered."),
            AIFunctionFactory.Create(([Description("today | yesterday | week | month")] string period)
                => Run(QuestionKind.NewCustomers, period, null), "new_customers", "New customers who wrote to the shop in a period."),
        };
        var options = new ChatOptions { Tools = tools, ToolMode = ChatToolMode.Auto, Temperature = 0 };
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System,
                "You answer questions from the staff of an Iraqi online shop about the shop's own numbers. Call the tools to get the numbers; " +
                "never state a number that no tool returned. Answer in one or two short sentences, in the language of the question " +
                "(Iraqi Arabic when the question is Arabic). If no tool fits the question, say briefly that you can only answer questions " +
                "about sales, orders, products asked about, hot leads and new customers."),
            new(ChatRole.User, text),
        };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            using var invoking = chat.AsBuilder().UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = 3).Build();
            var response = await invoking.GetResponseAsync(messages, options, timeout.Token);
            if (results.Count == 0) return null;
            var answer = response.Text?.Trim();
            if (string.IsNullOrEmpty(answer) || !NumbersComeFrom(answer, results))
            {
                logger.LogInformation("Staff question: the model's answer was not used (empty or a number no tool gave); sending the tools' answers");
                return string.Join("\n\n", results);
            }
            return answer;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning("Staff question: the model failed ({Error}); {Tools} tool answers", e.GetType().Name, results.Count);
            return results.Count > 0 ? string.Join("\n\n", results) : null;
        }
    }

    /// <summary>Every number in the model's answer appears in a tool's answer (digits compared without separators).</summary>
    internal static bool NumbersComeFrom(string answer, IReadOnlyList<string> results)
    {
        var known = results.SelectMany(r => Digits().Matches(Text.Digits.Fold(r)).Select(m => m.Value.Replace(",", ""))).ToHashSet();
        return Digits().Matches(Text.Digits.Fold(answer)).All(m => known.Contains(m.Value.Replace(",", "")));
    }

    private static StaffPeriod ParsePeriod(string? period) => period?.Trim().ToLowerInvariant() switch
    {
        "yesterday" => StaffPeriod.Yesterday,
        "week" or "this week" or "last 7 days" => StaffPeriod.Week,
        "month" or "this month" => StaffPeriod.Month,
        _ => StaffPeriod.Today,
    };

    [GeneratedRegex(@"\d[\d,]*")]
    private static partial Regex Digits();
}

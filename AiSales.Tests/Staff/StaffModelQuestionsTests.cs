using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Llm;
using AiSales.Core.Staff.Assistant;
using AiSales.Core.Staff.Commands;
using AiSales.Tests.Ai.Chat;
using AiSales.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiSales.Tests.Staff;

/// <summary>
/// A question the patterns miss, through the production chat client and an OpenAI-wire fake: the model picks a
/// read-only tool, the tool answers from the shop's data, and a number the tools never gave is never sent.
/// </summary>
public sealed class StaffModelQuestionsTests : IAsyncLifetime
{
    private FakeOpenAi _fake = null!;
    private readonly List<QuestionIntent> _asked = [];
    private static readonly StaffContext Owner = new(Guid.NewGuid(), Guid.NewGuid(), MemberRole.Owner, "متجر", TimeZoneInfo.Utc, English: false);

    public async Task InitializeAsync() => _fake = await FakeOpenAi.StartNewAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private Task<string?> AskAsync(string question) =>
        new StaffModelQuestions(FakeOpenAiProviders.Client(_fake, AiProvider.OpenAi), NullLogger<StaffModelQuestions>.Instance)
            .AnswerAsync(Owner, question, q =>
            {
                _asked.Add(q);
                return Task.FromResult("مبيعات هالشهر لـالبصرة: 65,000 د.ع من طلبين");
            }, CancellationToken.None);

    /// <summary>The fake calls <paramref name="tool"/> on the first request and answers <paramref name="final"/> once the tool's result is back.</summary>
    private void Model(string tool, string arguments, string final)
    {
        _fake.ToolCalls = r => r.Messages.Any(m => m.Role == "tool") ? null : [new FakeToolCall(tool, arguments)];
        _fake.Responder = _ => final;
    }

    [Fact]
    public async Task The_model_picks_the_tool_and_its_answer_keeps_the_tools_numbers()
    {
        Model("sales", """{"period":"month","governorate":"Basra"}""", "بعتوا للبصرة هالشهر بـ 65,000 دينار من طلبين 👍");

        var answer = await AskAsync("البصرة شلون ماشية وياكم هالشهر؟");

        Assert.Equal("بعتوا للبصرة هالشهر بـ 65,000 دينار من طلبين 👍", answer);
        var asked = Assert.Single(_asked);
        Assert.Equal((QuestionKind.Sales, StaffPeriod.Month, "Basra"), (asked.Kind, asked.Period, asked.Governorate));
        // The tool's answer went back to the model as the tool message.
        Assert.Contains(_fake.ChatRequests.Last().Messages, m => m.Role == "tool" && m.Content.Contains("65,000"));
        Assert.NotEmpty(_fake.ChatRequests[0].Raw.GetProperty("tools").EnumerateArray());
    }

    [Fact]
    public async Task A_number_no_tool_gave_is_replaced_by_the_tools_own_answer()
    {
        Model("sales", """{"period":"month","governorate":"Basra"}""", "بعتوا للبصرة بـ 900,000 دينار");

        var answer = await AskAsync("البصرة شلون ماشية وياكم هالشهر؟");

        Assert.Equal("مبيعات هالشهر لـالبصرة: 65,000 د.ع من طلبين", answer);
    }

    [Fact]
    public async Task No_tool_called_means_not_answered_by_the_model()
    {
        _fake.Responder = _ => "الجو حلو اليوم، 40 درجة";

        Assert.Null(await AskAsync("شلون الجو؟"));
        Assert.Empty(_asked);
    }

    [Fact]
    public async Task A_failing_model_means_not_answered()
    {
        _fake.FailNext(5, FakeOpenAi.Error(500, "server_error", "boom"));

        Assert.Null(await AskAsync("البصرة شلون ماشية؟"));
    }
}

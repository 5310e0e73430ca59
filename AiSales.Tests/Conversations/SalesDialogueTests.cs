using Xunit.Abstractions;

namespace AiSales.Tests.Conversations;

/// <summary>
/// The sale as conversations (DESIGN §8): every scripted dialogue under Conversations/Dialogues played through signed
/// webhooks into the demo shop (real Webhooks, real Worker, offline replies), each reply and the order checked. Fails
/// listing every failed expectation. <c>DIALOGUES=id1,id2</c> runs a subset; <c>DIALOGUE_REPORT=path</c> also writes
/// the report table there (bench/dialogues.sh).
/// </summary>
public sealed class SalesDialogueTests(ITestOutputHelper output)
{
    [Fact]
    public void The_dialogue_set_is_well_formed_and_covers_every_way_customers_write()
    {
        var dialogues = DialogueSet.Load();
        Assert.True(dialogues.Count >= 48, $"{dialogues.Count} dialogues, at least 48 wanted");
        foreach (var style in new[] { "iraqi", "msa", "english", "arabizi" })
            Assert.Contains(dialogues, d => d.Style == style);
        foreach (var channel in new[] { "instagram", "messenger", "whatsapp" })
            Assert.Contains(dialogues, d => d.Channel == channel);
        Assert.Contains(dialogues, d => d.ExpectOrder is { Items.Count: > 1 });
        Assert.Contains(dialogues, d => d.Turns.Any(t => t.ExpectHandoff));
        Assert.Contains(dialogues, d => d.Turns.Any(t => t.Say.Count > 1));
        var errors = DialogueRunner.Validate(dialogues, DemoCatalogForChecks.Catalog);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task Every_scripted_dialogue_gets_the_right_replies_and_ends_in_the_right_order()
    {
        var dialogues = DialogueSet.Filter(DialogueSet.Load(), Environment.GetEnvironmentVariable("DIALOGUES"));
        Assert.NotEmpty(dialogues);
        await using var host = await DialogueHost.StartAsync();
        var runner = new DialogueRunner(host)
        {
            Concurrency = int.TryParse(Environment.GetEnvironmentVariable("DIALOGUE_CONCURRENCY"), out var c) && c > 0 ? c : 12,
        };
        var report = await runner.RunAsync(dialogues);

        var table = report.Table();
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable("DIALOGUE_REPORT") is { Length: > 0 } path)
            await File.WriteAllTextAsync(path, table + "\nFailed expectations\n\n" + string.Join("\n", report.Failures()) + "\n");

        var failures = report.Failures().ToList();
        Assert.True(failures.Count == 0,
            $"{failures.Count} failed expectation(s) in {report.Results.Count(r => !r.Passed)} of {report.Results.Count} dialogues:\n\n"
            + string.Join("\n", failures) + "\n\n" + table);
    }
}

namespace AiSales.Tests.Fakes;

/// <summary>
/// What a fake does instead of answering normally: return <see cref="Status"/> with <see cref="Body"/>
/// (e.g. a fixture error file), optionally after hanging for <see cref="Hang"/> (longer than the
/// client's timeout simulates "sent, answer lost").
/// </summary>
public sealed record FakeFault(int Status, string? Body = null, TimeSpan? Hang = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static FakeFault HangFor(TimeSpan hang) => new(504, null, hang);

    /// <summary>Loads a response fixture from fixtures/meta/responses/ (copied beside the test assembly).</summary>
    public static FakeFault FromFixture(string fileName, int status, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, FakeFixtures.Response(fileName), null, headers);
}

public static class FakeFixtures
{
    public static string ResponsesDirectory => Path.Combine(AppContext.BaseDirectory, "fixtures", "meta", "responses");

    public static string Response(string fileName) => File.ReadAllText(Path.Combine(ResponsesDirectory, fileName));
}

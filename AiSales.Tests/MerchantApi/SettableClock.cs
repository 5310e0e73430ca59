namespace AiSales.Tests.MerchantApi;

/// <summary>A clock the test moves by hand, so time-based rules are checked without waiting.</summary>
public sealed class SettableClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}

namespace AiSales.Core.Operations;

/// <summary>One line of GET /ops/api/config/validate (the Dashboard). <see cref="Detail"/> never contains a secret value.</summary>
public sealed record ConfigCheck(string Name, bool Ok, string Detail);

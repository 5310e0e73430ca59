namespace AiSales.Core.Operations;

/// <summary>One line of GET /api/config/validate. <see cref="Detail"/> never contains a secret value.</summary>
public sealed record ConfigCheck(string Name, bool Ok, string Detail);

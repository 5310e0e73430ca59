namespace AiSales.Dashboard.Catalog;

/// <summary>
/// Why a product or a CSV row was not saved, as a <c>UiText</c> key (<c>catalog.problem.*</c>) and its values: the page
/// says it in the merchant's language, never a column name or a developer's message.
/// </summary>
public sealed record CatalogProblem(string Key, params object[] Args)
{
    public static CatalogProblem Of(string name, params object[] args) => new("catalog.problem." + name, args);
}

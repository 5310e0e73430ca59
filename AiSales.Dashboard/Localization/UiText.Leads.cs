namespace AiSales.Dashboard.Localization;

public static partial class UiText
{
    /// <summary>The leads board (/leads): a contact without a name, the merchant's own labels in the filter.</summary>
    private static Dictionary<string, (string Ar, string En)> LeadsTexts() => new()
    {
        ["leads.unnamed"] = ("زبون {0} …{1}", "{0} customer …{1}"),
        ["leads.ownLabels"] = ("تصنيفاتك", "Your labels"),
        ["leads.levels"] = ("درجة الاهتمام", "Interest"),
    };
}

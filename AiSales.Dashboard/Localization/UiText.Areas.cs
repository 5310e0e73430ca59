namespace AiSales.Dashboard.Localization;

public static partial class UiText
{
    /// <summary>The texts of the pages that keep them in files of their own (UiText.&lt;Area&gt;.cs), one line per area.</summary>
    private static IEnumerable<KeyValuePair<string, (string Ar, string En)>> AreaTexts() =>
    [
        .. OrdersTexts(),
        .. CatalogTexts(),
        .. ReasonTexts(),
        .. AiSettingsTexts(),
        .. TeamTexts(),
        .. HealthTexts(),
        .. LeadAdsTexts(),
        .. CrmTexts(),
        .. IntegrationsTexts(),
        .. TemplatesTexts(),
        .. ConversionsTexts(),
        .. MetaCatalogTexts(),
        .. MediaTexts(),
        .. GuideTexts(),
        .. ChannelsTexts(),
        .. LeadsTexts(),
        .. AnalyticsTexts(),
        .. SendFailureTexts(),
        .. ProviderFailureTexts(),
    ];
}

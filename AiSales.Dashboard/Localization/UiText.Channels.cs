namespace AiSales.Dashboard.Localization;

public static partial class UiText
{
    /// <summary>The Channels page's confirmation before disabling a channel.</summary>
    private static Dictionary<string, (string Ar, string En)> ChannelsTexts() => new()
    {
        ["channels.disableWarn"] = ("بعد التعطيل، رسائل الزبائن على هذا الحساب ما توصلك والمساعد ما يرد عليها، لحد ما تعيد ربطه.",
            "Once disabled, customers' messages on this account do not reach you and the assistant does not answer them, until you connect it again."),
        ["channels.disableOnly"] = ("هذا الحساب الوحيد الشغّال عندك: إذا عطلته، ولا زبون راح ينرد عليه بأي مكان لحد ما تربط حساب.",
            "This is your only active account: if you disable it, no customer will be answered anywhere until you connect an account."),
        ["channels.disableCheck"] = ("فهمت، عطّله", "I understand, disable it"),
        ["channels.disableConfirm"] = ("تعطيل القناة", "Disable the channel"),
        ["channels.disableUnconfirmed"] = ("ما تعطلت القناة: لازم تأكد أولاً.", "The channel was not disabled: confirm first."),
    };
}

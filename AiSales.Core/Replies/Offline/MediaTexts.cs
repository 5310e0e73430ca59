namespace AiSales.Core.Replies.Offline;

/// <summary>
/// What the assistant says to a message that has no text it can read: a photo, a voice note, a sticker, a share, a
/// story mention, something the platform could not deliver. Each answer moves the sale on (asks for the product's name,
/// for the missing order details, for a yes) rather than staying silent.
/// </summary>
public static class MediaTexts
{
    internal static string Media(this ReplyPhrases p, MediaKind kind) => kind switch
    {
        MediaKind.Image or MediaKind.Video or MediaKind.File => p.Pick(30,
            ["وصلتني الصورة 🌷 بس ما أگدر أعرف المنتج منها، اكتبلي اسمه أو وصفه وأشوفلك السعر والتوفر.",
             "شفت الصورة 🌷 گلي شنو اسم المنتج اللي بيها (أو شنو يشبه) حتى أشوفلك سعره وتوفره."],
            ["Got your photo 🌷 I can't tell the product from it — write its name or describe it and I'll check the price and stock.",
             "Thanks for the picture 🌷 Which product is it? Tell me its name and I'll check the price and stock."]),
        MediaKind.Audio => p.Pick(31,
            ["وصلتني البصمة 🌷 بس ما أگدر أسمع البصمات هسه، تكدر تكتبلي شتحتاج؟",
             "عذراً ما أگدر أشغل البصمة الصوتية 🙏 اكتبلي طلبك كتابة وأخدمك فوراً."],
            ["Got your voice note 🌷 I can't listen to voice notes right now — could you type what you need?",
             "Sorry, I can't play voice notes 🙏 Type your question and I'll answer right away."]),
        MediaKind.Sticker => p.Pick(32, ["🌷", "تدلل 🌷", "هلا بيك 🌷"], ["🌷", "You're welcome 🌷", "Hi there 🌷"]),
        MediaKind.Share => p.Pick(33,
            ["وصلني المنشور 🌷 على أي منتج تسأل؟ اكتبلي اسمه حتى أشوفلك سعره وتوفره.",
             "شفت المنشور 🌷 گلي شنو المنتج اللي يعجبك بيه وأشوفلك السعر."],
            ["Got the post 🌷 Which product are you asking about? Tell me its name and I'll check the price and stock.",
             "Thanks for sharing 🌷 Which item caught your eye? I'll check its price."]),
        MediaKind.StoryMention => p.Pick(34,
            ["شكراً على المنشن 🌷 نورتنا! إذا عجبك شي من منتجاتنا گلي وأشوفلك سعره.",
             "تسلم على المنشن 🌷 إذا تحتاج أي شي احنا حاضرين."],
            ["Thanks for the mention 🌷 If anything of ours caught your eye, tell me and I'll check the price.",
             "Thank you for mentioning us 🌷 We're here if you need anything."]),
        _ => p.Pick(35,
            ["ما گدرت أفتح هاي الرسالة 🙏 تكدر ترسلها كتابة أو صورة؟",
             "عذراً، هاي الرسالة ما وصلتني بشكل واضح 🙏 اكتبلي طلبك كتابة لو سمحت."],
            ["I couldn't open that message 🙏 Could you send it as text or a photo?",
             "Sorry, that message didn't come through 🙏 Please type what you need."]),
    };

    /// <summary>A pin outside Iraq or without coordinates: the governorate is asked in words.</summary>
    internal static string LocationUnread(this ReplyPhrases p) => p.Pick(36,
        ["وصلني الموقع بس ما گدرت أعرف المحافظة منه 🙏 اكتبلي المحافظة والمنطقة وأقرب نقطة دالة.",
         "ما گدرت أقرا الموقع 🙏 اكتبلي المحافظة والمنطقة لو سمحت."],
        ["I got the pin but couldn't tell the governorate from it 🙏 Please write your governorate, area and nearest landmark.",
         "I couldn't read that location 🙏 Please type your governorate and area."]);

    /// <summary>The summary is waiting for a yes: a sticker or a photo is not one.</summary>
    internal static string StillConfirm(this ReplyPhrases p) => p.Pick(37,
        ["إذا كلشي تمام اكتبلي \"اي\" وأثبتلك الطلب.", "أثبتلك الطلب؟ اكتب \"اي\" للتأكيد."],
        ["If everything looks right, reply \"yes\" and I'll place the order.", "Shall I place the order? Reply \"yes\" to confirm."]);

    /// <summary>The pin as a link the courier opens, kept in the order's address (the comma encoded: addresses are split at commas).</summary>
    public static string MapLink(double latitude, double longitude) =>
        FormattableString.Invariant($"https://maps.google.com/?q={latitude:0.#####}%2C{longitude:0.#####}");
}

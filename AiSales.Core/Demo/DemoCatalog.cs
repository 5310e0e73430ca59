using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Demo;

/// <summary>
/// The demo merchant's catalog. Aliases carry the spellings Iraqi customers actually type (گ/ك, ة/ه,
/// Arabizi, English), so the catalog matcher has something real to chew on.
/// </summary>
internal static class DemoCatalog
{
    private static readonly string[] ClothingSizes = ["S", "M", "L", "XL"];
    private static readonly string[] ShoeSizes = ["38", "39", "40", "41", "42", "43", "44"];

    /// <summary>
    /// The demo shop's posts, reels and stories linked to products (docs/media.md): a customer sharing one of these in a
    /// DM, replying to the story or commenting on the post is answered with that product's price and stock.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> LinkedMedia = new Dictionary<string, string[]>
    {
        ["BSF-002"] = ["17950000000000002", "17950000000000102"], // post + reel
        ["BSF-007"] = ["17950000000000007", "17950000000000107"], // post + story
        ["BSF-014"] = ["17950000000000014"],                      // post
    };

    public static IReadOnlyList<Product> Products(Guid merchantId) =>
    [
        P("BSF-001", "عباية سوداء كلاسيك", "Classic black abaya", ["عبايه سوده", "عباية سودة", "abaya", "3baya", "عبايه"], 45000, 12, ClothingSizes, ["أسود"]),
        P("BSF-002", "عباية مطرزة", "Embroidered abaya", ["عبايه مطرزه", "عباية تطريز", "embroidered abaya", "mutarraza", "mtarraza", "m6arraza"], 65000, 6, ClothingSizes, ["أسود", "كحلي"]),
        P("BSF-003", "دشداشة رجالي", "Men's dishdasha", ["دشداشه", "دشداشة", "dishdasha", "thobe", "ثوب"], 35000, 20, ["M", "L", "XL", "XXL"], ["أبيض", "رصاصي", "بيجي"]),
        P("BSF-004", "قميص رجالي قطن", "Men's cotton shirt", ["قميص", "گميص", "قمصان", "shirt", "qamees"], 25000, 30, ClothingSizes, ["أبيض", "أزرق", "وردي"]),
        P("BSF-005", "بنطلون جينز", "Jeans", ["جينز", "بنطرون جينز", "بنطلون", "jeans", "pantalon"], 30000, 25, ["30", "32", "34", "36"], ["أزرق", "أسود"]),
        P("BSF-006", "تيشيرت قطن", "Cotton T-shirt", ["تيشرت", "تي شيرت", "تيشيرتات", "t-shirt", "tshirt"], 15000, 40, ClothingSizes, ["أبيض", "أسود", "أخضر", "أحمر"]),
        P("BSF-007", "فستان سهرة", "Evening dress", ["فستان", "فسطان", "فساتين", "dress", "fustan"], 85000, 5, ["S", "M", "L"], ["أحمر", "أسود", "ذهبي"]),
        P("BSF-008", "فستان صيفي", "Summer dress", ["فستان صيفي", "فسطان صيفي", "summer dress"], 40000, 14, ClothingSizes, ["أزرق", "أصفر", "وردي"]),
        P("BSF-009", "حجاب شيفون", "Chiffon hijab", ["حجاب", "شيلة", "شيله", "لفاف", "hijab", "7ijab"], 8000, 60, [], ["أسود", "بيجي", "وردي", "كحلي"]),
        P("BSF-010", "حذاء رياضي", "Sneakers", ["حذاء", "احذية", "أحذية", "قندرة", "قندره", "قنادر", "سبورت", "sneakers", "joti", "جوتي"], 55000, 18, ShoeSizes, ["أبيض", "أسود"]),
        P("BSF-011", "حذاء جلد رجالي", "Men's leather shoes", ["قندرة جلد", "حذاء جلد", "قندره جلد", "leather shoes"], 70000, 8, ShoeSizes, ["أسود", "بني"]),
        P("BSF-012", "نعال صيفي", "Summer sandals", ["نعال", "نعالات", "شحاطة", "شحاطه", "sandals", "ne3al"], 12000, 35, ShoeSizes, ["بني", "أسود"]),
        P("BSF-013", "جاكيت جلد", "Leather jacket", ["جاكيت", "چاكيت", "جاكت", "قمصلة", "قمصله", "قماصل", "jacket", "jaket"], 95000, 7, ClothingSizes, ["أسود", "بني"]),
        P("BSF-014", "هودي شتوي", "Winter hoodie", ["هودي", "هوديات", "سويتشيرت", "hoodie"], 32000, 22, ClothingSizes, ["رصاصي", "أسود", "كحلي"]),
        P("BSF-015", "بيجامة قطن", "Cotton pyjamas", ["بجامة", "بيجامه", "بجامه", "pajama", "pyjamas"], 28000, 16, ClothingSizes, ["وردي", "أزرق"]),
        P("BSF-016", "حقيبة يد نسائية", "Women's handbag", ["جنطة", "جنطه", "چنطة", "شنطة", "حقيبة", "bag", "janta"], 48000, 10, [], ["أسود", "بيجي", "أحمر"]),
        P("BSF-017", "ساعة يد رجالية", "Men's wristwatch", ["ساعة", "ساعه", "sa3a", "watch"], 60000, 9, [], ["فضي", "ذهبي"]),
        P("BSF-018", "نظارة شمسية", "Sunglasses", ["نظارة", "نظاره", "مناظر", "sunglasses", "nadara"], 22000, 0, [], ["أسود"]),
        P("BSF-019", "عطر رجالي", "Men's perfume", ["عطر", "ريحة", "ريحه", "perfume", "3itr"], 38000, 11, ["50ml", "100ml"], []),
        P("BSF-020", "ملابس أطفال طقم", "Kids' outfit set", ["ملابس اطفال", "طقم اطفال", "تراكسوت اطفال", "kids set"], 20000, 24, ["2-3", "4-5", "6-7"], ["أزرق", "وردي"]),
    ];

    private static Product P(string sku, string nameAr, string nameEn, string[] aliases, long priceIqd, int stock, string[] sizes, string[] colors) => new()
    {
        Sku = sku,
        NameAr = nameAr,
        NameEn = nameEn,
        Aliases = [.. aliases],
        PriceIqd = priceIqd,
        Stock = stock,
        Variants = new ProductVariants { Sizes = [.. sizes], Colors = [.. colors] },
        Active = true,
        MediaIds = LinkedMedia.TryGetValue(sku, out var media) ? [.. media] : [],
    };
}

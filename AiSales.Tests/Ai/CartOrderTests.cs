using AiSales.Core.Conversations;
using AiSales.Core.Inbound.Recording;
using AiSales.Core.Persistence.Entities;
using AiSales.Core.Replies.Offline;

namespace AiSales.Tests.Ai;

/// <summary>
/// A cart sent from the WhatsApp catalog: its lines become the order, priced from our catalog; the
/// assistant asks only for what Meta does not send (governorate, address, phone), then the usual summary and yes.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CartOrderTests
{
    private static readonly IReadOnlyList<CatalogItem> Catalog = SampleCatalog.DemoShop;

    private static CatalogItem Item(string sku) => Catalog.Single(c => c.Sku == sku);

    private static OfflineReply Say(string text, SalesState? state = null, params CustomerMedia[] media) =>
        OfflineResponder.Respond(new OfflineRequest(text, Catalog, "متجر بغداد للأزياء", state, MerchantNameEn: "Baghdad Style", Media: media));

    private static CustomerMedia Cart(params CartItemRef[] items) => new(MediaKind.Cart, Items: items);

    private static CartItemRef L(string sku, int quantity, decimal price, string currency) => new(sku, quantity, price, currency);

    [Fact]
    public void A_cart_becomes_the_order_and_the_assistant_asks_for_what_meta_does_not_send()
    {
        // The hijab in one colour of four, two of them; the handbag; both at the prices the cart showed.
        var reply = Say("", null, Cart(L("BSF-009", 2, 8000, "IQD"), L("BSF-016", 1, 48000, "IQD")));

        Assert.False(reply.Handoff);
        Assert.Equal(SalesStep.Collecting, reply.State.Step);
        Assert.Equal([(Item("BSF-009").Id, 2), (Item("BSF-016").Id, 1)], reply.State.Cart.Select(l => (l.ProductId, l.Quantity)));
        Assert.Contains("2 × حجاب شيفون = 16,000", reply.Text);
        Assert.Contains("1 × حقيبة يد نسائية = 48,000", reply.Text);
        Assert.Contains("المحافظة", reply.Text);
        Assert.Contains("رقم الموبايل", reply.Text);
        Assert.Contains("العنوان", reply.Text);
        Assert.Contains(LeadSignal.OrderIntent, reply.LeadSignals);
    }

    [Fact]
    public void The_customer_completes_it_in_the_chat_with_the_fee_and_total_from_the_catalog_then_says_yes()
    {
        var cart = Say("", null, Cart(L("BSF-014", 1, 32000, "IQD")));
        // The hoodie comes in three colours and six sizes: the cart does not say which.
        Assert.Contains("قياس هودي شتوي", cart.Text);
        Assert.Contains("لون هودي شتوي", cart.Text);

        var details = Say("لارج رصاصي، البصرة العشار قرب ساحة ام البروم 07701234567", cart.State);
        Assert.Equal(SalesStep.Confirming, details.State.Step);
        Assert.Contains("32,000", details.Text);
        Assert.Contains("8,000", details.Text);   // delivery outside Baghdad (the default terms)
        Assert.Contains("40,000", details.Text);  // 32,000 + 8,000

        var yes = Say("اي ثبت", details.State);
        Assert.NotNull(yes.Order);
        var line = Assert.Single(yes.Order!.Lines);
        Assert.Equal(("BSF-014", 1, "L", "رصاصي", 32000L), (line.Sku, line.Quantity, line.Size, line.Colour, line.UnitPriceIqd));
        Assert.Equal(40000, yes.Order.ItemsTotalIqd + yes.Order.DeliveryFeeIqd);
    }

    [Fact]
    public void A_price_in_dinars_that_is_not_ours_is_said_and_ours_counts()
    {
        var reply = Say("", null, Cart(L("BSF-016", 1, 45000, "IQD")));
        Assert.Contains("48,000", reply.Text);
        Assert.Contains("مو 45,000", reply.Text);
        Assert.DoesNotContain("= 45,000", reply.Text);
    }

    [Fact]
    public void A_decimal_price_in_another_currency_is_the_platforms_display_and_not_questioned()
    {
        var reply = Say("", null, Cart(L("BSF-016", 1, 36.99m, "USD")));
        Assert.Contains("48,000", reply.Text);
        Assert.DoesNotContain("36.99", reply.Text);
    }

    [Fact]
    public void When_the_chat_already_gave_governorate_address_and_phone_the_summary_comes_at_once()
    {
        var state = new SalesState { Governorate = "Baghdad", Address = "المنصور قرب جامع الرحمن", Phone = "07701234567", Language = "ar" };
        // The colour written with the cart ("Love these!" is the cart's own text field).
        var reply = Say("الأسود", state, Cart(L("BSF-016", 1, 48000, "IQD")));
        Assert.Equal(SalesStep.Confirming, reply.State.Step);
        Assert.Contains("5,000", reply.Text);  // Baghdad delivery
        Assert.Contains("53,000", reply.Text); // 48,000 + 5,000
    }

    [Fact]
    public void An_unknown_retailer_id_is_named_and_the_rest_goes_on()
    {
        var reply = Say("", null, Cart(L("BSF-016", 1, 48000, "IQD"), L("di9ozbzfi4", 2, 7.99m, "USD")));
        Assert.False(reply.Handoff);
        Assert.Single(reply.State.Cart);
        Assert.Contains("di9ozbzfi4", reply.Text);
    }

    [Fact]
    public void A_cart_of_nothing_we_sell_goes_to_a_person_who_is_told_why()
    {
        var reply = Say("", null, Cart(L("di9ozbzfi4", 2, 7.99m, "USD")));
        Assert.True(reply.Handoff);
        Assert.Equal(HandoffReason.CartNotInCatalog, reply.HandoffReason);
        Assert.Contains("di9ozbzfi4", reply.Text);
        Assert.Empty(reply.State.Cart);
    }

    [Fact]
    public void A_sold_out_item_is_said_plainly_and_more_than_is_left_shrinks()
    {
        // Sunglasses: none left. Sandals: 35 left.
        var reply = Say("", null, Cart(L("BSF-018", 1, 22000, "IQD"), L("BSF-012", 40, 12000, "IQD")));
        Assert.Equal([(Item("BSF-012").Id, 35)], reply.State.Cart.Select(l => (l.ProductId, l.Quantity)));
        Assert.Contains("35", reply.Text);
        Assert.Contains(LeadSignal.OutOfStock, reply.LeadSignals);
    }

    [Fact]
    public void In_english_when_the_chat_is_in_english()
    {
        var reply = Say("", new SalesState { Language = "en" }, Cart(L("BSF-016", 1, 48000, "IQD")));
        Assert.StartsWith("Got your cart", reply.Text);
        Assert.Contains("your governorate", reply.Text);
    }

    [Fact]
    public void Message_business_on_a_product_puts_it_in_focus()
    {
        var reply = Say("شكد سعره؟", null, new CustomerMedia(MediaKind.Product, Label: "BSF-013"));
        Assert.Equal(Item("BSF-013").Id, reply.State.FocusProductId);
        Assert.Contains("95,000", reply.Text);
    }

    [Theory]
    // Meta's documented shape (item_price a decimal number), a string price, a missing quantity, a line without a retailer id.
    [InlineData("""{"catalog_id":"194836987003835","text":"Love these!","product_items":[{"product_retailer_id":"di9ozbzfi4","quantity":2,"item_price":7.99,"currency":"USD"}]}""", "di9ozbzfi4", 2, "7.99", "USD")]
    [InlineData("""{"catalog_id":"1","product_items":[{"product_retailer_id":"BSF-016","quantity":"1","item_price":"48000","currency":"IQD"}]}""", "BSF-016", 1, "48000", "IQD")]
    [InlineData("""{"catalog_id":"1","product_items":[{"product_retailer_id":"BSF-016"},{"quantity":3}]}""", "BSF-016", 1, null, null)]
    public void The_order_message_is_read_as_sent(string json, string sku, int quantity, string? price, string? currency)
    {
        var item = Assert.Single(CartOrder.Read(json));
        Assert.Equal((sku, quantity, price is null ? null : decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), currency),
            (item.RetailerId, item.Quantity, item.ItemPrice, item.Currency));
    }
}

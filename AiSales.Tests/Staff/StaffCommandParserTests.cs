using AiSales.Core.Persistence.Entities;
using AiSales.Core.Staff.Commands;

namespace AiSales.Tests.Staff;

/// <summary>How team members actually type commands on a phone: Iraqi, MSA, English, any order, with or without ال/#.</summary>
[Trait("Category", "Unit")]
public sealed class StaffCommandParserTests
{
    [Theory]
    [InlineData("الطلب 1043 انشحن", 1043, OrderStatus.Shipped)]
    [InlineData("شحن 1043", 1043, OrderStatus.Shipped)]
    [InlineData("1043 shipped", 1043, OrderStatus.Shipped)]
    [InlineData("order #1043 shipped", 1043, OrderStatus.Shipped)]
    [InlineData("طلب ١٠٤٣ وصل", 1043, OrderStatus.Delivered)]
    [InlineData("الطلبية 1043 تم التوصيل", 1043, OrderStatus.Delivered)]
    [InlineData("delivered 1043", 1043, OrderStatus.Delivered)]
    [InlineData("اكد الطلب 1043", 1043, OrderStatus.Confirmed)]
    [InlineData("تأكيد طلب 1043", 1043, OrderStatus.Confirmed)]
    [InlineData("confirm order 1043", 1043, OrderStatus.Confirmed)]
    [InlineData("الغي الطلب 1043", 1043, OrderStatus.Cancelled)]
    [InlineData("إلغاء 1043", 1043, OrderStatus.Cancelled)]
    [InlineData("cancel order 1043", 1043, OrderStatus.Cancelled)]
    [InlineData("كنسل الاوردر 1043", 1043, OrderStatus.Cancelled)]
    public void Order_status_commands(string text, long number, OrderStatus to)
    {
        var move = Assert.IsType<OrderMoveIntent>(StaffCommandParser.Parse(text));
        Assert.Equal(number, move.Number);
        Assert.Equal(to, move.To);
    }

    [Theory]
    [InlineData("الطلب 1043")]
    [InlineData("طلب #1043")]
    [InlineData("order 1043")]
    [InlineData("شنو صار بالطلب 1043؟")]
    public void Showing_one_order(string text) =>
        Assert.Equal(1043, Assert.IsType<OrderShowIntent>(StaffCommandParser.Parse(text)).Number);

    [Theory]
    [InlineData("طلبات اليوم")]
    [InlineData("الطلبات")]
    [InlineData("orders today")]
    [InlineData("today's orders")]
    [InlineData("اوردرات اليوم")]
    public void Todays_orders(string text) => Assert.IsType<OrdersTodayIntent>(StaffCommandParser.Parse(text));

    [Theory]
    [InlineData("سعر الدشداشة", "الدشداشة")]
    [InlineData("شكد سعر الهودي؟", "الهودي؟")]
    [InlineData("price hoodie", "hoodie")]
    [InlineData("مخزون DSH-001", "DSH-001")]
    [InlineData("كم باقي من الهودي", "الهودي")]
    [InlineData("stock of winter hoodie", "winter hoodie")]
    public void Looking_up_a_product(string text, string query) =>
        Assert.Equal(query.TrimEnd('؟'), Assert.IsType<ProductShowIntent>(StaffCommandParser.Parse(text)).Query);

    [Theory]
    [InlineData("خلي سعر الهودي 30000", "الهودي", 30000)]
    [InlineData("سعر الهودي صار 30 الف", "الهودي", 30000)]
    [InlineData("set price hoodie 30000", "hoodie", 30000)]
    [InlineData("غير سعر DSH-001 الى 45,000", "DSH-001", 45000)]
    public void Setting_a_price(string text, string query, long price)
    {
        var set = Assert.IsType<ProductSetPriceIntent>(StaffCommandParser.Parse(text));
        Assert.Equal(query, set.Query);
        Assert.Equal(price, set.PriceIqd);
        Assert.True(set.Destructive && set.OwnerOnly);
    }

    [Theory]
    [InlineData("خلي مخزون الهودي 12", "الهودي", 12)]
    [InlineData("مخزون الهودي 0", "الهودي", 0)]
    [InlineData("set stock hoodie 12", "hoodie", 12)]
    [InlineData("ستوك DSH-001 صار 7", "DSH-001", 7)]
    public void Setting_stock(string text, string query, int stock)
    {
        var set = Assert.IsType<ProductSetStockIntent>(StaffCommandParser.Parse(text));
        Assert.Equal(query, set.Query);
        Assert.Equal(stock, set.Stock);
    }

    [Theory]
    [InlineData("وقف البوت", true)]
    [InlineData("طفي الذكاء الاصطناعي", true)]
    [InlineData("pause ai", true)]
    [InlineData("شغل البوت", false)]
    [InlineData("رجع البوت", false)]
    [InlineData("resume ai", false)]
    public void Pausing_the_shop(string text, bool pause) =>
        Assert.Equal(pause, Assert.IsType<ShopAiIntent>(StaffCommandParser.Parse(text)).Pause);

    [Theory]
    [InlineData("استلم محادثة زينب", "زينب", true)]
    [InlineData("وقف البوت عن زينب", "زينب", true)]
    [InlineData("take over Zainab", "Zainab", true)]
    [InlineData("رجع زينب للبوت", "زينب", false)]
    [InlineData("hand back Zainab", "Zainab", false)]
    [InlineData("سلم محادثة زينب علي للبوت", "زينب علي", false)]
    public void One_customers_chat(string text, string who, bool takeOver)
    {
        var chat = Assert.IsType<CustomerChatIntent>(StaffCommandParser.Parse(text));
        Assert.Equal(who, chat.Query);
        Assert.Equal(takeOver, chat.TakeOver);
    }

    [Theory]
    [InlineData("منو يحتاج رد؟")]
    [InlineData("who needs attention")]
    [InlineData("منو ينتظر")]
    public void Who_needs_attention(string text) => Assert.IsType<AttentionIntent>(StaffCommandParser.Parse(text));

    [Theory]
    [InlineData("شكد بعنا اليوم؟", QuestionKind.Sales, StaffPeriod.Today, null)]
    [InlineData("كم المبيعات امس", QuestionKind.Sales, StaffPeriod.Yesterday, null)]
    [InlineData("sales this month", QuestionKind.Sales, StaffPeriod.Month, null)]
    [InlineData("منو اكثر منتج ينسأل عليه هالاسبوع؟", QuestionKind.TopProducts, StaffPeriod.Week, null)]
    [InlineData("most asked product", QuestionKind.TopProducts, StaffPeriod.Week, null)]
    [InlineData("كم عميل ساخن ما انرد عليه؟", QuestionKind.HotUnanswered, StaffPeriod.Today, null)]
    [InlineData("hot leads waiting", QuestionKind.HotUnanswered, StaffPeriod.Today, null)]
    [InlineData("how many orders to Basra this month?", QuestionKind.Orders, StaffPeriod.Month, "Basra")]
    [InlineData("كم طلب للبصرة هالشهر", QuestionKind.Orders, StaffPeriod.Month, "Basra")]
    [InlineData("كم طلب اليوم", QuestionKind.Orders, StaffPeriod.Today, null)]
    [InlineData("طلبات بغداد هالاسبوع", QuestionKind.Orders, StaffPeriod.Week, "Baghdad")]
    [InlineData("كم زبون جديد اليوم", QuestionKind.NewCustomers, StaffPeriod.Today, null)]
    public void Questions(string text, QuestionKind kind, StaffPeriod period, string? governorate)
    {
        var q = Assert.IsType<QuestionIntent>(StaffCommandParser.Parse(text));
        Assert.Equal(kind, q.Kind);
        Assert.Equal(period, q.Period);
        Assert.Equal(governorate, q.Governorate);
    }

    [Theory]
    [InlineData("نعم", true)]
    [InlineData("اي اكيد", true)]
    [InlineData("yes", true)]
    [InlineData("لا", false)]
    [InlineData("no", false)]
    public void Confirmations(string text, bool yes) => Assert.Equal(yes, Assert.IsType<ConfirmIntent>(StaffCommandParser.Parse(text)).Yes);

    [Theory]
    [InlineData("مساعدة")]
    [InlineData("help")]
    [InlineData("هلو")]
    [InlineData("")]
    public void Help(string text) => Assert.IsType<HelpIntent>(StaffCommandParser.Parse(text));

    [Theory]
    [InlineData("الجو حار اليوم")]
    [InlineData("blah blah")]
    public void Anything_else_is_not_understood(string text) => Assert.IsType<UnknownIntent>(StaffCommandParser.Parse(text));
}

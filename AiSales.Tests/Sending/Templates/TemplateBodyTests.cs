using AiSales.Core.Persistence.Entities;
using AiSales.Core.Sending.Templates;

namespace AiSales.Tests.Sending.Templates;

/// <summary>Reading Meta's template listing and filling a template for an event.</summary>
[Trait("Category", "Unit")]
public sealed class TemplateBodyTests
{
    private const string Listing = """
        {"data":[
          {"name":"order_update","parameter_format":"POSITIONAL","components":[
             {"type":"HEADER","format":"TEXT","text":"Order update"},
             {"type":"BODY","text":"هلا {{1}}، طلبك {{2}} صار بالطريق. مجموعه {{3}}، وإذا عندك سؤال {{1}} احنا بالخدمة","example":{"body_text":[["Ali","#1001","45,000"]]}},
             {"type":"FOOTER","text":"Baghdad Style"}],
           "language":"ar","status":"APPROVED","category":"UTILITY","id":"1111"},
          {"name":"welcome_named","parameter_format":"NAMED","components":[
             {"type":"BODY","text":"Hi {{customer_name}}, welcome to {{shop_name}}!"}],
           "language":"en_US","status":"PAUSED","category":"MARKETING","id":"2222"},
          {"name":"promo_image","components":[
             {"type":"HEADER","format":"IMAGE","example":{"header_handle":["https://scontent.whatsapp.net/x"]}},
             {"type":"BODY","text":"New arrivals {{1}}"}],"language":"ar","status":"APPROVED","category":"MARKETING","id":"3333"},
          {"name":"track_link","components":[
             {"type":"BODY","text":"Track your order"},
             {"type":"BUTTONS","buttons":[{"type":"URL","text":"Track","url":"https://shop.example/track/{{1}}"}]}],
           "language":"ar","status":"APPROVED","category":"UTILITY","id":"4444"},
          {"name":"no_language"}
        ],"paging":{"cursors":{"before":"QVFI","after":"QVFJ"},"next":"https://graph.facebook.com/v24.0/102290129340398/message_templates?after=QVFJ"}}
        """;

    [Fact]
    public void The_listing_gives_each_templates_body_placeholders_status_and_what_we_cannot_fill()
    {
        var listed = TemplateBody.ParsePage(Listing, out var next);

        Assert.Equal("https://graph.facebook.com/v24.0/102290129340398/message_templates?after=QVFJ", next);
        Assert.Equal(["order_update", "welcome_named", "promo_image", "track_link"], listed.Select(t => t.Name));
        var order = listed[0];
        Assert.Equal(("ar", "APPROVED", "UTILITY", "1111", false, false), (order.Language, order.Status, order.Category, order.MetaId, order.Named, order.NeedsOtherValues));
        Assert.Equal(["1", "2", "3"], order.Parameters); // {{1}} twice is one parameter
        Assert.True(listed[1].Named);
        Assert.Equal(["customer_name", "shop_name"], listed[1].Parameters);
        Assert.True(listed[2].NeedsOtherValues); // an image header needs a picture we do not have
        Assert.True(listed[3].NeedsOtherValues); // a URL button with a parameter
    }

    private static WhatsAppTemplateRow Row(string body, bool named = false, string status = "APPROVED") => new()
    {
        Name = "t", Language = "ar", Status = status, Body = body, Parameters = TemplateBody.Placeholders(body), NamedParameters = named,
    };

    [Fact]
    public void Filling_puts_each_mapped_value_in_its_place_and_keeps_the_words_the_customer_reads()
    {
        var template = Row("هلا {{1}}، طلبك {{2}} من {{3}} صار بالطريق");
        var use = new TemplateUse { Fields = ["customer_name", "order_number", "shop_name"] };

        var (message, problem) = TemplateFill.Fill(use, template, new Dictionary<string, string?>
        {
            ["customer_name"] = "زينب", ["order_number"] = "#1004", ["shop_name"] = "متجر بغداد", ["order_total"] = "45,000 دينار",
        });

        Assert.Null(problem);
        Assert.Equal("هلا زينب، طلبك #1004 من متجر بغداد صار بالطريق", message!.Text);
        Assert.Equal(["زينب", "#1004", "متجر بغداد"], message.Wire.BodyParameters);
        Assert.Null(message.Wire.ParameterNames);
    }

    [Fact]
    public void A_named_template_sends_its_parameter_names_and_maps_itself()
    {
        var template = Row("Hi {{customer_name}}, welcome to {{shop_name}}!", named: true);
        Assert.Equal(["customer_name", "shop_name"], TemplateFill.Suggest(template, TemplateEvents.LeadGreeting));

        var (message, _) = TemplateFill.Fill(new TemplateUse { Fields = ["customer_name", "shop_name"] }, template,
            new Dictionary<string, string?> { ["customer_name"] = "Ali", ["shop_name"] = "Baghdad Style" });

        Assert.Equal("Hi Ali, welcome to Baghdad Style!", message!.Text);
        Assert.Equal(["customer_name", "shop_name"], message.Wire.ParameterNames!);
    }

    [Fact]
    public void What_cannot_be_sent_is_named()
    {
        var template = Row("هلا {{1}}");
        var use = new TemplateUse { Fields = ["customer_name"] };
        Assert.Equal(TemplateProblems.NotChosen, TemplateFill.Fill(null, template, new Dictionary<string, string?>()).Problem);
        Assert.Equal(TemplateProblems.NotApproved, TemplateFill.Fill(use, null, new Dictionary<string, string?>()).Problem);
        Assert.Equal(TemplateProblems.NotApproved, TemplateFill.Fill(use, Row("هلا {{1}}", status: "PAUSED"), new Dictionary<string, string?> { ["customer_name"] = "x" }).Problem);
        // Meta refuses an empty parameter (132000): no name known is a problem, not a blank.
        Assert.Equal(TemplateProblems.MissingValue, TemplateFill.Fill(use, template, new Dictionary<string, string?> { ["customer_name"] = " " }).Problem);
        // The template gained a placeholder since it was mapped.
        Assert.Equal(TemplateProblems.MissingValue, TemplateFill.Fill(use, Row("هلا {{1}} {{2}}"), new Dictionary<string, string?> { ["customer_name"] = "x" }).Problem);
    }
}

using AiSales.Core.LeadAds;

namespace AiSales.Tests.LeadAds;

/// <summary>Graph's lead object (FACTS §A3, §A5) and the contact fields read from Meta's standard question keys.</summary>
[Trait("Category", "Unit")]
public sealed class LeadRecordTests
{
    [Fact]
    public void Meta_doc_lead_is_read_with_answers_by_key_and_its_iso_time()
    {
        var lead = LeadRecord.Parse(CrmFixtures.Text("meta_lead_get_by_id_metadocs.json"));
        Assert.NotNull(lead);
        Assert.Equal("<LEAD_ID>", lead.Id);
        Assert.Equal(new DateTimeOffset(2015, 2, 28, 8, 49, 14, TimeSpan.Zero), lead.CreatedTime);
        Assert.Null(lead.CampaignId); // not in Meta's example: optional
        Assert.Equal(["car_make", "full_name", "email", "selected_dealer"], lead.Answers.Keys);
        Assert.Equal(["99213450"], lead.Answers["selected_dealer"]);
        var fields = LeadAnswers.From(lead.Answers);
        Assert.Equal(("Joe Example", "joe@example.com", null), (fields.Name, fields.Email, fields.Phone));
    }

    [Fact]
    public void A_custom_question_in_cjk_keeps_its_key()
    {
        var lead = LeadRecord.Parse(CrmFixtures.Text("meta_lead_sdk_output_cjk_field_name_issue217.json"));
        Assert.NotNull(lead);
        const string key = "請協助留下您的真實中文姓名，方便後續聯絡作業";
        Assert.Equal(["name"], lead.Answers[key]);
        // 0900111222 is a Taiwanese local number, not Iraqi: kept as typed rather than guessed at.
        Assert.Equal("0900111222", LeadAnswers.From(lead.Answers).Phone);
    }

    [Theory]
    [InlineData("07701234567", "9647701234567")]
    [InlineData("+964 770 123 4567", "9647701234567")]
    [InlineData("٠٧٧٠١٢٣٤٥٦٧", "9647701234567")]
    [InlineData("00964 0770 123 4567", "9647701234567")]
    public void Iraqi_phones_take_the_whatsapp_id_form(string typed, string stored) =>
        Assert.Equal(stored, LeadAnswers.NormalizePhone(typed));

    [Fact]
    public void First_and_last_name_make_the_name_and_state_the_governorate()
    {
        var fields = LeadAnswers.From(new Dictionary<string, IReadOnlyList<string>>
        {
            ["first_name"] = ["زينب"], ["last_name"] = ["علي"], ["state"] = ["البصرة"], ["city"] = ["الزبير"], ["phone_number"] = ["07801112233"],
        });
        Assert.Equal(("زينب علي", "9647801112233", "البصرة", "الزبير"), (fields.Name, fields.Phone, fields.Governorate, fields.City));
    }

    [Theory]
    [InlineData("")]
    [InlineData("false")]
    [InlineData("[]")]
    [InlineData("{\"error\":{\"message\":\"(#32) Page request limit reached\",\"type\":\"OAuthException\",\"code\":32}}")]
    public void Anything_but_a_lead_object_is_no_lead(string body) => Assert.Null(LeadRecord.Parse(body));

    [Fact]
    public void Backoff_grows_and_respects_metas_retry_after()
    {
        var options = new LeadAdsOptions { RetryBaseDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromHours(1) };
        Assert.Equal(TimeSpan.FromSeconds(30), options.DelayAfter(1, null));
        Assert.Equal(TimeSpan.FromMinutes(2), options.DelayAfter(2, null));
        Assert.Equal(TimeSpan.FromMinutes(8), options.DelayAfter(3, null));
        Assert.Equal(TimeSpan.FromHours(1), options.DelayAfter(9, null));
        Assert.Equal(TimeSpan.FromMinutes(5), options.DelayAfter(1, TimeSpan.FromMinutes(5)));
    }
}

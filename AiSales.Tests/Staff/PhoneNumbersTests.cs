using AiSales.Core.Staff.Linking;
using AiSales.Core.Text;

namespace AiSales.Tests.Staff;

/// <summary>Phone numbers as owners type or paste them, made into the WhatsApp id (digits, country code first).</summary>
[Trait("Category", "Unit")]
public sealed class PhoneNumbersTests
{
    [Theory]
    [InlineData("07701234567", "9647701234567")]
    [InlineData("0770 123 4567", "9647701234567")]
    [InlineData("0770-123-4567", "9647701234567")]
    [InlineData("7701234567", "9647701234567")]
    [InlineData("+964 770 123 4567", "9647701234567")]
    [InlineData("+964 (0)770 123 4567", "9647701234567")]
    [InlineData("+9640770 123 4567", "9647701234567")]
    [InlineData("00964 770 123 4567", "9647701234567")]
    [InlineData("9647701234567", "9647701234567")]
    [InlineData("٠٧٧٠١٢٣٤٥٦٧", "9647701234567")]
    [InlineData("\u200E+٩٦٤ ٧٧٠ ١٢٣ ٤٥٦٧\u200F", "9647701234567")]
    [InlineData("۰۷۸۰۱۲۳۴۵۶۷", "9647801234567")]
    [InlineData("+44 7911 123456", "447911123456")]
    [InlineData("0044 7911 123456", "447911123456")]
    public void Accepts_the_forms_people_write(string typed, string expected) => Assert.Equal(expected, PhoneNumbers.Normalize(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0770123456")]        // a digit short
    [InlineData("077012345678")]      // a digit too many
    [InlineData("+964 1 234 5678")]   // an Iraqi landline: no WhatsApp code goes there by mistake
    [InlineData("96477012345678")]
    [InlineData("01234567")]          // local, not Iraqi mobile: which country?
    [InlineData("0770 abc 4567")]
    [InlineData("++9647701234567")]
    [InlineData("+1234567")]          // 7 digits
    [InlineData("+1234567890123456")] // 16 digits
    public void Refuses_what_is_not_a_whole_number(string? typed) => Assert.Null(PhoneNumbers.Normalize(typed));

    [Fact]
    public void Shows_an_Iraqi_number_in_groups() => Assert.Equal("+964 770 123 4567", PhoneNumbers.Display("9647701234567"));

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData(" 123 456 ", "123456")]
    [InlineData("١٢٣٤٥٦", "123456")]
    [InlineData("12345", null)]
    [InlineData("1234567", null)]
    [InlineData("12a456", null)]
    public void Codes_are_read_as_six_digits(string typed, string? expected) => Assert.Equal(expected, StaffCodes.Clean(typed));
}

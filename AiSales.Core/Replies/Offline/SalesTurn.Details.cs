using AiSales.Core.Persistence.Entities;
using AiSales.Core.Text;

namespace AiSales.Core.Replies.Offline;

/// <summary>The customer's contact details: governorate, phone, name and the address (a district counts; so does a plain line when it was asked for).</summary>
internal sealed partial class SalesTurn
{
    private void RememberContactDetails()
    {
        if (_intent.Governorate is { } gov)
        {
            _state.Governorate = gov.Key;
        }

        if (_slots.Phone is { } phone)
        {
            _state.Phone = phone;
        }

        if (_slots.CustomerName is { } name)
        {
            _state.CustomerName = name;
        }

        if (_slots.Address is { } address)
        {
            _state.Address = WithEarlierPlace(address); // kept even before the product is known: nothing the customer gave is lost
        }
    }

    /// <summary>
    /// "بغداد المنصور", then "شارع 14 رمضان قرب الجامع": a street or landmark with no place of its own completes the
    /// district given before (an address of place names only); an address that names its own place replaces it.
    /// </summary>
    private string WithEarlierPlace(string address)
    {
        if (_state.Address is not { } earlier || earlier.Contains(address, StringComparison.Ordinal))
        {
            return _state.Address ?? address;
        }

        if (SlotExtractor.HasAddressWord(earlier) || !SlotExtractor.NamesPlace(earlier) || SlotExtractor.NamesPlace(address))
        {
            return address;
        }

        var comma = (earlier + address).Any(char.IsAsciiLetter) && !(earlier + address).Any(ArabicNormalizer.IsArabicLetter) ? ", " : "، ";
        return earlier + comma + address;
    }

    /// <summary>A question mark, a price cue ("شكد", "how much") or a question word ("شوكت", "when", "وين").</summary>
    private bool IsQuestion() =>
        _request.MessageText.Contains('?') || _request.MessageText.Contains('؟') || _intent.Has(CustomerIntent.Price)
        || _message.Tokens.Any(QuestionWords.Contains);

    private static readonly HashSet<string> QuestionWords = new[]
    {
        "شوكت", "يمته", "متى", "وين", "كم", "شكد", "شلون", "كيف", "هل", "when", "how", "where", "shwakit", "shwakt", "shgad", "shlon", "wein", "mata",
    }.Select(ArabicNormalizer.Normalize).ToHashSet(StringComparer.Ordinal);

    private void TakeAddress()
    {
        if (_state.City is null && _intent.Governorate?.Key == _state.Governorate
            && _message.Tokens.FirstOrDefault(Governorates.IsPlace) is { } place)
        {
            _state.City = SlotExtractor.OriginalWord(_request.MessageText, place);
        }

        if (_slots.Address is { } address)
        {
            _state.Address = WithEarlierPlace(address);
            return;
        }

        // Asked for the address and got a line of plain words: that is the address or landmark.
        // "انا من الحلة" only names the governorate: what is left after it and the fillers must be a place of its own; a
        // district or city ("بغداد زيونة", "الكرادة") is one.
        // "شكد التوصيل للديوانية" asks the fee: a question is not the address ("deliver to baghdad karrada" is one).
        if (_state.Address is null && (_state.Step == SalesStep.Collecting || _state.Cart.Count > 0) && _state.Governorate is not null
            && _intent.Primary is CustomerIntent.Other or CustomerIntent.Delivery && !(AsksDelivery() && IsQuestion()))
        {
            var cleaned = SlotExtractor.CleanAddress(_request.MessageText.Replace('\n', ' '));
            var tokens = ArabicNormalizer.Tokenize(cleaned);
            // "deliver to Najaf please" has no place of its own: words of the request are not the address.
            var placeWords = tokens.Count(t => t.Length >= 3 && !AddressFillers.Contains(t) && !t.All(char.IsAsciiDigit)
                && !IntentLexicon.CueWords.Contains(t) && !IntentLexicon.IsEnglishWord(t)
                && (Governorates.IsPlace(t) || Governorates.Detect(new NormalizedMessage(t)) is null));
            if (placeWords >= 1 && cleaned.Count(char.IsLetter) >= 4 && (_message.Tokens.Count >= 2 || tokens.Any(Governorates.IsPlace)))
            {
                _state.Address = cleaned;
            }
        }

    }
}

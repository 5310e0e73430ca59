using System.Text;
using AiSales.Core.Replies.Offline;

namespace AiSales.Bench.Intents;

/// <summary>The production detector, labelled the corpus way (snake_case of <see cref="CustomerIntent"/>).</summary>
public static class LexiconClassifier
{
    public static string Predict(string text) => Label(IntentDetector.Detect(text).Primary);

    public static string Label(CustomerIntent intent)
    {
        var name = intent.ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }
}

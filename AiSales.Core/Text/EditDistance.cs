namespace AiSales.Core.Text;

/// <summary>Optimal-string-alignment distance (Levenshtein plus adjacent swaps: "jakcet" = "jacket" + 1).</summary>
public static class EditDistance
{
    /// <summary>Distance between a and b; stops early and returns max+1 once it cannot be within <paramref name="max"/>.</summary>
    public static int Osa(string a, string b, int max = int.MaxValue)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        var width = b.Length + 1;
        // Three rows are enough for OSA; words are short, so stack memory is fine.
        // Long pasted "words" (links) go to the heap instead of blowing the stack.
        Span<int> prev2 = width <= 128 ? stackalloc int[width] : new int[width];
        Span<int> prev = width <= 128 ? stackalloc int[width] : new int[width];
        Span<int> cur = width <= 128 ? stackalloc int[width] : new int[width];
        for (var j = 0; j < width; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = cur[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, prev2[j - 2] + 1);
                }

                cur[j] = v;
                rowMin = Math.Min(rowMin, v);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            var tmp = prev2;
            prev2 = prev;
            prev = cur;
            cur = tmp;
        }

        return prev[b.Length];
    }
}

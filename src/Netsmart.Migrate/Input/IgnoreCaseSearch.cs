using System;
using System.Buffers;
using System.Collections.Concurrent;

namespace Netsmart.Migrate.Input;

/// <summary>
/// <c>text.IndexOf(needle, StringComparison.OrdinalIgnoreCase) &gt;= 0</c> for an ASCII needle at about the speed of an ordinal
/// search. The tool runs with <c>InvariantGlobalization</c>, where the runtime's ignore-case search compares character by
/// character: on the C# files of a large tree it was 10–20 times slower than an ordinal search of the same needle, and the
/// prefilter asks eight such needles of every file (measured: docs/performance.md). Here a vectorized search finds the needle's
/// least common character in every form that may equal it ignoring case, and the runtime's own ignore-case comparison
/// confirms each candidate, so the answer is the runtime's.
/// </summary>
internal static class IgnoreCaseSearch
{
    /// <summary>Characters of C# source from the most to the least common (roughly); a character not listed is rarer than all.</summary>
    private const string CommonFirst = " \n\r\t;.()etnsroiaclduphmgfbyvwk/_=\"x,{}<>-:qjz";

    private static readonly ConcurrentDictionary<string, Anchor> Anchors = new(StringComparer.Ordinal);

    /// <summary>The same answer as <c>text.IndexOf(needle, comparison) &gt;= 0</c>.</summary>
    public static bool Contains(string text, string needle, StringComparison comparison) =>
        comparison == StringComparison.OrdinalIgnoreCase ? Contains(text, needle) : text.IndexOf(needle, comparison) >= 0;

    /// <summary>The same answer as <c>text.IndexOf(needle, StringComparison.OrdinalIgnoreCase) &gt;= 0</c>.</summary>
    public static bool Contains(string text, string needle)
    {
        if (needle.Length == 0 || !IsAscii(needle))
        {
            return text.IndexOf(needle, StringComparison.OrdinalIgnoreCase) >= 0;
        }

        Anchor anchor = Anchors.GetOrAdd(needle, CreateAnchor);
        ReadOnlySpan<char> span = text.AsSpan();
        int from = anchor.Offset; // a match starting at p has its anchor at p + Offset
        int last = text.Length - needle.Length + anchor.Offset; // the anchor of the last possible match
        while (from <= last)
        {
            int i = span.Slice(from, last - from + 1).IndexOfAny(anchor.Forms);
            if (i < 0)
            {
                return false;
            }

            if (string.Compare(text, from + i - anchor.Offset, needle, 0, needle.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return true;
            }

            from += i + 1;
        }

        return false;
    }

    /// <summary>
    /// Every character that may equal <paramref name="c"/> ignoring case: itself, and for a letter each character whose
    /// invariant upper or lower case is the letter's (this takes in the non-ASCII ones that may, such as U+0131 for <c>i</c>
    /// and U+017F for <c>s</c>). A test requires it to hold every character the runtime's ignore-case comparison equates.
    /// </summary>
    internal static char[] Forms(char c)
    {
        if (!char.IsLetter(c))
        {
            return new[] { c };
        }

        char upper = char.ToUpperInvariant(c), lower = char.ToLowerInvariant(c);
        var forms = new System.Collections.Generic.List<char>();
        for (int x = 0; x <= char.MaxValue; x++)
        {
            char candidate = (char)x;
            if (!char.IsSurrogate(candidate) && (candidate == c || char.ToUpperInvariant(candidate) == upper || char.ToLowerInvariant(candidate) == lower))
            {
                forms.Add(candidate);
            }
        }

        return forms.ToArray();
    }

    /// <summary>The offset in the needle of the character searched for: the least common one, the first of equals.</summary>
    internal static int AnchorOffset(string needle)
    {
        int best = 0, bestRank = -1;
        for (int i = 0; i < needle.Length; i++)
        {
            int rank = CommonFirst.IndexOf(char.ToLowerInvariant(needle[i]));
            rank = rank < 0 ? CommonFirst.Length : rank;
            if (rank > bestRank)
            {
                best = i;
                bestRank = rank;
            }
        }

        return best;
    }

    private static Anchor CreateAnchor(string needle)
    {
        int offset = AnchorOffset(needle);
        return new Anchor(offset, SearchValues.Create(Forms(needle[offset])));
    }

    private static bool IsAscii(string text)
    {
        foreach (char c in text)
        {
            if (c > 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Anchor(int Offset, SearchValues<char> Forms);
}

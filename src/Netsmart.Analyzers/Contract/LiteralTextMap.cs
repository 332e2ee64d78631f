using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Netsmart.Analyzers;

/// <summary>How a string literal (or a text part of an interpolated string) is written.</summary>
internal enum LiteralStyle
{
    Regular,
    Verbatim,
    Raw,
}

/// <summary>
/// Maps every character of a literal token's value to the source text that writes it, so a range
/// of the value can be replaced in the source without touching the rest of the literal (escapes,
/// indentation of raw strings...). Created only when the decoding reproduces the compiler's value
/// exactly; otherwise <see cref="Create"/> returns null and the literal is reported, not rewritten.
/// Shared with the code fixes as linked source.
/// </summary>
internal sealed class LiteralTextMap
{
    private readonly int[] _starts;
    private readonly int[] _ends;

    private LiteralTextMap(SyntaxToken token, string value, int[] starts, int[] ends, int contentStart, int contentEnd,
        LiteralStyle style, bool isInterpolated, int dollarCount, bool isUtf8)
    {
        Token = token;
        Value = value;
        _starts = starts;
        _ends = ends;
        ContentStart = contentStart;
        ContentEnd = contentEnd;
        Style = style;
        IsInterpolated = isInterpolated;
        DollarCount = dollarCount;
        IsUtf8 = isUtf8;
    }

    public SyntaxToken Token { get; }

    public string Value { get; }

    /// <summary>Absolute position where the content starts (after the opening quotes / raw-string first line).</summary>
    public int ContentStart { get; }

    /// <summary>Absolute position where the content ends (before the closing quotes / raw-string last line).</summary>
    public int ContentEnd { get; }

    public LiteralStyle Style { get; }

    public bool IsInterpolated { get; }

    /// <summary>The number of <c>$</c> of a raw interpolated string (1 for other interpolated strings, 0 otherwise).</summary>
    public int DollarCount { get; }

    public bool IsUtf8 { get; }

    /// <summary>The source span that writes value characters [<paramref name="start"/>, start + <paramref name="length"/>); an empty span for an insertion.</summary>
    public TextSpan? MapRange(int start, int length)
    {
        if (start < 0 || length < 0 || start + length > Value.Length)
        {
            return null;
        }

        if (length == 0)
        {
            int at = start > 0 ? _ends[start - 1] : (Value.Length > 0 ? _starts[0] : ContentStart);
            return new TextSpan(at, 0);
        }

        return TextSpan.FromBounds(_starts[start], _ends[start + length - 1]);
    }

    public static LiteralTextMap? Create(SyntaxToken token)
    {
        try
        {
            return CreateCore(token);
        }
        catch (System.Exception ex) when (ex is System.ArgumentException || ex is System.IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static LiteralTextMap? CreateCore(SyntaxToken token)
    {
        string text = token.Text;
        int origin = token.SpanStart;
        switch ((SyntaxKind)token.RawKind)
        {
            case SyntaxKind.StringLiteralToken:
            case SyntaxKind.Utf8StringLiteralToken:
            {
                bool utf8 = token.IsKind(SyntaxKind.Utf8StringLiteralToken);
                int suffix = utf8 ? 2 : 0;
                bool verbatim = text.StartsWith("@", System.StringComparison.Ordinal);
                int open = verbatim ? 2 : 1;
                int close = text.Length - 1 - suffix;
                if (close < open)
                {
                    return null;
                }

                return Decode(token, text, origin, open, close, verbatim ? LiteralStyle.Verbatim : LiteralStyle.Regular, false, 0, utf8, null);
            }

            case SyntaxKind.SingleLineRawStringLiteralToken:
            case SyntaxKind.Utf8SingleLineRawStringLiteralToken:
            {
                bool utf8 = token.IsKind(SyntaxKind.Utf8SingleLineRawStringLiteralToken);
                int quotes = CountLeading(text, '"');
                int close = text.Length - (utf8 ? 2 : 0) - quotes;
                return close < quotes ? null : Decode(token, text, origin, quotes, close, LiteralStyle.Raw, false, 0, utf8, null);
            }

            case SyntaxKind.MultiLineRawStringLiteralToken:
            case SyntaxKind.Utf8MultiLineRawStringLiteralToken:
            {
                bool utf8 = token.IsKind(SyntaxKind.Utf8MultiLineRawStringLiteralToken);
                int quotes = CountLeading(text, '"');
                int closeQuotes = text.Length - (utf8 ? 2 : 0) - quotes;
                int firstNewLine = IndexOfNewLine(text, quotes);
                int lastNewLine = LastNewLineStart(text, closeQuotes);
                if (firstNewLine < 0 || lastNewLine < firstNewLine)
                {
                    return null;
                }

                int contentStart = SkipNewLine(text, firstNewLine);
                string indentation = text.Substring(SkipNewLine(text, lastNewLine), closeQuotes - SkipNewLine(text, lastNewLine));
                int contentEnd = lastNewLine < contentStart ? contentStart : lastNewLine;
                return Decode(token, text, origin, contentStart, contentEnd, LiteralStyle.Raw, false, 0, utf8, indentation);
            }

            case SyntaxKind.InterpolatedStringTextToken:
            {
                if (!(token.Parent?.Parent is InterpolatedStringExpressionSyntax interpolated))
                {
                    return null;
                }

                SyntaxToken startToken = interpolated.StringStartToken;
                int dollars = CountLeading(startToken.Text.Replace("@", string.Empty), '$');
                switch ((SyntaxKind)startToken.RawKind)
                {
                    case SyntaxKind.InterpolatedStringStartToken:
                        return Decode(token, text, origin, 0, text.Length, LiteralStyle.Regular, true, 1, false, null);
                    case SyntaxKind.InterpolatedVerbatimStringStartToken:
                        return Decode(token, text, origin, 0, text.Length, LiteralStyle.Verbatim, true, 1, false, null);
                    case SyntaxKind.InterpolatedSingleLineRawStringStartToken:
                        return Decode(token, text, origin, 0, text.Length, LiteralStyle.Raw, true, dollars, false, null);
                    case SyntaxKind.InterpolatedMultiLineRawStringStartToken:
                        string? indentation = RawIndentation(interpolated);
                        return indentation is null ? null : Decode(token, text, origin, 0, text.Length, LiteralStyle.Raw, true, dollars, false, indentation);
                }

                return null;
            }
        }

        return null;
    }

    private static LiteralTextMap? Decode(SyntaxToken token, string text, int origin, int contentStart, int contentEnd,
        LiteralStyle style, bool interpolated, int dollars, bool utf8, string? rawIndentation)
    {
        var value = new StringBuilder(contentEnd - contentStart);
        var starts = new int[contentEnd - contentStart];
        var ends = new int[contentEnd - contentStart];
        int n = 0;
        int i = contentStart;
        bool atLineStart = rawIndentation != null && (interpolated ? IsAfterNewLine(token, i) : i > 0 && IsNewLineChar(text[i - 1]));
        while (i < contentEnd)
        {
            if (rawIndentation != null && atLineStart)
            {
                atLineStart = false;
                int skip = 0;
                while (skip < rawIndentation.Length && i + skip < contentEnd && text[i + skip] == rawIndentation[skip])
                {
                    skip++;
                }

                i += skip;
                if (i >= contentEnd)
                {
                    break;
                }
            }

            char ch = text[i];
            int start = i;
            if (style == LiteralStyle.Regular && ch == '\\')
            {
                if (!TryDecodeEscape(text, ref i, contentEnd, value, origin + start, starts, ends, ref n))
                {
                    return null;
                }

                continue;
            }

            if (style == LiteralStyle.Verbatim && ch == '"' && i + 1 < contentEnd && text[i + 1] == '"')
            {
                i += 2;
            }
            else if (interpolated && style != LiteralStyle.Raw && (ch == '{' || ch == '}') && i + 1 < contentEnd && text[i + 1] == ch)
            {
                i += 2;
            }
            else
            {
                i++;
            }

            value.Append(ch);
            starts[n] = origin + start;
            ends[n] = origin + i;
            n++;
            if (rawIndentation != null && IsNewLineChar(ch) && !(ch == '\r' && i < contentEnd && text[i] == '\n'))
            {
                atLineStart = true;
            }
        }

        string decoded = value.ToString();
        if (decoded != token.ValueText && decoded != UnescapedValueText(token))
        {
            return null;
        }

        System.Array.Resize(ref starts, n);
        System.Array.Resize(ref ends, n);
        return new LiteralTextMap(token, decoded, starts, ends, origin + contentStart, origin + contentEnd, style, interpolated, dollars, utf8);
    }

    /// <summary>
    /// True when source text [<paramref name="start"/>, start + <paramref name="length"/>) holds a <c>\u</c>, <c>\U</c> or
    /// <c>\x</c> escape: a literal there may hold characters its source does not show, so a search of the source text
    /// for a value cannot rule that value out.
    /// </summary>
    public static bool MayHaveSpellingEscape(string sourceText, int start, int length) =>
        sourceText.IndexOf("\\u", start, length, System.StringComparison.Ordinal) >= 0 ||
        sourceText.IndexOf("\\U", start, length, System.StringComparison.Ordinal) >= 0 ||
        sourceText.IndexOf("\\x", start, length, System.StringComparison.Ordinal) >= 0;

    /// <summary>True for the tokens that hold string text: every string literal form and interpolated-string text.</summary>
    public static bool IsStringToken(SyntaxToken token)
    {
        switch ((SyntaxKind)token.RawKind)
        {
            case SyntaxKind.StringLiteralToken:
            case SyntaxKind.Utf8StringLiteralToken:
            case SyntaxKind.SingleLineRawStringLiteralToken:
            case SyntaxKind.MultiLineRawStringLiteralToken:
            case SyntaxKind.Utf8SingleLineRawStringLiteralToken:
            case SyntaxKind.Utf8MultiLineRawStringLiteralToken:
            case SyntaxKind.InterpolatedStringTextToken:
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The value of a literal or interpolated-text token. The compiler keeps "{{" and "}}" doubled in the
    /// value text of interpolated-string text tokens; this returns the characters the string really holds.
    /// </summary>
    public static string UnescapedValueText(SyntaxToken token)
    {
        string valueText = token.ValueText;
        if (!token.IsKind(SyntaxKind.InterpolatedStringTextToken) ||
            (valueText.IndexOf("{{", System.StringComparison.Ordinal) < 0 && valueText.IndexOf("}}", System.StringComparison.Ordinal) < 0))
        {
            return valueText;
        }

        if (token.Parent?.Parent is InterpolatedStringExpressionSyntax interpolated &&
            (interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedSingleLineRawStringStartToken) ||
             interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedMultiLineRawStringStartToken)))
        {
            return valueText;
        }

        return valueText.Replace("{{", "{").Replace("}}", "}");
    }

    private static bool TryDecodeEscape(string text, ref int i, int end, StringBuilder value, int sourceStart, int[] starts, int[] ends, ref int n)
    {
        if (i + 1 >= end)
        {
            return false;
        }

        char e = text[i + 1];
        string? decoded;
        int length = 2;
        switch (e)
        {
            case '\'': decoded = "'"; break;
            case '"': decoded = "\""; break;
            case '\\': decoded = "\\"; break;
            case '0': decoded = "\0"; break;
            case 'a': decoded = "\a"; break;
            case 'b': decoded = "\b"; break;
            case 'e': decoded = "\u001b"; break;
            case 'f': decoded = "\f"; break;
            case 'n': decoded = "\n"; break;
            case 'r': decoded = "\r"; break;
            case 't': decoded = "\t"; break;
            case 'v': decoded = "\v"; break;
            case 'u':
            case 'U':
            case 'x':
            {
                int max = e == 'u' ? 4 : e == 'U' ? 8 : 4;
                int digits = 0;
                while (digits < max && i + 2 + digits < end && IsHex(text[i + 2 + digits]))
                {
                    digits++;
                }

                if (digits == 0 || (e != 'x' && digits != max))
                {
                    return false;
                }

                uint code = System.Convert.ToUInt32(text.Substring(i + 2, digits), 16);
                decoded = code > 0xFFFF ? char.ConvertFromUtf32((int)code) : ((char)code).ToString();
                length = 2 + digits;
                break;
            }

            default:
                return false;
        }

        i += length;
        foreach (char c in decoded)
        {
            value.Append(c);
            starts[n] = sourceStart;
            ends[n] = sourceStart + length;
            n++;
        }

        return true;
    }

    private static string? RawIndentation(InterpolatedStringExpressionSyntax interpolated)
    {
        SyntaxToken end = interpolated.StringEndToken;
        SourceText? source = interpolated.SyntaxTree?.GetText();
        if (source is null)
        {
            return null;
        }

        // The closing quotes stand at the end of the end token; the whitespace before them on their line is the indentation.
        int quotes = 0;
        string endText = end.Text;
        while (quotes < endText.Length && endText[endText.Length - 1 - quotes] == '"')
        {
            quotes++;
        }

        int p = end.Span.End - quotes;
        int q = p;
        while (q > 0 && (source[q - 1] == ' ' || source[q - 1] == '\t'))
        {
            q--;
        }

        return q > 0 && IsNewLineChar(source[q - 1]) ? source.ToString(TextSpan.FromBounds(q, p)) : null;
    }

    private static bool IsAfterNewLine(SyntaxToken token, int index)
    {
        if (index > 0)
        {
            return IsNewLineChar(token.Text[index - 1]);
        }

        SourceText? source = token.SyntaxTree?.GetText();
        int position = token.SpanStart;
        return source != null && position > 0 && IsNewLineChar(source[position - 1]);
    }

    private static int CountLeading(string text, char ch)
    {
        int count = 0;
        while (count < text.Length && text[count] == ch)
        {
            count++;
        }

        return count;
    }

    private static int IndexOfNewLine(string text, int from)
    {
        for (int i = from; i < text.Length; i++)
        {
            if (IsNewLineChar(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Start of the line break that ends the last content line (the one before the closing quotes' line).</summary>
    private static int LastNewLineStart(string text, int closeQuotes)
    {
        int i = closeQuotes - 1;
        while (i >= 0 && (text[i] == ' ' || text[i] == '\t'))
        {
            i--;
        }

        if (i < 0 || !IsNewLineChar(text[i]))
        {
            return -1;
        }

        return text[i] == '\n' && i > 0 && text[i - 1] == '\r' ? i - 1 : i;
    }

    private static int SkipNewLine(string text, int index) =>
        text[index] == '\r' && index + 1 < text.Length && text[index + 1] == '\n' ? index + 2 : index + 1;

    private static bool IsNewLineChar(char ch) => ch == '\n' || ch == '\r' || ch == '\u2028' || ch == '\u2029' || ch == '\u0085';

    private static bool IsHex(char ch) => (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

using System;
using System.Collections.Generic;
using System.Text;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Analyzers.CodeFixes.Editing;

/// <summary>
/// Writes new value text into a string literal token (or an interpolated-string text token) in the
/// literal's own form: escapes for regular strings, doubled quotes for verbatim strings, braces for
/// interpolated strings, and — when the tenant becomes an expression — the conversion of a plain
/// literal to an interpolated string of the same kind (verbatim stays verbatim, raw stays raw).
/// </summary>
internal static class LiteralRewriter
{
    /// <summary>The new text of the token; null when the edits cannot be written safely.</summary>
    /// <param name="map">The token's text map.</param>
    /// <param name="edits">Edits inside the token, sorted, non-overlapping (absolute positions).</param>
    /// <param name="tenantExpression">The expression to write for the tenant placeholder, or null to keep the placeholder.</param>
    public static string? Rewrite(LiteralTextMap map, IReadOnlyList<SourceEdit> edits, string? tenantExpression)
    {
        string text = map.Token.Text;
        int origin = map.Token.SpanStart;
        bool hole = tenantExpression != null && !map.IsUtf8 && HasPlaceholder(edits);
        bool convert = hole && !map.IsInterpolated;
        int dollars = map.IsInterpolated ? map.DollarCount : 0;
        if (convert)
        {
            dollars = map.Style == LiteralStyle.Raw ? MaxBraceRun(map.Value) + 1 : 1;
        }

        bool interpolated = map.IsInterpolated || convert;
        var sb = new StringBuilder(text.Length + 64);
        if (convert)
        {
            sb.Append('$', dollars);
        }

        int position = 0;
        foreach (SourceEdit edit in edits)
        {
            int start = edit.Span.Start - origin;
            int end = edit.Span.End - origin;
            if (start < position || end > text.Length || start < map.ContentStart - origin || end > map.ContentEnd - origin)
            {
                return null;
            }

            AppendSource(sb, text, position, start, convert && map.Style != LiteralStyle.Raw);
            if (!AppendValue(sb, edit.NewValueText, map.Style, interpolated, dollars, hole ? tenantExpression : null))
            {
                return null;
            }

            position = end;
        }

        AppendSource(sb, text, position, text.Length, convert && map.Style != LiteralStyle.Raw);
        return sb.ToString();
    }

    /// <summary>Writes an expression into an interpolation hole: parenthesised when a ':' would read as a format.</summary>
    public static string HoleText(string expression) =>
        expression.IndexOf(':') >= 0 || expression.IndexOf('?') >= 0 ? "(" + expression + ")" : expression;

    private static bool HasPlaceholder(IReadOnlyList<SourceEdit> edits)
    {
        foreach (SourceEdit edit in edits)
        {
            if (edit.NewValueText.IndexOf(NetsmartTenantSegment.Placeholder, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static void AppendSource(StringBuilder sb, string text, int start, int end, bool doubleBraces)
    {
        for (int i = start; i < end; i++)
        {
            char ch = text[i];
            sb.Append(ch);
            if (doubleBraces && (ch == '{' || ch == '}'))
            {
                sb.Append(ch);
            }
        }
    }

    private static bool AppendValue(StringBuilder sb, string value, LiteralStyle style, bool interpolated, int dollars, string? tenantExpression)
    {
        int position = 0;
        while (position <= value.Length)
        {
            int placeholder = tenantExpression is null ? -1 : value.IndexOf(NetsmartTenantSegment.Placeholder, position, StringComparison.Ordinal);
            int chunkEnd = placeholder < 0 ? value.Length : placeholder;
            if (!AppendChunk(sb, value.Substring(position, chunkEnd - position), style, interpolated, dollars))
            {
                return false;
            }

            if (placeholder < 0)
            {
                break;
            }

            int braces = Math.Max(1, dollars);
            sb.Append('{', braces).Append(HoleText(tenantExpression!)).Append('}', braces);
            position = placeholder + NetsmartTenantSegment.Placeholder.Length;
        }

        return true;
    }

    private static bool AppendChunk(StringBuilder sb, string chunk, LiteralStyle style, bool interpolated, int dollars)
    {
        if (chunk.Length == 0)
        {
            return true;
        }

        if (style == LiteralStyle.Raw)
        {
            if (chunk.IndexOf("\"\"\"", StringComparison.Ordinal) >= 0 || chunk.IndexOf('\n') >= 0 || chunk.IndexOf('\r') >= 0)
            {
                return false;
            }

            if (interpolated && MaxBraceRun(chunk) >= dollars)
            {
                // A brace run this long would open a hole: write the braced part as a constant inside one,
                // e.g. {"{tenant-id}"}, and the text around it as it is.
                int open = chunk.IndexOf('{');
                int close = chunk.LastIndexOf('}');
                int from = open < 0 ? 0 : open;
                int to = close < from ? chunk.Length : close + 1;
                sb.Append(chunk, 0, from);
                sb.Append('{', dollars).Append('"').Append(EscapeRegular(chunk.Substring(from, to - from))).Append('"').Append('}', dollars);
                sb.Append(chunk, to, chunk.Length - to);
                return true;
            }

            sb.Append(chunk);
            return true;
        }

        string escaped = style == LiteralStyle.Verbatim ? chunk.Replace("\"", "\"\"") : EscapeRegular(chunk);
        if (interpolated)
        {
            escaped = escaped.Replace("{", "{{").Replace("}", "}}");
        }

        sb.Append(escaped);
        return true;
    }

    private static string EscapeRegular(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (char ch in value)
        {
            switch (ch)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default: sb.Append(ch); break;
            }
        }

        return sb.ToString();
    }

    private static int MaxBraceRun(string value)
    {
        int max = 0;
        int run = 0;
        char previous = '\0';
        foreach (char ch in value)
        {
            run = (ch == '{' || ch == '}') && ch == previous ? run + 1 : (ch == '{' || ch == '}') ? 1 : 0;
            max = Math.Max(max, run);
            previous = ch;
        }

        return max;
    }
}

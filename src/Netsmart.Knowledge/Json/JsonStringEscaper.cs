using System.Globalization;
using System.Text;

namespace Netsmart.Knowledge.Json;

/// <summary>Writes text back into JSON string form.</summary>
internal static class JsonStringEscaper
{
    /// <summary>
    /// Escapes <paramref name="value"/> for use between the quotes of a JSON string: <c>"</c>, <c>\</c>
    /// and control characters. <c>/</c> and non-ASCII characters are left as they are.
    /// </summary>
    public static string Escape(string value)
    {
        int first = 0;
        while (first < value.Length && !NeedsEscape(value[first]))
        {
            first++;
        }

        if (first == value.Length)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 8);
        sb.Append(value, 0, first);
        for (int i = first; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>The complete JSON string literal, quotes included.</summary>
    public static string Quote(string value) => "\"" + Escape(value) + "\"";

    private static bool NeedsEscape(char c) => c < ' ' || c == '"' || c == '\\';
}

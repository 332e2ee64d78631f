using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Netsmart.Knowledge.Json;

/// <summary>The lexical half of the reader: strings and escapes, numbers, literals, trivia, error positions.</summary>
internal static partial class JsonStringTokenizer
{
    private sealed partial class Reader
    {
        private JsonStringToken? ReadString(JsonStringKind kind, JsonPathSegment? parent, bool isName)
        {
            int start = pos;
            int contentStart = ++pos;
            StringBuilder? sb = null;
            List<int>? map = null;
            while (pos < s.Length)
            {
                char c = s[pos];
                if (c == '"')
                {
                    string value = sb == null ? s.Substring(contentStart, pos - contentStart) : sb.ToString();
                    int[]? offsets = null;
                    if (map != null)
                    {
                        map.Add(pos);
                        offsets = map.ToArray();
                    }

                    pos++;
                    var path = isName ? new JsonPathSegment(parent, value, -1) : parent;
                    var token = new JsonStringToken(start, pos - start, kind, value, offsets, path);
                    tokens.Add(token);
                    return token;
                }

                if (c == '\\')
                {
                    if (sb == null)
                    {
                        sb = new StringBuilder(s, contentStart, pos - contentStart, pos - contentStart + 16);
                        map = new List<int>(pos - contentStart + 16);
                        for (int k = contentStart; k < pos; k++)
                        {
                            map.Add(k);
                        }
                    }

                    if (!ReadEscape(sb, start))
                    {
                        return null;
                    }

                    map!.Add(pos);
                    pos += s[pos + 1] == 'u' ? 6 : 2;
                    continue;
                }

                if (c < ' ')
                {
                    if (c == '\n' || c == '\r')
                    {
                        Fail(JsonErrorKind.UnterminatedString, start, "string starting here is not closed before the end of the line");
                    }
                    else
                    {
                        Fail(JsonErrorKind.InvalidCharacterInString, pos, "control character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + " in a string must be escaped");
                    }

                    return null;
                }

                sb?.Append(c);
                map?.Add(pos);
                pos++;
            }

            Fail(JsonErrorKind.UnterminatedString, start, "string starting here is not closed");
            return null;
        }

        /// <summary>Decodes the escape at <see cref="pos"/> into <paramref name="sb"/> without moving <see cref="pos"/>.</summary>
        private bool ReadEscape(StringBuilder sb, int stringStart)
        {
            if (pos + 1 >= s.Length)
            {
                Fail(JsonErrorKind.UnterminatedString, stringStart, "string starting here is not closed");
                return false;
            }

            char e = s[pos + 1];
            switch (e)
            {
                case '"': sb.Append('"'); return true;
                case '\\': sb.Append('\\'); return true;
                case '/': sb.Append('/'); return true;
                case 'b': sb.Append('\b'); return true;
                case 'f': sb.Append('\f'); return true;
                case 'n': sb.Append('\n'); return true;
                case 'r': sb.Append('\r'); return true;
                case 't': sb.Append('\t'); return true;
                case 'u':
                    int code = 0;
                    for (int k = pos + 2; k < pos + 6; k++)
                    {
                        int digit = k < s.Length ? HexValue(s[k]) : -1;
                        if (digit < 0)
                        {
                            Fail(JsonErrorKind.InvalidEscape, pos, "'\\u' must be followed by four hexadecimal digits");
                            return false;
                        }

                        code = (code << 4) | digit;
                    }

                    sb.Append((char)code);
                    return true;
                default:
                    Fail(JsonErrorKind.InvalidEscape, pos, "invalid escape '\\" + (e < ' ' ? "U+" + ((int)e).ToString("X4", CultureInfo.InvariantCulture) : e.ToString()) + "'");
                    return false;
            }
        }

        private void ReadNumber()
        {
            int start = pos;
            if (s[pos] == '-')
            {
                pos++;
            }

            if (pos < s.Length && s[pos] == '0')
            {
                pos++;
            }
            else if (!Digits())
            {
                Fail(JsonErrorKind.InvalidNumber, start, "invalid number");
                return;
            }

            if (pos < s.Length && s[pos] == '.')
            {
                pos++;
                if (!Digits())
                {
                    Fail(JsonErrorKind.InvalidNumber, start, "invalid number: digits expected after '.'");
                    return;
                }
            }

            if (pos < s.Length && (s[pos] == 'e' || s[pos] == 'E'))
            {
                pos++;
                if (pos < s.Length && (s[pos] == '+' || s[pos] == '-'))
                {
                    pos++;
                }

                if (!Digits())
                {
                    Fail(JsonErrorKind.InvalidNumber, start, "invalid number: digits expected in the exponent");
                    return;
                }
            }

            if (!AtDelimiter())
            {
                Fail(JsonErrorKind.InvalidNumber, start, "invalid number");
                return;
            }

            AfterValue();
        }

        private bool Digits()
        {
            int start = pos;
            while (pos < s.Length && s[pos] >= '0' && s[pos] <= '9')
            {
                pos++;
            }

            return pos > start;
        }

        private void ReadLiteral(string literal)
        {
            if (s.Length - pos < literal.Length || string.CompareOrdinal(s, pos, literal, 0, literal.Length) != 0)
            {
                Fail(JsonErrorKind.InvalidLiteral, pos, "invalid literal; expected '" + literal + "'");
                return;
            }

            int start = pos;
            pos += literal.Length;
            if (!AtDelimiter())
            {
                Fail(JsonErrorKind.InvalidLiteral, start, "invalid literal; expected '" + literal + "'");
                return;
            }

            AfterValue();
        }

        private bool AtDelimiter()
        {
            if (pos >= s.Length)
            {
                return true;
            }

            char c = s[pos];
            return c == ',' || c == ']' || c == '}' || c == '/' || IsWhitespace(c);
        }

        /// <summary>Skips whitespace and comments. False after reporting an unterminated comment.</summary>
        private bool SkipTrivia()
        {
            while (pos < s.Length)
            {
                char c = s[pos];
                if (IsWhitespace(c))
                {
                    pos++;
                }
                else if (c == '/' && pos + 1 < s.Length && s[pos + 1] == '/')
                {
                    pos += 2;
                    while (pos < s.Length && s[pos] != '\n' && s[pos] != '\r')
                    {
                        pos++;
                    }
                }
                else if (c == '/' && pos + 1 < s.Length && s[pos + 1] == '*')
                {
                    int end = s.IndexOf("*/", pos + 2, System.StringComparison.Ordinal);
                    if (end < 0)
                    {
                        Fail(JsonErrorKind.UnterminatedComment, pos, "comment starting here is not closed with '*/'");
                        return false;
                    }

                    pos = end + 2;
                }
                else
                {
                    return true;
                }
            }

            return true;
        }

        private void Fail(JsonErrorKind kind, int offset, string message)
        {
            LineColumn(offset, out int line, out int column);
            error = new JsonError(kind, offset, line, column, message);
        }

        private string Where(int offset)
        {
            LineColumn(offset, out int line, out int column);
            return "line " + line + ", column " + column;
        }

        private void LineColumn(int offset, out int line, out int column)
        {
            line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset && i < s.Length; i++)
            {
                char c = s[i];
                if (c == '\n' || (c == '\r' && (i + 1 >= s.Length || s[i + 1] != '\n')))
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            column = offset - lineStart + 1;
        }

        private static bool IsWhitespace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r';

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        private static string Describe(char c) => c < ' ' ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : "'" + c + "'";
    }
}

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
            int start = _pos;
            int contentStart = ++_pos;
            StringBuilder? sb = null;
            List<int>? map = null;
            while (_pos < _s.Length)
            {
                char c = _s[_pos];
                if (c == '"')
                {
                    string value = sb == null ? _s.Substring(contentStart, _pos - contentStart) : sb.ToString();
                    int[]? offsets = null;
                    if (map != null)
                    {
                        map.Add(_pos);
                        offsets = map.ToArray();
                    }

                    _pos++;
                    var path = isName ? new JsonPathSegment(parent, value, -1) : parent;
                    var token = new JsonStringToken(start, _pos - start, kind, value, offsets, path);
                    _tokens.Add(token);
                    return token;
                }

                if (c == '\\')
                {
                    if (sb == null)
                    {
                        sb = new StringBuilder(_s, contentStart, _pos - contentStart, _pos - contentStart + 16);
                        map = new List<int>(_pos - contentStart + 16);
                        for (int k = contentStart; k < _pos; k++)
                        {
                            map.Add(k);
                        }
                    }

                    if (!ReadEscape(sb, start))
                    {
                        return null;
                    }

                    map!.Add(_pos);
                    _pos += _s[_pos + 1] == 'u' ? 6 : 2;
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
                        Fail(JsonErrorKind.InvalidCharacterInString, _pos, "control character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + " in a string must be escaped");
                    }

                    return null;
                }

                sb?.Append(c);
                map?.Add(_pos);
                _pos++;
            }

            Fail(JsonErrorKind.UnterminatedString, start, "string starting here is not closed");
            return null;
        }

        /// <summary>Decodes the escape at <see cref="_pos"/> into <paramref name="sb"/> without moving <see cref="_pos"/>.</summary>
        private bool ReadEscape(StringBuilder sb, int stringStart)
        {
            if (_pos + 1 >= _s.Length)
            {
                Fail(JsonErrorKind.UnterminatedString, stringStart, "string starting here is not closed");
                return false;
            }

            char e = _s[_pos + 1];
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
                    for (int k = _pos + 2; k < _pos + 6; k++)
                    {
                        int digit = k < _s.Length ? HexValue(_s[k]) : -1;
                        if (digit < 0)
                        {
                            Fail(JsonErrorKind.InvalidEscape, _pos, "'\\u' must be followed by four hexadecimal digits");
                            return false;
                        }

                        code = (code << 4) | digit;
                    }

                    sb.Append((char)code);
                    return true;
                default:
                    Fail(JsonErrorKind.InvalidEscape, _pos, "invalid escape '\\" + (e < ' ' ? "U+" + ((int)e).ToString("X4", CultureInfo.InvariantCulture) : e.ToString()) + "'");
                    return false;
            }
        }

        private void ReadNumber()
        {
            int start = _pos;
            if (_s[_pos] == '-')
            {
                _pos++;
            }

            if (_pos < _s.Length && _s[_pos] == '0')
            {
                _pos++;
            }
            else if (!Digits())
            {
                Fail(JsonErrorKind.InvalidNumber, start, "invalid number");
                return;
            }

            if (_pos < _s.Length && _s[_pos] == '.')
            {
                _pos++;
                if (!Digits())
                {
                    Fail(JsonErrorKind.InvalidNumber, start, "invalid number: digits expected after '.'");
                    return;
                }
            }

            if (_pos < _s.Length && (_s[_pos] == 'e' || _s[_pos] == 'E'))
            {
                _pos++;
                if (_pos < _s.Length && (_s[_pos] == '+' || _s[_pos] == '-'))
                {
                    _pos++;
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
            int start = _pos;
            while (_pos < _s.Length && _s[_pos] >= '0' && _s[_pos] <= '9')
            {
                _pos++;
            }

            return _pos > start;
        }

        private void ReadLiteral(string literal)
        {
            if (_s.Length - _pos < literal.Length || string.CompareOrdinal(_s, _pos, literal, 0, literal.Length) != 0)
            {
                Fail(JsonErrorKind.InvalidLiteral, _pos, "invalid literal; expected '" + literal + "'");
                return;
            }

            int start = _pos;
            _pos += literal.Length;
            if (!AtDelimiter())
            {
                Fail(JsonErrorKind.InvalidLiteral, start, "invalid literal; expected '" + literal + "'");
                return;
            }

            AfterValue();
        }

        private bool AtDelimiter()
        {
            if (_pos >= _s.Length)
            {
                return true;
            }

            char c = _s[_pos];
            return c == ',' || c == ']' || c == '}' || c == '/' || IsWhitespace(c);
        }

        /// <summary>Skips whitespace and comments. False after reporting an unterminated comment.</summary>
        private bool SkipTrivia()
        {
            while (_pos < _s.Length)
            {
                char c = _s[_pos];
                if (IsWhitespace(c))
                {
                    _pos++;
                }
                else if (c == '/' && _pos + 1 < _s.Length && _s[_pos + 1] == '/')
                {
                    _pos += 2;
                    while (_pos < _s.Length && _s[_pos] != '\n' && _s[_pos] != '\r')
                    {
                        _pos++;
                    }
                }
                else if (c == '/' && _pos + 1 < _s.Length && _s[_pos + 1] == '*')
                {
                    int end = _s.IndexOf("*/", _pos + 2, System.StringComparison.Ordinal);
                    if (end < 0)
                    {
                        Fail(JsonErrorKind.UnterminatedComment, _pos, "comment starting here is not closed with '*/'");
                        return false;
                    }

                    _pos = end + 2;
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
            _error = new JsonError(kind, offset, line, column, message);
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
            for (int i = 0; i < offset && i < _s.Length; i++)
            {
                char c = _s[i];
                if (c == '\n' || (c == '\r' && (i + 1 >= _s.Length || _s[i + 1] != '\n')))
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

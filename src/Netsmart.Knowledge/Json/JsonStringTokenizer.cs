using System.Collections.Generic;

namespace Netsmart.Knowledge.Json;

/// <summary>
/// A tolerant, linear-time JSON reader that reports every string token (property names and values)
/// with its source span, decoded value and property path. Accepts <c>//</c> and <c>/* */</c> comments and
/// trailing commas (appsettings style). Never throws: malformed input yields a result with an error
/// and the strings found before it. No recursion, so deep nesting cannot overflow the stack.
/// </summary>
internal static partial class JsonStringTokenizer
{
    /// <summary>The deepest nesting of objects and arrays accepted (System.Text.Json's default is 64).</summary>
    public const int MaxDepth = 512;

    public static JsonTokenizeResult Tokenize(string? text) => new Reader(text ?? string.Empty).Run();

    private enum Expect
    {
        Value,          // root value, or after ':'
        ValueOrClose,   // after '[' or ',' in an array
        NameOrClose,    // after '{' or ',' in an object
        Colon,
        CommaOrClose,
        Done,
    }

    private sealed class Frame
    {
        public Frame(bool isArray, JsonPathSegment? path, int openOffset)
        {
            IsArray = isArray;
            Path = path;
            OpenOffset = openOffset;
        }

        public bool IsArray { get; }

        public JsonPathSegment? Path { get; }

        public int OpenOffset { get; }

        public int Index { get; set; }

        public JsonPathSegment? PendingProperty { get; set; }
    }

    private sealed partial class Reader
    {
        private readonly string _s;
        private readonly List<JsonStringToken> _tokens = new List<JsonStringToken>();
        private readonly List<Frame> _stack = new List<Frame>();
        private int _pos;
        private JsonError? _error;
        private Expect _expect = Expect.Value;

        public Reader(string text)
        {
            _s = text;
            if (_s.Length > 0 && _s[0] == '\uFEFF')
            {
                _pos = 1;
            }
        }

        private Frame? Top => _stack.Count == 0 ? null : _stack[_stack.Count - 1];

        public JsonTokenizeResult Run()
        {
            while (_error == null)
            {
                if (!SkipTrivia())
                {
                    break;
                }

                if (_pos >= _s.Length)
                {
                    if (_expect != Expect.Done)
                    {
                        ReportEnd();
                    }

                    break;
                }

                Step(_s[_pos]);
            }

            return new JsonTokenizeResult(_tokens, _error);
        }

        private void Step(char c)
        {
            switch (_expect)
            {
                case Expect.Value:
                case Expect.ValueOrClose:
                    if (_expect == Expect.ValueOrClose && c == ']')
                    {
                        Close(c);
                    }
                    else
                    {
                        ReadValue(c);
                    }

                    break;

                case Expect.NameOrClose:
                    if (c == '}')
                    {
                        Close(c);
                    }
                    else if (c == '"')
                    {
                        var frame = Top!;
                        var token = ReadString(JsonStringKind.PropertyName, frame.Path, isName: true);
                        if (token != null)
                        {
                            frame.PendingProperty = token.PathSegment;
                            _expect = Expect.Colon;
                        }
                    }
                    else
                    {
                        Fail(JsonErrorKind.ExpectedPropertyName, _pos, "expected a property name in double quotes or '}', found " + Describe(c));
                    }

                    break;

                case Expect.Colon:
                    if (c == ':')
                    {
                        _pos++;
                        _expect = Expect.Value;
                    }
                    else
                    {
                        Fail(JsonErrorKind.ExpectedColon, _pos, "expected ':' after the property name, found " + Describe(c));
                    }

                    break;

                case Expect.CommaOrClose:
                    if (c == ',')
                    {
                        _pos++;
                        _expect = Top!.IsArray ? Expect.ValueOrClose : Expect.NameOrClose;
                    }
                    else if (c == ']' || c == '}')
                    {
                        Close(c);
                    }
                    else
                    {
                        Fail(JsonErrorKind.ExpectedCommaOrEnd, _pos, "expected ',' or '" + (Top!.IsArray ? ']' : '}') + "', found " + Describe(c));
                    }

                    break;

                default:
                    Fail(JsonErrorKind.TrailingContent, _pos, "unexpected " + Describe(c) + " after the end of the JSON value");
                    break;
            }
        }

        private void ReadValue(char c)
        {
            switch (c)
            {
                case '{':
                case '[':
                    if (_stack.Count >= MaxDepth)
                    {
                        Fail(JsonErrorKind.TooDeep, _pos, "objects and arrays are nested deeper than " + MaxDepth + " levels");
                        return;
                    }

                    _stack.Add(new Frame(c == '[', ValuePath(), _pos));
                    _pos++;
                    _expect = c == '[' ? Expect.ValueOrClose : Expect.NameOrClose;
                    return;
                case '"':
                    if (ReadString(JsonStringKind.Value, ValuePath(), isName: false) != null)
                    {
                        AfterValue();
                    }

                    return;
                case 't':
                    ReadLiteral("true");
                    return;
                case 'f':
                    ReadLiteral("false");
                    return;
                case 'n':
                    ReadLiteral("null");
                    return;
                case ']':
                case '}':
                    Fail(_stack.Count == 0 ? JsonErrorKind.UnexpectedCharacter : JsonErrorKind.MismatchedBracket, _pos, "expected a value, found " + Describe(c));
                    return;
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        ReadNumber();
                    }
                    else
                    {
                        Fail(JsonErrorKind.UnexpectedCharacter, _pos, "expected a value, found " + Describe(c));
                    }

                    return;
            }
        }

        private JsonPathSegment? ValuePath()
        {
            var top = Top;
            if (top == null)
            {
                return null;
            }

            return top.IsArray ? new JsonPathSegment(top.Path, null, top.Index) : top.PendingProperty;
        }

        private void AfterValue()
        {
            var top = Top;
            if (top == null)
            {
                _expect = Expect.Done;
                return;
            }

            if (top.IsArray)
            {
                top.Index++;
            }

            _expect = Expect.CommaOrClose;
        }

        private void Close(char c)
        {
            var top = Top!;
            if (top.IsArray != (c == ']'))
            {
                Fail(JsonErrorKind.MismatchedBracket, _pos, "'" + c + "' does not close the '" + (top.IsArray ? '[' : '{') + "' opened at " + Where(top.OpenOffset));
                return;
            }

            _stack.RemoveAt(_stack.Count - 1);
            _pos++;
            AfterValue();
        }

        private void ReportEnd()
        {
            var top = Top;
            if (top == null)
            {
                if (_expect == Expect.Value)
                {
                    Fail(JsonErrorKind.EmptyDocument, _pos, "the document contains no JSON value");
                }

                return;
            }

            Fail(JsonErrorKind.UnexpectedEnd, _s.Length, "unexpected end of input: '" + (top.IsArray ? '[' : '{') + "' opened at " + Where(top.OpenOffset) + " is not closed");
        }
    }
}

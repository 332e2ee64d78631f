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
        private readonly string s;
        private readonly List<JsonStringToken> tokens = new List<JsonStringToken>();
        private readonly List<Frame> stack = new List<Frame>();
        private int pos;
        private JsonError? error;
        private Expect expect = Expect.Value;

        public Reader(string text)
        {
            s = text;
            if (s.Length > 0 && s[0] == '\uFEFF')
            {
                pos = 1;
            }
        }

        private Frame? Top => stack.Count == 0 ? null : stack[stack.Count - 1];

        public JsonTokenizeResult Run()
        {
            while (error == null)
            {
                if (!SkipTrivia())
                {
                    break;
                }

                if (pos >= s.Length)
                {
                    if (expect != Expect.Done)
                    {
                        ReportEnd();
                    }

                    break;
                }

                Step(s[pos]);
            }

            return new JsonTokenizeResult(tokens, error);
        }

        private void Step(char c)
        {
            switch (expect)
            {
                case Expect.Value:
                case Expect.ValueOrClose:
                    if (expect == Expect.ValueOrClose && c == ']')
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
                            expect = Expect.Colon;
                        }
                    }
                    else
                    {
                        Fail(JsonErrorKind.ExpectedPropertyName, pos, "expected a property name in double quotes or '}', found " + Describe(c));
                    }

                    break;

                case Expect.Colon:
                    if (c == ':')
                    {
                        pos++;
                        expect = Expect.Value;
                    }
                    else
                    {
                        Fail(JsonErrorKind.ExpectedColon, pos, "expected ':' after the property name, found " + Describe(c));
                    }

                    break;

                case Expect.CommaOrClose:
                    if (c == ',')
                    {
                        pos++;
                        expect = Top!.IsArray ? Expect.ValueOrClose : Expect.NameOrClose;
                    }
                    else if (c == ']' || c == '}')
                    {
                        Close(c);
                    }
                    else
                    {
                        Fail(JsonErrorKind.ExpectedCommaOrEnd, pos, "expected ',' or '" + (Top!.IsArray ? ']' : '}') + "', found " + Describe(c));
                    }

                    break;

                default:
                    Fail(JsonErrorKind.TrailingContent, pos, "unexpected " + Describe(c) + " after the end of the JSON value");
                    break;
            }
        }

        private void ReadValue(char c)
        {
            switch (c)
            {
                case '{':
                case '[':
                    if (stack.Count >= MaxDepth)
                    {
                        Fail(JsonErrorKind.TooDeep, pos, "objects and arrays are nested deeper than " + MaxDepth + " levels");
                        return;
                    }

                    stack.Add(new Frame(c == '[', ValuePath(), pos));
                    pos++;
                    expect = c == '[' ? Expect.ValueOrClose : Expect.NameOrClose;
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
                    Fail(stack.Count == 0 ? JsonErrorKind.UnexpectedCharacter : JsonErrorKind.MismatchedBracket, pos, "expected a value, found " + Describe(c));
                    return;
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        ReadNumber();
                    }
                    else
                    {
                        Fail(JsonErrorKind.UnexpectedCharacter, pos, "expected a value, found " + Describe(c));
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
                expect = Expect.Done;
                return;
            }

            if (top.IsArray)
            {
                top.Index++;
            }

            expect = Expect.CommaOrClose;
        }

        private void Close(char c)
        {
            var top = Top!;
            if (top.IsArray != (c == ']'))
            {
                Fail(JsonErrorKind.MismatchedBracket, pos, "'" + c + "' does not close the '" + (top.IsArray ? '[' : '{') + "' opened at " + Where(top.OpenOffset));
                return;
            }

            stack.RemoveAt(stack.Count - 1);
            pos++;
            AfterValue();
        }

        private void ReportEnd()
        {
            var top = Top;
            if (top == null)
            {
                if (expect == Expect.Value)
                {
                    Fail(JsonErrorKind.EmptyDocument, pos, "the document contains no JSON value");
                }

                return;
            }

            Fail(JsonErrorKind.UnexpectedEnd, s.Length, "unexpected end of input: '" + (top.IsArray ? '[' : '{') + "' opened at " + Where(top.OpenOffset) + " is not closed");
        }
    }
}

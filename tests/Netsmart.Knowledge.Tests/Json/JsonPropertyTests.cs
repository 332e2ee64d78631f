using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using CsCheck;
using Netsmart.Knowledge.Json;

namespace Netsmart.Knowledge.Tests.Json;

public class JsonPropertyTests
{
    private static readonly JsonDocumentOptions Lenient = new JsonDocumentOptions
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 256,
    };

    // Strings with characters that need escaping, slashes and non-ASCII (BMP only, so mutations cannot
    // produce lone surrogates that the reference parser treats differently).
    private static readonly Gen<string> Text = Gen.Char["abc/:.?=&\"\\\n\t\u0001é€ scope%2F"].Array[0, 12].Select(a => new string(a));

    private static readonly Gen<Node> Tree = NodeGen(3);

    /// <summary>Random documents rendered with random spacing, comments, escapes and trailing commas.</summary>
    private static readonly Gen<string> Documents =
        from tree in Tree
        from seed in Gen.Int
        select Render(tree, new Random(seed));

    [Fact]
    public void Generated_documents_tokenize_like_System_Text_Json_and_map_every_character()
    {
        PropertySample.ForAll(Documents, json =>
        {
            var result = JsonStringTokenizer.Tokenize(json);

            Assert.True(result.Success, json + "\n" + result.Error);
            Assert.Equal(Reference(json), result.Strings.Select(Describe));
            foreach (var token in result.Strings)
            {
                Assert.True(token.TryMapToSource(0, token.Value.Length, out int start, out int length));
                Assert.Equal((token.ContentStart, token.ContentLength), (start, length));
                for (int i = 0; i < token.Value.Length; i++)
                {
                    Assert.True(token.TryMapToSource(i, 1, out start, out length));
                    Assert.Equal(token.Value[i], DecodeOne(json.Substring(start, length)));
                }
            }
        }, count: 400);
    }

    [Fact]
    public void Mutated_documents_never_throw_and_agree_with_System_Text_Json_on_validity()
    {
        var mutated = from json in Documents
                      from edits in Gen.Select(Gen.Int[0, 2], Gen.Double[0, 1], Gen.Char["{}[],:\"\\/*ntfu0 \n-.e"]).Array[1, 3]
                      select Mutate(json, edits);

        PropertySample.ForAll(mutated, json =>
        {
            var result = JsonStringTokenizer.Tokenize(json);

            Assert.Equal(ReferenceAccepts(json), result.Success);
            if (result.Error is JsonError error)
            {
                Assert.InRange(error.Offset, 0, json.Length);
                Assert.True(error.Line >= 1 && error.Column >= 1);
                Assert.All(result.Strings, t => Assert.True(t.End <= error.Offset, json));
            }
            else
            {
                Assert.Equal(Reference(json), result.Strings.Select(Describe));
            }
        }, count: 1500);
    }

    [Fact]
    public void Random_strings_never_throw()
    {
        PropertySample.ForAll(Gen.String, text =>
        {
            var result = JsonStringTokenizer.Tokenize(text);
            Assert.True(result.Success || result.Error != null);
        });
    }

    [Fact]
    public void Quote_round_trips_every_string()
    {
        PropertySample.ForAll(Gen.OneOf(Gen.String, Text), value =>
        {
            var token = Assert.Single(JsonStringTokenizer.Tokenize(JsonStringEscaper.Quote(value)).Strings);
            Assert.Equal(value, token.Value);
            Assert.Equal(value, JsonSerializer.Deserialize<string>(JsonStringEscaper.Quote(value)));
        });
    }

    // The adversarial inputs of 1 MB that a naive tokenizer takes quadratic time on: what it must return on them.
    // Their speed is measured by the benchmark harness (--linearity), not here (docs/performance.md).
    [Theory]
    [InlineData("deep-pairs", 1, 4, "Value 1049049+5 \"end\" at 1048", "Value 1049049+5 \"end\" at 1048")]
    [InlineData("small-containers", 1, 5, "Value 1048585+5 \"end\" at 87382", "Value 1048585+5 \"end\" at 87382")]
    [InlineData("escaped-strings", 33826, 158020, "Value 1+30 \"patient/Patient.read x\" at 0", "Value 1048576+30 \"patient/Patient.read x\" at 33825")]
    [InlineData("nested-objects", 196609, 589827, "PropertyName 1+3 \"k\" at k", "PropertyName 1048577+5 \"end\" at end")]
    [InlineData("one-escaped-string", 1, 0, "Value 0+1048578 262144 chars at ", "Value 0+1048578 262144 chars at ")]
    [InlineData("long-comment", 1, 0, "Value 1048581+5 \"end\" at ", "Value 1048581+5 \"end\" at ")]
    public void Tokenizer_reads_one_megabyte_adversarial_documents_to_the_end(string name, int strings, int pathLengths, string first, string last)
    {
        string input = AdversarialInputs.Named(AdversarialInputs.Json, name).Build(1 << 20);

        var result = JsonStringTokenizer.Tokenize(input);

        Assert.Null(result.Error);
        Assert.Equal(strings, result.Strings.Count);
        Assert.Equal(pathLengths, result.Strings.Sum(t => t.Path.Length));
        Assert.Equal(first, Summary(result.Strings[0]));
        Assert.Equal(last, Summary(result.Strings[result.Strings.Count - 1]));
    }

    [Theory]
    [InlineData("open-objects", 512, 262144, "TooDeep at 2560 (1,2561): objects and arrays are nested deeper than 512 levels")]
    [InlineData("open-arrays", 0, 0, "TooDeep at 512 (1,513): objects and arrays are nested deeper than 512 levels")]
    [InlineData("unterminated-string", 0, 0, "UnterminatedString at 0 (1,1): string starting here is not closed")]
    [InlineData("bad-last-element", 0, 0, "UnexpectedCharacter at 1048577 (1,1048578): expected a value, found 'x'")]
    public void Tokenizer_stops_at_the_error_of_one_megabyte_adversarial_documents(string name, int strings, int pathLengths, string error)
    {
        string input = AdversarialInputs.Named(AdversarialInputs.Json, name).Build(1 << 20);

        var result = JsonStringTokenizer.Tokenize(input);

        Assert.NotNull(result.Error);
        Assert.Equal(error, result.Error!.Kind + " at " + result.Error.Offset + " " + result.Error);
        Assert.Equal(strings, result.Strings.Count);
        Assert.Equal(pathLengths, result.Strings.Sum(t => t.Path.Length));
    }

    /// <summary>Kind, source span, value (or its length when long) and path of a token.</summary>
    private static string Summary(JsonStringToken t) =>
        t.Kind + " " + t.Start + "+" + t.Length + " " + (t.Value.Length <= 30 ? "\"" + t.Value + "\"" : t.Value.Length + " chars") + " at " + t.Path;

    private static string Describe(JsonStringToken t) => (t.IsPropertyName ? "name " : "value ") + t.Path + "=" + t.Value;

    /// <summary>The expected tokens, from System.Text.Json, in document order.</summary>
    private static List<string> Reference(string json)
    {
        var list = new List<string>();
        using var doc = JsonDocument.Parse(json, Lenient);
        Walk(doc.RootElement, null, list);
        return list;
    }

    private static bool ReferenceAccepts(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, Lenient);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void Walk(JsonElement e, string? path, List<string> list)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    string child = path == null ? p.Name : path + ":" + p.Name;
                    list.Add("name " + child + "=" + p.Name);
                    Walk(p.Value, child, list);
                }

                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    Walk(item, path == null ? i.ToString() : path + ":" + i, list);
                    i++;
                }

                break;
            case JsonValueKind.String:
                list.Add("value " + (path ?? string.Empty) + "=" + e.GetString());
                break;
        }
    }

    /// <summary>Decodes one JSON string character from its source text (a plain char or one escape).</summary>
    private static char DecodeOne(string source)
    {
        if (source.Length == 1)
        {
            return source[0];
        }

        Assert.Equal('\\', source[0]);
        switch (source[1])
        {
            case 'u': Assert.Equal(6, source.Length); return (char)Convert.ToInt32(source.Substring(2), 16);
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case 'b': return '\b';
            case 'f': return '\f';
            default: Assert.Equal(2, source.Length); return source[1];
        }
    }

    private sealed class Node
    {
        public string? Scalar;              // raw JSON number/literal
        public string? Str;                 // a string value
        public List<Node>? Items;           // an array
        public List<(string Name, Node Value)>? Props; // an object
    }

    private static Gen<Node> NodeGen(int depth)
    {
        var scalar = Gen.OneOf(
            Text.Select(s => new Node { Str = s }),
            Gen.OneOf("0", "-1.5e3", "42", "true", "false", "null").Select(s => new Node { Scalar = s }));
        if (depth == 0)
        {
            return scalar;
        }

        var inner = NodeGen(depth - 1);
        return Gen.Frequency(
            (3, scalar),
            (1, inner.Array[0, 4].Select(a => new Node { Items = a.ToList() })),
            (1, Gen.Select(Text, inner).Array[0, 4].Select(a => new Node { Props = a.Select(p => (p.Item1, p.Item2)).ToList() })));
    }

    private static string Render(Node root, Random random)
    {
        var sb = new StringBuilder();
        Trivia(sb, random);
        RenderNode(root, sb, random);
        Trivia(sb, random);
        return sb.ToString();
    }

    private static void RenderNode(Node node, StringBuilder sb, Random random)
    {
        if (node.Scalar != null)
        {
            sb.Append(node.Scalar);
        }
        else if (node.Str != null)
        {
            RenderString(node.Str, sb, random);
        }
        else if (node.Items != null)
        {
            sb.Append('[');
            RenderList(node.Items, sb, random, item => RenderNode(item, sb, random));
            sb.Append(']');
        }
        else
        {
            sb.Append('{');
            RenderList(node.Props!, sb, random, p =>
            {
                RenderString(p.Name, sb, random);
                sb.Append(random.Next(2) == 0 ? string.Empty : " "); // System.Text.Json allows no comment before ':'
                sb.Append(':');
                Trivia(sb, random);
                RenderNode(p.Value, sb, random);
            });
            sb.Append('}');
        }
    }

    private static void RenderList<T>(List<T> items, StringBuilder sb, Random random, Action<T> render)
    {
        for (int i = 0; i < items.Count; i++)
        {
            Trivia(sb, random);
            render(items[i]);
            Trivia(sb, random);
            if (i < items.Count - 1 || random.Next(3) == 0)
            {
                sb.Append(','); // includes an occasional trailing comma
            }
        }

        Trivia(sb, random);
    }

    private static void RenderString(string value, StringBuilder sb, Random random)
    {
        sb.Append('"');
        foreach (char c in value)
        {
            int style = random.Next(4);
            if (c == '"' || c == '\\' || c < ' ')
            {
                sb.Append(style == 0 ? "\\u" + ((int)c).ToString("x4") : JsonStringEscaper.Escape(c.ToString()));
            }
            else if (style == 0)
            {
                sb.Append("\\u" + ((int)c).ToString(random.Next(2) == 0 ? "X4" : "x4"));
            }
            else if (style == 1 && c == '/')
            {
                sb.Append("\\/");
            }
            else
            {
                sb.Append(c);
            }
        }

        sb.Append('"');
    }

    private static void Trivia(StringBuilder sb, Random random)
    {
        string[] options = { "", "", " ", "\n  ", "\t", "// note\n", "/* c */", "\r\n" };
        sb.Append(options[random.Next(options.Length)]);
    }

    private static string Mutate(string text, (int Kind, double Where, char Char)[] edits)
    {
        foreach (var (kind, where, c) in edits)
        {
            int at = (int)(where * text.Length);
            if (kind == 0 || text.Length == 0)
            {
                text = text.Insert(at, c.ToString());
            }
            else if (at < text.Length)
            {
                text = kind == 1 ? text.Remove(at, 1) : text.Substring(0, at) + c + text.Substring(at + 1);
            }
        }

        return text;
    }
}

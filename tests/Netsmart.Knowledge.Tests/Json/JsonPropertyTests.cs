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

    [Fact]
    public void Tokenizer_runs_in_linear_time_on_one_megabyte_inputs()
    {
        const int size = 1 << 20;
        string[] inputs =
        {
            "[" + Repeat(new string('[', 500) + new string(']', 500) + ",", size) + "0]",
            "[" + Repeat("[[],{},[1]],", size) + "0]",
            Repeat("{\"a\":", size),
            new string('[', size),
            "[" + Repeat("\"patient\\/Patient.read\\u0020x\",", size) + "]",
            "{" + Repeat("\"k\":{\"a\":[\"b\"]},", size) + "\"end\":1}",
            "\"" + Repeat("\\u0041\\n", size) + "\"",
            "/*" + new string('*', size) + "*/ 1",
            "\"" + new string('x', size),
            "[" + Repeat("1,", size) + "x]",
        };

        foreach (var input in inputs)
        {
            PropertyCheck.FinishesWithin(
                TimeSpan.FromSeconds(5),
                () => TokenizeAndReadPaths(input.Substring(0, 1000)),
                () => TokenizeAndReadPaths(input),
                "tokenizing " + input.Substring(0, 20));
        }
    }

    private static void TokenizeAndReadPaths(string input)
    {
        var result = JsonStringTokenizer.Tokenize(input);
        foreach (var token in result.Strings)
        {
            _ = token.Path.Length;
        }

        _ = result.Error?.Line;
    }

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

    private static string Repeat(string piece, int size)
    {
        var sb = new StringBuilder(size + piece.Length);
        while (sb.Length < size)
        {
            sb.Append(piece);
        }

        return sb.ToString();
    }
}

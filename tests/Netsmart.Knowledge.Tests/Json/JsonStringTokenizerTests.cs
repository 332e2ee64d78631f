using System;
using System.Linq;
using Netsmart.Knowledge.Json;

namespace Netsmart.Knowledge.Tests.Json;

public class JsonStringTokenizerTests
{
    private const string AppSettings = "{\n  // CareConnect settings\n  \"CareConnect\": {\n    \"BaseUrl\": \"https://fhir.netsmartcloud.com/uscore/v1/\",\n    \"Scopes\": [ \"launch/patient\", \"patient/Patient.read\", ],\n    /* tenant */ \"Tenant\": null,\n    \"Timeout\": 30,\n  },\n}\n";

    private const string Escaped = "{\"Url\":\"https:\\/\\/fhir.netsmartcloud.com\\/uscore\\/v1\",\"Scope\":\"patient\\u002FPatient.read\",\"Q\":\"a\\\"b\\\\c\"}";

    [Fact]
    public void Appsettings_with_comments_and_trailing_commas_yields_every_string_with_span_and_path()
    {
        var result = JsonStringTokenizer.Tokenize(AppSettings);

        Assert.True(result.Success);
        Assert.Null(result.Error);
        Assert.Equal(
            "PropertyName CareConnect 30+13 = CareConnect\nPropertyName CareConnect:BaseUrl 51+9 = BaseUrl\nValue CareConnect:BaseUrl 62+43 = https://fhir.netsmartcloud.com/uscore/v1/\nPropertyName CareConnect:Scopes 111+8 = Scopes\nValue CareConnect:Scopes:0 123+16 = launch/patient\nValue CareConnect:Scopes:1 141+22 = patient/Patient.read\nPropertyName CareConnect:Tenant 185+8 = Tenant\nPropertyName CareConnect:Timeout 205+9 = Timeout",
            Describe(result));
        foreach (var token in result.Strings)
        {
            Assert.False(token.HasEscapes);
            Assert.Equal("\"" + token.Value + "\"", AppSettings.Substring(token.Start, token.Length));
        }
    }

    [Fact]
    public void Escapes_are_decoded()
    {
        var result = JsonStringTokenizer.Tokenize(Escaped);

        Assert.True(result.Success);
        Assert.Equal(
            new[] { "Url", "https://fhir.netsmartcloud.com/uscore/v1", "Scope", "patient/Patient.read", "Q", "a\"b\\c" },
            result.Strings.Select(s => s.Value));
        Assert.Equal(new[] { false, true, false, true, false, true }, result.Strings.Select(s => s.HasEscapes));
    }

    [Theory]
    [InlineData(1, 31, 6, 42, 6)]   // "uscore" sits between escaped slashes
    [InlineData(1, 30, 8, 40, 10)]  // "/uscore/" covers both "\/" escapes
    [InlineData(1, 0, 40, 8, 44)]   // the whole value is the whole content
    [InlineData(1, 40, 0, 52, 0)]   // an empty range at the end maps to the closing quote
    [InlineData(3, 16, 4, 84, 4)]   // "read" after a \u escape
    [InlineData(3, 7, 1, 70, 6)]    // the "/" is the six characters "\u002F"
    [InlineData(5, 0, 5, 95, 7)]    // a"b\c  <-  a\"b\\c
    public void Decoded_ranges_map_back_to_source_spans(int tokenIndex, int valueStart, int valueLength, int expectedStart, int expectedLength)
    {
        var token = JsonStringTokenizer.Tokenize(Escaped).Strings[tokenIndex];

        Assert.True(token.TryMapToSource(valueStart, valueLength, out int start, out int length));
        Assert.Equal(expectedStart, start);
        Assert.Equal(expectedLength, length);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, -1)]
    [InlineData(0, 41)]
    [InlineData(40, 1)]
    [InlineData(41, 0)]
    public void Mapping_a_range_outside_the_value_fails(int valueStart, int valueLength)
    {
        var token = JsonStringTokenizer.Tokenize(Escaped).Strings[1];

        Assert.False(token.TryMapToSource(valueStart, valueLength, out _, out _));
    }

    [Fact]
    public void Paths_name_properties_and_index_array_elements()
    {
        var result = JsonStringTokenizer.Tokenize("{\"A\":[{\"B\":\"x\"},[\"y\"]],\"C\":{\"D\":{\"E\":\"z\"}}}");

        Assert.True(result.Success);
        Assert.Equal(
            new[] { "name A", "name A:0:B", "value A:0:B=x", "value A:1:0=y", "name C", "name C:D", "name C:D:E", "value C:D:E=z" },
            result.Strings.Select(s => (s.IsPropertyName ? "name " + s.Path : "value " + s.Path + "=" + s.Value)));
    }

    [Theory]
    [InlineData("\"just a string\"", 1, "")]
    [InlineData("[]", 0, null)]
    [InlineData("{}", 0, null)]
    [InlineData("\uFEFF{\"a\": \"b\"}", 2, "a")]
    [InlineData("/* lead */ [ \"x\", -0.5e+3, true, false, null, ] // tail", 1, "0")]
    [InlineData("[[],[[]],{},{\"k\":[]},]", 1, "3:k")]
    public void Well_formed_documents(string json, int count, string? firstPath)
    {
        var result = JsonStringTokenizer.Tokenize(json);

        Assert.True(result.Success, result.Error?.ToString());
        Assert.Equal(count, result.Strings.Count);
        if (firstPath != null)
        {
            Assert.Equal(firstPath, result.Strings[0].Path);
        }
    }

    [Theory]
    [InlineData("{\"a\": \"b", "UnterminatedString", 6, 1, 7, 1)]
    [InlineData("{\"a\": \"b\\x\"}", "InvalidEscape", 8, 1, 9, 1)]
    [InlineData("{\"a\": \"\\u12G4\"}", "InvalidEscape", 7, 1, 8, 1)]
    [InlineData("{\"a\": \"\\u12\"}", "InvalidEscape", 7, 1, 8, 1)]
    [InlineData("{\"a\": \"x\\", "UnterminatedString", 6, 1, 7, 1)]
    [InlineData("{\"a\": [1, 2}", "MismatchedBracket", 11, 1, 12, 1)]
    [InlineData("{\"a\": 1]", "MismatchedBracket", 7, 1, 8, 1)]
    [InlineData("{\"a\" 1}", "ExpectedColon", 5, 1, 6, 1)]
    [InlineData("{a: 1}", "ExpectedPropertyName", 1, 1, 2, 0)]
    [InlineData("{'a': 1}", "ExpectedPropertyName", 1, 1, 2, 0)]
    [InlineData("{,}", "ExpectedPropertyName", 1, 1, 2, 0)]
    [InlineData("{\"a\": 1,,}", "ExpectedPropertyName", 8, 1, 9, 1)]
    [InlineData("[1,,2]", "UnexpectedCharacter", 3, 1, 4, 0)]
    [InlineData("[,]", "UnexpectedCharacter", 1, 1, 2, 0)]
    [InlineData("{\"a\": 1 \"b\": 2}", "ExpectedCommaOrEnd", 8, 1, 9, 1)]
    [InlineData("[\"x\" \"y\"]", "ExpectedCommaOrEnd", 5, 1, 6, 1)]
    [InlineData("{\"a\": tru}", "InvalidLiteral", 6, 1, 7, 1)]
    [InlineData("{\"a\": nullx}", "InvalidLiteral", 6, 1, 7, 1)]
    [InlineData("{\"a\": 01}", "InvalidNumber", 6, 1, 7, 1)]
    [InlineData("{\"a\": -}", "InvalidNumber", 6, 1, 7, 1)]
    [InlineData("{\"a\": 1.}", "InvalidNumber", 6, 1, 7, 1)]
    [InlineData("{\"a\": 1e}", "InvalidNumber", 6, 1, 7, 1)]
    [InlineData("{\"a\": +1}", "UnexpectedCharacter", 6, 1, 7, 1)]
    [InlineData("{\"a\": @}", "UnexpectedCharacter", 6, 1, 7, 1)]
    [InlineData("{\"a\": 1} x", "TrailingContent", 9, 1, 10, 1)]
    [InlineData("\"a\" \"b\"", "TrailingContent", 4, 1, 5, 1)]
    [InlineData("", "EmptyDocument", 0, 1, 1, 0)]
    [InlineData("  // only a comment\n", "EmptyDocument", 20, 2, 1, 0)]
    [InlineData("{\"a\": 1 /* not closed", "UnterminatedComment", 8, 1, 9, 1)]
    [InlineData("{\"a\": [1, 2", "UnexpectedEnd", 11, 1, 12, 1)]
    [InlineData("{\"a\": {\"b\": \"c\"}", "UnexpectedEnd", 16, 1, 17, 3)]
    [InlineData("{\"a\": \"line\nbreak\"}", "UnterminatedString", 6, 1, 7, 1)]
    [InlineData("{\"a\": \"tab\there\"}", "InvalidCharacterInString", 10, 1, 11, 1)]
    [InlineData("}", "UnexpectedCharacter", 0, 1, 1, 0)]
    [InlineData("{\"a\": 1 / 2}", "ExpectedCommaOrEnd", 8, 1, 9, 1)]
    [InlineData("{\n  \"Url\": \"https://x\",\n  \"Bad\": [1, 2\n}", "MismatchedBracket", 39, 4, 1, 3)]
    [InlineData("{\r\n  \"a\": 1,\r\n  \"b\": tru\r\n}", "InvalidLiteral", 21, 3, 8, 2)]

    public void Malformed_input_reports_where_and_keeps_earlier_tokens(string json, string kind, int offset, int line, int column, int tokensBefore)
    {
        var result = JsonStringTokenizer.Tokenize(json);

        Assert.False(result.Success);
        var error = Assert.IsType<JsonError>(result.Error);
        Assert.Equal(kind, error.Kind.ToString());
        Assert.Equal(offset, error.Offset);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Equal(tokensBefore, result.Strings.Count);
        Assert.False(string.IsNullOrEmpty(error.Message));
    }

    [Theory]
    [InlineData(512, true)]
    [InlineData(513, false)]
    public void Nesting_is_limited(int depth, bool success)
    {
        var result = JsonStringTokenizer.Tokenize(new string('[', depth) + new string(']', depth));

        Assert.Equal(success, result.Success);
        if (!success)
        {
            Assert.Equal(JsonErrorKind.TooDeep, result.Error?.Kind);
            Assert.Equal(512, result.Error?.Offset);
        }
    }

    [Fact]
    public void Null_input_is_an_empty_document()
    {
        var result = JsonStringTokenizer.Tokenize(null);

        Assert.Equal(JsonErrorKind.EmptyDocument, result.Error?.Kind);
        Assert.Empty(result.Strings);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("https://x/uscore/v1", "https://x/uscore/v1")]
    [InlineData("a\"b", "a\\\"b")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("\b\f\n\r\t", "\\b\\f\\n\\r\\t")]
    [InlineData("\u0001\u001f", "\\u0001\\u001F")]
    [InlineData("é€\u007f", "é€\u007f")]
    [InlineData("", "")]
    public void Escape_writes_json_string_content(string value, string expected)
    {
        Assert.Equal(expected, JsonStringEscaper.Escape(value));
        Assert.Equal("\"" + expected + "\"", JsonStringEscaper.Quote(value));
        Assert.Equal(value, Assert.Single(JsonStringTokenizer.Tokenize(JsonStringEscaper.Quote(value)).Strings).Value);
    }

    [Fact]
    public void A_scope_inside_an_escaped_value_can_be_replaced_in_the_source()
    {
        // The fixer's path: find in the decoded value, map to the source span, write the escaped new text.
        const string json = "{\"Scopes\":\"launch\\/patient patient\\/Patient.read\"}";
        var token = JsonStringTokenizer.Tokenize(json).Strings[1];
        int at = token.Value.IndexOf("patient/Patient.read", StringComparison.Ordinal);

        Assert.True(token.TryMapToSource(at, "patient/Patient.read".Length, out int start, out int length));
        string fixedJson = json.Substring(0, start) + JsonStringEscaper.Escape("patient/Patient.rs") + json.Substring(start + length);

        Assert.Equal("{\"Scopes\":\"launch\\/patient patient/Patient.rs\"}", fixedJson);
    }

    private static string Describe(JsonTokenizeResult result) => string.Join("\n", result.Strings.Select(t =>
        t.Kind + " " + t.Path + " " + t.Start + "+" + t.Length + " = " + t.Value));
}

using System.Collections.Generic;

namespace Netsmart.Knowledge.Json;

/// <summary>Why a JSON text could not be read to the end.</summary>
internal enum JsonErrorKind
{
    EmptyDocument,
    UnexpectedCharacter,
    UnexpectedEnd,
    UnterminatedString,
    UnterminatedComment,
    InvalidEscape,
    InvalidCharacterInString,
    InvalidNumber,
    InvalidLiteral,
    ExpectedPropertyName,
    ExpectedColon,
    ExpectedCommaOrEnd,
    MismatchedBracket,
    TrailingContent,

    /// <summary>Objects and arrays nested deeper than <see cref="JsonStringTokenizer.MaxDepth"/>.</summary>
    TooDeep,
}

/// <summary>Where and why tokenizing stopped. Line and column are 1-based; the column counts UTF-16 chars.</summary>
internal sealed class JsonError
{
    internal JsonError(JsonErrorKind kind, int offset, int line, int column, string message)
    {
        Kind = kind;
        Offset = offset;
        Line = line;
        Column = column;
        Message = message;
    }

    public JsonErrorKind Kind { get; }

    public int Offset { get; }

    public int Line { get; }

    public int Column { get; }

    public string Message { get; }

    public override string ToString() => "(" + Line + "," + Column + "): " + Message;
}

/// <summary>The strings of a JSON text, and the error that stopped the tokenizer if any.</summary>
internal sealed class JsonTokenizeResult
{
    internal JsonTokenizeResult(IReadOnlyList<JsonStringToken> strings, JsonError? error)
    {
        Strings = strings;
        Error = error;
    }

    /// <summary>True when the whole text is one well-formed JSON value (comments and trailing commas allowed).</summary>
    public bool Success => Error == null;

    /// <summary>All string tokens in source order; on failure, those found before the error.</summary>
    public IReadOnlyList<JsonStringToken> Strings { get; }

    public JsonError? Error { get; }
}

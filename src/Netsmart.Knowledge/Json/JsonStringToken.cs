using System.Collections.Generic;
using System.Globalization;

namespace Netsmart.Knowledge.Json;

/// <summary>Whether a JSON string is a property name or a value.</summary>
internal enum JsonStringKind
{
    PropertyName,
    Value,
}

/// <summary>
/// One segment of a JSON property path: a property name, or an array index. Segments form an
/// immutable linked list towards the root, so building them costs O(1) per token.
/// </summary>
internal sealed class JsonPathSegment
{
    private string? _path;

    internal JsonPathSegment(JsonPathSegment? parent, string? name, int index)
    {
        Parent = parent;
        Name = name;
        Index = index;
    }

    public JsonPathSegment? Parent { get; }

    /// <summary>The property name, or null for an array element.</summary>
    public string? Name { get; }

    /// <summary>The array index, or -1 for a property.</summary>
    public int Index { get; }

    /// <summary>The configuration-style path, segments joined by <c>:</c>: <c>CareConnect:Scopes:0</c>. Cached.</summary>
    public override string ToString()
    {
        if (_path != null)
        {
            return _path;
        }

        // Iterative, so a deep chain cannot overflow the stack; every segment caches its own path.
        var pending = new Stack<JsonPathSegment>();
        var segment = this;
        while (segment != null && segment._path == null)
        {
            pending.Push(segment);
            segment = segment.Parent;
        }

        string prefix = segment?._path ?? string.Empty;
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            string own = next.Name ?? next.Index.ToString(CultureInfo.InvariantCulture);
            next._path = next.Parent == null ? own : prefix + ":" + own;
            prefix = next._path;
        }

        return prefix;
    }
}

/// <summary>A JSON string token: where it is in the source, what it decodes to, and where it sits in the document.</summary>
internal sealed class JsonStringToken
{
    private readonly int[]? _map; // source offset of each decoded char, plus the closing quote; null = no escapes
    private string? _path;

    internal JsonStringToken(int start, int length, JsonStringKind kind, string value, int[]? map, JsonPathSegment? pathSegment)
    {
        Start = start;
        Length = length;
        Kind = kind;
        Value = value;
        _map = map;
        PathSegment = pathSegment;
    }

    /// <summary>Offset of the opening quote.</summary>
    public int Start { get; }

    /// <summary>Length in the source, both quotes included.</summary>
    public int Length { get; }

    public int End => Start + Length;

    /// <summary>Offset of the first character after the opening quote.</summary>
    public int ContentStart => Start + 1;

    /// <summary>Source length between the quotes.</summary>
    public int ContentLength => Length - 2;

    public JsonStringKind Kind { get; }

    public bool IsPropertyName => Kind == JsonStringKind.PropertyName;

    /// <summary>The decoded string (escapes resolved).</summary>
    public string Value { get; }

    /// <summary>True when the source text contains escapes, so decoded and source offsets differ.</summary>
    public bool HasEscapes => _map != null;

    /// <summary>The path of the value (or, for a property name, of the property); null for a root string.</summary>
    public JsonPathSegment? PathSegment { get; }

    /// <summary>The path as <c>CareConnect:BaseUrl</c> or <c>CareConnect:Scopes:0</c>; empty for a root string.</summary>
    public string Path => _path ??= PathSegment?.ToString() ?? string.Empty;

    /// <summary>
    /// Maps the range [<paramref name="valueStart"/>, +<paramref name="valueLength"/>) of <see cref="Value"/>
    /// to the source span that encodes it (escapes included). False for a range outside the value.
    /// </summary>
    public bool TryMapToSource(int valueStart, int valueLength, out int sourceStart, out int sourceLength)
    {
        sourceStart = 0;
        sourceLength = 0;
        if (valueStart < 0 || valueLength < 0 || valueStart > Value.Length - valueLength)
        {
            return false;
        }

        sourceStart = SourceOffset(valueStart);
        sourceLength = SourceOffset(valueStart + valueLength) - sourceStart;
        return true;
    }

    /// <summary>The source offset where the decoded character at <paramref name="valueIndex"/> starts (Value.Length → closing quote).</summary>
    private int SourceOffset(int valueIndex) => _map == null ? ContentStart + valueIndex : _map[valueIndex];

    public override string ToString() => (IsPropertyName ? "name " : "value ") + Path + " = \"" + Value + "\" @" + Start;
}

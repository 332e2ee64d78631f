using System;

namespace Netsmart.Knowledge.Scopes;

/// <summary>A minimal text edit: replace [<see cref="Offset"/>, +<see cref="Length"/>) with <see cref="NewText"/>.</summary>
internal readonly struct ScopeEdit : IEquatable<ScopeEdit>
{
    public ScopeEdit(int offset, int length, string newText)
    {
        Offset = offset;
        Length = length;
        NewText = newText;
    }

    public int Offset { get; }

    public int Length { get; }

    public string NewText { get; }

    public bool Equals(ScopeEdit other) => Offset == other.Offset && Length == other.Length && NewText == other.NewText;

    public override bool Equals(object? obj) => obj is ScopeEdit other && Equals(other);

    public override int GetHashCode() => (Offset * 397) ^ Length ^ (NewText?.GetHashCode() ?? 0);

    public override string ToString() => "[" + Offset + ".." + (Offset + Length) + ")->" + NewText;
}

/// <summary>A clinical scope token found by <see cref="ScopeScanner"/> inside arbitrary text.</summary>
internal sealed class ScopeMatch
{
    private readonly string _text;
    private readonly ClinicalScopeParts _parts;
    private string? _token;
    private string? _resourceType;
    private string? _permissions;

    internal ScopeMatch(string text, int start, int length, in ClinicalScopeParts parts)
    {
        // Strings are cut from the text only when asked for: a long text can hold many matches.
        _text = text;
        _parts = parts;
        Start = start;
        Length = length;
        PermissionStart = parts.PermissionStart;
        PermissionLength = parts.PermissionEnd - parts.PermissionStart;
        if (parts.HasV1Permissions(text))
        {
            Syntax = ScopeSyntax.V1;
            ReplacementPermissions = ScopePermissions.MapV1ToV2(Permissions);
        }
        else
        {
            Syntax = ScopeSyntax.V2;
            Problems = ScopePermissions.Validate(text, PermissionStart, PermissionLength);
            if (Problems != PermissionProblems.None && ScopePermissions.TryNormalize(Permissions, out string normalized))
            {
                ReplacementPermissions = normalized;
            }
        }
    }

    /// <summary>Offset of the whole scope token in the scanned text.</summary>
    public int Start { get; }

    /// <summary>Length of the whole scope token (query included).</summary>
    public int Length { get; }

    public int End => Start + Length;

    /// <summary>The raw token text, as it appears in the scanned text (possibly percent-encoded).</summary>
    public string Token => _token ??= _text.Substring(Start, Length);

    /// <summary>Offset of the permission part in the scanned text.</summary>
    public int PermissionStart { get; }

    /// <summary>Length of the raw permission part (3 for an encoded <c>%2A</c>; 0 when empty).</summary>
    public int PermissionLength { get; }

    public ScopeContext Context => _parts.Context;

    /// <summary>Decoded resource type: a type name or <c>*</c>.</summary>
    public string ResourceType => _resourceType ??= _parts.GetResourceType(_text);

    /// <summary>Decoded permissions: <c>read</c>, <c>*</c>, <c>rs</c>, <c>sr</c>, ...</summary>
    public string Permissions => _permissions ??= CommonPermissions() ?? _parts.GetPermissions(_text);

    /// <summary>True for a query-restricted scope (<c>...rs?category=...</c>).</summary>
    public bool HasQuery => _parts.QueryStart >= 0;

    /// <summary>True when the token uses <c>%2F</c>, <c>%2A</c> or <c>%3F</c>.</summary>
    public bool IsEncoded => _parts.IsEncoded;

    /// <summary>True when the resource type is <c>*</c> or a FHIR R4 resource type name.</summary>
    public bool IsKnownResourceType => _parts.ResourceIsWildcard
        || FhirResourceTypes.IsKnown(_text, _parts.ResourceStart, _parts.ResourceEnd - _parts.ResourceStart);

    public ScopeSyntax Syntax { get; }

    /// <summary>Problems of v2 permissions; always None for v1.</summary>
    public PermissionProblems Problems { get; }

    /// <summary>
    /// The new permission text: the v2 mapping for v1, the normalised letters for a malformed but
    /// unambiguous v2 scope; null when nothing needs changing or no safe change exists.
    /// </summary>
    public string? ReplacementPermissions { get; }

    public bool IsSystemScope => Context == ScopeContext.System;

    /// <summary>True for v1 syntax or malformed v2 permissions.</summary>
    public bool NeedsChange => Syntax == ScopeSyntax.V1 || Problems != PermissionProblems.None;

    /// <summary>The edit-ready change of the permission part, or null when <see cref="ReplacementPermissions"/> is null.</summary>
    public ScopeEdit? Edit => ReplacementPermissions == null
        ? (ScopeEdit?)null
        : new ScopeEdit(PermissionStart, PermissionLength, ReplacementPermissions);

    public override string ToString() => Token + " @" + Start;

    private string? CommonPermissions()
    {
        if (_parts.PermissionIsWildcard)
        {
            return "*";
        }

        switch (PermissionLength)
        {
            case 4 when string.CompareOrdinal(_text, PermissionStart, "read", 0, 4) == 0: return "read";
            case 5 when string.CompareOrdinal(_text, PermissionStart, "write", 0, 5) == 0: return "write";
            case 2 when string.CompareOrdinal(_text, PermissionStart, "rs", 0, 2) == 0: return "rs";
            default: return null;
        }
    }
}

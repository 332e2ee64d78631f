namespace Netsmart.Knowledge.Scopes;

/// <summary>
/// Positions of the parts of a clinical scope found by <see cref="ClinicalScopeGrammar"/>, as offsets in the
/// matched text. A struct, so matching allocates nothing; the strings are made on demand.
/// </summary>
internal readonly struct ClinicalScopeParts
{
    public ClinicalScopeParts(
        ScopeContext context,
        int resourceStart,
        int resourceEnd,
        bool resourceIsWildcard,
        int permissionStart,
        int permissionEnd,
        bool permissionIsWildcard,
        int queryStart,
        int queryTextStart,
        bool isEncoded)
    {
        Context = context;
        ResourceStart = resourceStart;
        ResourceEnd = resourceEnd;
        ResourceIsWildcard = resourceIsWildcard;
        PermissionStart = permissionStart;
        PermissionEnd = permissionEnd;
        PermissionIsWildcard = permissionIsWildcard;
        QueryStart = queryStart;
        QueryTextStart = queryTextStart;
        IsEncoded = isEncoded;
    }

    public ScopeContext Context { get; }

    public int ResourceStart { get; }

    public int ResourceEnd { get; }

    /// <summary>The resource is <c>*</c> (or <c>%2A</c>).</summary>
    public bool ResourceIsWildcard { get; }

    /// <summary>Offset of the first permission character.</summary>
    public int PermissionStart { get; }

    /// <summary>Offset just after the permission characters.</summary>
    public int PermissionEnd { get; }

    /// <summary>The permission is <c>*</c> (or <c>%2A</c>).</summary>
    public bool PermissionIsWildcard { get; }

    /// <summary>Offset of the <c>?</c> (or <c>%3F</c>), -1 when the scope has no query.</summary>
    public int QueryStart { get; }

    /// <summary>Offset of the first character after the <c>?</c> (or <c>%3F</c>), -1 when none.</summary>
    public int QueryTextStart { get; }

    /// <summary>True when a <c>%2F</c>, <c>%2A</c> or <c>%3F</c> escape was used.</summary>
    public bool IsEncoded { get; }

    /// <summary>The decoded resource type: a type name or <c>*</c>.</summary>
    public string GetResourceType(string text) => ResourceIsWildcard ? "*" : text.Substring(ResourceStart, ResourceEnd - ResourceStart);

    /// <summary>The decoded permissions (<c>%2A</c> becomes <c>*</c>).</summary>
    public string GetPermissions(string text) => PermissionIsWildcard ? "*" : text.Substring(PermissionStart, PermissionEnd - PermissionStart);

    /// <summary>True for the v1 permissions <c>read</c>, <c>write</c>, <c>*</c>; allocates nothing.</summary>
    public bool HasV1Permissions(string text)
    {
        if (PermissionIsWildcard)
        {
            return true;
        }

        int length = PermissionEnd - PermissionStart;
        return (length == 4 && string.CompareOrdinal(text, PermissionStart, "read", 0, 4) == 0)
            || (length == 5 && string.CompareOrdinal(text, PermissionStart, "write", 0, 5) == 0);
    }
}

/// <summary>
/// The one place that knows the clinical scope grammar
/// <c>('patient'|'user'|'system') '/' (Type|'*') '.' permissions ['?' query]</c>.
/// Used by <see cref="SmartScope.Parse"/> (plain text) and by <see cref="ScopeScanner"/> (plain or
/// percent-encoded text, where <c>/</c>, <c>*</c> and <c>?</c> may appear as <c>%2F</c>, <c>%2A</c>, <c>%3F</c>).
/// </summary>
internal static class ClinicalScopeGrammar
{
    /// <summary>
    /// Matches the whole range [<paramref name="start"/>, <paramref name="end"/>) against the grammar.
    /// Permissions must be <c>*</c> or ASCII letters (possibly none); anything else is not a clinical scope.
    /// A query, when present, must be non-empty and contain <c>=</c>.
    /// </summary>
    public static bool TryMatch(string text, int start, int end, bool allowEncoded, out ClinicalScopeParts parts)
    {
        parts = default;
        int p = start;
        ScopeContext context;
        if (At(text, p, end, "patient"))
        {
            context = ScopeContext.Patient;
            p += 7;
        }
        else if (At(text, p, end, "user"))
        {
            context = ScopeContext.User;
            p += 4;
        }
        else if (At(text, p, end, "system"))
        {
            context = ScopeContext.System;
            p += 6;
        }
        else
        {
            return false;
        }

        if (!TryMatchRest(text, p, end, allowEncoded, out int resourceStart, out int resourceEnd, out bool resourceIsWildcard, out bool encoded))
        {
            return false;
        }

        p = resourceEnd + 1; // after the dot
        int permissionStart = p;
        bool permissionIsWildcard;
        int len = Escaped(text, p, end, '*', 'A', allowEncoded);
        if (len > 0)
        {
            permissionIsWildcard = true;
            encoded |= len == 3;
            p += len;
        }
        else
        {
            permissionIsWildcard = false;
            while (p < end && IsLetter(text[p]))
            {
                p++;
            }
        }

        int permissionEnd = p;
        int queryStart = -1;
        int queryTextStart = -1;
        if (p < end)
        {
            len = Escaped(text, p, end, '?', 'F', allowEncoded, escapeHigh: '3');
            if (len == 0)
            {
                return false;
            }

            queryStart = p;
            queryTextStart = p + len;
            encoded |= len == 3;
            if (queryTextStart >= end || !HasEquals(text, queryTextStart, end, allowEncoded))
            {
                return false;
            }
        }

        parts = new ClinicalScopeParts(context, resourceStart, resourceEnd, resourceIsWildcard, permissionStart, permissionEnd, permissionIsWildcard, queryStart, queryTextStart, encoded);
        return true;
    }

    /// <summary>
    /// The part of the grammar after the context, up to the permissions: <c>'/' (Type|'*') '.'</c>, matched at
    /// <paramref name="start"/> (the slash). True when it is there; <paramref name="resourceEnd"/> is then the offset of the dot.
    /// Used alone for the text that follows a context held elsewhere (<see cref="ScopeScanner.MayEndScope"/>).
    /// </summary>
    public static bool TryMatchRest(string text, int start, int end, bool allowEncoded, out int resourceStart, out int resourceEnd, out bool resourceIsWildcard, out bool encoded)
    {
        resourceStart = resourceEnd = -1;
        resourceIsWildcard = encoded = false;
        int p = start;
        int len = Escaped(text, p, end, '/', 'F', allowEncoded);
        if (len == 0)
        {
            return false;
        }

        encoded = len == 3;
        p += len;

        resourceStart = p;
        len = Escaped(text, p, end, '*', 'A', allowEncoded);
        if (len > 0)
        {
            resourceIsWildcard = true;
            encoded |= len == 3;
            p += len;
        }
        else
        {
            if (p >= end || !IsUpper(text[p]))
            {
                return false;
            }

            p++;
            while (p < end && IsLetter(text[p]))
            {
                p++;
            }
        }

        resourceEnd = p;
        return p < end && text[p] == '.';
    }

    /// <summary>
    /// The length of the context's slash at <paramref name="p"/>: 1 for <c>/</c>, 3 for <c>%2F</c> or <c>%2f</c>, 0 for
    /// anything else. The one definition of that slash, for the grammar and for the prechecks that look for it in text.
    /// </summary>
    internal static int SlashLength(string text, int p, int end) => Escaped(text, p, end, '/', 'F', allowEncoded: true);

    internal static bool IsLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static bool IsUpper(char c) => c >= 'A' && c <= 'Z';

    private static bool At(string text, int p, int end, string literal)
    {
        if (end - p < literal.Length)
        {
            return false;
        }

        return string.CompareOrdinal(text, p, literal, 0, literal.Length) == 0;
    }

    /// <summary>
    /// Length of <paramref name="plain"/> at <paramref name="p"/> (1), or of its percent escape
    /// <c>%{escapeHigh}{escapeLow}</c> in either case (3), or 0.
    /// </summary>
    private static int Escaped(string text, int p, int end, char plain, char escapeLow, bool allowEncoded, char escapeHigh = '2')
    {
        if (p >= end)
        {
            return 0;
        }

        if (text[p] == plain)
        {
            return 1;
        }

        if (allowEncoded && p + 2 < end && text[p] == '%' && text[p + 1] == escapeHigh
            && (text[p + 2] == escapeLow || text[p + 2] == (char)(escapeLow + 32)))
        {
            return 3;
        }

        return 0;
    }

    private static bool HasEquals(string text, int p, int end, bool allowEncoded)
    {
        for (int i = p; i < end; i++)
        {
            char c = text[i];
            if (c == '=')
            {
                return true;
            }

            if (allowEncoded && c == '%' && i + 2 < end && text[i + 1] == '3' && (text[i + 2] == 'D' || text[i + 2] == 'd'))
            {
                return true;
            }
        }

        return false;
    }
}

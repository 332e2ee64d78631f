namespace Netsmart.Knowledge.Scopes;

/// <summary>Small entry points for the analyzer, the code fixes and the runtime library.</summary>
internal static class SmartScopes
{
    /// <summary>
    /// Cheap evidence test: does <paramref name="text"/> (any string: a literal, a URL, a form body)
    /// contain a clinical SMART scope token? Returns false without allocating when the text has
    /// no context followed by <c>/</c> or <c>%2F</c> (<c>patient/</c>, <c>user%2F</c>...).
    /// </summary>
    public static bool ContainsClinicalScope(string? text) => ScopeScanner.ContainsClinicalScope(text);

    /// <summary>True when <paramref name="text"/> contains a <c>system/...</c> clinical scope token (backend use).</summary>
    public static bool ContainsSystemScope(string? text)
    {
        if (!ScopeScanner.MayContainScope(text))
        {
            return false;
        }

        foreach (var match in ScopeScanner.Scan(text))
        {
            if (match.IsSystemScope)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="scope"/> is one clinical scope whose context is <c>system</c>.</summary>
    public static bool IsSystemScope(string? scope) => scope != null && SmartScope.Parse(scope).IsSystemScope;

    /// <summary>
    /// Converts one v1 clinical scope to v2 by the official mapping (<c>read</c>→<c>rs</c>,
    /// <c>write</c>→<c>cud</c>, <c>*</c>→<c>cruds</c>), keeping any query. Returns true only when
    /// something changed; otherwise <paramref name="v2"/> is the input (v2, non-clinical or other text).
    /// </summary>
    public static bool TryConvertV1ToV2(string? scope, out string v2)
    {
        v2 = scope ?? string.Empty;
        if (scope == null)
        {
            return false;
        }

        var parsed = SmartScope.Parse(scope);
        if (parsed.Syntax != ScopeSyntax.V1)
        {
            return false;
        }

        v2 = parsed.ToV2().Format();
        return true;
    }

    /// <summary>The v2 form of a v1 clinical scope, or the input unchanged. Idempotent.</summary>
    public static string ConvertV1ToV2(string scope)
    {
        TryConvertV1ToV2(scope, out string v2);
        return v2;
    }

    /// <summary>Converts every v1 clinical scope of a whitespace-separated list, keeping order, duplicates and spacing.</summary>
    public static string ConvertListV1ToV2(string scopes) => ScopeList.Parse(scopes).ToV2().Format();
}

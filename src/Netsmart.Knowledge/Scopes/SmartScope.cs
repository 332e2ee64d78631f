using System;

namespace Netsmart.Knowledge.Scopes;

/// <summary>
/// One parsed SMART scope (plain, not percent-encoded text). Immutable.
/// <see cref="Format"/> rebuilds the text from the parts: <c>Parse(s).Format() == s</c> for every string.
/// </summary>
internal sealed class SmartScope
{
    private SmartScope(
        string text,
        ScopeKind kind,
        ScopeContext context,
        string? resourceType,
        string? permissions,
        string? query,
        int permissionsStart,
        string? launchContextType)
    {
        Text = text;
        Kind = kind;
        Context = context;
        ResourceType = resourceType;
        Permissions = permissions;
        Query = query;
        PermissionsStart = permissionsStart;
        LaunchContextType = launchContextType;
        if (kind == ScopeKind.Clinical && permissions != null)
        {
            Syntax = ScopePermissions.IsV1(permissions) ? ScopeSyntax.V1 : ScopeSyntax.V2;
            Problems = Syntax == ScopeSyntax.V2 ? ScopePermissions.Validate(permissions) : PermissionProblems.None;
        }
    }

    /// <summary>The original text of the scope.</summary>
    public string Text { get; }

    public ScopeKind Kind { get; }

    /// <summary><see cref="ScopeContext.None"/> unless <see cref="Kind"/> is <see cref="ScopeKind.Clinical"/>.</summary>
    public ScopeContext Context { get; }

    /// <summary>The resource type name or <c>*</c> of a clinical scope, else null.</summary>
    public string? ResourceType { get; }

    /// <summary>The permission part of a clinical scope (<c>read</c>, <c>rs</c>, <c>*</c>, ...), else null.</summary>
    public string? Permissions { get; }

    /// <summary>The text after <c>?</c> of a query-restricted clinical scope, else null.</summary>
    public string? Query { get; }

    /// <summary>Offset of <see cref="Permissions"/> inside <see cref="Text"/>, -1 when not clinical.</summary>
    public int PermissionsStart { get; }

    /// <summary>For <c>launch/patient</c>: <c>patient</c>. Null for every other kind.</summary>
    public string? LaunchContextType { get; }

    /// <summary>V1 or V2 for clinical scopes, None otherwise.</summary>
    public ScopeSyntax Syntax { get; }

    /// <summary>Problems of a v2 permission string; always None for v1 and non-clinical scopes.</summary>
    public PermissionProblems Problems { get; }

    public bool IsClinical => Kind == ScopeKind.Clinical;

    /// <summary>True for <c>system/...</c> clinical scopes (backend services).</summary>
    public bool IsSystemScope => Context == ScopeContext.System;

    /// <summary>True when the resource type is <c>*</c> or a FHIR R4 resource type name.</summary>
    public bool IsKnownResourceType => ResourceType != null && FhirResourceTypes.IsKnownOrWildcard(ResourceType);

    /// <summary>False only for clinical v2 scopes with malformed permissions.</summary>
    public bool IsWellFormed => Problems == PermissionProblems.None;

    /// <summary>Parses one scope. Never throws for non-null input; unknown text becomes <see cref="ScopeKind.Other"/>.</summary>
    public static SmartScope Parse(string text)
    {
        if (text == null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        if (ClinicalScopeGrammar.TryMatch(text, 0, text.Length, allowEncoded: false, out var parts))
        {
            string? query = parts.QueryTextStart < 0 ? null : text.Substring(parts.QueryTextStart);
            return new SmartScope(text, ScopeKind.Clinical, parts.Context, parts.GetResourceType(text), parts.GetPermissions(text), query, parts.PermissionStart, null);
        }

        return new SmartScope(text, ClassifyNonClinical(text, out string? launchType), ScopeContext.None, null, null, null, -1, launchType);
    }

    /// <summary>Rebuilds the scope text from its parts.</summary>
    public string Format()
    {
        if (Kind != ScopeKind.Clinical)
        {
            return Text;
        }

        string head = ContextName(Context) + "/" + ResourceType + "." + Permissions;
        return Query == null ? head : head + "?" + Query;
    }

    public override string ToString() => Text;

    /// <summary>
    /// The v2 form of a v1 clinical scope (official mapping, query kept). Any other scope is returned
    /// unchanged (the same instance), so the conversion is idempotent.
    /// </summary>
    public SmartScope ToV2()
    {
        if (Syntax != ScopeSyntax.V1 || Permissions == null)
        {
            return this;
        }

        return WithPermissions(ScopePermissions.MapV1ToV2(Permissions)!);
    }

    /// <summary>
    /// For a clinical v2 scope with ambiguity-free problems (order, repeats), the normalised scope.
    /// A well-formed scope returns itself. Returns false for unknown letters, empty permissions,
    /// v1 scopes and non-clinical scopes.
    /// </summary>
    public bool TryNormalize(out SmartScope normalized)
    {
        normalized = this;
        if (Syntax != ScopeSyntax.V2 || Permissions == null)
        {
            return false;
        }

        if (!ScopePermissions.TryNormalize(Permissions, out string fixedPermissions))
        {
            return false;
        }

        if (fixedPermissions != Permissions)
        {
            normalized = WithPermissions(fixedPermissions);
        }

        return true;
    }

    /// <summary>The same clinical scope with other permissions. Throws for non-clinical scopes.</summary>
    public SmartScope WithPermissions(string permissions)
    {
        if (Kind != ScopeKind.Clinical)
        {
            throw new InvalidOperationException("Only clinical scopes have permissions.");
        }

        string head = ContextName(Context) + "/" + ResourceType + ".";
        string text = head + permissions + (Query == null ? string.Empty : "?" + Query);
        return new SmartScope(text, ScopeKind.Clinical, Context, ResourceType, permissions, Query, head.Length, null);
    }

    /// <summary>The lowercase context name, for example <c>patient</c>; empty for None.</summary>
    public static string ContextName(ScopeContext context)
    {
        switch (context)
        {
            case ScopeContext.Patient: return "patient";
            case ScopeContext.User: return "user";
            case ScopeContext.System: return "system";
            default: return string.Empty;
        }
    }

    private static ScopeKind ClassifyNonClinical(string text, out string? launchType)
    {
        launchType = null;
        switch (text)
        {
            case "launch": return ScopeKind.Launch;
            case "openid": return ScopeKind.OpenId;
            case "fhirUser": return ScopeKind.FhirUser;
            case "profile": return ScopeKind.Profile;
            case "offline_access": return ScopeKind.OfflineAccess;
            case "online_access": return ScopeKind.OnlineAccess;
        }

        if (text.Length > 7 && string.CompareOrdinal(text, 0, "launch/", 0, 7) == 0 && AllLowercase(text, 7))
        {
            launchType = text.Substring(7);
            return ScopeKind.LaunchContext;
        }

        if ((text.Length > 2 && text[0] == '_' && text[1] == '_') || IsAbsoluteUri(text))
        {
            return ScopeKind.Extension;
        }

        return ScopeKind.Other;
    }

    private static bool AllLowercase(string text, int start)
    {
        for (int i = start; i < text.Length; i++)
        {
            if (text[i] < 'a' || text[i] > 'z')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>scheme:rest</c> with an RFC 3986 scheme, a non-empty rest and no whitespace.</summary>
    private static bool IsAbsoluteUri(string text)
    {
        int colon = text.IndexOf(':');
        if (colon < 1 || colon == text.Length - 1 || !ClinicalScopeGrammar.IsLetter(text[0]))
        {
            return false;
        }

        for (int i = 1; i < colon; i++)
        {
            char c = text[i];
            if (!ClinicalScopeGrammar.IsLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.')
            {
                return false;
            }
        }

        for (int i = colon + 1; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}

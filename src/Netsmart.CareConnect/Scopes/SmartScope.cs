using System;
using System.Diagnostics.CodeAnalysis;
using Netsmart.CareConnect.Internal;
using K = Netsmart.Knowledge.Scopes;

namespace Netsmart.CareConnect;

/// <summary>
/// One SMART scope, parsed by the analyzer's own scope model (<c>Netsmart.Knowledge.Scopes</c>, compiled in as
/// shared source): clinical scopes (<c>patient/Observation.rs?category=...</c>, v1 or v2 permissions) and the
/// launch, identity and access scopes. Immutable; equal when the text is equal.
/// </summary>
public sealed class SmartScope : IEquatable<SmartScope>
{
    private readonly K.SmartScope _scope;

    private SmartScope(K.SmartScope scope)
    {
        _scope = scope;
    }

    /// <summary>The scope text.</summary>
    public string Text => _scope.Text;

    /// <summary>The kind of scope; unknown text is <see cref="SmartScopeKind.Other"/>.</summary>
    public SmartScopeKind Kind => _scope.Kind switch
    {
        K.ScopeKind.Clinical => SmartScopeKind.Clinical,
        K.ScopeKind.Launch => SmartScopeKind.Launch,
        K.ScopeKind.LaunchContext => SmartScopeKind.LaunchContext,
        K.ScopeKind.OpenId => SmartScopeKind.OpenId,
        K.ScopeKind.FhirUser => SmartScopeKind.FhirUser,
        K.ScopeKind.Profile => SmartScopeKind.Profile,
        K.ScopeKind.OfflineAccess => SmartScopeKind.OfflineAccess,
        K.ScopeKind.OnlineAccess => SmartScopeKind.OnlineAccess,
        K.ScopeKind.Extension => SmartScopeKind.Extension,
        _ => SmartScopeKind.Other,
    };

    /// <summary>The context of a clinical scope.</summary>
    public SmartScopeContext Context => _scope.Context switch
    {
        K.ScopeContext.Patient => SmartScopeContext.Patient,
        K.ScopeContext.User => SmartScopeContext.User,
        K.ScopeContext.System => SmartScopeContext.System,
        _ => SmartScopeContext.None,
    };

    /// <summary>The resource type (or <c>*</c>) of a clinical scope.</summary>
    public string? ResourceType => _scope.ResourceType;

    /// <summary>The permissions of a clinical scope (<c>read</c>, <c>rs</c>, <c>*</c>, ...).</summary>
    public string? Permissions => _scope.Permissions;

    /// <summary>The query of a query-restricted clinical scope (after <c>?</c>).</summary>
    public string? Query => _scope.Query;

    /// <summary>For <c>launch/patient</c>: <c>patient</c>.</summary>
    public string? LaunchContextType => _scope.LaunchContextType;

    /// <summary>V1 or V2 for clinical scopes.</summary>
    public SmartScopeSyntax Syntax => _scope.Syntax switch
    {
        K.ScopeSyntax.V1 => SmartScopeSyntax.V1,
        K.ScopeSyntax.V2 => SmartScopeSyntax.V2,
        _ => SmartScopeSyntax.None,
    };

    /// <summary>Whether this is a clinical scope.</summary>
    public bool IsClinical => _scope.IsClinical;

    /// <summary>Whether this is a <c>system/</c> clinical scope.</summary>
    public bool IsSystemScope => _scope.IsSystemScope;

    /// <summary>Whether the resource type is <c>*</c> or a FHIR R4 resource type.</summary>
    public bool IsKnownResourceType => _scope.IsKnownResourceType;

    /// <summary><see langword="false"/> only for v2 clinical scopes with malformed permissions (unknown, repeated or out-of-order letters).</summary>
    public bool IsWellFormed => _scope.IsWellFormed;

    /// <summary>What is wrong with the permissions, for example <c>letters out of order (expected order c, r, u, d, s)</c>; <see langword="null"/> when well formed.</summary>
    public string? Problem => _scope.IsWellFormed || _scope.Permissions is null ? null : K.ScopePermissions.Explain(_scope.Permissions);

    /// <summary>Parses one scope (no white space). Unknown text parses as <see cref="SmartScopeKind.Other"/>.</summary>
    /// <exception cref="FormatException">The text is empty or contains white space.</exception>
    public static SmartScope Parse(string text)
    {
        Guard.NotNull(text, nameof(text));
        if (!IsSingleToken(text))
        {
            throw new FormatException("A SMART scope is one non-empty token without white space; use SmartScopeList.Parse for a space-separated list.");
        }

        return new SmartScope(K.SmartScope.Parse(text));
    }

    /// <summary>Tries to parse one scope.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SmartScope? scope)
    {
        scope = text is not null && IsSingleToken(text) ? new SmartScope(K.SmartScope.Parse(text)) : null;
        return scope is not null;
    }

    /// <summary>The v2 form of a v1 clinical scope (<c>read</c>→<c>rs</c>, <c>write</c>→<c>cud</c>, <c>*</c>→<c>cruds</c>, query kept); any other scope unchanged.</summary>
    public SmartScope ToV2()
    {
        var v2 = _scope.ToV2();
        return ReferenceEquals(v2, _scope) ? this : new SmartScope(v2);
    }

    /// <summary>For a v2 scope with out-of-order or repeated letters, the normalized scope (<c>sr</c>→<c>rs</c>). False for unknown letters, v1 and non-clinical scopes.</summary>
    public bool TryNormalize([NotNullWhen(true)] out SmartScope? normalized)
    {
        if (_scope.TryNormalize(out var n))
        {
            normalized = ReferenceEquals(n, _scope) ? this : new SmartScope(n);
            return true;
        }

        normalized = null;
        return false;
    }

    /// <inheritdoc />
    public bool Equals(SmartScope? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SmartScope);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    /// <summary>The scope text.</summary>
    public override string ToString() => _scope.Format();

    internal static SmartScope Wrap(K.SmartScope scope) => new SmartScope(scope);

    private static bool IsSingleToken(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}

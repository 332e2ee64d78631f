using System;
using System.Collections.Generic;
using System.Text;

namespace Netsmart.Knowledge.Scopes;

/// <summary>
/// A whitespace-separated list of SMART scopes (the OAuth <c>scope</c> value, not percent-encoded).
/// The separators are kept exactly, so <c>Parse(s).Format() == s</c> and a conversion changes only
/// the permission parts of the tokens it touches; tokens are never merged, reordered or de-duplicated.
/// </summary>
internal sealed class ScopeList
{
    private readonly SmartScope[] _scopes;
    private readonly string[] _gaps; // _gaps[i] precedes _scopes[i]; _gaps[_scopes.Length] is the tail

    private ScopeList(SmartScope[] scopes, string[] gaps)
    {
        _scopes = scopes;
        _gaps = gaps;
    }

    /// <summary>The scopes in their original order, duplicates included.</summary>
    public IReadOnlyList<SmartScope> Scopes => _scopes;

    /// <summary>True when at least one clinical scope uses v1 permissions.</summary>
    public bool HasV1 => Any(s => s.Syntax == ScopeSyntax.V1);

    /// <summary>True when at least one clinical scope uses v2 permissions (valid or not).</summary>
    public bool HasV2 => Any(s => s.Syntax == ScopeSyntax.V2);

    /// <summary>True when v1 and v2 clinical scopes are mixed in one list (SMART servers may reject it).</summary>
    public bool HasMixedSyntax => HasV1 && HasV2;

    /// <summary>True when a clinical v2 scope has malformed permissions.</summary>
    public bool HasMalformed => Any(s => !s.IsWellFormed);

    /// <summary>True when some scope is a <c>system/</c> clinical scope.</summary>
    public bool HasSystemScope => Any(s => s.IsSystemScope);

    /// <summary>Splits on whitespace (space, tab, CR, LF). Never throws for non-null input.</summary>
    public static ScopeList Parse(string text)
    {
        if (text == null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var scopes = new List<SmartScope>();
        var gaps = new List<string>();
        int i = 0;
        while (true)
        {
            int gapStart = i;
            while (i < text.Length && IsSeparator(text[i]))
            {
                i++;
            }

            gaps.Add(text.Substring(gapStart, i - gapStart));
            if (i >= text.Length)
            {
                break;
            }

            int tokenStart = i;
            while (i < text.Length && !IsSeparator(text[i]))
            {
                i++;
            }

            scopes.Add(SmartScope.Parse(text.Substring(tokenStart, i - tokenStart)));
        }

        return new ScopeList(scopes.ToArray(), gaps.ToArray());
    }

    /// <summary>Rebuilds the text from the scopes and the original separators.</summary>
    public string Format()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < _scopes.Length; i++)
        {
            sb.Append(_gaps[i]).Append(_scopes[i].Format());
        }

        return sb.Append(_gaps[_scopes.Length]).ToString();
    }

    public override string ToString() => Format();

    /// <summary>Every v1 clinical scope mapped to v2 (official mapping); everything else unchanged.</summary>
    public ScopeList ToV2() => Map(s => s.ToV2());

    /// <summary>Every normalisable malformed v2 scope normalised; everything else unchanged.</summary>
    public ScopeList Normalize() => Map(s => s.TryNormalize(out var n) ? n : s);

    private ScopeList Map(Func<SmartScope, SmartScope> map)
    {
        var mapped = new SmartScope[_scopes.Length];
        for (int i = 0; i < _scopes.Length; i++)
        {
            mapped[i] = map(_scopes[i]);
        }

        return new ScopeList(mapped, _gaps);
    }

    private bool Any(Func<SmartScope, bool> predicate)
    {
        foreach (var s in _scopes)
        {
            if (predicate(s))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSeparator(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

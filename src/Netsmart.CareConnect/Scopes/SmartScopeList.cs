using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Netsmart.CareConnect.Internal;
using K = Netsmart.Knowledge.Scopes;

namespace Netsmart.CareConnect;

/// <summary>
/// A space-separated SMART scope list (the OAuth <c>scope</c> value), parsed by the analyzer's own scope model.
/// Conversions change only the permission part of the scopes they touch: order, duplicates and separators are
/// kept, so <c>Parse(s).ToString() == s</c>.
/// </summary>
public sealed class SmartScopeList : IReadOnlyList<SmartScope>
{
    private readonly K.ScopeList _list;
    private readonly SmartScope[] _scopes;

    private SmartScopeList(K.ScopeList list)
    {
        _list = list;
        _scopes = list.Scopes.Select(SmartScope.Wrap).ToArray();
    }

    /// <summary>The number of scopes.</summary>
    public int Count => _scopes.Length;

    /// <summary>Whether a clinical scope uses v1 permissions.</summary>
    public bool HasV1 => _list.HasV1;

    /// <summary>Whether a clinical scope uses v2 permissions.</summary>
    public bool HasV2 => _list.HasV2;

    /// <summary>Whether v1 and v2 clinical scopes are mixed (servers may reject the request).</summary>
    public bool HasMixedSyntax => _list.HasMixedSyntax;

    /// <summary>Whether a v2 clinical scope has malformed permissions.</summary>
    public bool HasMalformed => _list.HasMalformed;

    /// <summary>Whether a <c>system/</c> clinical scope is present.</summary>
    public bool HasSystemScope => _list.HasSystemScope;

    /// <inheritdoc />
    public SmartScope this[int index] => _scopes[index];

    /// <summary>Parses a white-space separated list.</summary>
    public static SmartScopeList Parse(string scopes) => new SmartScopeList(K.ScopeList.Parse(Guard.NotNull(scopes, nameof(scopes))));

    /// <summary>Every v1 clinical scope mapped to v2 by the official SMART mapping; everything else unchanged.</summary>
    public SmartScopeList ToV2() => new SmartScopeList(_list.ToV2());

    /// <summary>Every v2 scope with out-of-order or repeated letters normalized; everything else unchanged.</summary>
    public SmartScopeList Normalize() => new SmartScopeList(_list.Normalize());

    /// <summary>
    /// The problems a SMART 2.0 server may reject or ignore: malformed v2 permissions (with the reason) and mixed
    /// v1/v2 syntax. Empty when there are none.
    /// </summary>
    public IReadOnlyList<string> GetProblems()
    {
        var problems = new List<string>();
        foreach (var scope in _scopes)
        {
            if (!scope.IsWellFormed)
            {
                problems.Add(scope.Text + ": " + scope.Problem);
            }
        }

        if (HasMixedSyntax)
        {
            problems.Add("v1 (read/write/*) and v2 (cruds) permissions are mixed in one request.");
        }

        return problems;
    }

    /// <inheritdoc />
    public IEnumerator<SmartScope> GetEnumerator() => ((IEnumerable<SmartScope>)_scopes).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => _scopes.GetEnumerator();

    /// <summary>The list as text, with the original separators.</summary>
    public override string ToString() => _list.Format();
}

using System.Collections.Generic;
using Netsmart.Knowledge.Evidence;
using Netsmart.Knowledge.Scopes;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Knowledge.Rules;

/// <summary>
/// The decisions of the scope rules (NSM010, NSM011) for the SMART scopes of one value, made once for every front
/// end: one finding per rule and value, listing its scopes.
/// </summary>
internal static class ScopeRules
{
    private static readonly RuleDecision[] None = new RuleDecision[0];

    /// <summary>
    /// NSM010 for the SMART 1.0 scopes and NSM011 for the malformed SMART 2.0 scopes among <paramref name="matches"/>
    /// (the scopes the front end reports in <paramref name="value"/>, in text order), in that order.
    /// </summary>
    public static IReadOnlyList<RuleDecision> Decide(string value, IReadOnlyList<ScopeMatch> matches, IValueSurroundings surroundings)
    {
        List<ScopeMatch>? v1 = null;
        List<ScopeMatch>? malformed = null;
        foreach (ScopeMatch match in matches)
        {
            if (match.Syntax == ScopeSyntax.V1)
            {
                (v1 ??= new List<ScopeMatch>()).Add(match);
            }
            else if (match.Syntax == ScopeSyntax.V2 && match.Problems != PermissionProblems.None)
            {
                (malformed ??= new List<ScopeMatch>()).Add(match);
            }
        }

        if (v1 is null && malformed is null)
        {
            return None;
        }

        var decisions = new List<RuleDecision>(2);
        ApiEvidence own = ApiEvidenceScanner.FromText(value);
        if (v1 != null && !TalksOnlyToNonMigratingApis(own, surroundings))
        {
            decisions.Add(Create(
                DiagnosticIds.V1ScopeSyntax, v1, tentative: false, ScopeText.List(v1, converted: false), ScopeText.List(v1, converted: true)));
        }

        if (malformed != null)
        {
            // A warning where the code shows Netsmart use; elsewhere (a FHIR server's own tests...) information, no fix.
            bool netsmart = (own & ApiEvidence.NetsmartUrl) != ApiEvidence.None || surroundings.ShowsNetsmartUse();
            decisions.Add(Create(
                DiagnosticIds.MalformedV2Scope, malformed, tentative: !netsmart,
                ScopeText.Problems(malformed), ScopeText.NetsmartContext(netsmart, surroundings.Source)));
        }

        return decisions;
    }

    /// <summary>
    /// "Talks only to non-migrating APIs": the /v4, /fhir and /ccd documentation still uses v1 scopes, so a value
    /// whose own evidence, or else the evidence around it, names only those APIs is left alone.
    /// </summary>
    public static bool TalksOnlyToNonMigratingApis(ApiEvidence own, IValueSurroundings surroundings) =>
        surroundings.Apis(own) == ApiEvidence.NonCertified;

    private static RuleDecision Create(string ruleId, List<ScopeMatch> matches, bool tentative, params string[] args)
    {
        var edits = new List<UrlEdit>();
        if (!tentative)
        {
            foreach (ScopeMatch match in matches)
            {
                if (match.Edit is ScopeEdit edit)
                {
                    edits.Add(new UrlEdit(edit.Offset, edit.Length, edit.NewText));
                }
            }
        }

        return new RuleDecision(ruleId, args, matches[0].Start, matches[matches.Count - 1].End, edits, isTentative: tentative);
    }
}

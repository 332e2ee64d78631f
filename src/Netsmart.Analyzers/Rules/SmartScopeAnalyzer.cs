using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Netsmart.Analyzers.Strings;
using Netsmart.Knowledge.Evidence;
using Netsmart.Knowledge.Scopes;

namespace Netsmart.Analyzers.Rules
{
    /// <summary>
    /// NSM010 (SMART 1.0 scope syntax) and NSM011 (malformed SMART 2.0 scope) in every kind of string:
    /// whole scopes, scope lists, URL-encoded <c>scope=</c> parameters, interpolations and concatenations.
    /// One diagnostic per string, listing the scopes it holds.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SmartScopeAnalyzer : StringExpressionAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.NSM010_V1ScopeSyntax,
            Descriptors.NSM011_MalformedV2Scope);

        private protected override bool MayMatch(string text) => ScopeScanner.MayContainScope(text);

        /// <summary>
        /// Source files are full of '/' (comments, paths): instead of checking the context before each one, look for the
        /// contexts themselves (vectorized searches); only a text with "%2" needs the slash-by-slash test for "%2F".
        /// </summary>
        private protected override bool MayMatchSourceText(string text) =>
            text.IndexOf("patient/", System.StringComparison.Ordinal) >= 0 ||
            text.IndexOf("user/", System.StringComparison.Ordinal) >= 0 ||
            text.IndexOf("system/", System.StringComparison.Ordinal) >= 0 ||
            (text.IndexOf("%2", System.StringComparison.Ordinal) >= 0 && ScopeScanner.MayContainScope(text));

        private protected override void Analyze(SyntaxNodeAnalysisContext context, StringExpression expression, CertifiedContext evidence)
        {
            IReadOnlyList<ScopeMatch> matches = ScopeScanner.Scan(expression.Text);
            if (matches.Count == 0)
            {
                return;
            }

            var v1 = new List<ScopeMatch>();
            var malformed = new List<ScopeMatch>();
            foreach (ScopeMatch match in matches)
            {
                if (expression.IsInsideOneOpaquePart(match.Start, match.End))
                {
                    continue; // written in a constant declared elsewhere: reported there
                }

                if (match.Syntax == ScopeSyntax.V1)
                {
                    v1.Add(match);
                }
                else if (match.Syntax == ScopeSyntax.V2 && match.Problems != PermissionProblems.None)
                {
                    malformed.Add(match);
                }
            }

            if (v1.Count > 0 && !TalksOnlyToNonMigratingApis(context, expression, evidence))
            {
                context.ReportDiagnostic(Create(Descriptors.NSM010_V1ScopeSyntax, expression, v1, null, ScopeText.List(v1, converted: false), ScopeText.List(v1, converted: true)));
            }

            if (malformed.Count > 0)
            {
                // A warning where the code shows Netsmart use; elsewhere (a FHIR server's own tests...) information, no fix.
                bool netsmart = evidence.ShowsNetsmartUse(expression.Root, context.Options, context.CancellationToken) ||
                    (ApiEvidenceScanner.FromText(expression.Text) & ApiEvidence.NetsmartUrl) != ApiEvidence.None;
                context.ReportDiagnostic(Create(
                    Descriptors.NSM011_MalformedV2Scope, expression, malformed, netsmart ? (DiagnosticSeverity?)null : DiagnosticSeverity.Info,
                    ScopeText.Problems(malformed), ScopeText.NetsmartContext(netsmart, "type, file or project")));
            }
        }

        /// <summary>The /v4, /fhir and /ccd documentation still uses v1 scopes: code that only talks to them is left alone.</summary>
        private static bool TalksOnlyToNonMigratingApis(SyntaxNodeAnalysisContext context, StringExpression expression, CertifiedContext evidence)
        {
            ApiEvidence own = ApiEvidenceScanner.FromText(expression.Text);
            ApiEvidence around = ApiEvidenceScanner.DecidesAlone(own) ? ApiEvidence.None : evidence.OfTypeOrFile(expression.Root, context.CancellationToken);
            return ApiEvidenceScanner.Apis(own, around) == ApiEvidence.NonCertified;
        }

        /// <summary>The diagnostic, at <paramref name="severity"/> without a fix when that is given, else at the rule's severity with its fix.</summary>
        private static Diagnostic Create(DiagnosticDescriptor descriptor, StringExpression expression, List<ScopeMatch> matches, DiagnosticSeverity? severity, params object[] args)
        {
            var valueEdits = new List<(int, int, string)>();
            foreach (ScopeMatch match in matches)
            {
                if (match.Edit is ScopeEdit edit && !severity.HasValue)
                {
                    valueEdits.Add((edit.Offset, edit.Length, edit.NewText));
                }
            }

            List<SourceEdit> edits = valueEdits.Count > 0 ? expression.MapEdits(valueEdits) : new List<SourceEdit>();
            int first = expression.PartIndexAt(matches[0].Start);
            int last = expression.PartIndexAt(matches[matches.Count - 1].End - 1);
            Location location = expression.GetReportLocation(first, last);
            ImmutableDictionary<string, string?> properties = FixProperties.Create(edits, tenantExpression: null, needsTenantExpression: false);
            return severity.HasValue
                ? Diagnostic.Create(descriptor, location, severity.Value, additionalLocations: null, properties, args)
                : Diagnostic.Create(descriptor, location, properties, args);
        }
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Netsmart.Analyzers.Strings;
using Netsmart.Knowledge.Rules;
using Netsmart.Knowledge.Urls;
using Netsmart.Analyzers.Evidence;
using Netsmart.Analyzers.Reporting;

namespace Netsmart.Analyzers.Rules;

/// <summary>
/// NSM001–NSM005: Certified v1 URLs, v2 URLs without a tenant, and tenant placeholders, in every
/// kind of string literal, interpolated string and constant concatenation.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NetsmartUrlAnalyzer : StringExpressionAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.NSM001_V1PatientAccessUrl,
        Descriptors.NSM002_V1BulkDataUrl,
        Descriptors.NSM003_V1AuthorizationServerUrl,
        Descriptors.NSM004_V2UrlWithoutTenant,
        Descriptors.NSM005_V2UrlWithTenantPlaceholder,
        Descriptors.NSM006_SystemAccessThroughPatientAccess);

    private protected override bool MayMatch(string text) => NetsmartUrlScanner.MayContainNetsmartUrl(text);

    /// <summary>
    /// A Certified path written apart from its Netsmart host, <c>string.Concat(Host, "/uscore/v1/Patient/", id)</c>: the v1
    /// path, or a v2 API or authorization path (so that a fixed call is still checked for its tenant, like <c>Host + "…"</c>).
    /// </summary>
    private protected override bool MayMatchSplitPart(string text) => NetsmartUrlScanner.MayContainSplitPart(text);

    private protected override bool FollowsSplitArguments => true;

    private protected override void Analyze(SyntaxNodeAnalysisContext context, StringExpression expression, ApiEvidenceCache evidence)
    {
        CodeSurroundings? surroundings = null;
        string? tenantExpression = null;
        foreach (NetsmartUrlMatch match in NetsmartUrlScanner.FindAll(expression.Text))
        {
            if (expression.IsInsideOneOpaquePart(match.Start, match.BaseEnd))
            {
                continue; // the whole URL is written in a constant declared elsewhere: it is reported there
            }

            surroundings ??= new CodeSurroundings(context, expression, evidence);
            RuleDecision? decision = UrlRules.Decide(match, surroundings);
            RuleDecision? systemLevel = UrlRules.IsPatientAccess(match) ? UrlRules.DecideSystemLevel(match, surroundings) : null;
            if (decision != null || systemLevel != null)
            {
                tenantExpression ??= NetsmartOptions.GetTenantIdExpression(context.Options, context.Node.SyntaxTree);
                DecisionDiagnostics.Report(context, expression, decision, tenantExpression);
                DecisionDiagnostics.Report(context, expression, systemLevel, tenantExpression);
            }
        }
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Netsmart.Analyzers.Strings;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Analyzers.Rules
{
    /// <summary>
    /// NSM001–NSM005: Certified v1 URLs, v2 URLs without a tenant, and tenant placeholders, in every
    /// kind of string literal, interpolated string and constant concatenation.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NetsmartUrlAnalyzer : DiagnosticAnalyzer
    {
        private const string NoPollStatusTwin =
            "its $export-poll-status endpoint has no v2 equivalent: poll the URL from the kick-off response's Content-Location header instead";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.NSM001_V1PatientAccessUrl,
            Descriptors.NSM002_V1BulkDataUrl,
            Descriptors.NSM003_V1AuthorizationServerUrl,
            Descriptors.NSM004_V2UrlWithoutTenant,
            Descriptors.NSM005_V2UrlWithTenantPlaceholder);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxNodeAction(
                AnalyzeStringExpression,
                SyntaxKind.StringLiteralExpression,
                SyntaxKind.Utf8StringLiteralExpression,
                SyntaxKind.InterpolatedStringExpression,
                SyntaxKind.AddExpression);
        }

        private static void AnalyzeStringExpression(SyntaxNodeAnalysisContext context)
        {
            var node = (ExpressionSyntax)context.Node;

            // Cheapest test first: a plain literal that cannot hold a Netsmart host is done with.
            if (node is LiteralExpressionSyntax literal && !NetsmartUrlScanner.MayContainNetsmartUrl(literal.Token.ValueText))
            {
                return;
            }

            if (StringExpression.IsInsideConcatenation(node))
            {
                return; // the outermost concatenation is analyzed as a whole
            }

            StringExpression? expression = StringExpression.Create(
                node, node.IsKind(SyntaxKind.AddExpression) ? context.SemanticModel : null, context.CancellationToken);
            if (expression is null || !NetsmartUrlScanner.MayContainNetsmartUrl(expression.Text))
            {
                return;
            }

            foreach (NetsmartUrlMatch match in NetsmartUrlScanner.FindAll(expression.Text))
            {
                Diagnostic? diagnostic = CreateDiagnostic(context, expression, match);
                if (diagnostic != null)
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }
        }

        private static Diagnostic? CreateDiagnostic(SyntaxNodeAnalysisContext context, StringExpression expression, NetsmartUrlMatch match)
        {
            int first = expression.PartIndexAt(match.Start);
            int last = expression.PartIndexAt(System.Math.Max(match.Start, match.BaseEnd - 1));
            if (first == last && expression.Parts[first].Kind == StringPartKind.Opaque)
            {
                return null; // the whole URL is written in a constant declared elsewhere: reported there
            }

            DiagnosticDescriptor descriptor;
            object[] args;
            bool allowFix = true;
            bool needsTenantExpression = false;
            DiagnosticSeverity? severity = null;
            switch (match.Kind)
            {
                case NetsmartUrlKind.V1PatientAccess:
                    descriptor = Descriptors.NSM001_V1PatientAccessUrl;
                    args = new object[]
                    {
                        match.BaseText,
                        NetsmartV2Urls.ApiDisplayName(NetsmartV2Api.ProviderPatientAccess),
                        NetsmartV2Urls.RewriteBase(match),
                    };
                    break;

                case NetsmartUrlKind.V1BulkData:
                    descriptor = Descriptors.NSM002_V1BulkDataUrl;
                    allowFix = !match.IsExportPollStatus;
                    args = new object[]
                    {
                        match.BaseText,
                        match.IsExportPollStatus
                            ? NoPollStatusTwin
                            : "move to the tenant-specific v2 Provider System Access base '" + NetsmartV2Urls.RewriteBase(match) + "'",
                    };
                    break;

                case NetsmartUrlKind.V1AuthorizationServer:
                    descriptor = Descriptors.NSM003_V1AuthorizationServerUrl;
                    ApiEvidence evidence = CertifiedContext.FromText(expression.Text, match);
                    if (evidence != ApiEvidence.Certified && evidence != ApiEvidence.NonCertified)
                    {
                        evidence |= CertifiedContext.Around(expression.Root, context.CancellationToken);
                    }

                    string v2 = NetsmartV2Urls.RewriteBase(match);
                    if (evidence == ApiEvidence.NonCertified)
                    {
                        return null; // CCD, PatientImage, /v4, /fhir: these stay on the original server
                    }

                    if (evidence == ApiEvidence.Certified)
                    {
                        args = new object[] { match.BaseText, "this code uses the Certified APIs, whose v2 authorization server is tenant-specific: '" + v2 + "'" };
                    }
                    else
                    {
                        allowFix = false;
                        severity = DiagnosticSeverity.Info;
                        string why = evidence == ApiEvidence.None
                            ? "no Certified API use was found in this type or file"
                            : "this code also uses the /v4, /fhir, /ccd or PatientImage APIs, which stay on this server";
                        args = new object[] { match.BaseText, "if it serves Certified API calls, use the tenant-specific v2 server '" + v2 + "' (" + why + ")" };
                    }

                    break;

                case NetsmartUrlKind.V2Fhir:
                case NetsmartUrlKind.V2Authorization:
                    if (match.TenantState == TenantSegmentState.Missing || match.TenantState == TenantSegmentState.Malformed)
                    {
                        descriptor = Descriptors.NSM004_V2UrlWithoutTenant;
                        string problem = match.TenantState == TenantSegmentState.Missing
                            ? "has no tenant id"
                            : "has '" + match.TenantText + "' where the tenant id (a UUID) belongs";
                        args = new object[] { match.BaseText, problem, NetsmartV2Urls.RewriteBase(match) };
                    }
                    else if (match.TenantState == TenantSegmentState.Placeholder)
                    {
                        descriptor = Descriptors.NSM005_V2UrlWithTenantPlaceholder;
                        needsTenantExpression = true;
                        args = new object[] { match.BaseText, match.TenantText };
                    }
                    else
                    {
                        return null;
                    }

                    break;

                default:
                    return null;
            }

            List<SourceEdit> edits = allowFix ? MapEdits(expression, NetsmartV2Urls.GetEdits(match)) : new List<SourceEdit>();
            string? tenantExpression = NetsmartOptions.GetTenantIdExpression(context.Options, context.Node.SyntaxTree);
            ImmutableDictionary<string, string?> properties = FixProperties.Create(edits, tenantExpression, needsTenantExpression);
            Location location = expression.GetReportLocation(first, last);
            return severity.HasValue
                ? Diagnostic.Create(descriptor, location, severity.Value, additionalLocations: null, properties, args)
                : Diagnostic.Create(descriptor, location, properties, args);
        }

        /// <summary>Maps URL edits onto literal source text; empty when any edit falls outside one rewritable literal.</summary>
        private static List<SourceEdit> MapEdits(StringExpression expression, IReadOnlyList<UrlEdit> urlEdits)
        {
            var edits = new List<SourceEdit>(urlEdits.Count);
            foreach (UrlEdit edit in urlEdits)
            {
                StringPart? part = expression.FindPart(edit.Start, edit.Length);
                LiteralTextMap? map = part is null || !part.IsRewritable ? null : part.Map;
                Microsoft.CodeAnalysis.Text.TextSpan? span = map?.MapRange(edit.Start - part!.ValueStart, edit.Length);
                if (span is null)
                {
                    edits.Clear();
                    return edits;
                }

                edits.Add(new SourceEdit(span.Value, edit.NewText));
            }

            return edits;
        }
    }
}

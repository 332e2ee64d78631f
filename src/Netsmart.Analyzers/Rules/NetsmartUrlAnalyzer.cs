using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Netsmart.Analyzers.Strings;
using Netsmart.Knowledge.Evidence;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Analyzers.Rules
{
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
        private protected override bool MayMatchSplitPart(string text) =>
            text.IndexOf("uscore/v1", System.StringComparison.OrdinalIgnoreCase) >= 0 ||
            text.IndexOf("access/v2", System.StringComparison.OrdinalIgnoreCase) >= 0 ||
            text.IndexOf("oauth2/v1", System.StringComparison.OrdinalIgnoreCase) >= 0;

        private protected override bool FollowsSplitArguments => true;

        private protected override void Analyze(SyntaxNodeAnalysisContext context, StringExpression expression, CertifiedContext evidence)
        {
            foreach (NetsmartUrlMatch match in NetsmartUrlScanner.FindAll(expression.Text))
            {
                Diagnostic? diagnostic = CreateDiagnostic(context, expression, match, evidence);
                if (diagnostic != null)
                {
                    context.ReportDiagnostic(diagnostic);
                }

                if (IsPatientAccess(match))
                {
                    Diagnostic? systemLevel = CreateSystemLevelDiagnostic(context, expression, match, evidence);
                    if (systemLevel != null)
                    {
                        context.ReportDiagnostic(systemLevel);
                    }
                }
            }
        }

        private static bool IsPatientAccess(NetsmartUrlMatch match) =>
            match.Kind == NetsmartUrlKind.V1PatientAccess ||
            (match.Kind == NetsmartUrlKind.V2Fhir &&
             (match.V2Api == NetsmartV2Api.ProviderPatientAccess || match.V2Api == NetsmartV2Api.PayerPatientAccess));

        /// <summary>The System Access API a patient-access URL moves to in backend code, or None when the code is not backend code.</summary>
        private static NetsmartV2Api SystemAccessTarget(SyntaxNodeAnalysisContext context, StringExpression expression, NetsmartUrlMatch match, CertifiedContext evidence)
        {
            if (!IsPatientAccess(match))
            {
                return NetsmartV2Api.None;
            }

            // Backend code: system-level access and no patient-facing SMART use in the same type
            // (a settings class that serves both a patient app and a backend job keeps Patient Access).
            ApiEvidence found = evidence.OfType(expression.Root, context.CancellationToken);
            if ((found & ApiEvidence.SystemLevel) == ApiEvidence.None || (found & ApiEvidence.PatientFacing) != ApiEvidence.None)
            {
                return NetsmartV2Api.None;
            }

            return match.V2Api == NetsmartV2Api.PayerPatientAccess ? NetsmartV2Api.PayerSystemAccess : NetsmartV2Api.ProviderSystemAccess;
        }

        private static Diagnostic? CreateSystemLevelDiagnostic(SyntaxNodeAnalysisContext context, StringExpression expression, NetsmartUrlMatch match, CertifiedContext evidence)
        {
            NetsmartV2Api target = SystemAccessTarget(context, expression, match, evidence);
            if (target == NetsmartV2Api.None || !TryGetReportParts(expression, match, out int first, out int last))
            {
                return null;
            }

            ApiEvidence found = evidence.OfType(expression.Root, context.CancellationToken);
            string why = (found & ApiEvidence.SystemLevel) == ApiEvidence.SystemLevel
                ? "system/ scopes and the client_credentials grant"
                : (found & ApiEvidence.SystemScopes) != 0 ? "system/ scopes" : "the client_credentials grant";
            string v2 = NetsmartV2Urls.RewriteBase(match, target);
            IReadOnlyList<UrlEdit> urlEdits = match.Kind == NetsmartUrlKind.V1PatientAccess
                ? NetsmartV2Urls.GetEdits(match, target)
                : OnlyApiSegmentEdit(NetsmartV2Urls.GetEdits(match, target), match);
            List<SourceEdit> edits = MapEdits(expression, urlEdits);
            string? tenantExpression = NetsmartOptions.GetTenantIdExpression(context.Options, context.Node.SyntaxTree);
            return Diagnostic.Create(
                Descriptors.NSM006_SystemAccessThroughPatientAccess,
                expression.GetReportLocation(first, last),
                FixProperties.Create(edits, tenantExpression, needsTenantExpression: false, NetsmartV2Urls.ApiDisplayName(target)),
                match.BaseText, why, NetsmartV2Urls.ApiDisplayName(target), v2);
        }

        /// <summary>For a v2 URL, NSM006 only swaps the API segment; the tenant is NSM004/NSM005's business.</summary>
        private static IReadOnlyList<UrlEdit> OnlyApiSegmentEdit(IReadOnlyList<UrlEdit> edits, NetsmartUrlMatch match)
        {
            var result = new List<UrlEdit>(1);
            foreach (UrlEdit edit in edits)
            {
                if (edit.Start == match.V2ApiSegmentStart)
                {
                    result.Add(edit);
                }
            }

            return result;
        }

        private static bool TryGetReportParts(StringExpression expression, NetsmartUrlMatch match, out int first, out int last)
        {
            first = expression.PartIndexAt(match.Start);
            last = expression.PartIndexAt(System.Math.Max(match.Start, match.BaseEnd - 1));

            // The whole URL is written in a constant declared elsewhere: it is reported there.
            return !expression.IsInsideOneOpaquePart(match.Start, match.BaseEnd);
        }

        private static Diagnostic? CreateDiagnostic(SyntaxNodeAnalysisContext context, StringExpression expression, NetsmartUrlMatch match, CertifiedContext evidence)
        {
            if (!TryGetReportParts(expression, match, out int first, out int last))
            {
                return null;
            }

            NetsmartV2Api target = NetsmartV2Api.None;
            string? targetApi = null;

            DiagnosticDescriptor descriptor;
            object[] args;
            bool allowFix = true;
            bool needsTenantExpression = false;
            DiagnosticSeverity? severity = null;
            switch (match.Kind)
            {
                case NetsmartUrlKind.V1PatientAccess:
                    // Backend code moves to System Access (NSM006 says why); the NSM001 fix agrees with it.
                    descriptor = Descriptors.NSM001_V1PatientAccessUrl;
                    target = SystemAccessTarget(context, expression, match, evidence);
                    targetApi = NetsmartV2Urls.ApiDisplayName(target == NetsmartV2Api.None ? NetsmartV2Api.ProviderPatientAccess : target);
                    args = new object[]
                    {
                        match.BaseText,
                        targetApi,
                        NetsmartV2Urls.RewriteBase(match, target),
                    };
                    break;

                case NetsmartUrlKind.V1BulkData:
                    descriptor = Descriptors.NSM002_V1BulkDataUrl;
                    allowFix = !match.IsExportPollStatus;
                    args = new object[]
                    {
                        match.BaseText,
                        NetsmartUrlAdvice.BulkData(match),
                    };
                    break;

                case NetsmartUrlKind.V1AuthorizationServer:
                    descriptor = Descriptors.NSM003_V1AuthorizationServerUrl;
                    ApiEvidence own = ApiEvidenceScanner.FromText(expression.Text, match);
                    ApiEvidence found = ApiEvidenceScanner.Apis(
                        own, ApiEvidenceScanner.DecidesAlone(own) ? ApiEvidence.None : evidence.OfTypeOrFile(expression.Root, context.CancellationToken));

                    if (found == ApiEvidence.NonCertified)
                    {
                        return null; // CCD, PatientImage, /v4, /fhir: these stay on the original server
                    }

                    if (found == ApiEvidence.Certified)
                    {
                        args = new object[] { match.BaseText, NetsmartUrlAdvice.CertifiedAuthorizationServer(match) };
                    }
                    else
                    {
                        allowFix = false;
                        severity = DiagnosticSeverity.Info;
                        args = new object[] { match.BaseText, NetsmartUrlAdvice.TentativeAuthorizationServer(match, found, "type or file") };
                    }

                    break;

                case NetsmartUrlKind.V2Fhir:
                case NetsmartUrlKind.V2Authorization:
                    if (match.TenantState == TenantSegmentState.Missing || match.TenantState == TenantSegmentState.Malformed)
                    {
                        descriptor = Descriptors.NSM004_V2UrlWithoutTenant;
                        args = new object[] { match.BaseText, NetsmartUrlAdvice.TenantProblem(match), NetsmartV2Urls.RewriteBase(match) };
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

            List<SourceEdit> edits = allowFix ? MapEdits(expression, NetsmartV2Urls.GetEdits(match, target)) : new List<SourceEdit>();
            string? tenantExpression = NetsmartOptions.GetTenantIdExpression(context.Options, context.Node.SyntaxTree);
            ImmutableDictionary<string, string?> properties = FixProperties.Create(edits, tenantExpression, needsTenantExpression, targetApi);
            Location location = expression.GetReportLocation(first, last);
            return severity.HasValue
                ? Diagnostic.Create(descriptor, location, severity.Value, additionalLocations: null, properties, args)
                : Diagnostic.Create(descriptor, location, properties, args);
        }

        private static List<SourceEdit> MapEdits(StringExpression expression, IReadOnlyList<UrlEdit> urlEdits)
        {
            var valueEdits = new List<(int, int, string)>(urlEdits.Count);
            foreach (UrlEdit edit in urlEdits)
            {
                valueEdits.Add((edit.Start, edit.Length, edit.NewText));
            }

            return expression.MapEdits(valueEdits);
        }
    }
}

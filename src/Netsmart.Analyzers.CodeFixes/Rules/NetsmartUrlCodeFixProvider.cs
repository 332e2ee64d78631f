using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Netsmart.Knowledge.Rules;
using Netsmart.Analyzers.CodeFixes.Editing;

namespace Netsmart.Analyzers.CodeFixes.Rules;

/// <summary>
/// Fixes NSM001–NSM005: rewrites the URL inside the literal(s) with the edits the analyzer computed,
/// writing the tenant as the configured expression, a tenant id in scope, or the <c>{tenant-id}</c>
/// placeholder (always the placeholder where the code must stay constant, and the escaped <c>{{tenant-id}}</c>
/// in composite format strings and message templates, see <see cref="FormatStringContext"/>).
/// Each title names what the edit writes: the v2 API for NSM001 (System Access in backend code), NSM002 and NSM006.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NetsmartUrlCodeFixProvider)), Shared]
public sealed class NetsmartUrlCodeFixProvider : CodeFixProvider
{
    public const string MoveToPatientAccessKey = DiagnosticIds.V1PatientAccessUrl + ".MoveToV2PatientAccess";
    public const string MoveToSystemAccessInBackendKey = DiagnosticIds.V1PatientAccessUrl + ".MoveToV2SystemAccess";
    public const string MoveToSystemAccessKey = DiagnosticIds.V1BulkDataUrl + ".MoveToV2SystemAccess";
    public const string MoveToTenantAuthorizationServerKey = DiagnosticIds.V1AuthorizationServerUrl + ".MoveToTenantAuthorizationServer";
    public const string InsertTenantKey = DiagnosticIds.V2UrlWithoutTenant + ".InsertTenant";
    public const string ReplacePlaceholderKey = DiagnosticIds.V2UrlWithTenantPlaceholder + ".ReplacePlaceholder";
    public const string MoveToSystemAccessForBackendKey = DiagnosticIds.SystemAccessThroughPatientAccess + ".MoveToV2SystemAccess";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.V1PatientAccessUrl,
        DiagnosticIds.V1BulkDataUrl,
        DiagnosticIds.V1AuthorizationServerUrl,
        DiagnosticIds.V2UrlWithoutTenant,
        DiagnosticIds.V2UrlWithTenantPlaceholder,
        DiagnosticIds.SystemAccessThroughPatientAccess);

    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) =>
            (Document?)await LiteralEditFixer.FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(FixProperties.Fixable))
            {
                continue;
            }

            string? tenant = null;
            if (diagnostic.Properties.ContainsKey(FixProperties.NeedsTenantExpression))
            {
                tenant = await LiteralEditFixer.ResolveTenantForDiagnosticAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                if (tenant is null)
                {
                    continue; // nothing better than the placeholder is known here
                }
            }

            (string title, string key) = Describe(diagnostic, tenant);
            Document document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => LiteralEditFixer.FixAsync(document, ImmutableArray.Create(diagnostic), ct), key),
                diagnostic);
        }
    }

    /// <summary>The title names the API the edits write: backend code moves to System Access (NSM001 agrees with NSM006).</summary>
    internal static (string Title, string Key) Describe(Diagnostic diagnostic, string? tenant)
    {
        diagnostic.Properties.TryGetValue(FixProperties.TargetApi, out string? targetApi);
        switch (diagnostic.Id)
        {
            case DiagnosticIds.V1PatientAccessUrl:
                string api = targetApi ?? "Provider Patient Access";
                return ("Use the v2 " + api + " URL", IsSystemAccess(api) ? MoveToSystemAccessInBackendKey : MoveToPatientAccessKey);
            case DiagnosticIds.V1BulkDataUrl:
                return ("Use the v2 Provider System Access URL", MoveToSystemAccessKey);
            case DiagnosticIds.V1AuthorizationServerUrl:
                return ("Use the tenant's v2 authorization server", MoveToTenantAuthorizationServerKey);
            case DiagnosticIds.V2UrlWithoutTenant:
                return ("Insert the tenant id", InsertTenantKey);
            case DiagnosticIds.SystemAccessThroughPatientAccess:
                return ("Use the v2 " + (targetApi ?? "System Access") + " URL", MoveToSystemAccessForBackendKey);
            default:
                return ("Replace the placeholder with '" + tenant + "'", ReplacePlaceholderKey);
        }
    }

    private static bool IsSystemAccess(string api) => api.EndsWith("System Access", System.StringComparison.Ordinal);
}

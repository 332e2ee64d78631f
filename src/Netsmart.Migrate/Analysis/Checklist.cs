using System;
using System.Collections.Generic;
using System.Linq;
using Netsmart.Analyzers;
using Netsmart.Knowledge.Rules;

namespace Netsmart.Migrate.Analysis;

/// <summary>What the code says about one checklist item.</summary>
internal enum ChecklistStatus
{
    /// <summary>The code shows it done.</summary>
    Ok,

    /// <summary>The code shows work left (findings).</summary>
    ToDo,

    /// <summary>Nothing in the code relates to it.</summary>
    NotFound,

    /// <summary>Code cannot show it (registration, approval, testing).</summary>
    NotVisible,
}

internal sealed record ChecklistItem(string Id, string Title, ChecklistStatus Status, string Details, bool FromGuide)
{
    public string StatusText => StatusName(Status);

    public static string StatusName(ChecklistStatus status) => status switch
    {
        ChecklistStatus.Ok => "ok",
        ChecklistStatus.ToDo => "to do",
        ChecklistStatus.NotFound => "not found",
        _ => "not visible in code",
    };

    public static string StatusKey(ChecklistStatus status) => status switch
    {
        ChecklistStatus.Ok => "ok",
        ChecklistStatus.ToDo => "todo",
        ChecklistStatus.NotFound => "not-found",
        _ => "not-visible",
    };
}

/// <summary>
/// The migration guide's "Validation Checklist" (in its order), each item with what the code shows, plus one item
/// of the tool's own: the tenant configuration.
/// </summary>
internal static class Checklist
{
    private const string NotVisible = "";

    /// <summary>The v1 FHIR URL rules: what the base-urls item counts besides tenant-less v2 URLs.</summary>
    private static readonly string[] V1FhirRules = { DiagnosticIds.V1PatientAccessUrl, DiagnosticIds.V1BulkDataUrl, DiagnosticIds.SystemAccessThroughPatientAccess };

    public static IReadOnlyList<ChecklistItem> Build(IReadOnlyList<Finding> findings, CodeFacts facts)
    {
        var counts = new FindingCounts(findings);
        return new List<ChecklistItem>
        {
            new("portal-registration", "Application registered in new developer portal", ChecklistStatus.NotVisible, NotVisible, true),
            new("tenant-approval", "Tenant authorization approved for all required tenants", ChecklistStatus.NotVisible, NotVisible, true),
            BaseUrls(counts, facts),
            AuthorizationEndpoints(counts, facts),
            new("oauth-flow-tested", "OAuth flow tested with new credentials", ChecklistStatus.NotVisible, NotVisible, true),
            CapabilityStatement(facts),
            new("preview-tested", "All API calls tested against preview environment", ChecklistStatus.NotVisible,
                facts.PreviewUrls > 0 ? $"the code names the Preview host in {Plural(facts.PreviewUrls, "URL", "URLs")}" : NotVisible, true),
            new("error-handling", "Error handling updated for v2 responses", ChecklistStatus.NotVisible, NotVisible, true),
            ScopeSyntax(counts, facts),
            TenantConfiguration(counts, facts),
        };
    }

    /// <summary>Base URLs: v1 FHIR URLs (NSM001, NSM002, NSM006) and v2 FHIR URLs without a tenant (NSM004).</summary>
    private static ChecklistItem BaseUrls(FindingCounts counts, CodeFacts facts)
    {
        const string id = "base-urls";
        const string title = "Base URLs updated to tenant-specific format";
        int v1Fhir = counts.All(V1FhirRules);
        int tenantless = counts.All(DiagnosticIds.V2UrlWithoutTenant);
        if (v1Fhir + tenantless > 0)
        {
            return new(id, title, ChecklistStatus.ToDo,
                $"{Plural(v1Fhir + tenantless, "finding", "findings")} ({counts.PerRule(DiagnosticIds.V1PatientAccessUrl, DiagnosticIds.V1BulkDataUrl, DiagnosticIds.SystemAccessThroughPatientAccess, DiagnosticIds.V2UrlWithoutTenant)})", true);
        }

        return facts.V2FhirWithTenant + facts.TenantPlaceholders > 0
            ? new(id, title, ChecklistStatus.Ok, $"no v1 FHIR URL left; {Plural(facts.V2FhirWithTenant, "v2 FHIR URL", "v2 FHIR URLs")} with a tenant segment", true)
            : new(id, title, ChecklistStatus.NotFound, "no Netsmart FHIR base URL in the code", true);
    }

    /// <summary>Authorization endpoints: NSM003 (warnings: to change; information: to review).</summary>
    private static ChecklistItem AuthorizationEndpoints(FindingCounts counts, CodeFacts facts)
    {
        const string id = "authorization-endpoints";
        const string title = "Authorization endpoints updated to tenant-specific format";
        const string rule = DiagnosticIds.V1AuthorizationServerUrl;
        int toChange = counts.Warnings(rule);
        int toReview = counts.Information(rule);
        if (toChange + toReview > 0)
        {
            string details = toChange > 0 ? $"{Plural(toChange, "v1 authorization server URL", "v1 authorization server URLs")} to change ({rule})" : string.Empty;
            if (toReview > 0)
            {
                details += (details.Length > 0 ? "; " : string.Empty) +
                    $"{Plural(toReview, "URL", "URLs")} to review ({rule} info: it may serve APIs that stay on the original server)";
            }

            return new(id, title, ChecklistStatus.ToDo, details, true);
        }

        return facts.V2AuthWithTenant > 0
            ? new(id, title, ChecklistStatus.Ok,
                $"no v1 authorization server URL left; {Plural(facts.V2AuthWithTenant, "tenant-specific v2 authorization URL", "tenant-specific v2 authorization URLs")}", true)
            : new(id, title, ChecklistStatus.NotFound,
                "no Netsmart authorization endpoint in the code (discovered at run time, or configured elsewhere)", true);
    }

    /// <summary>The CapabilityStatement: requests of .well-known/smart-configuration and /metadata.</summary>
    private static ChecklistItem CapabilityStatement(CodeFacts facts)
    {
        const string id = "capability-statement";
        const string title = "CapabilityStatement retrieved and validated";
        var discovery = new List<string>();
        if (facts.SmartConfiguration.Count > 0)
        {
            discovery.Add($".well-known/smart-configuration at {At(facts.SmartConfiguration)}");
        }

        if (facts.Metadata.Count > 0)
        {
            discovery.Add($"/metadata at {At(facts.Metadata)}");
        }

        return discovery.Count > 0
            ? new(id, title, ChecklistStatus.Ok,
                "the code requests " + string.Join("; ", discovery) + " (whether the result is validated is not visible in code)", true)
            : new(id, title, ChecklistStatus.NotFound, "no /metadata or .well-known/smart-configuration request in the code", true);
    }

    /// <summary>Scope syntax: NSM011 warnings are to do; NSM011 information (no Netsmart use shown) and NSM010 are not.</summary>
    private static ChecklistItem ScopeSyntax(FindingCounts counts, CodeFacts facts)
    {
        const string id = "scope-syntax";
        const string title = "Scope syntax validated (v1 or v2 format)";
        const string malformedRule = DiagnosticIds.MalformedV2Scope;
        const string v1Rule = DiagnosticIds.V1ScopeSyntax;
        int malformed = counts.Warnings(malformedRule);
        int malformedElsewhere = counts.Information(malformedRule);
        string elsewhere = malformedElsewhere > 0
            ? $"; {Plural(malformedElsewhere, "malformed SMART 2.0 scope string", "malformed SMART 2.0 scope strings")} in code that shows no Netsmart use ({malformedRule} info)"
            : string.Empty;
        int v1Scopes = counts.All(v1Rule);
        if (malformed > 0)
        {
            return new(id, title, ChecklistStatus.ToDo,
                $"{Plural(malformed, "malformed SMART 2.0 scope string", "malformed SMART 2.0 scope strings")} ({malformedRule})" +
                (v1Scopes > 0 ? $"; {Plural(v1Scopes, "SMART 1.0 scope string", "SMART 1.0 scope strings")} ({v1Rule} info)" : string.Empty) + elsewhere, true);
        }

        if (v1Scopes > 0)
        {
            return new(id, title, ChecklistStatus.Ok,
                $"valid; {Plural(v1Scopes, "string uses", "strings use")} SMART 1.0 syntax, which v2 accepts ({v1Rule} info: upgrade recommended)" + elsewhere, true);
        }

        if (malformedElsewhere > 0)
        {
            return new(id, title, ChecklistStatus.Ok, "no malformed scope in Netsmart code" + elsewhere, true);
        }

        return facts.ScopeStrings > 0
            ? new(id, title, ChecklistStatus.Ok, $"{Plural(facts.ScopeStrings, "scope string", "scope strings")}, all SMART 2.0", true)
            : new(id, title, ChecklistStatus.NotFound, "no SMART scope string in the code", true);
    }

    /// <summary>The tool's own item: the tenant id the v2 URLs need (placeholders left, tenant expressions configured).</summary>
    private static ChecklistItem TenantConfiguration(FindingCounts counts, CodeFacts facts)
    {
        const string id = "tenant-configuration";
        const string title = "Tenant id configured (tenant expression, placeholders)";
        string expressions = facts.TenantExpressions.Count == 0
            ? $"no tenant expression configured ({NetsmartOptions.TenantIdExpressionKey})"
            : "tenant expression " + string.Join(", ", facts.TenantExpressions.Select(e => "'" + e + "'"));
        int placeholders = counts.All(DiagnosticIds.V2UrlWithTenantPlaceholder);
        if (placeholders > 0 || facts.TenantPlaceholders > 0)
        {
            int count = Math.Max(placeholders, facts.TenantPlaceholders);
            return new(id, title, ChecklistStatus.ToDo,
                $"{Plural(count, "v2 URL still holds", "v2 URLs still hold")} a tenant-id placeholder ({DiagnosticIds.V2UrlWithTenantPlaceholder}); {expressions}", false);
        }

        if (facts.TenantExpressions.Count > 0 || facts.V2FhirWithTenant + facts.V2AuthWithTenant > 0)
        {
            return new(id, title, ChecklistStatus.Ok, $"no placeholder left; {expressions}", false);
        }

        // URLs the fixes will rewrite: v1 FHIR URLs, tenant-less v2 URLs, v1 authorization server URLs to change.
        bool rewrites = counts.All(V1FhirRules) + counts.All(DiagnosticIds.V2UrlWithoutTenant) + counts.Warnings(DiagnosticIds.V1AuthorizationServerUrl) > 0;
        return new(id, title, rewrites ? ChecklistStatus.ToDo : ChecklistStatus.NotFound,
            expressions + (rewrites ? "; the fixes will write the {tenant-id} placeholder" : string.Empty), false);
    }

    private static string Plural(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";

    private static string At(IReadOnlyList<FactLocation> where) =>
        string.Join(", ", where.Take(3).Select(l => $"{l.RelativePath}({l.Line},{l.Column})")) + (where.Count > 3 ? $" and {where.Count - 3} more" : string.Empty);

    /// <summary>The findings counted per rule, by severity.</summary>
    private sealed class FindingCounts
    {
        private readonly IReadOnlyList<Finding> _findings;

        public FindingCounts(IReadOnlyList<Finding> findings)
        {
            _findings = findings;
        }

        public int All(params string[] ids) => _findings.Count(f => ids.Contains(f.RuleId));

        public int Warnings(params string[] ids) => _findings.Count(f => ids.Contains(f.RuleId) && f.Severity != FindingSeverity.Info);

        public int Information(params string[] ids) => _findings.Count(f => ids.Contains(f.RuleId) && f.Severity == FindingSeverity.Info);

        /// <summary><c>NSM001 x2, NSM004 x1</c>: the rules among <paramref name="ids"/> that have findings, in that order.</summary>
        public string PerRule(params string[] ids) =>
            string.Join(", ", ids
                .Select(id => (Id: id, N: _findings.Count(f => f.RuleId == id)))
                .Where(x => x.N > 0)
                .Select(x => $"{x.Id} x{x.N}"));
    }
}

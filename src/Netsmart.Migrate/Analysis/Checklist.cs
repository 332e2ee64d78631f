using System;
using System.Collections.Generic;
using System.Linq;

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

    public static IReadOnlyList<ChecklistItem> Build(IReadOnlyList<Finding> findings, CodeFacts facts)
    {
        string Count(params string[] ids)
        {
            var parts = ids
                .Select(id => (Id: id, N: findings.Count(f => f.RuleId == id)))
                .Where(x => x.N > 0)
                .Select(x => $"{x.Id} x{x.N}");
            return string.Join(", ", parts);
        }

        int N(params string[] ids) => findings.Count(f => ids.Contains(f.RuleId));
        int Warn(params string[] ids) => findings.Count(f => ids.Contains(f.RuleId) && f.Severity != FindingSeverity.Info);
        int Info(params string[] ids) => findings.Count(f => ids.Contains(f.RuleId) && f.Severity == FindingSeverity.Info);
        string Plural(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
        string At(IReadOnlyList<FactLocation> where) =>
            string.Join(", ", where.Take(3).Select(l => $"{l.RelativePath}({l.Line},{l.Column})")) + (where.Count > 3 ? $" and {where.Count - 3} more" : string.Empty);

        var items = new List<ChecklistItem>
        {
            new("portal-registration", "Application registered in new developer portal", ChecklistStatus.NotVisible, NotVisible, true),
            new("tenant-approval", "Tenant authorization approved for all required tenants", ChecklistStatus.NotVisible, NotVisible, true),
        };

        // Base URLs: v1 FHIR URLs (NSM001, NSM002, NSM006) and v2 FHIR URLs without a tenant (NSM004 outside /auth).
        int v1Fhir = N("NSM001", "NSM002", "NSM006");
        int tenantless = N("NSM004");
        if (v1Fhir + tenantless > 0)
        {
            items.Add(new("base-urls", "Base URLs updated to tenant-specific format", ChecklistStatus.ToDo,
                $"{Plural(v1Fhir + tenantless, "finding", "findings")} ({Count("NSM001", "NSM002", "NSM006", "NSM004")})", true));
        }
        else if (facts.V2FhirWithTenant + facts.TenantPlaceholders > 0)
        {
            items.Add(new("base-urls", "Base URLs updated to tenant-specific format", ChecklistStatus.Ok,
                $"no v1 FHIR URL left; {Plural(facts.V2FhirWithTenant, "v2 FHIR URL", "v2 FHIR URLs")} with a tenant segment", true));
        }
        else
        {
            items.Add(new("base-urls", "Base URLs updated to tenant-specific format", ChecklistStatus.NotFound, "no Netsmart FHIR base URL in the code", true));
        }

        // Authorization endpoints: NSM003 (warnings: to change; info: to review).
        int authWarn = Warn("NSM003");
        int authInfo = Info("NSM003");
        if (authWarn + authInfo > 0)
        {
            string details = authWarn > 0 ? $"{Plural(authWarn, "v1 authorization server URL", "v1 authorization server URLs")} to change (NSM003)" : string.Empty;
            if (authInfo > 0)
            {
                details += (details.Length > 0 ? "; " : string.Empty) +
                    $"{Plural(authInfo, "URL", "URLs")} to review (NSM003 info: it may serve APIs that stay on the original server)";
            }

            items.Add(new("authorization-endpoints", "Authorization endpoints updated to tenant-specific format", ChecklistStatus.ToDo, details, true));
        }
        else if (facts.V2AuthWithTenant > 0)
        {
            items.Add(new("authorization-endpoints", "Authorization endpoints updated to tenant-specific format", ChecklistStatus.Ok,
                $"no v1 authorization server URL left; {Plural(facts.V2AuthWithTenant, "tenant-specific v2 authorization URL", "tenant-specific v2 authorization URLs")}", true));
        }
        else
        {
            items.Add(new("authorization-endpoints", "Authorization endpoints updated to tenant-specific format", ChecklistStatus.NotFound,
                "no Netsmart authorization endpoint in the code (discovered at run time, or configured elsewhere)", true));
        }

        items.Add(new("oauth-flow-tested", "OAuth flow tested with new credentials", ChecklistStatus.NotVisible, NotVisible, true));

        var discovery = new List<string>();
        if (facts.SmartConfiguration.Count > 0)
        {
            discovery.Add($".well-known/smart-configuration at {At(facts.SmartConfiguration)}");
        }

        if (facts.Metadata.Count > 0)
        {
            discovery.Add($"/metadata at {At(facts.Metadata)}");
        }

        items.Add(discovery.Count > 0
            ? new("capability-statement", "CapabilityStatement retrieved and validated", ChecklistStatus.Ok,
                "the code requests " + string.Join("; ", discovery) + " (whether the result is validated is not visible in code)", true)
            : new("capability-statement", "CapabilityStatement retrieved and validated", ChecklistStatus.NotFound,
                "no /metadata or .well-known/smart-configuration request in the code", true));

        items.Add(new("preview-tested", "All API calls tested against preview environment", ChecklistStatus.NotVisible,
            facts.PreviewUrls > 0 ? $"the code names the Preview host in {Plural(facts.PreviewUrls, "URL", "URLs")}" : NotVisible, true));
        items.Add(new("error-handling", "Error handling updated for v2 responses", ChecklistStatus.NotVisible, NotVisible, true));

        // NSM011 is information where nothing shows Netsmart use (a FHIR server's own tests...): not a to-do.
        int malformed = Warn("NSM011");
        int malformedElsewhere = Info("NSM011");
        string elsewhere = malformedElsewhere > 0
            ? $"; {Plural(malformedElsewhere, "malformed SMART 2.0 scope string", "malformed SMART 2.0 scope strings")} in code that shows no Netsmart use (NSM011 info)"
            : string.Empty;
        int v1Scopes = N("NSM010");
        if (malformed > 0)
        {
            items.Add(new("scope-syntax", "Scope syntax validated (v1 or v2 format)", ChecklistStatus.ToDo,
                $"{Plural(malformed, "malformed SMART 2.0 scope string", "malformed SMART 2.0 scope strings")} (NSM011)" +
                (v1Scopes > 0 ? $"; {Plural(v1Scopes, "SMART 1.0 scope string", "SMART 1.0 scope strings")} (NSM010 info)" : string.Empty) + elsewhere, true));
        }
        else if (v1Scopes > 0)
        {
            items.Add(new("scope-syntax", "Scope syntax validated (v1 or v2 format)", ChecklistStatus.Ok,
                $"valid; {Plural(v1Scopes, "string uses", "strings use")} SMART 1.0 syntax, which v2 accepts (NSM010 info: upgrade recommended)" + elsewhere, true));
        }
        else if (malformedElsewhere > 0)
        {
            items.Add(new("scope-syntax", "Scope syntax validated (v1 or v2 format)", ChecklistStatus.Ok, "no malformed scope in Netsmart code" + elsewhere, true));
        }
        else if (facts.ScopeStrings > 0)
        {
            items.Add(new("scope-syntax", "Scope syntax validated (v1 or v2 format)", ChecklistStatus.Ok,
                $"{Plural(facts.ScopeStrings, "scope string", "scope strings")}, all SMART 2.0", true));
        }
        else
        {
            items.Add(new("scope-syntax", "Scope syntax validated (v1 or v2 format)", ChecklistStatus.NotFound, "no SMART scope string in the code", true));
        }

        // The tool's own item: the tenant id the v2 URLs need.
        string expressions = facts.TenantExpressions.Count == 0
            ? "no tenant expression configured (netsmart.tenant_id_expression)"
            : "tenant expression " + string.Join(", ", facts.TenantExpressions.Select(e => "'" + e + "'"));
        int placeholders = N("NSM005");
        if (placeholders > 0 || facts.TenantPlaceholders > 0)
        {
            int count = Math.Max(placeholders, facts.TenantPlaceholders);
            items.Add(new("tenant-configuration", "Tenant id configured (tenant expression, placeholders)", ChecklistStatus.ToDo,
                $"{Plural(count, "v2 URL still holds", "v2 URLs still hold")} a tenant-id placeholder (NSM005); {expressions}", false));
        }
        else if (facts.TenantExpressions.Count > 0 || facts.V2FhirWithTenant + facts.V2AuthWithTenant > 0)
        {
            items.Add(new("tenant-configuration", "Tenant id configured (tenant expression, placeholders)", ChecklistStatus.Ok,
                $"no placeholder left; {expressions}", false));
        }
        else
        {
            items.Add(new("tenant-configuration", "Tenant id configured (tenant expression, placeholders)",
                v1Fhir + tenantless + authWarn > 0 ? ChecklistStatus.ToDo : ChecklistStatus.NotFound,
                expressions + (v1Fhir + tenantless + authWarn > 0 ? "; the fixes will write the {tenant-id} placeholder" : string.Empty), false));
        }

        return items;
    }
}

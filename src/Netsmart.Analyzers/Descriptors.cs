using Microsoft.CodeAnalysis;
using Netsmart.Knowledge.Rules;

namespace Netsmart.Analyzers;

/// <summary>Every diagnostic the package reports. Ids are constants so release tracking sees them.</summary>
internal static class Descriptors
{
    /// <summary>Where the rule pages live; each descriptor links to <c>{HelpBaseUri}{id}.md</c>.</summary>
    public const string HelpBaseUri = "https://github.com/netsmart-analyzers/Netsmart.Analyzers/blob/main/docs/rules/";

    public const string MigrationCategory = "Migration";

    public static readonly DiagnosticDescriptor NSM001_V1PatientAccessUrl = new DiagnosticDescriptor(
        DiagnosticIds.V1PatientAccessUrl,
        title: "Certified v1 Patient Access URL",
        messageFormat: "'{0}' is the Certified v1 Patient Access API; move to the tenant-specific v2 {1} base '{2}'",
        category: MigrationCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Certified v1 Patient Access (/uscore/v1) is replaced by the tenant-specific v2 Provider Patient Access API " +
            "(/provider/patient-access/v2/{tenant-id}). The host is kept, so Preview stays on Preview.",
        helpLinkUri: HelpBaseUri + DiagnosticIds.V1PatientAccessUrl + ".md");

    public static readonly DiagnosticDescriptor NSM002_V1BulkDataUrl = new DiagnosticDescriptor(
        DiagnosticIds.V1BulkDataUrl,
        title: "Certified v1 Bulk Data URL",
        messageFormat: "'{0}' is the Certified v1 Bulk Data API; {1}",
        category: MigrationCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Certified v1 Bulk Data (/uscore/v1/bulk-data) moves to the tenant-specific v2 Provider System Access API " +
            "(/provider/system-access/v2/{tenant-id}), which serves all system-level access including bulk export.",
        helpLinkUri: HelpBaseUri + DiagnosticIds.V1BulkDataUrl + ".md");

    public static readonly DiagnosticDescriptor NSM003_V1AuthorizationServerUrl = new DiagnosticDescriptor(
        DiagnosticIds.V1AuthorizationServerUrl,
        title: "Certified v1 authorization server URL",
        messageFormat: "'{0}' is the original authorization server; {1}",
        category: MigrationCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The Certified v2 APIs use a tenant-specific authorization server (/auth/{tenant-id}/oauth2/v1). " +
            "The original server also serves the /v4, /fhir, /ccd and PatientImage APIs, which are not migrating, so the rule " +
            "looks at the surrounding code before it asks for a change.",
        helpLinkUri: HelpBaseUri + DiagnosticIds.V1AuthorizationServerUrl + ".md");

    public static readonly DiagnosticDescriptor NSM004_V2UrlWithoutTenant = new DiagnosticDescriptor(
        DiagnosticIds.V2UrlWithoutTenant,
        title: "v2 URL without a tenant id",
        messageFormat: "'{0}' {1}; v2 URLs are tenant-specific: '{2}'",
        category: MigrationCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Every Certified v2 FHIR base and authorization server URL carries the tenant id, a UUID, right after " +
            "the API path (/provider/patient-access/v2/{tenant-id}, /auth/{tenant-id}/oauth2/v1).",
        helpLinkUri: HelpBaseUri + DiagnosticIds.V2UrlWithoutTenant + ".md");

    public static readonly DiagnosticDescriptor NSM005_V2UrlWithTenantPlaceholder = new DiagnosticDescriptor(
        DiagnosticIds.V2UrlWithTenantPlaceholder,
        title: "v2 URL with a tenant-id placeholder",
        messageFormat: "'{0}' still holds the '{1}' placeholder; supply the tenant id",
        category: MigrationCategory,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "A v2 URL template whose tenant segment is still a placeholder. The fix writes the configured tenant " +
            "expression (netsmart.tenant_id_expression) or a tenant id in scope.",
        helpLinkUri: HelpBaseUri + DiagnosticIds.V2UrlWithTenantPlaceholder + ".md");

    public static readonly DiagnosticDescriptor NSM006_SystemAccessThroughPatientAccess = new DiagnosticDescriptor(
        DiagnosticIds.SystemAccessThroughPatientAccess,
        title: "System-level access through a Patient Access endpoint",
        messageFormat: "'{0}' is Patient Access, but {1}; backend code belongs on the v2 {2} API: '{3}'",
        category: MigrationCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Backend (system-level) integrations that used the v1 Patient Access API move to the v2 System Access API, " +
            "not to v2 Patient Access. A type that requests system/ scopes or uses the client_credentials grant is backend code.",
        helpLinkUri: HelpBaseUri + DiagnosticIds.SystemAccessThroughPatientAccess + ".md");

    public static readonly DiagnosticDescriptor NSM010_V1ScopeSyntax = new DiagnosticDescriptor(
        DiagnosticIds.V1ScopeSyntax,
        title: "SMART 1.0 scope syntax",
        messageFormat: "SMART 1.0 scope syntax {0}; the SMART 2.0 form is {1}",
        category: MigrationCategory,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Certified v2 implements SMART App Launch 2.0, whose scopes use the permission letters c, r, u, d, s: " +
            "read becomes rs, write becomes cud, * becomes cruds. v2 still accepts the v1 syntax, so the upgrade is recommended, not forced.",
        helpLinkUri: HelpBaseUri + DiagnosticIds.V1ScopeSyntax + ".md");

    public static readonly DiagnosticDescriptor NSM011_MalformedV2Scope = new DiagnosticDescriptor(
        DiagnosticIds.MalformedV2Scope,
        title: "Malformed SMART 2.0 scope",
        messageFormat: "Malformed SMART 2.0 scope {0}{1}",
        category: MigrationCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "SMART 2.0 permissions are a subset of c, r, u, d, s in that order, each at most once. Servers may ignore " +
            "or reject other strings, such as .sr or .rx. A warning where the type, file or project shows Netsmart use " +
            "(a Netsmart URL, the tenant option, a reference to Netsmart.CareConnect); information, without a fix, elsewhere.",
        helpLinkUri: HelpBaseUri + DiagnosticIds.MalformedV2Scope + ".md");

    /// <summary>
    /// The descriptor of a rule id (<see cref="DiagnosticIds"/>): the one a rule decision of the knowledge core names.
    /// Null for an id without a descriptor (none: a meta test checks every id), so an analyzer never throws on one.
    /// </summary>
    public static DiagnosticDescriptor? ForId(string id)
    {
        switch (id)
        {
            case DiagnosticIds.V1PatientAccessUrl: return NSM001_V1PatientAccessUrl;
            case DiagnosticIds.V1BulkDataUrl: return NSM002_V1BulkDataUrl;
            case DiagnosticIds.V1AuthorizationServerUrl: return NSM003_V1AuthorizationServerUrl;
            case DiagnosticIds.V2UrlWithoutTenant: return NSM004_V2UrlWithoutTenant;
            case DiagnosticIds.V2UrlWithTenantPlaceholder: return NSM005_V2UrlWithTenantPlaceholder;
            case DiagnosticIds.SystemAccessThroughPatientAccess: return NSM006_SystemAccessThroughPatientAccess;
            case DiagnosticIds.V1ScopeSyntax: return NSM010_V1ScopeSyntax;
            case DiagnosticIds.MalformedV2Scope: return NSM011_MalformedV2Scope;
            default: return null;
        }
    }
}

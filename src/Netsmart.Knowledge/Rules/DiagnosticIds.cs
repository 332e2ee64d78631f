namespace Netsmart.Knowledge.Rules;

/// <summary>
/// The rule ids, written once: the descriptors, the code fixes, the configuration-file findings and the CLI's
/// checklist all name a rule through these constants (constants, so release tracking sees the descriptors' ids).
/// </summary>
internal static class DiagnosticIds
{
    /// <summary>Certified v1 Patient Access URL.</summary>
    public const string V1PatientAccessUrl = "NSM001";

    /// <summary>Certified v1 Bulk Data URL.</summary>
    public const string V1BulkDataUrl = "NSM002";

    /// <summary>Certified v1 authorization server URL.</summary>
    public const string V1AuthorizationServerUrl = "NSM003";

    /// <summary>v2 URL without a (valid) tenant id.</summary>
    public const string V2UrlWithoutTenant = "NSM004";

    /// <summary>v2 URL that still holds the tenant-id placeholder.</summary>
    public const string V2UrlWithTenantPlaceholder = "NSM005";

    /// <summary>System-level (backend) access through a Patient Access endpoint.</summary>
    public const string SystemAccessThroughPatientAccess = "NSM006";

    /// <summary>SMART 1.0 (v1) scope syntax.</summary>
    public const string V1ScopeSyntax = "NSM010";

    /// <summary>Malformed SMART 2.0 (v2) scope.</summary>
    public const string MalformedV2Scope = "NSM011";
}

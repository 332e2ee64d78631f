namespace Netsmart.Knowledge.Urls;

/// <summary>What a Netsmart CareConnect URL found in a piece of text is.</summary>
internal enum NetsmartUrlKind
{
    /// <summary>A Netsmart API host with no path (a host root); nothing to migrate by itself.</summary>
    HostOnly,

    /// <summary>Certified v1 Patient Access: <c>/uscore/v1</c> (not bulk data).</summary>
    V1PatientAccess,

    /// <summary>Certified v1 Bulk Data: <c>/uscore/v1/bulk-data</c>.</summary>
    V1BulkData,

    /// <summary>The original authorization server (<c>oauth</c>/<c>oauthtest</c>): root, <c>/authorize</c> or <c>/token</c>.</summary>
    V1AuthorizationServer,

    /// <summary>A v2 FHIR API: <c>/provider|payer/(patient|system)-access/v2/...</c>.</summary>
    V2Fhir,

    /// <summary>The v2 (tenant-specific) authorization server: <c>/auth/{tenant}/oauth2/v1/...</c>.</summary>
    V2Authorization,

    /// <summary>A Netsmart URL that is not part of the certified migration (<c>/v4</c>, <c>/fhir</c>, <c>/ccd</c>, brands, portals...).</summary>
    NotMigrating,
}

/// <summary>Production (<c>fhir</c>/<c>oauth</c>) or Preview (<c>fhirtest</c>/<c>oauthtest</c>).</summary>
internal enum NetsmartEnvironment
{
    Production,
    Preview,
}

/// <summary>The four v2 FHIR APIs.</summary>
internal enum NetsmartV2Api
{
    None,
    ProviderPatientAccess,
    ProviderSystemAccess,
    PayerPatientAccess,
    PayerSystemAccess,
}

/// <summary>Endpoints of the original (v1) authorization server.</summary>
internal enum V1AuthEndpoint
{
    None,
    Root,
    Authorize,
    Token,
}

/// <summary>APIs on the Netsmart hosts that are not migrating to Certified v2.</summary>
internal enum NonMigratingApi
{
    None,
    GeneralPurposeR4,
    GeneralPurposeStu3,
    PatientImage,
    Ccd,
    Brands,
    DeveloperPortal,
    ProviderDirectory,
    OtherPath,
}

/// <summary>The state of the tenant segment of a v2 URL.</summary>
internal enum TenantSegmentState
{
    /// <summary>The URL kind has no tenant segment (v1 URLs, host roots, non-migrating APIs).</summary>
    NotApplicable,

    /// <summary>A tenant id in UUID form.</summary>
    Present,

    /// <summary>No tenant segment (the next segment is a resource, an operation, or nothing).</summary>
    Missing,

    /// <summary>A segment that is not a UUID and not a template (e.g. a tenant name).</summary>
    Malformed,

    /// <summary>The <c>{tenant-id}</c> placeholder (or <c>{tenantId}</c>, <c>{tenant}</c>...).</summary>
    Placeholder,

    /// <summary>Filled at run time: an interpolation hole, a format item <c>{0}</c> or another template syntax.</summary>
    Dynamic,
}

/// <summary>
/// One Netsmart URL found in a text, with every offset the rewriter and the analyzer need.
/// Offsets are indexes into the text that was scanned.
/// </summary>
internal sealed class NetsmartUrlMatch
{
    internal NetsmartUrlMatch(string text)
    {
        SourceText = text;
    }

    /// <summary>The scanned text (offsets refer to it).</summary>
    public string SourceText { get; }

    public NetsmartUrlKind Kind { get; internal set; }

    public NetsmartEnvironment Environment { get; internal set; }

    /// <summary>True when the URL is percent-encoded (<c>https%3A%2F%2F...%2Fuscore%2Fv1</c>), as inside a query string.</summary>
    public bool IsEncoded { get; internal set; }

    /// <summary>True for <c>http://</c> (the rewrite writes <c>https://</c>).</summary>
    public bool IsHttp { get; internal set; }

    /// <summary>Start of the URL (the scheme, or <c>//</c>, or the host when there is neither).</summary>
    public int Start { get; internal set; }

    /// <summary>End (exclusive) of the URL: the path, query and fragment are included.</summary>
    public int End { get; internal set; }

    /// <summary>Start of the scheme name (<c>http</c>/<c>https</c>), or -1.</summary>
    public int SchemeStart { get; internal set; } = -1;

    /// <summary>Start of the first host label (<c>fhir</c>, <c>oauthtest</c>...).</summary>
    public int HostLabelStart { get; internal set; }

    /// <summary>Length of the first host label.</summary>
    public int HostLabelLength { get; internal set; }

    /// <summary>End of the host (and port): where the path starts.</summary>
    public int PathStart { get; internal set; }

    /// <summary>End of the part of the URL the classification is about (the v1 base, the v2 base with its tenant...). The rest follows.</summary>
    public int BaseEnd { get; internal set; }

    /// <summary>The path separator as written (<c>/</c>, or <c>%2F</c>/<c>%2f</c> when encoded).</summary>
    public string Separator { get; internal set; } = "/";

    /// <summary>For v1 URLs: start of the v1 path to replace (<c>/uscore/v1</c> or <c>/uscore/v1/bulk-data</c>).</summary>
    public int V1PathStart { get; internal set; } = -1;

    public NetsmartV2Api V2Api { get; internal set; }

    /// <summary>For v2 FHIR URLs: start of the <c>patient-access</c>/<c>system-access</c> segment.</summary>
    public int V2ApiSegmentStart { get; internal set; } = -1;

    /// <summary>For v2 FHIR URLs: length of the <c>patient-access</c>/<c>system-access</c> segment.</summary>
    public int V2ApiSegmentLength { get; internal set; }

    public V1AuthEndpoint AuthEndpoint { get; internal set; }

    public NonMigratingApi NonMigratingApi { get; internal set; }

    public TenantSegmentState TenantState { get; internal set; }

    /// <summary>Start of the tenant segment text (or, when missing, where it belongs: just after the preceding segment). -1 when not applicable.</summary>
    public int TenantStart { get; internal set; } = -1;

    /// <summary>Length of the tenant segment text (0 when missing).</summary>
    public int TenantLength { get; internal set; }

    /// <summary>True for a v1 bulk-data <c>$export-poll-status</c> URL, which has no v2 twin.</summary>
    public bool IsExportPollStatus { get; internal set; }

    /// <summary>True when the path or the rest is completed at run time (an interpolation hole or a non-constant operand).</summary>
    public bool HasDynamicRest { get; internal set; }

    /// <summary>The URL as written.</summary>
    public string Text => SourceText.Substring(Start, End - Start);

    /// <summary>The classified base part as written (e.g. <c>https://fhir.netsmartcloud.com/uscore/v1</c>).</summary>
    public string BaseText => SourceText.Substring(Start, BaseEnd - Start);

    /// <summary>What follows the base: the rest of the path, the query and the fragment, as written.</summary>
    public string Rest => SourceText.Substring(BaseEnd, End - BaseEnd);

    /// <summary>The tenant segment as written, or an empty string.</summary>
    public string TenantText => TenantStart < 0 ? string.Empty : SourceText.Substring(TenantStart, TenantLength);

    /// <summary>True for the kinds of URL that the migration rules report.</summary>
    public bool IsCertifiedApi =>
        Kind == NetsmartUrlKind.V1PatientAccess || Kind == NetsmartUrlKind.V1BulkData ||
        Kind == NetsmartUrlKind.V2Fhir || Kind == NetsmartUrlKind.V2Authorization;

    public override string ToString() => Kind + ": " + Text;
}

using Netsmart.Knowledge.Evidence;

namespace Netsmart.Knowledge.Urls;

/// <summary>
/// The advice parts of the URL rules' messages, written once for the C# rules and the configuration-file rules.
/// </summary>
internal static class NetsmartUrlAdvice
{
    /// <summary>NSM002: where a v1 bulk-data URL goes, or why it has no v2 twin.</summary>
    public static string BulkData(NetsmartUrlMatch match) =>
        match.IsExportPollStatus
            ? "its $export-poll-status endpoint has no v2 equivalent: poll the URL from the kick-off response's Content-Location header instead"
            : "move to the tenant-specific v2 Provider System Access base '" + NetsmartV2Urls.RewriteBase(match) + "'";

    /// <summary>NSM003 for Certified code.</summary>
    public static string CertifiedAuthorizationServer(NetsmartUrlMatch match) =>
        "this code uses the Certified APIs, whose v2 authorization server is tenant-specific: '" + NetsmartV2Urls.RewriteBase(match) + "'";

    /// <summary>NSM003 without clear evidence: <paramref name="kind"/> is None or both kinds; <paramref name="source"/> words where it was looked for.</summary>
    public static string TentativeAuthorizationServer(NetsmartUrlMatch match, ApiEvidence kind, ValueSource source) =>
        "if it serves Certified API calls, use the tenant-specific v2 server '" + NetsmartV2Urls.RewriteBase(match) + "' (" +
        (kind == ApiEvidence.None
            ? "no Certified API use was found in this " + ValueSourceText.ApiScope(source)
            : ValueSourceText.AlsoUses(source) + " the /v4, /fhir, /ccd or PatientImage APIs, which stay on this server") + ")";

    /// <summary>NSM004: what is wrong with the tenant segment.</summary>
    public static string TenantProblem(NetsmartUrlMatch match) =>
        match.TenantState == TenantSegmentState.Missing
            ? "has no tenant id"
            : "has '" + match.TenantText + "' where the tenant id (a UUID) belongs";
}

using System;
using System.Collections.Generic;
using System.Text;

namespace Netsmart.Knowledge.Urls;

/// <summary>The Certified v2 URL templates, and the rewrite of a classified v1 (or tenant-less v2) URL.</summary>
internal static class NetsmartV2Urls
{
    public const string ProductionFhirHost = "fhir.netsmartcloud.com";
    public const string PreviewFhirHost = "fhirtest.netsmartcloud.com";

    public static string FhirHost(NetsmartEnvironment environment) =>
        environment == NetsmartEnvironment.Preview ? PreviewFhirHost : ProductionFhirHost;

    /// <summary>The path of a v2 API without its tenant, e.g. <c>provider/patient-access/v2</c>.</summary>
    public static string ApiPath(NetsmartV2Api api)
    {
        switch (api)
        {
            case NetsmartV2Api.ProviderPatientAccess: return "provider/patient-access/v2";
            case NetsmartV2Api.ProviderSystemAccess: return "provider/system-access/v2";
            case NetsmartV2Api.PayerPatientAccess: return "payer/patient-access/v2";
            case NetsmartV2Api.PayerSystemAccess: return "payer/system-access/v2";
            default: throw new ArgumentOutOfRangeException(nameof(api), api, "Not a v2 API.");
        }
    }

    private static string AccessSegment(NetsmartV2Api api) =>
        api == NetsmartV2Api.ProviderSystemAccess || api == NetsmartV2Api.PayerSystemAccess ? "system-access" : "patient-access";

    /// <summary>Display name of a v2 API, as Netsmart's documentation writes it.</summary>
    public static string ApiDisplayName(NetsmartV2Api api)
    {
        switch (api)
        {
            case NetsmartV2Api.ProviderPatientAccess: return "Provider Patient Access";
            case NetsmartV2Api.ProviderSystemAccess: return "Provider System Access";
            case NetsmartV2Api.PayerPatientAccess: return "Payer Patient Access";
            case NetsmartV2Api.PayerSystemAccess: return "Payer System Access";
            default: return "v2";
        }
    }

    /// <summary><c>https://{host}/{api path}/{tenant}</c>: the FHIR base, no trailing slash.</summary>
    public static string FhirBase(NetsmartEnvironment environment, NetsmartV2Api api, string tenant) =>
        "https://" + FhirHost(environment) + "/" + ApiPath(api) + "/" + tenant;

    /// <summary><c>https://{host}/auth/{tenant}/oauth2/v1</c>: the tenant's authorization server, no trailing slash.</summary>
    public static string AuthorizationServer(NetsmartEnvironment environment, string tenant) =>
        "https://" + FhirHost(environment) + "/auth/" + tenant + "/oauth2/v1";

    /// <summary>
    /// The minimal edits that move <paramref name="match"/> to its v2 form, with the tenant written
    /// as <see cref="NetsmartTenantSegment.Placeholder"/>. Empty when there is nothing to rewrite.
    /// </summary>
    /// <param name="match">A classified URL.</param>
    /// <param name="targetApi">
    /// For v1 Patient Access and v2 FHIR URLs: the API to move to (System Access for backend code);
    /// <see cref="NetsmartV2Api.None"/> for the documented default.
    /// </param>
    public static IReadOnlyList<UrlEdit> GetEdits(NetsmartUrlMatch match, NetsmartV2Api targetApi = NetsmartV2Api.None)
    {
        var edits = new List<UrlEdit>(3);
        string sep = match.Separator;
        string t = NetsmartTenantSegment.Placeholder;
        bool rewritesBase = match.Kind == NetsmartUrlKind.V1PatientAccess || match.Kind == NetsmartUrlKind.V1BulkData ||
            match.Kind == NetsmartUrlKind.V1AuthorizationServer;
        if (rewritesBase && match.IsHttp && match.SchemeStart >= 0)
        {
            edits.Add(new UrlEdit(match.SchemeStart, 4, "https"));
        }

        switch (match.Kind)
        {
            case NetsmartUrlKind.V1PatientAccess:
            case NetsmartUrlKind.V1BulkData:
                NetsmartV2Api api = targetApi != NetsmartV2Api.None ? targetApi
                    : match.Kind == NetsmartUrlKind.V1BulkData ? NetsmartV2Api.ProviderSystemAccess
                    : NetsmartV2Api.ProviderPatientAccess;
                edits.Add(new UrlEdit(match.V1PathStart, match.BaseEnd - match.V1PathStart, sep + ApiPath(api).Replace("/", sep) + sep + t));
                break;

            case NetsmartUrlKind.V1AuthorizationServer:
                edits.Add(new UrlEdit(match.HostLabelStart, match.HostLabelLength, match.Environment == NetsmartEnvironment.Preview ? "fhirtest" : "fhir"));
                edits.Add(new UrlEdit(match.PathStart, 0, sep + "auth" + sep + t + sep + "oauth2" + sep + "v1"));
                break;

            case NetsmartUrlKind.V2Fhir:
            case NetsmartUrlKind.V2Authorization:
                if (match.Kind == NetsmartUrlKind.V2Fhir && targetApi != NetsmartV2Api.None && targetApi != match.V2Api)
                {
                    edits.Add(new UrlEdit(match.V2ApiSegmentStart, match.V2ApiSegmentLength, AccessSegment(targetApi)));
                }

                AddTenantEdit(match, edits, sep, t);
                break;
        }

        return edits;
    }

    /// <summary>The whole classified base rewritten, e.g. for messages: <c>https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}</c>.</summary>
    public static string RewriteBase(NetsmartUrlMatch match, NetsmartV2Api targetApi = NetsmartV2Api.None)
    {
        IReadOnlyList<UrlEdit> edits = GetEdits(match, targetApi);
        return Apply(match.SourceText, match.Start, match.BaseEnd, edits, NetsmartTenantSegment.Placeholder);
    }

    /// <summary>
    /// Applies <paramref name="edits"/> (sorted, non-overlapping, inside [<paramref name="start"/>, <paramref name="end"/>])
    /// to that range of <paramref name="text"/>, writing <paramref name="tenant"/> for the placeholder.
    /// </summary>
    public static string Apply(string text, int start, int end, IReadOnlyList<UrlEdit> edits, string tenant)
    {
        var sb = new StringBuilder(end - start + 64);
        int position = start;
        foreach (UrlEdit edit in edits)
        {
            if (edit.Start < position || edit.End > end)
            {
                continue;
            }

            sb.Append(text, position, edit.Start - position);
            sb.Append(edit.NewText.Replace(NetsmartTenantSegment.Placeholder, tenant));
            position = edit.End;
        }

        sb.Append(text, position, end - position);
        return sb.ToString();
    }

    private static void AddTenantEdit(NetsmartUrlMatch match, List<UrlEdit> edits, string sep, string t)
    {
        switch (match.TenantState)
        {
            case TenantSegmentState.Missing:
                edits.Add(new UrlEdit(match.TenantStart, 0, sep + t));
                break;
            case TenantSegmentState.Malformed:
            case TenantSegmentState.Placeholder:
                edits.Add(new UrlEdit(match.TenantStart, match.TenantLength, t));
                break;
        }
    }
}

using System;
using System.Diagnostics.CodeAnalysis;
using Netsmart.CareConnect.Internal;
using Netsmart.Knowledge.Urls;

namespace Netsmart.CareConnect;

/// <summary>
/// Moves Certified v1 URLs that live where no analyzer looks (databases, configuration, messages) to their v2
/// form for a tenant, and expands <c>{tenant-id}</c> templates. Built on the analyzer's own URL classifier and
/// v2 rewrite (<c>Netsmart.Knowledge.Urls</c>), so the runtime and the code fixes agree on every URL.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>https://fhir(test).netsmartcloud.com/uscore/v1[/...]</c> → Provider Patient Access (or the API you pass, for example System Access for backend code).</item>
/// <item><c>.../uscore/v1/bulk-data[/...]</c> → Provider System Access. <c>$export-poll-status</c> has no v2 twin and is not migrated (follow <c>Content-Location</c>).</item>
/// <item><c>https://oauth(test).netsmartcloud.com/{authorize|token}</c> → the tenant's <c>/auth/{tenant}/oauth2/v1/...</c>. Only call this for Certified v1 code: the same host still serves the CCD, PatientImage and General Purpose APIs.</item>
/// <item>v2 URLs whose tenant is missing or a placeholder get the tenant; a v2 URL of this tenant is returned as is.</item>
/// </list>
/// The URL must belong to the tenant's environment (fhir/oauth for Production, fhirtest/oauthtest for Preview) and
/// the result must stay below one of the tenant's bases: anything else (other APIs, other tenants, percent-encoded
/// URLs, dot segments, encoded slashes) is refused.
/// </remarks>
public static class CareConnectUrlMigrator
{
    private const int MaxLength = 8192;

    /// <summary>Migrates a v1 URL with the documented default API mapping.</summary>
    public static bool TryMigrate(string? v1Url, CareConnectTenant tenant, [NotNullWhen(true)] out Uri? v2Url) =>
        TryMigrate(v1Url, tenant, null, out v2Url);

    /// <summary>
    /// Migrates a v1 (or tenant-less v2) FHIR URL to <paramref name="targetApi"/> (for example
    /// <see cref="CareConnectApi.ProviderSystemAccess"/> for backend code that used v1 Patient Access with system scopes).
    /// </summary>
    public static bool TryMigrate(string? v1Url, CareConnectTenant tenant, CareConnectApi? targetApi, [NotNullWhen(true)] out Uri? v2Url)
    {
        Guard.NotNull(tenant, nameof(tenant));
        v2Url = null;
        var match = Classify(v1Url, tenant);
        if (match is null)
        {
            return false;
        }

        switch (match.Kind)
        {
            case NetsmartUrlKind.V1PatientAccess:
            case NetsmartUrlKind.V1BulkData:
            case NetsmartUrlKind.V1AuthorizationServer:
                break;
            case NetsmartUrlKind.V2Fhir:
            case NetsmartUrlKind.V2Authorization:
                if (match.TenantState == TenantSegmentState.Present)
                {
                    if (!string.Equals(match.TenantText, tenant.ToString(), StringComparison.OrdinalIgnoreCase))
                    {
                        return false; // another tenant's URL: never silently re-point it
                    }
                }
                else if (match.TenantState != TenantSegmentState.Missing && match.TenantState != TenantSegmentState.Placeholder)
                {
                    return false;
                }

                break;
            default:
                return false;
        }

        if (match.IsExportPollStatus)
        {
            return false;
        }

        var api = targetApi is { } a && match.Kind != NetsmartUrlKind.V1AuthorizationServer && match.Kind != NetsmartUrlKind.V2Authorization ? ToKnowledge(a) : NetsmartV2Api.None;
        var edits = new System.Collections.Generic.List<UrlEdit>(NetsmartV2Urls.GetEdits(match, api));
        if (match.TenantState == TenantSegmentState.Present)
        {
            // Same tenant, maybe in upper case: write the canonical (lower-case) id the tenant's bases use.
            edits.Add(new UrlEdit(match.TenantStart, match.TenantLength, NetsmartTenantSegment.Placeholder));
        }

        var text = NetsmartV2Urls.Apply(match.SourceText, match.Start, match.End, edits, tenant.ToString());
        return TryCreateBelowTenant(text, tenant, out v2Url);
    }

    /// <summary>
    /// Expands a v2 URL template whose tenant segment is a placeholder (<c>{tenant-id}</c>, <c>{tenantId}</c>,
    /// <c>{tenant}</c>, also percent-encoded), for example
    /// <c>https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/metadata</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is not a v2 template of the tenant's environment.</exception>
    public static Uri ExpandTemplate(string template, CareConnectTenant tenant)
    {
        Guard.NotNull(template, nameof(template));
        if (!TryExpandTemplate(template, tenant, out var uri))
        {
            throw new FormatException(
                "Not a CareConnect v2 URL template with a {tenant-id} segment for the " + tenant.Environment +
                " environment (for example https://" + tenant.Origin.Host + "/provider/patient-access/v2/{tenant-id}).");
        }

        return uri;
    }

    /// <summary>Tries to expand a v2 URL template; see <see cref="ExpandTemplate"/>.</summary>
    public static bool TryExpandTemplate(string? template, CareConnectTenant tenant, [NotNullWhen(true)] out Uri? uri)
    {
        Guard.NotNull(tenant, nameof(tenant));
        uri = null;
        var match = Classify(template, tenant);
        if (match is null
            || (match.Kind != NetsmartUrlKind.V2Fhir && match.Kind != NetsmartUrlKind.V2Authorization)
            || match.TenantState != TenantSegmentState.Placeholder)
        {
            return false;
        }

        var edits = NetsmartV2Urls.GetEdits(match);
        var text = NetsmartV2Urls.Apply(match.SourceText, match.Start, match.End, edits, tenant.ToString());
        return TryCreateBelowTenant(text, tenant, out uri);
    }

    private static NetsmartUrlMatch? Classify(string? url, CareConnectTenant tenant)
    {
        if (url is null || url.Length == 0 || url.Length > MaxLength || !IsStandardOrigin(tenant))
        {
            return null;
        }

        var match = NetsmartUrlScanner.Classify(url);
        if (match is null || match.IsEncoded || match.HasDynamicRest || match.SchemeStart < 0 || FromKnowledge(match.Environment) != tenant.Environment)
        {
            return null;
        }

        return match;
    }

    private static bool TryCreateBelowTenant(string text, CareConnectTenant tenant, [NotNullWhen(true)] out Uri? uri)
    {
        uri = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var candidate)
            || candidate.Scheme != Uri.UriSchemeHttps
            || candidate.UserInfo.Length != 0
            || !candidate.IsDefaultPort
            || !string.Equals(candidate.Host, tenant.Origin.Host, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var path = candidate.AbsolutePath;
        foreach (var prefix in Prefixes(tenant))
        {
            if (path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                var rest = path.Substring(prefix.Length);
                if (rest.IndexOf("%2f", StringComparison.OrdinalIgnoreCase) >= 0
                    || rest.IndexOf("%2e", StringComparison.OrdinalIgnoreCase) >= 0
                    || rest.IndexOf("%5c", StringComparison.OrdinalIgnoreCase) >= 0
                    || rest.IndexOf('\\') >= 0)
                {
                    return false;
                }

                uri = candidate;
                return true;
            }
        }

        return false;
    }

    private static string[] Prefixes(CareConnectTenant tenant) => new[]
    {
        tenant.GetFhirBaseUri(CareConnectApi.ProviderPatientAccess).AbsolutePath,
        tenant.GetFhirBaseUri(CareConnectApi.ProviderSystemAccess).AbsolutePath,
        tenant.GetFhirBaseUri(CareConnectApi.PayerPatientAccess).AbsolutePath,
        tenant.GetFhirBaseUri(CareConnectApi.PayerSystemAccess).AbsolutePath,
        tenant.AuthorizationServer.AbsolutePath.TrimEnd('/'),
    };

    private static bool IsStandardOrigin(CareConnectTenant tenant) =>
        tenant.Origin == (tenant.Environment == CareConnectEnvironment.Preview ? CareConnectTenant.PreviewOrigin : CareConnectTenant.ProductionOrigin);

    private static CareConnectEnvironment FromKnowledge(NetsmartEnvironment environment) =>
        environment == NetsmartEnvironment.Preview ? CareConnectEnvironment.Preview : CareConnectEnvironment.Production;

    private static NetsmartV2Api ToKnowledge(CareConnectApi api) => api switch
    {
        CareConnectApi.ProviderPatientAccess => NetsmartV2Api.ProviderPatientAccess,
        CareConnectApi.ProviderSystemAccess => NetsmartV2Api.ProviderSystemAccess,
        CareConnectApi.PayerPatientAccess => NetsmartV2Api.PayerPatientAccess,
        CareConnectApi.PayerSystemAccess => NetsmartV2Api.PayerSystemAccess,
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, "Unknown CareConnect API."),
    };
}

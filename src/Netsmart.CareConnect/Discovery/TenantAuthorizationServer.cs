using System;
using System.Globalization;

namespace Netsmart.CareConnect;

/// <summary>
/// The tenant pin: a tenant FHIR base <c>{origin}/{group}/{access}/v2/{tenant}</c> names exactly one authorization
/// server, <c>{origin}/auth/{tenant}/oauth2/v1/</c>, on the same scheme, host and port. Its endpoints lie below that
/// prefix; its <c>issuer</c> may be the tenant's (org-level) root <c>{origin}/auth/{tenant}</c> itself or anything
/// below <c>{origin}/auth/{tenant}/</c> (segment boundary).
/// </summary>
internal sealed class TenantAuthorizationServer
{
    private const string OAuthSuffix = "/oauth2/v1";

    private TenantAuthorizationServer(string origin, Guid tenant)
    {
        Origin = origin;
        Tenant = tenant;
        IssuerRoot = origin + "/auth/" + tenant.ToString("D", CultureInfo.InvariantCulture);
        Prefix = IssuerRoot + OAuthSuffix + "/";
    }

    /// <summary><c>{origin}/auth/{tenant}</c>: the issuer may be this or below it.</summary>
    public string IssuerRoot { get; }

    /// <summary><c>https://host[:port]</c>.</summary>
    public string Origin { get; }

    public Guid Tenant { get; }

    /// <summary><c>{origin}/auth/{tenant}/oauth2/v1/</c>.</summary>
    public string Prefix { get; }

    /// <summary>Reads the tenant from a v2 FHIR base (the last path segment, a UUID after <c>v2</c>).</summary>
    public static TenantAuthorizationServer FromFhirBase(Uri fhirBaseUri)
    {
        if (fhirBaseUri.IsAbsoluteUri)
        {
            var segments = fhirBaseUri.AbsolutePath.Trim('/').Split('/');
            if (segments.Length >= 3
                && segments[segments.Length - 2] == "v2"
                && segments[segments.Length - 1].Length == 36
                && Guid.TryParseExact(segments[segments.Length - 1], "D", out var tenant)
                && tenant != Guid.Empty)
            {
                return new TenantAuthorizationServer(fhirBaseUri.GetLeftPart(UriPartial.Authority), tenant);
            }
        }

        throw new CareConnectDiscoveryException(
            CareConnectDiscoveryFailure.UntrustedEndpoint,
            "Refused discovery for '" + CareConnectHostPolicy.Describe(fhirBaseUri) + "': it is not a CareConnect v2 tenant FHIR base ({origin}/{group}/{access}/v2/{tenant-uuid}), so its authorization server cannot be pinned.");
    }

    /// <summary>
    /// Whether the URI is on the same origin and its path is below the prefix with a segment boundary (and,
    /// when <paramref name="mayBeServerItself"/>, also the server URL itself with or without the trailing slash).
    /// </summary>
    public bool Contains(Uri uri, bool mayBeServerItself)
    {
        if (!uri.IsAbsoluteUri || uri.UserInfo.Length != 0 || uri.Fragment.Length != 0
            || !string.Equals(uri.GetLeftPart(UriPartial.Authority), Origin, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var path = uri.AbsolutePath;
        var segments = path.Split('/');

        // "", "auth", "{tenant}", "oauth2", "v1", rest...
        if (segments.Length < 5 || segments[0].Length != 0 || segments[1] != "auth" || segments[3] != "oauth2" || segments[4] != "v1"
            || segments[2].Length != 36 || !Guid.TryParseExact(segments[2], "D", out var tenant) || tenant != Tenant)
        {
            return false;
        }

        var rest = string.Join("/", segments, 5, segments.Length - 5);
        if (rest.Length == 0)
        {
            return mayBeServerItself;
        }

        var lower = rest.ToLowerInvariant();
        return lower.IndexOf("%2e", StringComparison.Ordinal) < 0
            && lower.IndexOf("%2f", StringComparison.Ordinal) < 0
            && lower.IndexOf("%5c", StringComparison.Ordinal) < 0
            && lower.IndexOf('\\') < 0;
    }

    /// <summary>
    /// Whether <paramref name="issuer"/> is this tenant's: same origin, and the path is exactly <c>/auth/{tenant}</c>
    /// or below <c>/auth/{tenant}/</c> (so both <c>{origin}/auth/{tenant}</c> and <c>{origin}/auth/{tenant}/oauth2/v1</c>
    /// are accepted, <c>/auth/{other-tenant}</c> or <c>/auth/{tenant}x</c> are not). No query, fragment, user info
    /// or encoded dot segments and slashes.
    /// </summary>
    public bool ContainsIssuer(Uri issuer)
    {
        if (!issuer.IsAbsoluteUri || issuer.UserInfo.Length != 0 || issuer.Fragment.Length != 0 || issuer.Query.Length != 0
            || !string.Equals(issuer.GetLeftPart(UriPartial.Authority), Origin, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var segments = issuer.AbsolutePath.Split('/');

        // "", "auth", "{tenant}", rest...
        if (segments.Length < 3 || segments[0].Length != 0 || segments[1] != "auth"
            || segments[2].Length != 36 || !Guid.TryParseExact(segments[2], "D", out var tenant) || tenant != Tenant)
        {
            return false;
        }

        var lower = string.Join("/", segments, 3, segments.Length - 3).ToLowerInvariant();
        return lower.IndexOf("%2e", StringComparison.Ordinal) < 0
            && lower.IndexOf("%2f", StringComparison.Ordinal) < 0
            && lower.IndexOf("%5c", StringComparison.Ordinal) < 0
            && lower.IndexOf('\\') < 0;
    }

    public void EnsureContainsIssuer(Uri issuer)
    {
        if (!ContainsIssuer(issuer))
        {
            throw new CareConnectDiscoveryException(
                CareConnectDiscoveryFailure.UntrustedEndpoint,
                "Refused SMART configuration: issuer '" + CareConnectHostPolicy.Describe(issuer) + "' is not the tenant's authorization server " + IssuerRoot +
                " or below it (same scheme, host and port as the FHIR base, this tenant's id).");
        }
    }

    public void EnsureContains(Uri uri, string field, bool mayBeServerItself)
    {
        if (!Contains(uri, mayBeServerItself))
        {
            throw new CareConnectDiscoveryException(
                CareConnectDiscoveryFailure.UntrustedEndpoint,
                "Refused SMART configuration: " + field + " '" + CareConnectHostPolicy.Describe(uri) + "' is not under the tenant's authorization server " + Prefix +
                " (same scheme, host and port as the FHIR base, this tenant's id).");
        }
    }
}

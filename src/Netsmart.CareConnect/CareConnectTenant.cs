using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>
/// A CareConnect FHIR tenant: its UUID and the environment it lives in. Every v2 URL of the tenant
/// (FHIR bases of the four APIs, authorization server, authorize and token endpoints, discovery and
/// metadata URIs) is derived from it, so nobody builds a tenant URL by hand.
/// </summary>
/// <remarks>
/// Immutable and equatable (by id, environment and origin). A tenant id can only be a UUID, which makes
/// path injection through the tenant impossible.
/// </remarks>
public sealed class CareConnectTenant : IEquatable<CareConnectTenant>
{
    /// <summary>The production origin, <c>https://fhir.netsmartcloud.com</c>.</summary>
    public static readonly Uri ProductionOrigin = new Uri("https://fhir.netsmartcloud.com", UriKind.Absolute);

    /// <summary>The preview origin, <c>https://fhirtest.netsmartcloud.com</c>.</summary>
    public static readonly Uri PreviewOrigin = new Uri("https://fhirtest.netsmartcloud.com", UriKind.Absolute);

    private const int UuidLength = 36;

    private readonly string _origin; // "https://host[:port]" without trailing slash
    private readonly string _id;     // lower-case "D" form

    /// <summary>Creates a tenant in the given environment.</summary>
    /// <param name="tenantId">The tenant UUID shown in the developer portal. <see cref="Guid.Empty"/> is rejected.</param>
    /// <param name="environment">Production (default) or Preview.</param>
    public CareConnectTenant(Guid tenantId, CareConnectEnvironment environment = CareConnectEnvironment.Production)
        : this(tenantId, environment, OriginOf(environment))
    {
    }

    private CareConnectTenant(Guid tenantId, CareConnectEnvironment environment, Uri origin)
    {
        if (tenantId == Guid.Empty)
        {
            throw new ArgumentException("The tenant id must not be the empty UUID.", nameof(tenantId));
        }

        Id = tenantId;
        Environment = environment;
        Origin = origin;
        _id = tenantId.ToString("D", CultureInfo.InvariantCulture);
        _origin = origin.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>The tenant UUID.</summary>
    public Guid Id { get; }

    /// <summary>The environment.</summary>
    public CareConnectEnvironment Environment { get; }

    /// <summary>
    /// The scheme and authority all URIs are built on: <see cref="ProductionOrigin"/> or <see cref="PreviewOrigin"/>,
    /// unless replaced with <see cref="WithOrigin"/>.
    /// </summary>
    public Uri Origin { get; }

    /// <summary>The authorization server of the tenant, <c>{origin}/auth/{tenant}/oauth2/v1/</c> (with the trailing slash, as the guide writes it).</summary>
    public Uri AuthorizationServer => new Uri(_origin + "/auth/" + _id + "/oauth2/v1/", UriKind.Absolute);

    /// <summary>The authorize endpoint, <c>{origin}/auth/{tenant}/oauth2/v1/authorize</c>.</summary>
    public Uri AuthorizeEndpoint => new Uri(_origin + "/auth/" + _id + "/oauth2/v1/authorize", UriKind.Absolute);

    /// <summary>The token endpoint, <c>{origin}/auth/{tenant}/oauth2/v1/token</c>.</summary>
    public Uri TokenEndpoint => new Uri(_origin + "/auth/" + _id + "/oauth2/v1/token", UriKind.Absolute);

    /// <summary>Parses a tenant UUID (<c>xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx</c>) in Production.</summary>
    /// <exception cref="FormatException">The text is not exactly a hyphenated UUID.</exception>
    public static CareConnectTenant Parse(string tenantId) => Parse(tenantId, CareConnectEnvironment.Production);

    /// <summary>Parses a tenant UUID (<c>xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx</c>) in the given environment.</summary>
    /// <exception cref="FormatException">The text is not exactly a hyphenated UUID.</exception>
    public static CareConnectTenant Parse(string tenantId, CareConnectEnvironment environment)
    {
        if (tenantId is null)
        {
            throw new ArgumentNullException(nameof(tenantId));
        }

        if (!TryParseId(tenantId, out var id, out var reason))
        {
            throw new FormatException(
                "A CareConnect tenant id must be a UUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx " +
                "(the tenant ID shown under the Tenant Authorization tab of the developer portal); " + reason + ".");
        }

        return new CareConnectTenant(id, environment);
    }

    /// <summary>Tries to parse a tenant UUID in Production.</summary>
    public static bool TryParse(string? tenantId, [NotNullWhen(true)] out CareConnectTenant? tenant) =>
        TryParse(tenantId, CareConnectEnvironment.Production, out tenant);

    /// <summary>Tries to parse a tenant UUID in the given environment.</summary>
    public static bool TryParse(string? tenantId, CareConnectEnvironment environment, [NotNullWhen(true)] out CareConnectTenant? tenant)
    {
        if (tenantId is not null && TryParseId(tenantId, out var id, out _))
        {
            tenant = new CareConnectTenant(id, environment);
            return true;
        }

        tenant = null;
        return false;
    }

    /// <summary>
    /// Returns the same tenant on another origin with the same path layout, for a private test deployment or a
    /// local test server. The origin must be an absolute <c>https</c> URI with no path, query, fragment or user info.
    /// Discovery and token requests still refuse hosts outside the trusted host set.
    /// </summary>
    public CareConnectTenant WithOrigin(Uri origin)
    {
        Guard.NotNull(origin, nameof(origin));
        if (!origin.IsAbsoluteUri
            || !string.Equals(origin.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal)
            || origin.AbsolutePath != "/"
            || origin.Query.Length != 0
            || origin.Fragment.Length != 0
            || origin.UserInfo.Length != 0)
        {
            throw new ArgumentException("The origin must be an absolute https URI with no path, query, fragment or user info, for example https://fhir.example.org.", nameof(origin));
        }

        return new CareConnectTenant(Id, Environment, new Uri(origin.GetLeftPart(UriPartial.Authority), UriKind.Absolute));
    }

    /// <summary>
    /// The FHIR base URI of an API in canonical form, without a trailing slash, for example
    /// <c>https://fhir.netsmartcloud.com/provider/patient-access/v2/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6</c>.
    /// This is the exact value to send as <c>aud</c>.
    /// </summary>
    public Uri GetFhirBaseUri(CareConnectApi api) => new Uri(FhirBase(api), UriKind.Absolute);

    /// <summary>
    /// The FHIR base with a trailing slash, for <see cref="System.Net.Http.HttpClient.BaseAddress"/>: relative
    /// requests such as <c>"Patient/123"</c> then keep the tenant segment.
    /// </summary>
    public Uri GetFhirBaseAddress(CareConnectApi api) => new Uri(FhirBase(api) + "/", UriKind.Absolute);

    /// <summary>The SMART discovery document, <c>{base}/.well-known/smart-configuration</c>.</summary>
    public Uri GetSmartConfigurationUri(CareConnectApi api) => new Uri(FhirBase(api) + "/.well-known/smart-configuration", UriKind.Absolute);

    /// <summary>The CapabilityStatement, <c>{base}/metadata</c>.</summary>
    public Uri GetMetadataUri(CareConnectApi api) => new Uri(FhirBase(api) + "/metadata", UriKind.Absolute);

    /// <summary>
    /// Resolves a relative FHIR path (for example <c>Patient/123</c> or <c>Group/456/$export?_type=Patient</c>)
    /// below the API's base. Unlike <c>new Uri(base, relative)</c> the tenant segment is never lost, and
    /// absolute URIs, <c>..</c>/<c>.</c> segments (also percent-encoded) and backslashes are refused, so the
    /// result always stays below the base.
    /// </summary>
    /// <exception cref="ArgumentException">The path is absolute or leaves the base.</exception>
    public Uri Resolve(CareConnectApi api, string relativePath)
    {
        Guard.NotNull(relativePath, nameof(relativePath));
        var path = relativePath;
        if (path.StartsWith("/", StringComparison.Ordinal))
        {
            path = path.Substring(1);
        }

        if (path.Length == 0)
        {
            return GetFhirBaseUri(api);
        }

        if (!IsSafeRelativePath(path))
        {
            throw new ArgumentException("The path must be a relative FHIR path below the base (no scheme, no '..' or '.' segments, no backslash, no control characters or white space).", nameof(relativePath));
        }

        return new Uri(FhirBase(api) + "/" + path, UriKind.Absolute);
    }

    /// <summary>The path segment of an API, for example <c>provider/patient-access</c>.</summary>
    public static string GetApiPath(CareConnectApi api) => api switch
    {
        CareConnectApi.ProviderPatientAccess => "provider/patient-access",
        CareConnectApi.ProviderSystemAccess => "provider/system-access",
        CareConnectApi.PayerPatientAccess => "payer/patient-access",
        CareConnectApi.PayerSystemAccess => "payer/system-access",
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, "Unknown CareConnect API."),
    };

    /// <inheritdoc />
    public bool Equals(CareConnectTenant? other) =>
        other is not null
        && Id == other.Id
        && Environment == other.Environment
        && string.Equals(_origin, other._origin, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CareConnectTenant);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        unchecked
        {
            return (Id.GetHashCode() * 397) ^ ((int)Environment * 31) ^ StringComparer.OrdinalIgnoreCase.GetHashCode(_origin);
        }
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(CareConnectTenant? left, CareConnectTenant? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(CareConnectTenant? left, CareConnectTenant? right) => !(left == right);

    /// <summary>The tenant UUID in lower-case hyphenated form, as used in every v2 URL.</summary>
    public override string ToString() => _id;

    private string FhirBase(CareConnectApi api) => _origin + "/" + GetApiPath(api) + "/v2/" + _id;

    private static Uri OriginOf(CareConnectEnvironment environment) => environment switch
    {
        CareConnectEnvironment.Production => ProductionOrigin,
        CareConnectEnvironment.Preview => PreviewOrigin,
        _ => throw new ArgumentOutOfRangeException(nameof(environment), environment, "Unknown CareConnect environment."),
    };

    private static bool TryParseId(string text, out Guid id, out string reason)
    {
        id = Guid.Empty;
        if (text.Length != UuidLength)
        {
            reason = text.Length > 64
                ? "the value is " + text.Length.ToString(CultureInfo.InvariantCulture) + " characters long"
                : "the value has " + text.Length.ToString(CultureInfo.InvariantCulture) + " characters, not 36 (white space, braces and separators are not allowed)";
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var hyphen = i == 8 || i == 13 || i == 18 || i == 23;
            if (hyphen ? c != '-' : !IsHex(c))
            {
                reason = "unexpected character at position " + i.ToString(CultureInfo.InvariantCulture);
                return false;
            }
        }

        id = Guid.ParseExact(text, "D");
        if (id == Guid.Empty)
        {
            reason = "the empty UUID is not a tenant";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    private static bool IsSafeRelativePath(string path)
    {
        foreach (var c in path)
        {
            if (c <= ' ' || c == '\\' || c == 0x7F || c == '#')
            {
                return false;
            }
        }

        var query = path.IndexOf('?');
        var pathPart = query < 0 ? path : path.Substring(0, query);
        if (pathPart.IndexOf(':') >= 0 && pathPart.IndexOf(':') < (pathPart.IndexOf('/') < 0 ? pathPart.Length : pathPart.IndexOf('/')))
        {
            // "https:..." or "c:..." in the first segment would be read as a scheme.
            return false;
        }

        foreach (var segment in pathPart.Split('/'))
        {
            var decoded = Uri.UnescapeDataString(segment);
            if (segment.Length == 0 || decoded == "." || decoded == ".." || decoded.IndexOf('/') >= 0 || decoded.IndexOf('\\') >= 0)
            {
                return false;
            }
        }

        return true;
    }
}

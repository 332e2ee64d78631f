using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>
/// Which hosts may receive credentials, tokens or users: only absolute <c>https</c> URIs without user info whose
/// host is exactly one of the trusted hosts (no sub-domains, no wildcards). The default trusts exactly
/// <c>fhir.netsmartcloud.com</c> and <c>fhirtest.netsmartcloud.com</c>. Plain <c>http</c> is never trusted, also not
/// on loopback; a test server on 127.0.0.1 must be trusted explicitly with <c>new CareConnectHostPolicy(new[] { "127.0.0.1" })</c>.
/// </summary>
/// <remarks>
/// The host policy is the outer fence. Inside it, discovery documents are also pinned to the tenant's own
/// authorization server, and <see cref="CareConnectAuthenticationHandler"/> to the tenant's own FHIR base.
/// </remarks>
public sealed class CareConnectHostPolicy
{
    /// <summary>The production host, <c>fhir.netsmartcloud.com</c>.</summary>
    public const string ProductionHost = "fhir.netsmartcloud.com";

    /// <summary>The preview host, <c>fhirtest.netsmartcloud.com</c>.</summary>
    public const string PreviewHost = "fhirtest.netsmartcloud.com";

    private readonly string[] _hosts;

    /// <summary>Creates a policy that trusts exactly the given hosts (host names or IP addresses; sub-domains are not covered).</summary>
    public CareConnectHostPolicy(IEnumerable<string> trustedHosts)
    {
        Guard.NotNull(trustedHosts, nameof(trustedHosts));
        var list = new List<string>();
        foreach (var host in trustedHosts)
        {
            if (string.IsNullOrWhiteSpace(host) || host.Trim().Trim('.').Length == 0 || host.IndexOfAny(new[] { '/', ':', '@', '*', ' ' }) >= 0 && !IPAddress.TryParse(host.Trim('[', ']'), out _))
            {
                throw new ArgumentException("A trusted host must be a host name or IP address, without scheme, port, path or wildcard: '" + host + "'.", nameof(trustedHosts));
            }

            list.Add(host.Trim().Trim('.').Trim('[', ']').ToLowerInvariant());
        }

        if (list.Count == 0)
        {
            throw new ArgumentException("At least one trusted host is required.", nameof(trustedHosts));
        }

        _hosts = list.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The policy that trusts exactly <c>fhir.netsmartcloud.com</c> and <c>fhirtest.netsmartcloud.com</c>.</summary>
    public static CareConnectHostPolicy Default { get; } = new CareConnectHostPolicy(new[] { ProductionHost, PreviewHost });

    /// <summary>The trusted hosts.</summary>
    public IReadOnlyList<string> TrustedHosts => _hosts;

    /// <summary>Whether the URI is an absolute https URI, without user info, on exactly one of the trusted hosts.</summary>
    public bool IsTrusted(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri || !string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase) || uri.UserInfo.Length != 0)
        {
            return false;
        }

        var host = uri.IdnHost.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
        return _hosts.Contains(host, StringComparer.Ordinal);
    }

    internal void EnsureTrusted(Uri uri, string what)
    {
        if (!IsTrusted(uri))
        {
            throw new CareConnectDiscoveryException(
                CareConnectDiscoveryFailure.UntrustedEndpoint,
                "Refused " + what + " '" + Describe(uri) + "': only https URIs on trusted hosts (" + string.Join(", ", _hosts) + ") may receive credentials, tokens or users.");
        }
    }

    internal static string Describe(Uri uri) => uri.IsAbsoluteUri ? uri.GetLeftPart(UriPartial.Path) : uri.OriginalString;
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect
{
    /// <summary>
    /// Which hosts may receive credentials, tokens or users: only absolute <c>https</c> URIs without user info whose
    /// host is a trusted host or (for DNS names) a sub-domain of one. The default trusts <c>netsmartcloud.com</c>
    /// and its sub-domains. Plain <c>http</c> is never trusted, also not on loopback.
    /// </summary>
    public sealed class CareConnectHostPolicy
    {
        /// <summary>The default trusted host, <c>netsmartcloud.com</c> (and its sub-domains).</summary>
        public const string DefaultTrustedHost = "netsmartcloud.com";

        private readonly string[] _hosts;

        /// <summary>Creates a policy that trusts the given hosts (DNS names also cover their sub-domains; IP addresses match exactly).</summary>
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

            _hosts = list.ToArray();
        }

        /// <summary>The policy that trusts <c>netsmartcloud.com</c> hosts only.</summary>
        public static CareConnectHostPolicy Default { get; } = new CareConnectHostPolicy(new[] { DefaultTrustedHost });

        /// <summary>The trusted hosts.</summary>
        public IReadOnlyList<string> TrustedHosts => _hosts;

        /// <summary>Whether the URI is an absolute https URI on a trusted host.</summary>
        public bool IsTrusted(Uri? uri)
        {
            if (uri is null || !uri.IsAbsoluteUri || !string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase) || uri.UserInfo.Length != 0)
            {
                return false;
            }

            var host = uri.IdnHost.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
            var isIp = IPAddress.TryParse(host, out _);
            return _hosts.Any(t => host == t || (!isIp && !IPAddress.TryParse(t, out _) && host.EndsWith("." + t, StringComparison.Ordinal)));
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
}

using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect
{
    /// <summary>
    /// Backend services (System Access): acquires client-credentials tokens, caches them and renews them ahead of
    /// expiry. Thread-safe; share one instance per client and scope set.
    /// </summary>
    public sealed class ClientCredentialsTokenProvider : CachingTokenProvider
    {
        private readonly CareConnectTokenClient _client;
        private readonly Func<CancellationToken, Task<Uri>> _tokenEndpoint;
        private readonly CareConnectClientCredentials _credentials;
        private readonly string _scope;
        private readonly ILogger _logger;

        /// <summary>Creates a provider for a known token endpoint (for example <see cref="CareConnectTenant.TokenEndpoint"/>).</summary>
        public ClientCredentialsTokenProvider(CareConnectTokenClient client, Uri tokenEndpoint, CareConnectClientCredentials credentials, string scope, TokenCacheOptions? cacheOptions = null, ILogger? logger = null)
            : this(client, FixedEndpoint(tokenEndpoint), credentials, scope, cacheOptions, logger)
        {
        }

        /// <summary>Creates a provider whose token endpoint is resolved on first use (for example by discovery).</summary>
        public ClientCredentialsTokenProvider(CareConnectTokenClient client, Func<CancellationToken, Task<Uri>> tokenEndpointResolver, CareConnectClientCredentials credentials, string scope, TokenCacheOptions? cacheOptions = null, ILogger? logger = null)
            : base(Guard.NotNull(client, nameof(client)).TimeProvider, cacheOptions, logger)
        {
            _client = client;
            _tokenEndpoint = Guard.NotNull(tokenEndpointResolver, nameof(tokenEndpointResolver));
            _credentials = Guard.NotNull(credentials, nameof(credentials));
            _scope = Guard.NotNullOrWhiteSpace(scope, nameof(scope));
            _logger = logger ?? NullLogger.Instance;
        }

        /// <inheritdoc />
        protected override async Task<TokenResponse> AcquireAsync(CancellationToken cancellationToken)
        {
            var endpoint = await _tokenEndpoint(cancellationToken).ConfigureAwait(false);
            var response = await _client.RequestClientCredentialsTokenAsync(endpoint, _credentials, _scope, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation(
                CareConnectDiagnostics.TokenAcquired,
                "CareConnect token acquired for client {ClientId} ({Method}) at {TokenEndpoint}; expires in {ExpiresIn} s; granted scope {Scope}; X-Request-ID {RequestId}.",
                _credentials.ClientId,
                _credentials.Method,
                endpoint.GetLeftPart(UriPartial.Path),
                response.ExpiresIn,
                response.Scope,
                response.RequestId);
            return response;
        }

        private static Func<CancellationToken, Task<Uri>> FixedEndpoint(Uri tokenEndpoint)
        {
            Guard.NotNull(tokenEndpoint, nameof(tokenEndpoint));
            var task = Task.FromResult(tokenEndpoint);
            return _ => task;
        }
    }
}

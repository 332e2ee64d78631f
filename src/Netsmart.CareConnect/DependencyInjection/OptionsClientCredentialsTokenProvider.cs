using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Netsmart.CareConnect
{
    /// <summary>
    /// The client-credentials provider of a named backend client. Reads the credentials and scope of every new token
    /// request from <see cref="IOptionsMonitor{TOptions}"/>, so a rotated secret or key is used by the next request
    /// while the cached token stays in use until it is due for renewal.
    /// </summary>
    internal sealed class OptionsClientCredentialsTokenProvider : CachingTokenProvider
    {
        private readonly string _name;
        private readonly IOptionsMonitor<CareConnectOptions> _monitor;
        private readonly CareConnectTokenClient _client;
        private readonly Func<CancellationToken, Task<CareConnectEndpoints>> _endpoints;
        private readonly ILogger _logger;
        private readonly object _lock = new object();
        private CareConnectOptions? _credentialsFrom;
        private SmartConfiguration? _credentialsDiscovered;
        private CareConnectClientCredentials? _credentials;

        public OptionsClientCredentialsTokenProvider(
            string name,
            IOptionsMonitor<CareConnectOptions> monitor,
            CareConnectTokenClient client,
            Func<CancellationToken, Task<CareConnectEndpoints>> endpoints,
            TokenCacheOptions cacheOptions,
            ILogger logger)
            : base(client.TimeProvider, cacheOptions)
        {
            _name = name;
            _monitor = monitor;
            _client = client;
            _endpoints = endpoints;
            _logger = logger;
        }

        /// <summary>The credentials of the current options (rebuilt only when the options instance changes).</summary>
        public CareConnectClientCredentials CurrentCredentials(SmartConfiguration? discovered, out CareConnectOptions options)
        {
            options = _monitor.Get(_name);
            lock (_lock)
            {
                if (!ReferenceEquals(options, _credentialsFrom) || !ReferenceEquals(discovered, _credentialsDiscovered) || _credentials is null)
                {
                    _credentials = CareConnectKeyLoader.CreateCredentials(options, discovered);
                    _credentialsFrom = options;
                    _credentialsDiscovered = discovered;
                }

                return _credentials;
            }
        }

        protected override async Task<TokenResponse> AcquireAsync(CancellationToken cancellationToken)
        {
            var endpoints = await _endpoints(cancellationToken).ConfigureAwait(false);
            var credentials = CurrentCredentials(endpoints.Configuration, out var options);
            var endpoint = endpoints.TokenEndpoint;
            var response = await _client.RequestClientCredentialsTokenAsync(endpoint, credentials, options.Scope!, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation(
                "CareConnect token acquired for client {ClientId} ({Method}) at {TokenEndpoint}; expires in {ExpiresIn} s; granted scope {Scope}; X-Request-ID {RequestId}.",
                credentials.ClientId,
                credentials.Method,
                endpoint.GetLeftPart(UriPartial.Path),
                response.ExpiresIn,
                response.Scope,
                response.RequestId);
            return response;
        }
    }
}

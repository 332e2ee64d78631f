using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;

namespace Netsmart.CareConnect;

/// <summary>
/// The client credentials and scope of a named backend client, read from <see cref="IOptionsMonitor{TOptions}"/> for
/// every new token request, so a rotated secret or key is used by the next request while the cached token stays in
/// use until it is due for renewal. The token requests themselves (caching, single flight, shared failure, backoff,
/// logging) are <see cref="ClientCredentialsTokenProvider"/>'s.
/// </summary>
internal sealed class OptionsClientCredentials
{
    private readonly string _name;
    private readonly IOptionsMonitor<CareConnectOptions> _monitor;
    private readonly Func<CancellationToken, Task<CareConnectEndpoints>> _endpoints;
    private readonly object _lock = new object();
    private CareConnectOptions? _credentialsFrom;
    private SmartConfiguration? _credentialsDiscovered;
    private CareConnectClientCredentials? _credentials;

    public OptionsClientCredentials(string name, IOptionsMonitor<CareConnectOptions> monitor, Func<CancellationToken, Task<CareConnectEndpoints>> endpoints)
    {
        _name = name;
        _monitor = monitor;
        _endpoints = endpoints;
    }

    /// <summary>The credentials of the current options (rebuilt only when the options instance or the discovery document changes).</summary>
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

    /// <summary>The next client-credentials request: resolved token endpoint, current credentials and scope.</summary>
    public async Task<ClientCredentialsRequest> NextRequestAsync(CancellationToken cancellationToken)
    {
        var endpoints = await _endpoints(cancellationToken).ConfigureAwait(false);
        var credentials = CurrentCredentials(endpoints.Configuration, out var options);
        return new ClientCredentialsRequest(endpoints.TokenEndpoint, credentials, options.Scope!);
    }
}

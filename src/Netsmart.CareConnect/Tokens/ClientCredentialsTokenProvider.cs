using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>
/// Backend services (System Access): acquires client-credentials tokens, caches them and renews them ahead of
/// expiry. Thread-safe; share one instance per client and scope set.
/// </summary>
public sealed class ClientCredentialsTokenProvider : CachingTokenProvider
{
    private readonly CareConnectTokenClient _client;
    private readonly Func<CancellationToken, Task<ClientCredentialsRequest>> _request;
    private readonly ILogger _logger;

    /// <summary>Creates a provider for a known token endpoint (for example <see cref="CareConnectTenant.TokenEndpoint"/>).</summary>
    public ClientCredentialsTokenProvider(CareConnectTokenClient client, Uri tokenEndpoint, CareConnectClientCredentials credentials, string scope, TokenCacheOptions? cacheOptions = null, ILogger? logger = null)
        : this(client, FixedEndpoint(tokenEndpoint), credentials, scope, cacheOptions, logger)
    {
    }

    /// <summary>Creates a provider whose token endpoint is resolved on first use (for example by discovery).</summary>
    public ClientCredentialsTokenProvider(CareConnectTokenClient client, Func<CancellationToken, Task<Uri>> tokenEndpointResolver, CareConnectClientCredentials credentials, string scope, TokenCacheOptions? cacheOptions = null, ILogger? logger = null)
        : this(client, FixedCredentials(Guard.NotNull(tokenEndpointResolver, nameof(tokenEndpointResolver)), Guard.NotNull(credentials, nameof(credentials)), Guard.NotNullOrWhiteSpace(scope, nameof(scope))), cacheOptions, logger)
    {
    }

    /// <summary>
    /// Creates a provider that reads endpoint, credentials and scope before every token request (a named DI client:
    /// a rotated secret or key is used by the next request). Same caching, failure behaviour and logging.
    /// </summary>
    internal ClientCredentialsTokenProvider(CareConnectTokenClient client, Func<CancellationToken, Task<ClientCredentialsRequest>> request, TokenCacheOptions? cacheOptions, ILogger? logger)
        : base(Guard.NotNull(client, nameof(client)).TimeProvider, cacheOptions, logger)
    {
        _client = client;
        _request = Guard.NotNull(request, nameof(request));
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    protected override async Task<TokenResponse> AcquireAsync(CancellationToken cancellationToken)
    {
        var request = await _request(cancellationToken).ConfigureAwait(false);
        var endpoint = request.TokenEndpoint;
        var credentials = request.Credentials;
        var response = await _client.RequestClientCredentialsTokenAsync(endpoint, credentials, request.Scope, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation(
            CareConnectDiagnostics.TokenAcquired,
            "CareConnect token acquired for client {ClientId} ({Method}) at {TokenEndpoint}; expires in {ExpiresIn} s; granted scope {Scope}; X-Request-ID {RequestId}.",
            credentials.ClientId,
            credentials.Method,
            endpoint.GetLeftPart(UriPartial.Path),
            response.ExpiresIn,
            response.Scope,
            response.RequestId);
        return response;
    }

    private static Func<CancellationToken, Task<ClientCredentialsRequest>> FixedCredentials(Func<CancellationToken, Task<Uri>> tokenEndpoint, CareConnectClientCredentials credentials, string scope) =>
        async cancellationToken => new ClientCredentialsRequest(await tokenEndpoint(cancellationToken).ConfigureAwait(false), credentials, scope);

    private static Func<CancellationToken, Task<Uri>> FixedEndpoint(Uri tokenEndpoint)
    {
        Guard.NotNull(tokenEndpoint, nameof(tokenEndpoint));
        var task = Task.FromResult(tokenEndpoint);
        return _ => task;
    }
}

/// <summary>What one client-credentials token request sends: endpoint, credentials and scope.</summary>
internal sealed class ClientCredentialsRequest
{
    public ClientCredentialsRequest(Uri tokenEndpoint, CareConnectClientCredentials credentials, string scope)
    {
        TokenEndpoint = tokenEndpoint;
        Credentials = credentials;
        Scope = scope;
    }

    public Uri TokenEndpoint { get; }

    public CareConnectClientCredentials Credentials { get; }

    public string Scope { get; }
}

using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Netsmart.CareConnect.BulkData;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>
/// One registered CareConnect client (one application registration, one tenant): its tenant and API, its
/// discovery and token clients, its token provider (backend) and its HttpClient. Get it from
/// <see cref="ICareConnectClientFactory"/>. Secrets, keys and scope are read from <see cref="IOptionsMonitor{TOptions}"/>
/// for every new token request; tenant, API, client id and trusted hosts are fixed at first use.
/// <see cref="ToString"/> shows no secret.
/// </summary>
public sealed class CareConnectClient : IDisposable
{
    private static readonly AsyncLocal<ICareConnectTokenProvider?> AmbientTokenProvider = new AsyncLocal<ICareConnectTokenProvider?>();
    private readonly IOptionsMonitor<CareConnectOptions> _monitor;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IHttpMessageHandlerFactory _handlerFactory;
    private readonly OptionsClientCredentials? _backendCredentials;
    private readonly ClientCredentialsTokenProvider? _backendTokens;
    private readonly IAuthorizationStateStore _stateStore;
    private readonly CareConnectIdTokenValidator _idTokens;
    private readonly IRefreshTokenStore _refreshTokens;
    private readonly TokenCacheOptions _userCacheOptions;
    private readonly ILogger? _userLogger;
    private readonly SemaphoreSlim[] _sessionGates = Enumerable.Range(0, 32).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    internal CareConnectClient(string name, IServiceProvider services)
    {
        Name = name;
        _monitor = services.GetRequiredService<IOptionsMonitor<CareConnectOptions>>();
        _httpClientFactory = services.GetRequiredService<IHttpClientFactory>();
        _handlerFactory = services.GetRequiredService<IHttpMessageHandlerFactory>();
        _stateStore = services.GetRequiredService<IAuthorizationStateStore>();
        _refreshTokens = services.GetRequiredService<IRefreshTokenStore>();
        var options = _monitor.Get(name);
        var tenant = CareConnectTenant.Parse(options.TenantId!, options.Environment);
        Tenant = string.IsNullOrEmpty(options.Origin) ? tenant : tenant.WithOrigin(new Uri(options.Origin, UriKind.Absolute));
        Api = options.Api;
        AppKind = options.AppKind;
        ClientId = options.ClientId!;
        AllowTemplateFallback = options.AllowTemplateFallback;
        UseDiscovery = options.UseDiscovery;
        HostPolicy = options.TrustedHosts is { Length: > 0 } hosts ? new CareConnectHostPolicy(hosts) : CareConnectHostPolicy.Default;
        var timeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
        TimeProvider = timeProvider;
        var loggerFactory = services.GetService<ILoggerFactory>();
        Discovery = new SmartDiscoveryClient(
            () => _httpClientFactory.CreateClient(CareConnectServiceCollectionExtensions.BackchannelClientName),
            new SmartDiscoveryOptions
            {
                HostPolicy = HostPolicy,
                CacheDuration = options.DiscoveryCacheDuration,
                TimeProvider = timeProvider,
                Logger = loggerFactory?.CreateLogger<SmartDiscoveryClient>(),
            });
        TokenClient = new CareConnectTokenClient(
            () => _httpClientFactory.CreateClient(CareConnectServiceCollectionExtensions.BackchannelClientName),
            new CareConnectTokenClientOptions { HostPolicy = HostPolicy, TimeProvider = timeProvider });
        _userCacheOptions = new TokenCacheOptions { RenewBeforeExpiry = options.TokenRenewBeforeExpiry };
        _userLogger = loggerFactory?.CreateLogger<CareConnectUserTokenProvider>();
        _idTokens = new CareConnectIdTokenValidator(() => _httpClientFactory.CreateClient(CareConnectServiceCollectionExtensions.BackchannelClientName), HostPolicy, timeProvider);
        if (AppKind == CareConnectAppKind.Backend)
        {
            // The library's one client-credentials provider (single flight, shared failure, backoff, lifetime floor,
            // CareConnectDiagnostics events); only its credentials come from the options monitor.
            _backendCredentials = new OptionsClientCredentials(name, _monitor, ResolveEndpointsAsync);
            _backendTokens = new ClientCredentialsTokenProvider(
                TokenClient,
                _backendCredentials.NextRequestAsync,
                new TokenCacheOptions { RenewBeforeExpiry = options.TokenRenewBeforeExpiry },
                loggerFactory?.CreateLogger<ClientCredentialsTokenProvider>());
        }

        PipelineTokenProvider = new AmbientOrBackendTokenProvider(this);
    }

    /// <summary>The registration name (empty for the default client).</summary>
    public string Name { get; }

    /// <summary>The tenant (with the configured origin).</summary>
    public CareConnectTenant Tenant { get; }

    /// <summary>The API this client talks to.</summary>
    public CareConnectApi Api { get; }

    /// <summary>Backend service or user app.</summary>
    public CareConnectAppKind AppKind { get; }

    /// <summary>The client id of the registration.</summary>
    public string ClientId { get; }

    /// <summary>The FHIR base of <see cref="Tenant"/> and <see cref="Api"/> (no trailing slash; the <c>aud</c> and an EHR launch's <c>iss</c>).</summary>
    public Uri FhirBaseUri => Tenant.GetFhirBaseUri(Api);

    /// <summary>Hosts endpoints and the bearer token may go to.</summary>
    public CareConnectHostPolicy HostPolicy { get; }

    /// <summary>This client's discovery client (its own cache and host policy).</summary>
    public SmartDiscoveryClient Discovery { get; }

    /// <summary>This client's token client.</summary>
    public CareConnectTokenClient TokenClient { get; }

    /// <summary>The client-credentials token provider of a backend client.</summary>
    /// <exception cref="InvalidOperationException">This is a user app: its tokens come from the authorization code flow.</exception>
    public ICareConnectTokenProvider TokenProvider => _backendTokens ?? throw new InvalidOperationException(
        "CareConnect client '" + Name + "' is a UserApp: its tokens come from the authorization code flow, not from client_credentials; pass the user's token provider to CreateHttpClient.");

    internal TimeProvider TimeProvider { get; }

    internal bool AllowTemplateFallback { get; }

    internal bool UseDiscovery { get; }

    internal ICareConnectTokenProvider PipelineTokenProvider { get; }

    internal IOptionsMonitor<CareConnectOptions> OptionsMonitor => _monitor;

    internal string HttpClientName => CareConnectServiceCollectionExtensions.GetHttpClientName(Name);

    /// <summary>
    /// The client credentials of the current settings (a rotated secret or key shows here at once). Without an
    /// explicit <see cref="CareConnectOptions.TokenEndpointAuthMethod"/> a secret is sent as Basic; token requests
    /// made by this client also follow the discovery document's <c>token_endpoint_auth_methods_supported</c>.
    /// </summary>
    public CareConnectClientCredentials GetCredentials() => GetCredentials(null);

    internal CareConnectClientCredentials GetCredentials(CareConnectEndpoints? endpoints) =>
        _backendCredentials is not null ? _backendCredentials.CurrentCredentials(endpoints?.Configuration, out _) : CareConnectKeyLoader.CreateCredentials(_monitor.Get(Name), endpoints?.Configuration);

    /// <summary>The token endpoint (and authorize endpoint) of this client: from discovery when enabled, else the template.</summary>
    public Task<CareConnectEndpoints> ResolveEndpointsAsync(CancellationToken cancellationToken = default) =>
        UseDiscovery
            ? Discovery.ResolveEndpointsAsync(Tenant, Api, AllowTemplateFallback, cancellationToken)
            : Task.FromResult(CareConnectEndpoints.FromTemplate(Tenant, Api));

    /// <summary>
    /// The HttpClient of a backend client (from IHttpClientFactory): base address <see cref="FhirBaseUri"/> with
    /// a trailing slash, bearer token from <see cref="TokenProvider"/>.
    /// </summary>
    public HttpClient CreateHttpClient() => _httpClientFactory.CreateClient(HttpClientName);

    /// <summary>
    /// An HttpClient on this client's pipeline that sends the token of <paramref name="tokenProvider"/> (for example
    /// one user's <see cref="RefreshingUserTokenProvider"/>). Dispose it; the pooled handler stays with the factory.
    /// </summary>
    public HttpClient CreateHttpClient(ICareConnectTokenProvider tokenProvider)
    {
        Guard.NotNull(tokenProvider, nameof(tokenProvider));
        var inner = _handlerFactory.CreateHandler(HttpClientName);
        return new HttpClient(new AmbientTokenHandler(tokenProvider, inner), disposeHandler: false)
        {
            BaseAddress = Tenant.GetFhirBaseAddress(Api),
        };
    }

    /// <summary>
    /// A <see cref="BulkDataClient"/> for this backend client: its tenant, API, host policy, clock and token provider
    /// (the library's token manager: cached, single-flight, renewed once after a 401), sending through the
    /// <see cref="CareConnectServiceCollectionExtensions.BulkDataHttpClientName"/> HttpClient of IHttpClientFactory,
    /// which has no bearer handler of its own (the Bulk Data client decides per request whether the token goes along:
    /// status and kick-off under the tenant base, files only on the tenant's origin and when the manifest requires it).
    /// </summary>
    /// <param name="configure">Changes the options after they were set from this client (poll intervals, limits).</param>
    /// <exception cref="InvalidOperationException">This is a user app: Bulk Data export is a backend-services (system) operation.</exception>
    public BulkDataClient CreateBulkDataClient(Action<BulkDataClientOptions>? configure = null)
    {
        var tokens = TokenProvider;
        var options = new BulkDataClientOptions { Api = Api, HostPolicy = HostPolicy, TimeProvider = TimeProvider };
        configure?.Invoke(options);
        return new BulkDataClient(_httpClientFactory.CreateClient(CareConnectServiceCollectionExtensions.BulkDataHttpClientName), Tenant, tokens, options);
    }

    /// <summary>
    /// Starts a user app's sign-in: builds the authorize request (PKCE S256, state, <c>nonce</c> with <c>openid</c>,
    /// <c>aud</c> = <see cref="FhirBaseUri"/>) from the configured scope and redirect URI, and saves its
    /// <see cref="PendingAuthorization"/> in the <see cref="IAuthorizationStateStore"/>. Redirect the user to
    /// <see cref="AuthorizationRequest.Url"/>.
    /// </summary>
    /// <param name="launch">The EHR launch's <c>launch</c> value (the <c>launch</c> scope is added), or <see langword="null"/> for a standalone launch.</param>
    /// <param name="cancellationToken">Cancels discovery and the store.</param>
    public async Task<AuthorizationRequest> BeginAuthorizationAsync(string? launch = null, CancellationToken cancellationToken = default)
    {
        EnsureUserApp();
        var options = _monitor.Get(Name);
        var scopes = options.Scope!.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!string.IsNullOrEmpty(launch) && !scopes.Contains("launch", StringComparer.Ordinal))
        {
            scopes.Insert(0, "launch");
        }

        var endpoints = await ResolveEndpointsAsync(cancellationToken).ConfigureAwait(false);
        var request = SmartAuthorization.CreateAuthorizationRequest(endpoints, ClientId, new Uri(options.RedirectUri!, UriKind.Absolute), scopes, launch);
        await _stateStore.SaveAsync(PendingAuthorization.From(request, TimeProvider.GetUtcNow(), Name, Tenant.Id, Api), cancellationToken).ConfigureAwait(false);
        return request;
    }

    /// <summary>
    /// Completes a sign-in started by <see cref="BeginAuthorizationAsync"/> on any server: takes the pending
    /// authorization of the callback's <c>state</c> from the store (once), checks state and age, and exchanges the
    /// code (PKCE verifier, redirect URI, this client's credentials).
    /// </summary>
    /// <exception cref="CareConnectException">Unknown or reused state, another client's state, expired, an error callback, or a failed exchange.</exception>
    public async Task<CareConnectAuthorizationResult> CompleteAuthorizationAsync(Uri callbackUri, CancellationToken cancellationToken = default)
    {
        var pending = await TakePendingAsync(_stateStore, callbackUri, cancellationToken).ConfigureAwait(false);
        return await CompleteAuthorizationAsync(pending, callbackUri, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the session of a signed-in user under <paramref name="sessionKey"/> (for example the app's user id):
    /// saves the refresh token in the <see cref="IRefreshTokenStore"/> and returns the user's token provider.
    /// </summary>
    public async Task<CareConnectUserTokenProvider> StartSessionAsync(string sessionKey, CareConnectAuthorizationResult signIn, CancellationToken cancellationToken = default)
    {
        EnsureUserApp();
        Guard.NotNull(signIn, nameof(signIn));
        if (!ReferenceEquals(signIn.Client, this))
        {
            throw new ArgumentException("The sign-in belongs to CareConnect client '" + signIn.Client.Name + "', not '" + Name + "'.", nameof(signIn));
        }

        var key = CareConnectUserTokenProvider.StoreKey(this, sessionKey);
        if (!string.IsNullOrEmpty(signIn.Token.RefreshToken))
        {
            await _refreshTokens.SaveAsync(key, signIn.Token.RefreshToken!, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _refreshTokens.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
        }

        return new CareConnectUserTokenProvider(this, _refreshTokens, key, signIn.Token, _userCacheOptions, _userLogger);
    }

    /// <summary>
    /// The token provider of a session started earlier (on this or another server): its first token comes from the
    /// stored refresh token. Dispose it when the request ends.
    /// </summary>
    public CareConnectUserTokenProvider CreateUserTokenProvider(string sessionKey)
    {
        EnsureUserApp();
        return new CareConnectUserTokenProvider(this, _refreshTokens, CareConnectUserTokenProvider.StoreKey(this, sessionKey), null, _userCacheOptions, _userLogger);
    }

    /// <summary>Ends a session (sign-out): forgets its refresh token.</summary>
    public Task EndSessionAsync(string sessionKey, CancellationToken cancellationToken = default) =>
        _refreshTokens.RemoveAsync(CareConnectUserTokenProvider.StoreKey(this, sessionKey), cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _backendTokens?.Dispose();
        foreach (var gate in _sessionGates)
        {
            gate.Dispose();
        }
    }

    /// <summary>A lock per session key (striped, so memory stays bounded) for refreshing one session at a time.</summary>
    internal SemaphoreSlim SessionGate(string key) =>
        _sessionGates[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_sessionGates.Length)];

    internal static async Task<PendingAuthorization> TakePendingAsync(IAuthorizationStateStore store, Uri callbackUri, CancellationToken cancellationToken)
    {
        Guard.NotNull(callbackUri, nameof(callbackUri));
        var state = SmartAuthorization.GetCallbackState(callbackUri)
            ?? throw new CareConnectException("The authorization callback has no state; the code was not used.");
        return await store.TakeAsync(state, cancellationToken).ConfigureAwait(false)
            ?? throw new CareConnectException("The authorization callback's state is unknown or was already used (a replayed, forged or expired callback); the code was not used. Start the sign-in again.");
    }

    internal async Task<CareConnectAuthorizationResult> CompleteAuthorizationAsync(PendingAuthorization pending, Uri callbackUri, CancellationToken cancellationToken)
    {
        EnsureUserApp();
        if (!string.Equals(pending.ClientName, Name, StringComparison.Ordinal) || !string.Equals(pending.ClientId, ClientId, StringComparison.Ordinal))
        {
            throw new CareConnectException("The authorization callback belongs to another CareConnect client than '" + Name + "'; the code was not used.");
        }

        var options = _monitor.Get(Name);
        var code = SmartAuthorization.ReadCallback(pending, callbackUri, TimeProvider.GetUtcNow(), options.AuthorizationMaxAge);
        var endpoints = await ResolveEndpointsAsync(cancellationToken).ConfigureAwait(false);

        // One expected issuer for the callback and the id_token: the tenant-pinned discovered issuer, else the template.
        var expectedIssuer = CareConnectIdTokenValidator.ExpectedIssuer(Tenant, endpoints.Configuration);
        var callbackIssuer = SmartAuthorization.GetCallbackParameter(callbackUri, "iss");
        if (callbackIssuer is not null && !string.Equals(callbackIssuer.TrimEnd('/'), expectedIssuer, StringComparison.Ordinal))
        {
            // RFC 9207: the callback names the authorization server that issued the code (the auth server, not the FHIR base).
            throw new CareConnectException("The authorization callback's iss is not this tenant's authorization server (a mix-up or a misrouted callback); the code was not used.");
        }

        var tokenEndpoint = pending.TokenEndpoint ?? endpoints.TokenEndpoint;
        var token = await TokenClient.RequestAuthorizationCodeTokenAsync(tokenEndpoint, code, pending.RedirectUri, pending.CodeVerifier, GetCredentials(endpoints), cancellationToken).ConfigureAwait(false);
        CareConnectIdentity? identity = null;
        if (token.IdToken is not null)
        {
            var jwksUri = endpoints.Configuration?.JwksUri ?? throw new CareConnectException(
                "The token response has an id_token but the tenant's jwks_uri is unknown (SMART discovery unavailable or without jwks_uri); the id_token cannot be validated and the sign-in was refused.");
            identity = await _idTokens.ValidateAsync(token.IdToken, jwksUri, expectedIssuer, ClientId, pending.Nonce, cancellationToken).ConfigureAwait(false);
        }

        return new CareConnectAuthorizationResult(this, pending, token, identity);
    }

    private void EnsureUserApp()
    {
        if (AppKind != CareConnectAppKind.UserApp)
        {
            throw new InvalidOperationException("CareConnect client '" + Name + "' is a Backend client: sign-in (authorization code) needs AppKind UserApp.");
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        "CareConnectClient { Name = " + Name + ", AppKind = " + AppKind + ", TenantId = " + Tenant.Id + ", Api = " + Api + ", ClientId = " + ClientId + " }";

    /// <summary>Lets <see cref="CreateHttpClient(ICareConnectTokenProvider)"/> reuse the named pipeline with another token provider.</summary>
    private sealed class AmbientTokenHandler : DelegatingHandler
    {
        private readonly ICareConnectTokenProvider _provider;

        public AmbientTokenHandler(ICareConnectTokenProvider provider, HttpMessageHandler inner)
            : base(inner)
        {
            _provider = provider;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            AmbientTokenProvider.Value = _provider;
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        protected override void Dispose(bool disposing)
        {
            // The inner handler belongs to IHttpClientFactory: never dispose it here.
        }
    }

    private sealed class AmbientOrBackendTokenProvider : ICareConnectTokenProvider
    {
        private readonly CareConnectClient _owner;

        public AmbientOrBackendTokenProvider(CareConnectClient owner) => _owner = owner;

        public Task<CareConnectAccessToken> GetTokenAsync(CancellationToken cancellationToken) =>
            (AmbientTokenProvider.Value ?? _owner.TokenProvider).GetTokenAsync(cancellationToken);

        public void Invalidate(CareConnectAccessToken token) => (AmbientTokenProvider.Value ?? _owner._backendTokens)?.Invalidate(token);
    }
}

using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect
{
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
        private readonly OptionsClientCredentialsTokenProvider? _backendTokens;

        internal CareConnectClient(string name, IServiceProvider services)
        {
            Name = name;
            _monitor = services.GetRequiredService<IOptionsMonitor<CareConnectOptions>>();
            _httpClientFactory = services.GetRequiredService<IHttpClientFactory>();
            _handlerFactory = services.GetRequiredService<IHttpMessageHandlerFactory>();
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
            if (AppKind == CareConnectAppKind.Backend)
            {
                _backendTokens = new OptionsClientCredentialsTokenProvider(
                    name,
                    _monitor,
                    TokenClient,
                    async ct => (await ResolveEndpointsAsync(ct).ConfigureAwait(false)).TokenEndpoint,
                    new TokenCacheOptions { RenewBeforeExpiry = options.TokenRenewBeforeExpiry },
                    loggerFactory?.CreateLogger<ClientCredentialsTokenProvider>() ?? (ILogger)NullLogger.Instance);
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

        /// <summary>The client credentials of the current settings (a rotated secret or key shows here at once).</summary>
        public CareConnectClientCredentials GetCredentials() =>
            _backendTokens is not null ? _backendTokens.CurrentCredentials(out _) : CareConnectKeyLoader.CreateCredentials(_monitor.Get(Name));

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

        /// <inheritdoc />
        public void Dispose() => _backendTokens?.Dispose();

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
}

using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>
/// Fetches <c>{base}/.well-known/smart-configuration</c> (migration step 5), caches it per base with expiry, and
/// refuses documents whose endpoints are not https or not on a trusted host, or whose token, authorization,
/// issuer or JWKS URLs are not under the tenant's own authorization server <c>{origin}/auth/{tenant}/oauth2/v1/</c>.
/// Never follows redirects. Single flight: concurrent callers for one base share one request, and a failure is
/// remembered for <see cref="SmartDiscoveryOptions.FailureCacheDuration"/> so an outage is not hammered. Thread-safe.
/// </summary>
public sealed class SmartDiscoveryClient
{
    private readonly Func<HttpClient> _httpClient;
    private readonly SmartDiscoveryOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, CacheEntry> _cache = new Dictionary<string, CacheEntry>(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<SmartConfiguration>> _inflight = new Dictionary<string, Task<SmartConfiguration>>(StringComparer.Ordinal);

    /// <summary>Creates a discovery client on its own back-channel HttpClient, which never follows redirects.</summary>
    public SmartDiscoveryClient(SmartDiscoveryOptions? options = null)
        : this(ToFactory(CareConnectBackchannel.CreateClient(System.Threading.Timeout.InfiniteTimeSpan)), options)
    {
    }

    /// <summary>Creates a discovery client on an HttpClient (not disposed by this class). Its handler should not follow redirects; a redirected document is refused.</summary>
    public SmartDiscoveryClient(HttpClient httpClient, SmartDiscoveryOptions? options = null)
        : this(ToFactory(httpClient), options)
    {
    }

    /// <summary>Creates a discovery client that asks the factory for an HttpClient per request (IHttpClientFactory style).</summary>
    public SmartDiscoveryClient(Func<HttpClient> httpClientFactory, SmartDiscoveryOptions? options = null)
    {
        _httpClient = Guard.NotNull(httpClientFactory, nameof(httpClientFactory));
        _options = options ?? new SmartDiscoveryOptions();
        _logger = _options.Logger ?? NullLogger.Instance;
    }

    /// <summary>Fetches (or returns the cached) SMART configuration of a tenant API.</summary>
    public Task<SmartConfiguration> GetConfigurationAsync(CareConnectTenant tenant, CareConnectApi api, CancellationToken cancellationToken = default) =>
        GetConfigurationAsync(Guard.NotNull(tenant, nameof(tenant)).GetFhirBaseUri(api), cancellationToken);

    /// <summary>Fetches (or returns the cached) SMART configuration below a FHIR base URI.</summary>
    /// <exception cref="CareConnectDiscoveryException">Unavailable, invalid, or naming an untrusted endpoint.</exception>
    public async Task<SmartConfiguration> GetConfigurationAsync(Uri fhirBaseUri, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(fhirBaseUri, nameof(fhirBaseUri));
        _options.HostPolicy.EnsureTrusted(fhirBaseUri, "FHIR base for discovery");
        _ = TenantAuthorizationServer.FromFhirBase(fhirBaseUri);
        var canonicalBase = fhirBaseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        Task<SmartConfiguration> fetch;
        lock (_cache)
        {
            var now = _options.TimeProvider.GetUtcNow();
            if (_cache.TryGetValue(canonicalBase, out var cached) && now < cached.ExpiresAt)
            {
                if (cached.Failure is null)
                {
                    return cached.Configuration!;
                }

                fetch = FromException(cached.Failure);
            }
            else if (_inflight.TryGetValue(canonicalBase, out var running) && !running.IsCompleted)
            {
                fetch = running;
            }
            else
            {
                fetch = _inflight[canonicalBase] = FetchAndCacheAsync(canonicalBase);
            }
        }

        return await TaskWaiting.WaitAsync(fetch, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SmartConfiguration> FetchAndCacheAsync(string canonicalBase)
    {
        // Leave the lock first. The fetch is shared by every caller waiting for this base, so it runs on its own
        // timeout, not on any caller's cancellation token.
        await Task.Yield();
        try
        {
            var configuration = await FetchAsync(canonicalBase, CancellationToken.None).ConfigureAwait(false);
            lock (_cache)
            {
                _cache[canonicalBase] = new CacheEntry(configuration, null, _options.TimeProvider.GetUtcNow() + _options.CacheDuration);
            }

            return configuration;
        }
        catch (CareConnectDiscoveryException ex)
        {
            lock (_cache)
            {
                _cache[canonicalBase] = new CacheEntry(null, ex, _options.TimeProvider.GetUtcNow() + _options.FailureCacheDuration);
            }

            throw;
        }
    }

    private async Task<SmartConfiguration> FetchAsync(string canonicalBase, CancellationToken cancellationToken)
    {
        using var activity = CareConnectDiagnostics.Source.StartActivity(CareConnectDiagnostics.DiscoveryActivityName, System.Diagnostics.ActivityKind.Client);
        activity?.SetTag("url.full", canonicalBase + "/.well-known/smart-configuration");
        try
        {
            var configuration = await FetchCoreAsync(canonicalBase, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("http.response.status_code", 200);
            return configuration;
        }
        catch (Exception ex)
        {
            CareConnectDiagnostics.Fail(activity, ex);
            if (ex is CareConnectDiscoveryException d && d.Failure != CareConnectDiscoveryFailure.UntrustedEndpoint)
            {
                _logger.LogWarning(CareConnectDiagnostics.DiscoveryFailed, "CareConnect SMART discovery at {DiscoveryUri} failed ({Failure}, transient {IsTransient}); remembered for {FailureCacheDuration}.", canonicalBase + "/.well-known/smart-configuration", d.Failure, d.IsTransient, _options.FailureCacheDuration);
            }

            throw;
        }
    }

    private async Task<SmartConfiguration> FetchCoreAsync(string canonicalBase, CancellationToken cancellationToken)
    {
        var uri = new Uri(canonicalBase + "/.well-known/smart-configuration", UriKind.Absolute);
        string body;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            var requestId = HttpUtil.EnsureRequestId(request);
            using var response = await _httpClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (CareConnectBackchannel.WasRedirected(uri, response))
            {
                throw new CareConnectDiscoveryException(
                    CareConnectDiscoveryFailure.UntrustedEndpoint,
                    "SMART discovery at " + uri.AbsoluteUri + " was redirected by the HttpClient; discovery never follows redirects (the document must come from the tenant's own FHIR base). Use a handler with AllowAutoRedirect = false. X-Request-ID: " + requestId + ".");
            }

            if (CareConnectBackchannel.IsRedirect(response.StatusCode))
            {
                throw new CareConnectDiscoveryException(
                    CareConnectDiscoveryFailure.Unavailable,
                    "SMART discovery at " + uri.AbsoluteUri + " answered " + (int)response.StatusCode + " (a redirect); discovery never follows redirects (the document must come from the tenant's own FHIR base). X-Request-ID: " + requestId + ".");
            }

            if (!response.IsSuccessStatusCode)
            {
                var error = await CareConnectErrors.CreateExceptionAsync(response, timeout.Token).ConfigureAwait(false);
                throw new CareConnectDiscoveryException(
                    CareConnectDiscoveryFailure.Unavailable,
                    "SMART discovery at " + uri.AbsoluteUri + " failed with " + (int)response.StatusCode + " (X-Request-ID: " + requestId + ").",
                    error);
            }

            body = await HttpUtil.ReadBodyAsync(response.Content, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CareConnectDiscoveryException(CareConnectDiscoveryFailure.Unavailable, "SMART discovery at " + uri.AbsoluteUri + " is unavailable: " + ex.Message, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CareConnectDiscoveryException(CareConnectDiscoveryFailure.Unavailable, "SMART discovery at " + uri.AbsoluteUri + " timed out.", ex);
        }

        var configuration = SmartConfiguration.Parse(body);
        try
        {
            configuration.EnsureTrusted(_options.HostPolicy, new Uri(canonicalBase, UriKind.Absolute));
        }
        catch (CareConnectDiscoveryException ex)
        {
            _logger.LogError(CareConnectDiagnostics.DiscoveryRefused, "CareConnect SMART discovery at {DiscoveryUri} refused: {Reason}", uri.AbsoluteUri, ex.Message);
            throw;
        }

        _logger.LogDebug(CareConnectDiagnostics.DiscoveryFetched, "CareConnect SMART configuration fetched from {DiscoveryUri}; token endpoint {TokenEndpoint}.", uri.AbsoluteUri, configuration.TokenEndpoint.GetLeftPart(UriPartial.Path));
        return configuration;
    }

    /// <summary>
    /// The endpoints of a tenant API from discovery. When discovery is unavailable or invalid and
    /// <paramref name="allowTemplateFallback"/> is set, the documented template endpoints are returned instead.
    /// A document naming an untrusted endpoint always throws.
    /// </summary>
    public async Task<CareConnectEndpoints> ResolveEndpointsAsync(CareConnectTenant tenant, CareConnectApi api, bool allowTemplateFallback, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(tenant, nameof(tenant));
        try
        {
            var configuration = await GetConfigurationAsync(tenant.GetFhirBaseUri(api), cancellationToken).ConfigureAwait(false);
            return new CareConnectEndpoints(tenant.GetFhirBaseUri(api), configuration.AuthorizationEndpoint, configuration.TokenEndpoint, configuration);
        }
        catch (CareConnectDiscoveryException ex) when (allowTemplateFallback && ex.Failure != CareConnectDiscoveryFailure.UntrustedEndpoint)
        {
            _logger.LogWarning(CareConnectDiagnostics.DiscoveryFallback, "CareConnect SMART discovery for {FhirBase} failed ({Failure}); using the documented template endpoints.", tenant.GetFhirBaseUri(api).AbsoluteUri, ex.Failure);
            return CareConnectEndpoints.FromTemplate(tenant, api);
        }
    }

    /// <summary>Forgets all cached documents.</summary>
    public void ClearCache()
    {
        lock (_cache)
        {
            _cache.Clear();
        }
    }

    private static Task<SmartConfiguration> FromException(Exception exception)
    {
        var tcs = new TaskCompletionSource<SmartConfiguration>();
        tcs.SetException(exception);
        return tcs.Task;
    }

    private static Func<HttpClient> ToFactory(HttpClient httpClient)
    {
        Guard.NotNull(httpClient, nameof(httpClient));
        return () => httpClient;
    }

    private sealed class CacheEntry
    {
        public CacheEntry(SmartConfiguration? configuration, CareConnectDiscoveryException? failure, DateTimeOffset expiresAt)
        {
            Configuration = configuration;
            Failure = failure;
            ExpiresAt = expiresAt;
        }

        public SmartConfiguration? Configuration { get; }

        public CareConnectDiscoveryException? Failure { get; }

        public DateTimeOffset ExpiresAt { get; }
    }
}

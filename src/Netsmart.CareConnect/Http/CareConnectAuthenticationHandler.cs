using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>
/// A <see cref="DelegatingHandler"/> that attaches <c>Authorization: Bearer</c> from an
/// <see cref="ICareConnectTokenProvider"/> to requests under one tenant FHIR base, sends an <c>X-Request-ID</c> on
/// every request (unless the caller set one), asks for <c>application/fhir+json</c> when no Accept header is set,
/// and after a 401 forgets the token and retries once with a new one when the request content can be replayed. Works with HttpClient and with Firely's <c>FhirClient(baseUrl, settings, handler)</c>.
/// </summary>
/// <remarks>
/// The token is bound to its FHIR base (its <c>aud</c>). A request to any other URL — another host, the other
/// environment, another tenant, another API, a plain-http URL, a paging link pointing elsewhere — is refused with a
/// <see cref="CareConnectException"/> before anything is sent; it is not sent without the token either, so a
/// misconfigured base address fails loudly instead of leaking data requests to a third party.
/// </remarks>
public sealed class CareConnectAuthenticationHandler : DelegatingHandler
{
    private const string FhirJson = "application/fhir+json";
    private readonly ICareConnectTokenProvider _tokenProvider;
    private readonly ILogger _logger;
    private readonly string _origin;
    private readonly string _basePath;

    /// <summary>Creates the handler (set <see cref="DelegatingHandler.InnerHandler"/> when not used through IHttpClientFactory).</summary>
    /// <param name="tokenProvider">Supplies the bearer token.</param>
    /// <param name="fhirBaseUri">The tenant FHIR base the token is for, for example <see cref="CareConnectTenant.GetFhirBaseUri"/>; only requests under it receive the token.</param>
    /// <param name="hostPolicy">Hosts a FHIR base may be on; default <see cref="CareConnectHostPolicy.Default"/>.</param>
    /// <exception cref="ArgumentException">The base is not an https URI on a trusted host.</exception>
    /// <param name="logger">Logs 401 retries (<see cref="CareConnectDiagnostics.UnauthorizedRetried"/>, <see cref="CareConnectDiagnostics.UnauthorizedNotRetried"/>); optional.</param>
    public CareConnectAuthenticationHandler(ICareConnectTokenProvider tokenProvider, Uri fhirBaseUri, CareConnectHostPolicy? hostPolicy = null, ILogger? logger = null)
    {
        _tokenProvider = Guard.NotNull(tokenProvider, nameof(tokenProvider));
        _logger = logger ?? NullLogger.Instance;
        (_origin, _basePath) = Pin(fhirBaseUri, hostPolicy ?? CareConnectHostPolicy.Default);
    }

    /// <summary>Creates the handler with an inner handler, for direct use (for example with Firely's FhirClient).</summary>
    /// <param name="tokenProvider">Supplies the bearer token.</param>
    /// <param name="fhirBaseUri">The tenant FHIR base the token is for; only requests under it receive the token.</param>
    /// <param name="innerHandler">The handler that sends the request.</param>
    /// <param name="hostPolicy">Hosts a FHIR base may be on; default <see cref="CareConnectHostPolicy.Default"/>.</param>
    /// <exception cref="ArgumentException">The base is not an https URI on a trusted host.</exception>
    /// <param name="logger">Logs 401 retries; optional.</param>
    public CareConnectAuthenticationHandler(ICareConnectTokenProvider tokenProvider, Uri fhirBaseUri, HttpMessageHandler innerHandler, CareConnectHostPolicy? hostPolicy = null, ILogger? logger = null)
        : base(Guard.NotNull(innerHandler, nameof(innerHandler)))
    {
        _tokenProvider = Guard.NotNull(tokenProvider, nameof(tokenProvider));
        _logger = logger ?? NullLogger.Instance;
        (_origin, _basePath) = Pin(fhirBaseUri, hostPolicy ?? CareConnectHostPolicy.Default);
    }

    /// <summary>The FHIR base the token is sent to (scheme, host, port and path; no trailing slash).</summary>
    public Uri FhirBaseUri => new Uri(_origin + _basePath, UriKind.Absolute);

    /// <summary>Whether a request to <paramref name="requestUri"/> would receive the token: same scheme, host and port as the base, and a path equal to the base path or below it at a segment boundary.</summary>
    public bool IsUnderFhirBase(Uri? requestUri)
    {
        if (requestUri is null || !requestUri.IsAbsoluteUri || requestUri.UserInfo.Length != 0
            || !string.Equals(requestUri.GetLeftPart(UriPartial.Authority), _origin, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var path = requestUri.AbsolutePath;
        if (!path.StartsWith(_basePath, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = path.Substring(_basePath.Length);
        if (rest.Length == 0)
        {
            return true;
        }

        if (rest[0] != '/')
        {
            return false;
        }

        foreach (var segment in rest.Split('/'))
        {
            var decoded = Uri.UnescapeDataString(segment);
            if (decoded == "." || decoded == ".." || decoded.IndexOf('/') >= 0 || decoded.IndexOf('\\') >= 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Guard.NotNull(request, nameof(request));
        if (!IsUnderFhirBase(request.RequestUri))
        {
            // A paging link, a redirect target or a misconfigured base address must never receive the bearer token.
            // The message names only the origin: the path may hold resource ids.
            throw new CareConnectException(
                "Refused to send a request to " + DescribeOrigin(request.RequestUri) + " with the CareConnect access token: only requests under the tenant's FHIR base " +
                _origin + _basePath + " receive it (same scheme, host and port; the path at or below the base). Requests elsewhere are not sent, not even without the token.");
        }

        HttpUtil.EnsureRequestId(request);
        if (request.Headers.Accept.Count == 0)
        {
            // The older CareConnect APIs default to XML; ask for JSON unless the caller chose.
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirJson));
        }

        var token = await _tokenProvider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        // The token was rejected (revoked, or expired earlier than announced): forget it, and when the request can be
        // sent again unchanged, retry once with a new token. The provider spaces out forced renewals, so an API that
        // rejects every token gets the 401 back instead of a renewal loop.
        _tokenProvider.Invalidate(token);
        var origin = CareConnectDiagnostics.Origin(request.RequestUri);
        if (!IsReplayable(request.Content))
        {
            CareConnectDiagnostics.LogNotRetried(_logger, origin, "the request content is streamed and cannot be sent again", null);
            return response;
        }

        using var activity = CareConnectDiagnostics.Source.StartActivity(CareConnectDiagnostics.UnauthorizedRetryActivityName, System.Diagnostics.ActivityKind.Internal);
        activity?.SetTag("server.address", origin);
        try
        {
            var fresh = await _tokenProvider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            if (string.Equals(fresh.Token, token.Token, StringComparison.Ordinal))
            {
                activity?.SetTag("careconnect.retried", false);
                CareConnectDiagnostics.LogNotRetried(_logger, origin, "the token was renewed moments ago and is spaced out (TokenCacheOptions.RetryDelay)", null);
                return response;
            }

            response.Dispose();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh.Token);
            var retried = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("careconnect.retried", true);
            activity?.SetTag("http.response.status_code", (int)retried.StatusCode);
            CareConnectDiagnostics.LogRetried(_logger, origin, null);
            return retried;
        }
        catch (Exception ex)
        {
            response.Dispose();
            CareConnectDiagnostics.Fail(activity, ex);
            throw;
        }
    }

    /// <summary>
    /// Content that sends the same bytes again: none, or in-memory content (<see cref="ByteArrayContent"/>, which
    /// covers <see cref="StringContent"/> and <see cref="FormUrlEncodedContent"/>; <c>ReadOnlyMemoryContent</c> on
    /// .NET 8). A stream may be consumed, so streamed content is never replayed.
    /// </summary>
    internal static bool IsReplayable(HttpContent? content)
    {
        if (content is null || content is ByteArrayContent)
        {
            return true;
        }

#if NET8_0_OR_GREATER
        return content is ReadOnlyMemoryContent;
#else
        return false;
#endif
    }

    private static (string Origin, string BasePath) Pin(Uri fhirBaseUri, CareConnectHostPolicy policy)
    {
        Guard.NotNull(fhirBaseUri, nameof(fhirBaseUri));
        if (!policy.IsTrusted(fhirBaseUri) || fhirBaseUri.Query.Length != 0 || fhirBaseUri.Fragment.Length != 0)
        {
            throw new ArgumentException(
                "The FHIR base must be an https URI without query or fragment on a trusted host (" + string.Join(", ", policy.TrustedHosts) + "): '" + CareConnectHostPolicy.Describe(fhirBaseUri) + "'.",
                nameof(fhirBaseUri));
        }

        return (fhirBaseUri.GetLeftPart(UriPartial.Authority), fhirBaseUri.AbsolutePath.TrimEnd('/'));
    }

    private static string DescribeOrigin(Uri? uri) =>
        uri is null ? "(no URI)" : uri.IsAbsoluteUri ? "'" + uri.Scheme + "://" + uri.Authority + "'" : "a relative URI";
}

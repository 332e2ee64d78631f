using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>
/// Token requests at a CareConnect token endpoint: authorization code exchange with PKCE, refresh, and
/// client credentials (client_secret_basic or private_key_jwt). Errors become <see cref="CareConnectException"/>.
/// Bodies are <c>application/x-www-form-urlencoded</c>; every request carries an <c>X-Request-ID</c>.
/// </summary>
public sealed class CareConnectTokenClient
{
    private readonly Func<HttpClient> _httpClient;
    private readonly CareConnectTokenClientOptions _options;

    /// <summary>
    /// Creates a token client on its own back-channel HttpClient: redirects are never followed and every request
    /// has <see cref="CareConnectTokenClientOptions.Timeout"/>.
    /// </summary>
    public CareConnectTokenClient(CareConnectTokenClientOptions? options = null)
        : this(ToFactory(CareConnectBackchannel.CreateClient(System.Threading.Timeout.InfiniteTimeSpan)), options)
    {
    }

    /// <summary>
    /// Creates a token client on an HttpClient (not disposed by this class). Its handler must not follow redirects
    /// (<c>AllowAutoRedirect = false</c>): a 3xx answer is refused either way, but a handler that follows a
    /// 307/308 has already re-sent the credentials by the time the client sees it.
    /// </summary>
    public CareConnectTokenClient(HttpClient httpClient, CareConnectTokenClientOptions? options = null)
        : this(ToFactory(httpClient), options)
    {
    }

    /// <summary>Creates a token client that asks the factory for an HttpClient per request.</summary>
    public CareConnectTokenClient(Func<HttpClient> httpClientFactory, CareConnectTokenClientOptions? options = null)
    {
        _httpClient = Guard.NotNull(httpClientFactory, nameof(httpClientFactory));
        _options = options ?? new CareConnectTokenClientOptions();
    }

    internal TimeProvider TimeProvider => _options.TimeProvider;

    /// <summary>Backend services: <c>grant_type=client_credentials</c> with the scopes (for example <c>system/Patient.rs</c>).</summary>
    public Task<TokenResponse> RequestClientCredentialsTokenAsync(Uri tokenEndpoint, CareConnectClientCredentials credentials, string scope, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(credentials, nameof(credentials));
        Guard.NotNullOrWhiteSpace(scope, nameof(scope));
        if (credentials.Method == ClientAuthenticationMethod.None)
        {
            throw new ArgumentException("client_credentials needs a confidential client (client secret or private key JWT).", nameof(credentials));
        }

        var form = new List<KeyValuePair<string, string>> { Pair("grant_type", "client_credentials") };
        return SendAsync(tokenEndpoint, credentials, form, new[] { Pair("scope", scope) }, cancellationToken);
    }

    /// <summary>Exchanges an authorization code, sending the request's redirect URI and PKCE <c>code_verifier</c>.</summary>
    public Task<TokenResponse> RequestAuthorizationCodeTokenAsync(AuthorizationRequest request, string code, CareConnectClientCredentials credentials, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(request, nameof(request));
        var endpoint = request.TokenEndpoint ?? throw new ArgumentException("The authorization request does not know its token endpoint; use the overload that takes one.", nameof(request));
        return RequestAuthorizationCodeTokenAsync(endpoint, code, request.RedirectUri, request.CodeVerifier, credentials, cancellationToken);
    }

    /// <summary>Exchanges an authorization code: <c>grant_type=authorization_code</c>, <c>code</c>, <c>redirect_uri</c>, <c>code_verifier</c>.</summary>
    public Task<TokenResponse> RequestAuthorizationCodeTokenAsync(Uri tokenEndpoint, string code, Uri redirectUri, string codeVerifier, CareConnectClientCredentials credentials, CancellationToken cancellationToken = default)
    {
        Guard.NotNullOrWhiteSpace(code, nameof(code));
        Guard.NotNull(redirectUri, nameof(redirectUri));
        Guard.NotNull(codeVerifier, nameof(codeVerifier));
        Guard.NotNull(credentials, nameof(credentials));
        if (!Pkce.IsValidVerifier(codeVerifier))
        {
            throw new ArgumentException("The PKCE code verifier is not valid (43-128 unreserved characters).", nameof(codeVerifier));
        }

        var form = new List<KeyValuePair<string, string>>
        {
            Pair("grant_type", "authorization_code"),
            Pair("code", code),
            Pair("redirect_uri", redirectUri.OriginalString),
            Pair("code_verifier", codeVerifier),
        };
        return SendAsync(tokenEndpoint, credentials, form, Array.Empty<KeyValuePair<string, string>>(), cancellationToken);
    }

    /// <summary>Refreshes: <c>grant_type=refresh_token</c>, <c>refresh_token</c>, optional narrower <c>scope</c>.</summary>
    public Task<TokenResponse> RequestRefreshTokenAsync(Uri tokenEndpoint, string refreshToken, CareConnectClientCredentials credentials, string? scope = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNullOrWhiteSpace(refreshToken, nameof(refreshToken));
        Guard.NotNull(credentials, nameof(credentials));
        var form = new List<KeyValuePair<string, string>> { Pair("grant_type", "refresh_token"), Pair("refresh_token", refreshToken) };
        var tail = string.IsNullOrEmpty(scope) ? Array.Empty<KeyValuePair<string, string>>() : new[] { Pair("scope", scope!) };
        return SendAsync(tokenEndpoint, credentials, form, tail, cancellationToken);
    }

    private async Task<TokenResponse> SendAsync(
        Uri tokenEndpoint,
        CareConnectClientCredentials credentials,
        List<KeyValuePair<string, string>> form,
        IEnumerable<KeyValuePair<string, string>> tail,
        CancellationToken cancellationToken)
    {
        Guard.NotNull(tokenEndpoint, nameof(tokenEndpoint));
        _options.HostPolicy.EnsureTrusted(tokenEndpoint, "token endpoint");
        using var activity = CareConnectDiagnostics.Source.StartActivity(CareConnectDiagnostics.TokenActivityName, System.Diagnostics.ActivityKind.Client);
        activity?.SetTag("server.address", CareConnectDiagnostics.Origin(tokenEndpoint));
        activity?.SetTag("oauth.grant_type", form.Count > 0 ? form[0].Value : null);
        try
        {
            var token = await SendCoreAsync(tokenEndpoint, credentials, form, tail, activity, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("http.response.status_code", 200);
            return token;
        }
        catch (Exception ex)
        {
            CareConnectDiagnostics.Fail(activity, ex);
            throw;
        }
    }

    private async Task<TokenResponse> SendCoreAsync(
        Uri tokenEndpoint,
        CareConnectClientCredentials credentials,
        List<KeyValuePair<string, string>> form,
        IEnumerable<KeyValuePair<string, string>> tail,
        System.Diagnostics.Activity? activity,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint);
        var now = _options.TimeProvider.GetUtcNow();
        credentials.Apply(request, form, tokenEndpoint, now, _options.ClientAssertionLifetime);
        form.AddRange(tail);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(FormEncoding.Query(form)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Content = content;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var requestId = HttpUtil.EnsureRequestId(request);
        activity?.SetTag("careconnect.request_id", requestId);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var response = await _httpClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (CareConnectBackchannel.IsRedirect(response.StatusCode))
            {
                throw new CareConnectException(
                    "The token endpoint answered " + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) +
                    " (a redirect); token requests never follow redirects, because that would re-send the client credentials, refresh token or code verifier to another URL. Use the token endpoint of the tenant's authorization server. X-Request-ID: " + requestId + ".");
            }

            if (CareConnectBackchannel.WasRedirected(tokenEndpoint, response))
            {
                throw new CareConnectException(
                    "The HttpClient given to CareConnectTokenClient followed a redirect away from the token endpoint; token requests must never follow redirects. Give it a handler with AllowAutoRedirect = false (the CareConnect back-channel client does this). X-Request-ID: " + requestId + ".");
            }

            var body = await HttpUtil.ReadBodyAsync(response.Content, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw CareConnectErrors.Create(response, body);
            }

            return TokenResponse.Parse(body, _options.TimeProvider.GetUtcNow(), HttpUtil.Header(response, HttpUtil.RequestIdHeader) ?? requestId);
        }
        catch (HttpRequestException ex)
        {
            throw new CareConnectException(
                "The token request to " + tokenEndpoint.Scheme + "://" + tokenEndpoint.Authority + " failed before an answer arrived (network error, see the inner exception); retry later. X-Request-ID: " + requestId + ".",
                ex);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new CareConnectException(
                "The token request timed out after " + _options.Timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " s (CareConnectTokenClientOptions.Timeout). X-Request-ID: " + requestId + ".",
                ex);
        }
    }

    private static KeyValuePair<string, string> Pair(string key, string value) => new KeyValuePair<string, string>(key, value);

    private static Func<HttpClient> ToFactory(HttpClient httpClient)
    {
        Guard.NotNull(httpClient, nameof(httpClient));
        return () => httpClient;
    }
}

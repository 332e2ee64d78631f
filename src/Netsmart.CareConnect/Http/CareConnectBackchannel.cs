using System;
using System.Net.Http;

namespace Netsmart.CareConnect;

/// <summary>
/// The back channel (discovery and token requests): a handler that never follows redirects (a 307/308 would
/// re-send the client assertion, secret, refresh token or code verifier to wherever the Location header points)
/// and an explicit timeout.
/// </summary>
internal static class CareConnectBackchannel
{
    /// <summary>The default timeout of one discovery or token request: 30 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A primary handler for back-channel clients: <c>AllowAutoRedirect = false</c>, no cookies, bounded connection lifetime.</summary>
    public static HttpMessageHandler CreateHandler()
    {
#if NET8_0_OR_GREATER
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(15),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
#else
        return new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
        };
#endif
    }

    /// <summary>An HttpClient on <see cref="CreateHandler"/> with <see cref="HttpClient.Timeout"/> set (the client owns the handler).</summary>
    public static HttpClient CreateClient(TimeSpan? timeout = null) => new HttpClient(CreateHandler(), disposeHandler: true)
    {
        Timeout = timeout ?? DefaultTimeout,
    };

    /// <summary>Whether a status is a redirect (3xx), which the back channel never follows.</summary>
    public static bool IsRedirect(System.Net.HttpStatusCode status) => (int)status >= 300 && (int)status < 400;

    /// <summary>
    /// Whether the HttpClient in use followed a redirect anyway (its handler allows auto-redirect): the handler
    /// rewrites the request URI, so <paramref name="original"/> must be captured before sending.
    /// </summary>
    public static bool WasRedirected(Uri original, HttpResponseMessage response) =>
        response.RequestMessage?.RequestUri is { } final && !string.Equals(final.AbsoluteUri, original.AbsoluteUri, StringComparison.Ordinal);
}

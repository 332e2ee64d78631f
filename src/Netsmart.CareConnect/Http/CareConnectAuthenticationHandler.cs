using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect
{
    /// <summary>
    /// A <see cref="DelegatingHandler"/> that attaches <c>Authorization: Bearer</c> from an
    /// <see cref="ICareConnectTokenProvider"/>, sends an <c>X-Request-ID</c> on every request (unless the caller set
    /// one), refuses to send the token anywhere but https URIs on trusted hosts, asks for <c>application/fhir+json</c> when no Accept header is set, and forgets the token after a 401 so the next request acquires a fresh one. Works with HttpClient and with
    /// Firely's <c>FhirClient(baseUrl, settings, handler)</c>.
    /// </summary>
    public sealed class CareConnectAuthenticationHandler : DelegatingHandler
    {
        private const string FhirJson = "application/fhir+json";
        private readonly ICareConnectTokenProvider _tokenProvider;
        private readonly CareConnectHostPolicy _hostPolicy;

        /// <summary>Creates the handler (set <see cref="DelegatingHandler.InnerHandler"/> when not used through IHttpClientFactory).</summary>
        /// <param name="tokenProvider">Supplies the bearer token.</param>
        /// <param name="hostPolicy">Hosts the token may be sent to; default <see cref="CareConnectHostPolicy.Default"/>.</param>
        public CareConnectAuthenticationHandler(ICareConnectTokenProvider tokenProvider, CareConnectHostPolicy? hostPolicy = null)
        {
            _tokenProvider = Guard.NotNull(tokenProvider, nameof(tokenProvider));
            _hostPolicy = hostPolicy ?? CareConnectHostPolicy.Default;
        }

        /// <summary>Creates the handler with an inner handler, for direct use (for example with Firely's FhirClient).</summary>
        /// <param name="tokenProvider">Supplies the bearer token.</param>
        /// <param name="innerHandler">The handler that sends the request.</param>
        /// <param name="hostPolicy">Hosts the token may be sent to; default <see cref="CareConnectHostPolicy.Default"/>.</param>
        public CareConnectAuthenticationHandler(ICareConnectTokenProvider tokenProvider, HttpMessageHandler innerHandler, CareConnectHostPolicy? hostPolicy = null)
            : base(Guard.NotNull(innerHandler, nameof(innerHandler)))
        {
            _tokenProvider = Guard.NotNull(tokenProvider, nameof(tokenProvider));
            _hostPolicy = hostPolicy ?? CareConnectHostPolicy.Default;
        }

        /// <inheritdoc />
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Guard.NotNull(request, nameof(request));
            if (request.RequestUri is null || !_hostPolicy.IsTrusted(request.RequestUri))
            {
                // A paging link or a redirect target on another host must never receive the bearer token.
                throw new CareConnectException(
                    "Refused to send the CareConnect access token to '" + (request.RequestUri is null ? "(no URI)" : CareConnectHostPolicy.Describe(request.RequestUri)) +
                    "': only https URIs on trusted hosts (" + string.Join(", ", _hostPolicy.TrustedHosts) + ") receive it.");
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
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                _tokenProvider.Invalidate(token);
            }

            return response;
        }
    }
}

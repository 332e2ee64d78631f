using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>
/// Validates an OpenID Connect id_token of a CareConnect tenant with Microsoft.IdentityModel: signature against
/// the discovery <c>jwks_uri</c> (asymmetric algorithms only), issuer = the tenant's authorization server,
/// audience = the client id, the <c>nonce</c> sent, and lifetime on the configured clock. Errors say what failed,
/// never the token.
/// </summary>
public sealed class CareConnectIdTokenValidator
{
    private static readonly string[] AsymmetricAlgorithms =
    {
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384,
    };

    private readonly Func<HttpClient> _httpClient;
    private readonly CareConnectHostPolicy _hostPolicy;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, (JsonWebKeySet Keys, DateTimeOffset FetchedAt)> _jwks = new ConcurrentDictionary<string, (JsonWebKeySet, DateTimeOffset)>(StringComparer.Ordinal);

    /// <summary>Creates a validator that fetches JWKS documents with the HttpClient of <paramref name="httpClientFactory"/>.</summary>
    public CareConnectIdTokenValidator(Func<HttpClient> httpClientFactory, CareConnectHostPolicy? hostPolicy = null, TimeProvider? timeProvider = null)
    {
        _httpClient = Guard.NotNull(httpClientFactory, nameof(httpClientFactory));
        _hostPolicy = hostPolicy ?? CareConnectHostPolicy.Default;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long a JWKS is cached (an unknown <c>kid</c> fetches it again). Default: one hour.</summary>
    public TimeSpan JwksCacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Tolerated clock difference for <c>exp</c>/<c>nbf</c>. Default: 2 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The template issuer of a tenant's id_tokens (no discovery): its authorization server, <c>{origin}/auth/{tenant}/oauth2/v1</c>.</summary>
    public static string ExpectedIssuer(CareConnectTenant tenant) => Guard.NotNull(tenant, nameof(tenant)).AuthorizationServer.AbsoluteUri.TrimEnd('/');

    /// <summary>
    /// The issuer of a tenant's id_tokens and of its authorization callbacks (RFC 9207 <c>iss</c>): the
    /// <c>issuer</c> of the tenant's discovery document when there is one (pinned: exactly <c>{origin}/auth/{tenant}</c>
    /// or below <c>{origin}/auth/{tenant}/</c>, on the tenant's origin), else the template
    /// <c>{origin}/auth/{tenant}/oauth2/v1</c>. Without a trailing slash.
    /// </summary>
    /// <exception cref="CareConnectException">The discovered issuer is not this tenant's.</exception>
    public static string ExpectedIssuer(CareConnectTenant tenant, SmartConfiguration? discovered)
    {
        Guard.NotNull(tenant, nameof(tenant));
        if (discovered?.Issuer is not { Length: > 0 } issuer)
        {
            return ExpectedIssuer(tenant);
        }

        var server = TenantAuthorizationServer.FromFhirBase(tenant.GetFhirBaseUri(CareConnectApi.ProviderSystemAccess));
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || !server.ContainsIssuer(uri))
        {
            throw new CareConnectException("The discovered issuer is not this tenant's authorization server (" + server.IssuerRoot + " or below it); the id_token and callback cannot be checked.");
        }

        return issuer.TrimEnd('/');
    }

    /// <summary>Validates <paramref name="idToken"/> and returns the user it names.</summary>
    /// <exception cref="CareConnectException">The id_token is refused; the message says which check failed.</exception>
    public async Task<CareConnectIdentity> ValidateAsync(string idToken, Uri jwksUri, string expectedIssuer, string clientId, string? expectedNonce, CancellationToken cancellationToken = default)
    {
        Guard.NotNullOrWhiteSpace(idToken, nameof(idToken));
        Guard.NotNull(jwksUri, nameof(jwksUri));
        Guard.NotNullOrWhiteSpace(expectedIssuer, nameof(expectedIssuer));
        Guard.NotNullOrWhiteSpace(clientId, nameof(clientId));
        _hostPolicy.EnsureTrusted(jwksUri, "jwks_uri");

        var keys = await GetKeysAsync(jwksUri, refresh: false, cancellationToken).ConfigureAwait(false);
        var result = await ValidateSignedAsync(idToken, keys, expectedIssuer, clientId).ConfigureAwait(false);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The tenant may have rotated its keys: fetch the JWKS once more.
            keys = await GetKeysAsync(jwksUri, refresh: true, cancellationToken).ConfigureAwait(false);
            result = await ValidateSignedAsync(idToken, keys, expectedIssuer, clientId).ConfigureAwait(false);
        }

        if (!result.IsValid)
        {
            throw new CareConnectException("The id_token was refused: " + Reason(result.Exception, expectedIssuer));
        }

        var token = (JsonWebToken)result.SecurityToken;
        var now = _timeProvider.GetUtcNow();
        if (!token.TryGetPayloadValue<long>("exp", out var exp))
        {
            throw new CareConnectException("The id_token was refused: it has no exp claim.");
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp);
        if (now > expiresAt + ClockSkew)
        {
            throw new CareConnectException("The id_token was refused: it expired at " + expiresAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + ".");
        }

        if (token.TryGetPayloadValue<long>("nbf", out var nbf) && now + ClockSkew < DateTimeOffset.FromUnixTimeSeconds(nbf))
        {
            throw new CareConnectException("The id_token was refused: it is not valid yet (nbf).");
        }

        if (expectedNonce is not null)
        {
            token.TryGetPayloadValue<string>("nonce", out var nonce);
            if (!string.Equals(nonce, expectedNonce, StringComparison.Ordinal))
            {
                throw new CareConnectException("The id_token was refused: its nonce " + (nonce is null ? "is missing" : "does not match the authorization request") + " (a replayed or injected id_token).");
            }
        }

        if (string.IsNullOrEmpty(token.Subject))
        {
            throw new CareConnectException("The id_token was refused: it has no sub claim.");
        }

        token.TryGetPayloadValue<string>("fhirUser", out var fhirUser);
        return new CareConnectIdentity(token.Subject, fhirUser, token.Issuer, expiresAt);
    }

    private static Task<TokenValidationResult> ValidateSignedAsync(string idToken, JsonWebKeySet keys, string issuer, string clientId) =>
        new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuers = new[] { issuer, issuer + "/" },
            ValidAudience = clientId,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidAlgorithms = AsymmetricAlgorithms,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = false,
            ValidateLifetime = false,
            RequireExpirationTime = true,
            TryAllIssuerSigningKeys = false,
        });

    private static string Reason(Exception? exception, string issuer) => exception switch
    {
        SecurityTokenInvalidAudienceException => "its audience is not this client's id.",
        SecurityTokenInvalidIssuerException => "it was not issued by the tenant's authorization server (" + issuer + ").",
        SecurityTokenSignatureKeyNotFoundException => "its signing key is not in the tenant's JWKS.",
        SecurityTokenInvalidSignatureException => "its signature does not verify against the tenant's JWKS.",
        SecurityTokenInvalidAlgorithmException => "it is not signed with an asymmetric algorithm.",
        SecurityTokenMalformedException => "it is not a well-formed JWT.",
        null => "it is not valid.",
        _ => "it is not valid (" + exception.GetType().Name + ").",
    };

    private async Task<JsonWebKeySet> GetKeysAsync(Uri jwksUri, bool refresh, CancellationToken cancellationToken)
    {
        var key = jwksUri.AbsoluteUri;
        var now = _timeProvider.GetUtcNow();
        if (!refresh && _jwks.TryGetValue(key, out var cached) && now - cached.FetchedAt < JwksCacheDuration)
        {
            return cached.Keys;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, jwksUri);
        request.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("application/json"));
        HttpUtil.EnsureRequestId(request);
        using var response = await _httpClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var body = await HttpUtil.ReadBodyAsync(response.Content, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new CareConnectException("The tenant's JWKS (" + CareConnectHostPolicy.Describe(jwksUri) + ") could not be read: HTTP " + (int)response.StatusCode + "; the id_token cannot be validated.");
        }

        JsonWebKeySet keys;
        try
        {
            keys = new JsonWebKeySet(body);
        }
        catch (ArgumentException ex)
        {
            throw new CareConnectException("The tenant's JWKS (" + CareConnectHostPolicy.Describe(jwksUri) + ") is not a valid JWK set; the id_token cannot be validated.", ex);
        }

        _jwks[key] = (keys, now);
        return keys;
    }
}

using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>
/// The registered client and how it authenticates at the token endpoint. The secret or key never appears in
/// <see cref="ToString"/>, exceptions or logs.
/// </summary>
public sealed class CareConnectClientCredentials
{
    /// <summary>The longest client assertion lifetime SMART allows (5 minutes).</summary>
    public static readonly TimeSpan MaxAssertionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The client assertion type of <c>private_key_jwt</c>.</summary>
    public const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private readonly string? _secret;
    private readonly SigningCredentials? _signingCredentials;

    private CareConnectClientCredentials(string clientId, ClientAuthenticationMethod method, string? secret, SigningCredentials? signingCredentials, Uri? jwksUrl = null)
    {
        ClientId = clientId;
        Method = method;
        _secret = secret;
        _signingCredentials = signingCredentials;
        JwksUrl = jwksUrl;
    }

    /// <summary>The registered JWKS URL sent as the <c>jku</c> header of client assertions, or <see langword="null"/> (private_key_jwt only).</summary>
    public Uri? JwksUrl { get; }

    /// <summary>The client id from the developer portal.</summary>
    public string ClientId { get; }

    /// <summary>The client authentication method.</summary>
    public ClientAuthenticationMethod Method { get; }

    /// <summary>The <c>kid</c> of the signing key (private_key_jwt only).</summary>
    public string? KeyId => _signingCredentials?.Key.KeyId;

    /// <summary>The signing algorithm, RS384 or ES384 (private_key_jwt only).</summary>
    public string? SigningAlgorithm => _signingCredentials?.Algorithm;

    /// <summary>A public client (no secret): sends <c>client_id</c> in the form.</summary>
    public static CareConnectClientCredentials PublicClient(string clientId) =>
        new CareConnectClientCredentials(Guard.NotNullOrWhiteSpace(clientId, nameof(clientId)), ClientAuthenticationMethod.None, null, null);

    /// <summary>A confidential client with a secret, sent as <c>client_secret_basic</c>.</summary>
    public static CareConnectClientCredentials ClientSecret(string clientId, string clientSecret) =>
        new CareConnectClientCredentials(
            Guard.NotNullOrWhiteSpace(clientId, nameof(clientId)),
            ClientAuthenticationMethod.ClientSecretBasic,
            Guard.NotNullOrWhiteSpace(clientSecret, nameof(clientSecret)),
            null);

    /// <summary>A confidential client with a secret, sent as <c>client_secret_basic</c> or <c>client_secret_post</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="method"/> is not a client-secret method.</exception>
    public static CareConnectClientCredentials ClientSecret(string clientId, string clientSecret, ClientAuthenticationMethod method)
    {
        if (method != ClientAuthenticationMethod.ClientSecretBasic && method != ClientAuthenticationMethod.ClientSecretPost)
        {
            throw new ArgumentException("A client secret is sent with client_secret_basic or client_secret_post.", nameof(method));
        }

        return new CareConnectClientCredentials(
            Guard.NotNullOrWhiteSpace(clientId, nameof(clientId)),
            method,
            Guard.NotNullOrWhiteSpace(clientSecret, nameof(clientSecret)),
            null);
    }

    /// <summary>
    /// <c>private_key_jwt</c> whose client assertions carry the <c>jku</c> header: the https URL of the JWKS
    /// registered for the client, so the server resolves the key there.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="PrivateKeyJwt(string, SecurityKey, string)"/>, or <paramref name="jwksUrl"/> is not an absolute https URL.</exception>
    public static CareConnectClientCredentials PrivateKeyJwt(string clientId, SecurityKey signingKey, string algorithm, Uri jwksUrl)
    {
        Guard.NotNull(jwksUrl, nameof(jwksUrl));
        if (!jwksUrl.IsAbsoluteUri || jwksUrl.Scheme != Uri.UriSchemeHttps || jwksUrl.Fragment.Length != 0)
        {
            throw new ArgumentException("The jku (registered JWKS URL) must be an absolute https URL.", nameof(jwksUrl));
        }

        var credentials = PrivateKeyJwt(clientId, signingKey, algorithm);
        return new CareConnectClientCredentials(credentials.ClientId, credentials.Method, null, credentials._signingCredentials, jwksUrl);
    }

    /// <summary>
    /// A confidential client that signs a client assertion with its private key (<c>private_key_jwt</c>).
    /// </summary>
    /// <param name="clientId">The client id.</param>
    /// <param name="signingKey">A private RSA (RS384) or P-384 EC (ES384) key with a <c>KeyId</c> matching the registered JWKS.</param>
    /// <param name="algorithm"><c>RS384</c> (default) or <c>ES384</c>.</param>
    /// <exception cref="ArgumentException">The algorithm is not RS384/ES384, the key has no kid, no private part, or does not fit the algorithm.</exception>
    public static CareConnectClientCredentials PrivateKeyJwt(string clientId, SecurityKey signingKey, string algorithm = SecurityAlgorithms.RsaSha384)
    {
        Guard.NotNullOrWhiteSpace(clientId, nameof(clientId));
        Guard.NotNull(signingKey, nameof(signingKey));
        Guard.NotNull(algorithm, nameof(algorithm));
        if (algorithm != SecurityAlgorithms.RsaSha384 && algorithm != SecurityAlgorithms.EcdsaSha384)
        {
            throw new ArgumentException("SMART client assertions are signed with RS384 or ES384, not '" + algorithm + "'.", nameof(algorithm));
        }

        if (string.IsNullOrEmpty(signingKey.KeyId))
        {
            throw new ArgumentException("The signing key needs a KeyId: SMART requires the 'kid' header, matching the key in the registered JWKS.", nameof(signingKey));
        }

        if (!HasPrivateKey(signingKey))
        {
            throw new ArgumentException("The signing key has no private part (a public key cannot sign a client assertion).", nameof(signingKey));
        }

        if (!signingKey.CryptoProviderFactory.IsSupportedAlgorithm(algorithm, signingKey) || !FitsAlgorithm(signingKey, algorithm))
        {
            throw new ArgumentException("The signing key does not fit " + algorithm + " (RS384 needs an RSA key of at least 2048 bits, ES384 a P-384 EC key).", nameof(signingKey));
        }

        return new CareConnectClientCredentials(clientId, ClientAuthenticationMethod.PrivateKeyJwt, null, new SigningCredentials(signingKey, algorithm));
    }

    /// <summary>
    /// Creates a signed client assertion for a token endpoint: header <c>alg</c>, <c>kid</c>, <c>typ=JWT</c>;
    /// claims <c>iss</c>=<c>sub</c>=client id, <c>aud</c>=token URL, <c>iat</c>, <c>nbf</c>, <c>exp</c> (at most 5 minutes ahead), unique <c>jti</c>.
    /// </summary>
    public string CreateClientAssertion(Uri tokenEndpoint, DateTimeOffset now, TimeSpan? lifetime = null)
    {
        Guard.NotNull(tokenEndpoint, nameof(tokenEndpoint));
        if (_signingCredentials is null)
        {
            throw new InvalidOperationException("Only private_key_jwt credentials create client assertions.");
        }

        var life = lifetime ?? MaxAssertionLifetime;
        if (life <= TimeSpan.Zero || life > MaxAssertionLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), "A SMART client assertion expires within 5 minutes.");
        }

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()).UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = ClientId,
            Audience = tokenEndpoint.AbsoluteUri,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + life,
            SigningCredentials = _signingCredentials,
            TokenType = "JWT",
            AdditionalHeaderClaims = JwksUrl is null ? null : new Dictionary<string, object> { ["jku"] = JwksUrl.AbsoluteUri },
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = ClientId,
                [JwtRegisteredClaimNames.Jti] = Crypto.RandomBase64Url(24),
            },
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <inheritdoc />
    public override string ToString() => "CareConnectClientCredentials { ClientId = " + ClientId + ", Method = " + Method.ToString() + (KeyId is null ? string.Empty : ", KeyId = " + KeyId) + " }";

    internal void Apply(HttpRequestMessage request, List<KeyValuePair<string, string>> form, Uri tokenEndpoint, DateTimeOffset now, TimeSpan? assertionLifetime)
    {
        switch (Method)
        {
            case ClientAuthenticationMethod.None:
                form.Add(new KeyValuePair<string, string>("client_id", ClientId));
                break;
            case ClientAuthenticationMethod.ClientSecretBasic:
                var raw = FormEncoding.FormUrlEncode(ClientId) + ":" + FormEncoding.FormUrlEncode(_secret!);
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)));
                break;
            case ClientAuthenticationMethod.ClientSecretPost:
                form.Add(new KeyValuePair<string, string>("client_id", ClientId));
                form.Add(new KeyValuePair<string, string>("client_secret", _secret!));
                break;
            case ClientAuthenticationMethod.PrivateKeyJwt:
                form.Add(new KeyValuePair<string, string>("client_assertion_type", JwtBearerAssertionType));
                form.Add(new KeyValuePair<string, string>("client_assertion", CreateClientAssertion(tokenEndpoint, now, assertionLifetime)));
                break;
        }
    }

    private static bool FitsAlgorithm(SecurityKey key, string algorithm)
    {
        if (algorithm == SecurityAlgorithms.RsaSha384)
        {
            return key.KeySize >= 2048 && (key is RsaSecurityKey || key is X509SecurityKey || (key is JsonWebKey jwk && jwk.Kty == JsonWebAlgorithmsKeyTypes.RSA));
        }

        return key switch
        {
            ECDsaSecurityKey ec => ec.KeySize == 384,
            JsonWebKey jwk => jwk.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve && string.Equals(jwk.Crv, "P-384", StringComparison.Ordinal),
            _ => false,
        };
    }

    private static bool HasPrivateKey(SecurityKey key) => key switch
    {
        AsymmetricSecurityKey asymmetric => asymmetric.PrivateKeyStatus != PrivateKeyStatus.DoesNotExist,
        JsonWebKey jwk => jwk.HasPrivateKey,
        _ => false,
    };
}

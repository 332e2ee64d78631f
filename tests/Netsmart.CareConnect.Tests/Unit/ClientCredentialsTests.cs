using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Netsmart.CareConnect.Tests.Infrastructure;

namespace Netsmart.CareConnect.Tests.Unit;

public class ClientCredentialsTests
{
    private static readonly Uri TokenUrl = new("https://fhir.netsmartcloud.com/auth/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6/oauth2/v1/token");
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("RS384")]
    [InlineData("ES384")]
    public async Task Client_assertion_has_exactly_the_smart_header_and_claims_and_verifies(string alg)
    {
        var (priv, pub) = alg == "RS384" ? ((SecurityKey)TestKeys.RsaPrivate(), (SecurityKey)TestKeys.RsaPublic()) : (TestKeys.EcPrivate(), TestKeys.EcPublic());
        var credentials = CareConnectClientCredentials.PrivateKeyJwt("my-client", priv, alg);

        var jwt = new JsonWebToken(credentials.CreateClientAssertion(TokenUrl, Now));

        Assert.Equal(alg, jwt.Alg);
        Assert.Equal(priv.KeyId, jwt.Kid);
        Assert.Equal("JWT", jwt.Typ);
        Assert.Equal("my-client", jwt.Issuer);
        Assert.Equal("my-client", jwt.Subject);
        Assert.Equal(new[] { TokenUrl.AbsoluteUri }, jwt.Audiences);
        Assert.Equal(Now.ToUnixTimeSeconds(), jwt.GetPayloadValue<long>("iat"));
        Assert.Equal(Now.ToUnixTimeSeconds(), jwt.GetPayloadValue<long>("nbf"));
        Assert.Equal(Now.ToUnixTimeSeconds() + 300, jwt.GetPayloadValue<long>("exp"));
        Assert.Matches("^[A-Za-z0-9_-]{32}$", jwt.Id);
        Assert.Equal(new[] { "alg", "kid", "typ" }, jwt.EncodedHeader.Length > 0 ? ClaimNames(Base64UrlEncoder.Decode(jwt.EncodedHeader)) : null);
        Assert.Equal(new[] { "aud", "exp", "iat", "iss", "jti", "nbf", "sub" }, ClaimNames(Base64UrlEncoder.Decode(jwt.EncodedPayload)));

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = "my-client",
            ValidAudience = TokenUrl.AbsoluteUri,
            IssuerSigningKey = pub,
            ValidateLifetime = false,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
    }

    [Fact]
    public void Every_assertion_has_a_new_jti()
    {
        var credentials = CareConnectClientCredentials.PrivateKeyJwt("c", TestKeys.RsaPrivate());
        var ids = Enumerable.Range(0, 50).Select(_ => new JsonWebToken(credentials.CreateClientAssertion(TokenUrl, Now)).Id).ToList();
        Assert.Equal(50, ids.Distinct().Count());
    }

    [Fact]
    public void Assertion_lifetime_is_capped_at_five_minutes()
    {
        var credentials = CareConnectClientCredentials.PrivateKeyJwt("c", TestKeys.RsaPrivate());
        Assert.Equal(Now.ToUnixTimeSeconds() + 60, new JsonWebToken(credentials.CreateClientAssertion(TokenUrl, Now, TimeSpan.FromMinutes(1))).GetPayloadValue<long>("exp"));
        Assert.Throws<ArgumentOutOfRangeException>(() => credentials.CreateClientAssertion(TokenUrl, Now, TimeSpan.FromSeconds(301)));
        Assert.Throws<ArgumentOutOfRangeException>(() => credentials.CreateClientAssertion(TokenUrl, Now, TimeSpan.Zero));
    }

    [Fact]
    public void Bad_keys_and_algorithms_are_refused_with_a_reason()
    {
        Assert.Contains("RS384 or ES384", Assert.Throws<ArgumentException>(() => CareConnectClientCredentials.PrivateKeyJwt("c", TestKeys.RsaPrivate(), "RS256")).Message, StringComparison.Ordinal);
        Assert.Contains("KeyId", Assert.Throws<ArgumentException>(() => CareConnectClientCredentials.PrivateKeyJwt("c", TestKeys.RsaPrivate(kid: null!))).Message, StringComparison.Ordinal);
        Assert.Contains("no private part", Assert.Throws<ArgumentException>(() => CareConnectClientCredentials.PrivateKeyJwt("c", TestKeys.RsaPublic())).Message, StringComparison.Ordinal);
        Assert.Contains("does not fit ES384", Assert.Throws<ArgumentException>(() => CareConnectClientCredentials.PrivateKeyJwt("c", TestKeys.RsaPrivate(), "ES384")).Message, StringComparison.Ordinal);
        var p256 = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "k" };
        Assert.Throws<ArgumentException>(() => CareConnectClientCredentials.PrivateKeyJwt("c", p256, "ES384"));
        Assert.Throws<ArgumentException>(() => CareConnectClientCredentials.PrivateKeyJwt("c", new SymmetricSecurityKey(new byte[64]) { KeyId = "k" }));
        Assert.Throws<InvalidOperationException>(() => CareConnectClientCredentials.ClientSecret("c", "s").CreateClientAssertion(TokenUrl, Now));
    }

    [Fact]
    public void ToString_never_shows_the_secret_or_key()
    {
        Assert.Equal("CareConnectClientCredentials { ClientId = c1, Method = ClientSecretBasic }", CareConnectClientCredentials.ClientSecret("c1", "s3cr3t!").ToString());
        Assert.Equal("CareConnectClientCredentials { ClientId = c1, Method = PrivateKeyJwt, KeyId = rsa-key-1 }", CareConnectClientCredentials.PrivateKeyJwt("c1", TestKeys.RsaPrivate()).ToString());
        Assert.Equal("CareConnectClientCredentials { ClientId = c1, Method = None }", CareConnectClientCredentials.PublicClient("c1").ToString());
    }

    private static string[] ClaimNames(string json)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
    }
}

using System.Text;
using Netsmart.CareConnect.Tests.Infrastructure;

namespace Netsmart.CareConnect.Tests.Integration;

[Collection(ServerCollection.Name)]
public sealed class TokenIntegrationTests : IDisposable
{
    private readonly FakeCareConnectServer _server;
    private readonly HttpClient _http;
    private readonly CareConnectTokenClient _tokens;

    public TokenIntegrationTests(ServerFixture fixture)
    {
        _server = fixture.Server;
        _server.TokenLifetimeSeconds = 300;
        _http = _server.CreateHttpClient();
        _tokens = new CareConnectTokenClient(_http, new CareConnectTokenClientOptions { HostPolicy = _server.HostPolicy, TimeProvider = _server.Clock });
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Client_secret_basic_sends_exactly_the_expected_request()
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var clientId = "secret client " + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(clientId, "p@ss:w rd&=", tenant.Id, CareConnectApi.ProviderSystemAccess);

        var token = await _tokens.RequestClientCredentialsTokenAsync(tenant.TokenEndpoint, CareConnectClientCredentials.ClientSecret(clientId, "p@ss:w rd&="), "system/Patient.rs system/AllergyIntolerance.rs");

        Assert.StartsWith("at-", token.AccessToken, StringComparison.Ordinal);
        Assert.Equal(300, token.ExpiresIn);
        Assert.Equal(_server.Clock.GetUtcNow().AddSeconds(300), token.ExpiresAt);
        Assert.Equal("system/Patient.rs system/AllergyIntolerance.rs", token.Scope);
        var request = _server.Requests.Last(r => r.ClientId == clientId);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/auth/" + tenant + "/oauth2/v1/token", request.Path);
        Assert.Equal("application/x-www-form-urlencoded", request.Headers["Content-Type"]);
        var expectedBasic = Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId.Replace(" ", "+", StringComparison.Ordinal) + ":p%40ss%3Aw+rd%26%3D"));
        Assert.Equal("Basic " + expectedBasic, request.Headers["Authorization"]);
        Assert.Equal(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "system/Patient.rs system/AllergyIntolerance.rs" }, request.Form);
        Assert.Equal(request.Headers["X-Request-ID"], token.RequestId);
        Assert.True(Guid.TryParse(token.RequestId, out _));
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("ES384")]
    public async Task Private_key_jwt_is_verified_by_the_server_with_microsoft_identitymodel(string alg)
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var clientId = "jwt-" + alg + "-" + Guid.NewGuid().ToString("N");
        var (priv, pub) = alg == "RS384"
            ? ((Microsoft.IdentityModel.Tokens.SecurityKey)TestKeys.RsaPrivate(), (Microsoft.IdentityModel.Tokens.SecurityKey)TestKeys.RsaPublic())
            : (TestKeys.EcPrivate(), TestKeys.EcPublic());
        _server.RegisterKeyClient(clientId, pub, tenant.Id, CareConnectApi.ProviderSystemAccess);

        var token = await _tokens.RequestClientCredentialsTokenAsync(tenant.TokenEndpoint, CareConnectClientCredentials.PrivateKeyJwt(clientId, priv, alg), "system/Patient.rs");

        Assert.Equal("system/Patient.rs", token.Scope);
        var request = _server.Requests.Last(r => r.ClientId == clientId);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.Equal(new[] { "grant_type", "client_assertion_type", "client_assertion", "scope" }, request.Form!.Keys.ToArray());
        Assert.Equal("client_credentials", request.Form["grant_type"]);
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", request.Form["client_assertion_type"]);
        Assert.Equal("system/Patient.rs", request.Form["scope"]);
    }

    [Fact]
    public async Task A_replayed_or_foreign_assertion_is_rejected_as_invalid_client()
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var clientId = "jwt-bad-" + Guid.NewGuid().ToString("N");
        _server.RegisterKeyClient(clientId, TestKeys.RsaPublic("other-kid"), tenant.Id, CareConnectApi.ProviderSystemAccess);

        var ex = await Assert.ThrowsAsync<CareConnectException>(() =>
            _tokens.RequestClientCredentialsTokenAsync(tenant.TokenEndpoint, CareConnectClientCredentials.PrivateKeyJwt(clientId, TestKeys.RsaPrivate()), "system/Patient.rs"));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("invalid_client", ex.OAuthError);
        Assert.StartsWith("The authorization server rejected the client authentication", ex.Hint, StringComparison.Ordinal);
        Assert.NotNull(ex.CorrelationId);
        Assert.DoesNotContain("eyJ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oauth_errors_become_CareConnectException_without_the_secret()
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var clientId = "scope-" + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(clientId, "TOPSECRET-1", tenant.Id, CareConnectApi.ProviderSystemAccess);

        var ex = await Assert.ThrowsAsync<CareConnectException>(() =>
            _tokens.RequestClientCredentialsTokenAsync(tenant.TokenEndpoint, CareConnectClientCredentials.ClientSecret(clientId, "TOPSECRET-1"), "system/Forbidden.rs"));
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("invalid_scope", ex.OAuthError);
        Assert.Equal("scope system/Forbidden.rs is not allowed", ex.OAuthErrorDescription);
        Assert.Equal(_server.Requests.Last(r => r.ClientId == clientId).Headers["X-Request-ID"], ex.RequestId);
        Assert.DoesNotContain("TOPSECRET", ex.ToString(), StringComparison.Ordinal);

        var wrong = await Assert.ThrowsAsync<CareConnectException>(() =>
            _tokens.RequestClientCredentialsTokenAsync(tenant.TokenEndpoint, CareConnectClientCredentials.ClientSecret(clientId, "WRONG-SECRET"), "system/Patient.rs"));
        Assert.Equal("invalid_client", wrong.OAuthError);
        Assert.DoesNotContain("WRONG-SECRET", wrong.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_are_never_sent_to_an_untrusted_token_endpoint()
    {
        var before = _server.Requests.Count;
        var strict = new CareConnectTokenClient(_http);
        var ex = await Assert.ThrowsAsync<CareConnectDiscoveryException>(() =>
            strict.RequestClientCredentialsTokenAsync(_server.Tenant(Guid.NewGuid()).TokenEndpoint, CareConnectClientCredentials.ClientSecret("c", "s"), "system/Patient.rs"));
        Assert.Equal(CareConnectDiscoveryFailure.UntrustedEndpoint, ex.Failure);
        Assert.Equal(before, _server.Requests.Count);
    }

    [Fact]
    public async Task Client_credentials_tokens_are_cached_and_renewed_ahead_of_expiry()
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var clientId = "cache-" + Guid.NewGuid().ToString("N");
        _server.RegisterKeyClient(clientId, TestKeys.RsaPublic(), tenant.Id, CareConnectApi.ProviderSystemAccess);
        using var provider = new ClientCredentialsTokenProvider(_tokens, tenant.TokenEndpoint, CareConnectClientCredentials.PrivateKeyJwt(clientId, TestKeys.RsaPrivate()), "system/Patient.rs");

        var first = await provider.GetTokenAsync(CancellationToken.None);
        Assert.Equal(_server.Clock.GetUtcNow().AddSeconds(300), first.ExpiresOn);
        _server.Clock.Advance(TimeSpan.FromSeconds(239));
        Assert.Same(first, await provider.GetTokenAsync(CancellationToken.None));
        Assert.Equal(1, _server.TokenRequestCount(clientId));

        _server.Clock.Advance(TimeSpan.FromSeconds(1)); // 60 s before expiry: renew
        var second = await provider.GetTokenAsync(CancellationToken.None);
        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal(2, _server.TokenRequestCount(clientId));

        provider.Invalidate(second);
        var third = await provider.GetTokenAsync(CancellationToken.None);
        Assert.NotEqual(second.Token, third.Token);
        Assert.Equal(3, _server.TokenRequestCount(clientId));
    }

    [Fact]
    public async Task Short_lived_tokens_are_renewed_at_half_their_lifetime()
    {
        _server.TokenLifetimeSeconds = 60;
        var tenant = _server.Tenant(Guid.NewGuid());
        var clientId = "short-" + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(clientId, "s", tenant.Id, CareConnectApi.ProviderSystemAccess);
        using var provider = new ClientCredentialsTokenProvider(_tokens, tenant.TokenEndpoint, CareConnectClientCredentials.ClientSecret(clientId, "s"), "system/Patient.rs");

        var first = await provider.GetTokenAsync(CancellationToken.None);
        _server.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Same(first, await provider.GetTokenAsync(CancellationToken.None));
        _server.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotEqual(first.Token, (await provider.GetTokenAsync(CancellationToken.None)).Token);
        Assert.Equal(2, _server.TokenRequestCount(clientId));
    }

    [Fact]
    public async Task Concurrent_callers_share_one_token_request()
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var clientId = "concurrent-" + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(clientId, "s", tenant.Id, CareConnectApi.ProviderSystemAccess);
        using var provider = new ClientCredentialsTokenProvider(_tokens, tenant.TokenEndpoint, CareConnectClientCredentials.ClientSecret(clientId, "s"), "system/Patient.rs");

        var tokens = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => provider.GetTokenAsync(CancellationToken.None))));

        Assert.Single(tokens.Select(t => t.Token).Distinct());
        Assert.Equal(1, _server.TokenRequestCount(clientId));
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Netsmart.CareConnect.Tests.Infrastructure;

namespace Netsmart.CareConnect.Tests.Integration;

/// <summary>The authorization-code flow of a registered user app, across servers (a shared, serializing state store).</summary>
[Collection(ServerCollection.Name)]
public sealed class AuthorizationFlowTests : IDisposable
{
    private const string Redirect = "https://app.example.com/smart/redirect";
    private readonly FakeCareConnectServer _server;
    private readonly HttpClient _browser;
    private readonly SerializingStore _sharedStore = new();
    private readonly HookingRefreshTokenStore _sharedRefreshTokens = new();
    private readonly Guid _tenant = Guid.NewGuid();
    private readonly string _clientId = "patient-app-" + Guid.NewGuid().ToString("N");

    public AuthorizationFlowTests(ServerFixture fixture)
    {
        _server = fixture.Server;
        _server.TokenLifetimeSeconds = 300;
        _browser = _server.CreateHttpClient();
        _server.RegisterPublicClient(_clientId, _tenant, CareConnectApi.ProviderPatientAccess);
    }

    public void Dispose() => _browser.Dispose();

    /// <summary>One server of a farm: its own container, the shared store.</summary>
    private ServiceProvider Node(string scope = "launch/patient openid fhirUser offline_access patient/Patient.rs")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CareConnect:Clients:patient-app:AppKind"] = "UserApp",
            ["CareConnect:Clients:patient-app:TenantId"] = _tenant.ToString(),
            ["CareConnect:Clients:patient-app:Api"] = "ProviderPatientAccess",
            ["CareConnect:Clients:patient-app:ClientId"] = _clientId,
            ["CareConnect:Clients:patient-app:RedirectUri"] = Redirect,
            ["CareConnect:Clients:patient-app:Scope"] = scope,
            ["CareConnect:Clients:patient-app:Origin"] = _server.Origin.AbsoluteUri,
            ["CareConnect:Clients:patient-app:TrustedHosts:0"] = "127.0.0.1",
            ["CareConnect:Clients:agency-a:TenantId"] = _tenant.ToString(),
            ["CareConnect:Clients:agency-a:ClientId"] = "backend",
            ["CareConnect:Clients:agency-a:ClientSecret"] = "s",
            ["CareConnect:Clients:agency-a:Scope"] = "system/Patient.rs",
            ["CareConnect:Clients:agency-a:Origin"] = _server.Origin.AbsoluteUri,
            ["CareConnect:Clients:agency-a:TrustedHosts:0"] = "127.0.0.1",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_server.Clock);
        services.AddSingleton<IAuthorizationStateStore>(_sharedStore);
        services.AddSingleton<IRefreshTokenStore>(_sharedRefreshTokens);
        services.AddCareConnectClients(configuration);
        services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(_server.CreateHandler));
        services.AddHttpClient(CareConnectServiceCollectionExtensions.BackchannelClientName).ConfigurePrimaryHttpMessageHandler(_server.CreateHandler);
        var sp = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        sp.GetRequiredService<IStartupValidator>().Validate();
        return sp;
    }

    private async Task<Uri> FollowAuthorizeAsync(AuthorizationRequest request)
    {
        using var response = await _browser.GetAsync(request.Url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    [Fact]
    public async Task A_sign_in_started_on_one_server_completes_on_another_once()
    {
        await using var nodeA = Node();
        await using var nodeB = Node();
        var request = await nodeA.GetRequiredService<ICareConnectClientFactory>().GetClient("patient-app").BeginAuthorizationAsync();
        var callback = await FollowAuthorizeAsync(request);

        // The record crossed the farm as a string only.
        Assert.Single(_sharedStore.Serialized);
        var result = await nodeB.GetRequiredService<ICareConnectClientFactory>().CompleteAuthorizationAsync(callback);

        Assert.Equal("patient-app", result.Client.Name);
        Assert.Equal("123", result.Patient);
        Assert.Equal("user-" + _clientId, result.Identity!.Subject);
        Assert.Equal(_server.FhirUserOf(_tenant), result.Identity.FhirUser);
        Assert.Single(_server.Requests, r => r.Path == "/auth/" + _tenant + "/oauth2/v1/keys");
        var exchange = _server.Requests.Last(r => r.ClientId == _clientId);
        Assert.Equal("authorization_code", exchange.Form!["grant_type"]);
        Assert.Equal(request.CodeVerifier, exchange.Form["code_verifier"]);
        Assert.Equal(Redirect, exchange.Form["redirect_uri"]);
        Assert.False(exchange.Headers.ContainsKey("Authorization"));

        // The user's token reads through the named client's pipeline.
        using var userTokens = new RefreshingUserTokenProvider(result.Client.TokenClient, request.TokenEndpoint!, result.Client.GetCredentials(), result.Token);
        using (var api = result.Client.CreateHttpClient(userTokens))
        using (var patient = await api.GetAsync("Patient/123"))
        {
            await patient.EnsureCareConnectSuccessAsync();
        }

        var replay = await Assert.ThrowsAsync<CareConnectException>(() => nodeA.GetRequiredService<ICareConnectClientFactory>().CompleteAuthorizationAsync(callback));
        Assert.Equal("The authorization callback's state is unknown or was already used (a replayed, forged or expired callback); the code was not used. Start the sign-in again.", replay.Message);
    }

    [Fact]
    public async Task An_expired_or_forged_callback_is_refused_before_the_code_is_used()
    {
        await using var node = Node();
        var clients = node.GetRequiredService<ICareConnectClientFactory>();
        var request = await clients.GetClient("patient-app").BeginAuthorizationAsync();
        var callback = await FollowAuthorizeAsync(request);

        var forged = await Assert.ThrowsAsync<CareConnectException>(() => clients.CompleteAuthorizationAsync(new Uri(callback.GetLeftPart(UriPartial.Path) + "?code=stolen&state=forged")));
        Assert.Contains("state is unknown or was already used", forged.Message, StringComparison.Ordinal);

        _server.Clock.Advance(TimeSpan.FromMinutes(11));
        var expired = await Assert.ThrowsAsync<CareConnectException>(() => clients.CompleteAuthorizationAsync(callback));

        Assert.Contains("has expired (it must complete within 10 minutes); start the sign-in again. The code was not used.", expired.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.TokenRequestCount(_clientId));
    }

    [Fact]
    public async Task An_ehr_launch_from_a_registered_iss_sends_launch_and_the_launch_scope()
    {
        await using var node = Node();
        var clients = node.GetRequiredService<ICareConnectClientFactory>();
        var iss = _server.Origin.AbsoluteUri + "provider/patient-access/v2/" + _tenant.ToString().ToUpperInvariant() + "/";
        var launchUri = new Uri("https://app.example.com/smart/launch?iss=" + Uri.EscapeDataString(iss) + "&launch=ctx%2042");

        var request = await clients.BeginEhrLaunchAsync(launchUri);
        var callback = await FollowAuthorizeAsync(request);
        var result = await clients.CompleteAuthorizationAsync(callback);

        Assert.Equal("launch launch/patient openid fhirUser offline_access patient/Patient.rs", request.Scope);
        Assert.EndsWith("&launch=ctx%2042", request.Url.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("ctx 42", result.Authorization.Launch);
        Assert.Equal("123", result.Patient);
    }

    [Theory]
    [InlineData("https://evil.example.com/fhir")]
    [InlineData("SYSTEM-ACCESS")]
    public async Task An_ehr_launch_from_an_iss_not_on_the_list_is_refused(string iss)
    {
        await using var node = Node();
        var clients = node.GetRequiredService<ICareConnectClientFactory>();
        if (iss == "SYSTEM-ACCESS")
        {
            // The backend client's base is registered, but not as a user app.
            iss = _server.Origin.AbsoluteUri + "provider/system-access/v2/" + _tenant;
        }

        var before = _server.Requests.Count;
        var ex = await Assert.ThrowsAsync<CareConnectException>(() => clients.BeginEhrLaunchAsync(new Uri("https://app.example.com/launch?iss=" + Uri.EscapeDataString(iss) + "&launch=abc")));

        Assert.StartsWith("The EHR launch's iss '", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("' is not the FHIR base of a registered CareConnect user app; the launch was refused and nothing was sent to it.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, _server.Requests.Count);
        Assert.Empty(_sharedStore.Serialized);
    }

    [Theory]
    [InlineData("wrong-nonce", "its nonce does not match the authorization request (a replayed or injected id_token).")]
    [InlineData("no-nonce", "its nonce is missing (a replayed or injected id_token).")]
    [InlineData("wrong-audience", "its audience is not this client's id.")]
    [InlineData("wrong-issuer", "it was not issued by the tenant's authorization server (")]
    [InlineData("expired", "it expired at ")]
    [InlineData("bad-signature", "its signature does not verify against the tenant's JWKS.")]
    public async Task An_id_token_that_fails_a_check_refuses_the_sign_in(string tampering, string reason)
    {
        switch (tampering)
        {
            case "wrong-nonce": _server.TamperIdTokens(_clientId, c => c["nonce"] = "another-nonce"); break;
            case "no-nonce": _server.TamperIdTokens(_clientId, c => c.Remove("nonce")); break;
            case "wrong-audience": _server.TamperIdTokens(_clientId, c => c["aud"] = "some-other-client"); break;
            case "wrong-issuer": _server.TamperIdTokens(_clientId, c => c["iss"] = _server.Origin.AbsoluteUri + "auth/" + Guid.NewGuid() + "/oauth2/v1"); break;
            case "expired": _server.TamperIdTokens(_clientId, c => c["exp"] = _server.Clock.GetUtcNow().AddMinutes(-10).ToUnixTimeSeconds()); break;
            case "bad-signature": _server.SignIdTokensWithUnknownKey(_clientId); break;
        }

        await using var node = Node();
        var clients = node.GetRequiredService<ICareConnectClientFactory>();
        var callback = await FollowAuthorizeAsync(await clients.GetClient("patient-app").BeginAuthorizationAsync());

        var ex = await Assert.ThrowsAsync<CareConnectException>(() => clients.CompleteAuthorizationAsync(callback));

        Assert.StartsWith("The id_token was refused: " + reason, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_refresh_token_is_saved_and_resumes_the_session_on_another_server()
    {
        await using var nodeA = Node();
        await using var nodeB = Node();
        var appA = nodeA.GetRequiredService<ICareConnectClientFactory>().GetClient("patient-app");
        var signIn = await nodeA.GetRequiredService<ICareConnectClientFactory>().CompleteAuthorizationAsync(await FollowAuthorizeAsync(await appA.BeginAuthorizationAsync()));
        using var tokensA = await appA.StartSessionAsync("user-1", signIn);
        var first = signIn.Token.RefreshToken!;
        Assert.Equal(first, await _sharedRefreshTokens.GetAsync("patient-app:user-1"));
        Assert.Equal(signIn.Token.AccessToken, (await tokensA.GetTokenAsync(CancellationToken.None)).Token);

        // Expiry: the refresh uses the stored token; the server rotates it (the old one is now dead) and the new one is saved.
        _server.Clock.Advance(TimeSpan.FromSeconds(300));
        await tokensA.GetTokenAsync(CancellationToken.None);
        var refresh = _server.Requests.Last(r => r.ClientId == _clientId);
        Assert.Equal(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = first, ["client_id"] = _clientId }, refresh.Form);
        var rotated = await _sharedRefreshTokens.GetAsync("patient-app:user-1");
        Assert.NotEqual(first, rotated);

        // Another server resumes the session from the store alone.
        using var tokensB = nodeB.GetRequiredService<ICareConnectClientFactory>().GetClient("patient-app").CreateUserTokenProvider("user-1");
        using (var api = nodeB.GetRequiredService<ICareConnectClientFactory>().GetClient("patient-app").CreateHttpClient(tokensB))
        using (var patient = await api.GetAsync("Patient/123"))
        {
            await patient.EnsureCareConnectSuccessAsync();
        }

        Assert.Equal(rotated, _server.Requests.Last(r => r.ClientId == _clientId).Form!["refresh_token"]);
    }

    [Fact]
    public async Task Invalid_grant_on_refresh_ends_the_session_and_is_not_retried()
    {
        await using var node = Node();
        var app = node.GetRequiredService<ICareConnectClientFactory>().GetClient("patient-app");
        var signIn = await node.GetRequiredService<ICareConnectClientFactory>().CompleteAuthorizationAsync(await FollowAuthorizeAsync(await app.BeginAuthorizationAsync()));
        using var tokens = await app.StartSessionAsync("user-2", signIn);
        _server.RevokeRefreshTokens(_clientId);
        _server.Clock.Advance(TimeSpan.FromSeconds(300));

        var ended = await Assert.ThrowsAsync<CareConnectSessionEndedException>(() => tokens.GetTokenAsync(CancellationToken.None));
        var requests = _server.TokenRequestCount(_clientId);

        // Within the token manager's backoff the same failure is shared without a request (rt-trust) ...
        var shared = await Assert.ThrowsAsync<CareConnectSessionEndedException>(() => tokens.GetTokenAsync(CancellationToken.None));
        Assert.Same(ended, shared);

        // ... and after it the session stays ended: the store is empty, so no refresh is attempted (rt-multi).
        _server.Clock.Advance(TimeSpan.FromMinutes(2));
        var again = await Assert.ThrowsAsync<CareConnectSessionEndedException>(() => tokens.GetTokenAsync(CancellationToken.None));

        Assert.Equal("The CareConnect session ended: the authorization server refused the refresh token (invalid_grant: revoked, expired or already used). The stored refresh token was removed; sign the user in again.", ended.Message);
        Assert.Equal("invalid_grant", Assert.IsAssignableFrom<CareConnectException>(ended.InnerException).OAuthError);
        Assert.Null(await _sharedRefreshTokens.GetAsync("patient-app:user-2"));
        Assert.StartsWith("The CareConnect session has no refresh token", again.Message, StringComparison.Ordinal);
        Assert.Equal(requests, _server.TokenRequestCount(_clientId));
        Assert.DoesNotContain(signIn.Token.RefreshToken!, ended.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_providers_of_one_session_refresh_one_after_the_other_with_a_rotating_server()
    {
        await using var node = Node();
        var app = node.GetRequiredService<ICareConnectClientFactory>().GetClient("patient-app");
        var signIn = await node.GetRequiredService<ICareConnectClientFactory>().CompleteAuthorizationAsync(await FollowAuthorizeAsync(await app.BeginAuthorizationAsync()));
        (await app.StartSessionAsync("user-3", signIn)).Dispose();
        using var first = app.CreateUserTokenProvider("user-3");
        using var second = app.CreateUserTokenProvider("user-3");
        Task<CareConnectAccessToken>? secondCall = null;

        // The second request of the same user asks while the first is in the middle of its refresh.
        _sharedRefreshTokens.BeforeNextGet = () => secondCall = second.GetTokenAsync(CancellationToken.None);
        var a = await first.GetTokenAsync(CancellationToken.None);
        var b = await secondCall!;

        Assert.NotEqual(a.Token, b.Token);
        var refreshes = _server.Requests.Where(r => r.ClientId == _clientId && r.Form!["grant_type"] == "refresh_token").Select(r => r.Form!["refresh_token"]).ToList();
        Assert.Equal(2, refreshes.Count);
        Assert.Equal(signIn.Token.RefreshToken, refreshes[0]);
        Assert.NotEqual(refreshes[0], refreshes[1]);
        Assert.NotNull(await _sharedRefreshTokens.GetAsync("patient-app:user-3"));
    }

    [Fact]
    public async Task A_callback_naming_another_authorization_server_is_refused_and_the_right_one_accepted()
    {
        await using var node = Node();
        var clients = node.GetRequiredService<ICareConnectClientFactory>();
        var mixedUp = await FollowAuthorizeAsync(await clients.GetClient("patient-app").BeginAuthorizationAsync());
        var otherIssuer = _server.Origin.AbsoluteUri + "auth/" + Guid.NewGuid() + "/oauth2/v1";

        var ex = await Assert.ThrowsAsync<CareConnectException>(() => clients.CompleteAuthorizationAsync(new Uri(mixedUp.AbsoluteUri + "&iss=" + Uri.EscapeDataString(otherIssuer))));
        Assert.Equal("The authorization callback's iss is not this tenant's authorization server (a mix-up or a misrouted callback); the code was not used.", ex.Message);
        Assert.Equal(0, _server.TokenRequestCount(_clientId));

        var callback = await FollowAuthorizeAsync(await clients.GetClient("patient-app").BeginAuthorizationAsync());
        var ownIssuer = _server.Origin.AbsoluteUri + "auth/" + _tenant + "/oauth2/v1";
        var result = await clients.CompleteAuthorizationAsync(new Uri(callback.AbsoluteUri + "&iss=" + Uri.EscapeDataString(ownIssuer)));
        Assert.Equal("123", result.Patient);
    }

    [Fact]
    public async Task An_org_level_issuer_of_the_tenant_is_the_expected_issuer_of_callback_and_id_token()
    {
        // Netsmart's /auth/{tenant}/oauth2/v1/{authorize,token} may belong to an org-level server whose issuer is /auth/{tenant}.
        var orgIssuer = _server.Origin.AbsoluteUri + "auth/" + _tenant;
        _server.UseIssuer(_tenant, orgIssuer);
        await using var node = Node();
        var clients = node.GetRequiredService<ICareConnectClientFactory>();

        var callback = await FollowAuthorizeAsync(await clients.GetClient("patient-app").BeginAuthorizationAsync());
        var result = await clients.CompleteAuthorizationAsync(new Uri(callback.AbsoluteUri + "&iss=" + Uri.EscapeDataString(orgIssuer)));
        Assert.Equal("123", result.Patient);
        Assert.NotNull(result.Identity);

        // With that issuer discovered, a callback naming the template issuer is a mix-up.
        var templateIssuer = _server.Origin.AbsoluteUri + "auth/" + _tenant + "/oauth2/v1";
        var mixedUp = await FollowAuthorizeAsync(await clients.GetClient("patient-app").BeginAuthorizationAsync());
        var ex = await Assert.ThrowsAsync<CareConnectException>(() => clients.CompleteAuthorizationAsync(new Uri(mixedUp.AbsoluteUri + "&iss=" + Uri.EscapeDataString(templateIssuer))));
        Assert.StartsWith("The authorization callback's iss is not this tenant's authorization server", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenants_issuer_in_discovery_refuses_the_sign_in()
    {
        _server.UseIssuer(_tenant, _server.Origin.AbsoluteUri + "auth/" + Guid.NewGuid());
        await using var node = Node();

        var ex = await Assert.ThrowsAsync<CareConnectDiscoveryException>(() => node.GetRequiredService<ICareConnectClientFactory>().GetClient("patient-app").BeginAuthorizationAsync());

        Assert.Equal(CareConnectDiscoveryFailure.UntrustedEndpoint, ex.Failure);
        Assert.Contains("issuer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refreshing_user_token_provider_stops_after_invalid_grant()
    {
        await using var node = Node();
        var app = node.GetRequiredService<ICareConnectClientFactory>().GetClient("patient-app");
        var signIn = await node.GetRequiredService<ICareConnectClientFactory>().CompleteAuthorizationAsync(await FollowAuthorizeAsync(await app.BeginAuthorizationAsync()));
        using var tokens = new RefreshingUserTokenProvider(app.TokenClient, signIn.Authorization.TokenEndpoint!, app.GetCredentials(), signIn.Token);
        _server.RevokeRefreshTokens(_clientId);
        _server.Clock.Advance(TimeSpan.FromSeconds(300));

        await Assert.ThrowsAsync<CareConnectSessionEndedException>(() => tokens.GetTokenAsync(CancellationToken.None));
        var requests = _server.TokenRequestCount(_clientId);
        await Assert.ThrowsAsync<CareConnectSessionEndedException>(() => tokens.GetTokenAsync(CancellationToken.None));

        Assert.Equal(requests, _server.TokenRequestCount(_clientId));
    }

    [Fact]
    public void A_pending_authorization_round_trips_through_a_string_and_hides_its_secrets()
    {
        var tenant = CareConnectTenant.Parse("43477c76-ceb6-47ed-81c8-1b7c0ae10ca6");
        var request = SmartAuthorization.CreateAuthorizationRequest(tenant, CareConnectApi.ProviderPatientAccess, "c", new Uri(Redirect), new[] { "launch", "openid", "patient/*.rs" }, launch: "L1");
        var created = DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_000_123);
        var pending = PendingAuthorization.From(request, created, "patient-app", tenant.Id, CareConnectApi.ProviderPatientAccess);

        var copy = PendingAuthorization.Deserialize(pending.Serialize());

        Assert.Equal(
            (request.State, request.CodeVerifier, request.Nonce, Redirect, "c", "patient-app", tenant.Id, CareConnectApi.ProviderPatientAccess, request.Audience, "launch openid patient/*.rs", "L1", tenant.TokenEndpoint, created),
            (copy.State, copy.CodeVerifier, copy.Nonce, copy.RedirectUri.AbsoluteUri, copy.ClientId, copy.ClientName, copy.TenantId!.Value, copy.Api!.Value, copy.Audience, copy.Scope, copy.Launch, copy.TokenEndpoint, copy.CreatedAt));
        Assert.NotNull(request.Nonce);
        var text = copy.ToString();
        Assert.DoesNotContain(request.State, text, StringComparison.Ordinal);
        Assert.DoesNotContain(request.CodeVerifier, text, StringComparison.Ordinal);
        Assert.DoesNotContain(request.Nonce!, text, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => PendingAuthorization.Deserialize("{\"v\":1,\"state\":\"s\"}"));
        Assert.Throws<FormatException>(() => PendingAuthorization.Deserialize("not json"));
    }

    /// <summary>The in-memory store, with a hook that runs once before a read (to interleave two callers).</summary>
    private sealed class HookingRefreshTokenStore : IRefreshTokenStore
    {
        private readonly InMemoryRefreshTokenStore _inner = new();

        public Action? BeforeNextGet { get; set; }

        public Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
        {
            var hook = BeforeNextGet;
            BeforeNextGet = null;
            hook?.Invoke();
            return _inner.GetAsync(key, cancellationToken);
        }

        public Task SaveAsync(string key, string refreshToken, CancellationToken cancellationToken = default) => _inner.SaveAsync(key, refreshToken, cancellationToken);

        public Task RemoveAsync(string key, CancellationToken cancellationToken = default) => _inner.RemoveAsync(key, cancellationToken);
    }

    /// <summary>Stands in for a distributed cache: only strings are kept.</summary>
    private sealed class SerializingStore : IAuthorizationStateStore
    {
        public ConcurrentDictionary<string, string> Serialized { get; } = new();

        public Task SaveAsync(PendingAuthorization pending, CancellationToken cancellationToken = default)
        {
            Serialized[pending.State] = pending.Serialize();
            return Task.CompletedTask;
        }

        public Task<PendingAuthorization?> TakeAsync(string state, CancellationToken cancellationToken = default) =>
            Task.FromResult(Serialized.TryRemove(state, out var text) ? PendingAuthorization.Deserialize(text) : null);
    }
}

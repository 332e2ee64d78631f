using Netsmart.CareConnect.Tests.Infrastructure;

namespace Netsmart.CareConnect.Tests.Integration;

[Collection(ServerCollection.Name)]
public sealed class PatientAppFlowTests : IDisposable
{
    private static readonly Uri Redirect = new("https://app.example.com/smart/redirect");
    private readonly FakeCareConnectServer _server;
    private readonly HttpClient _http;
    private readonly CareConnectTokenClient _tokens;

    public PatientAppFlowTests(ServerFixture fixture)
    {
        _server = fixture.Server;
        _server.TokenLifetimeSeconds = 300;
        _http = _server.CreateHttpClient();
        _tokens = new CareConnectTokenClient(_http, new CareConnectTokenClientOptions { HostPolicy = _server.HostPolicy, TimeProvider = _server.Clock });
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Discovery_authorize_with_pkce_code_exchange_refresh_and_fhir_read_work_end_to_end()
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var clientId = "patient-app-" + Guid.NewGuid().ToString("N");
        _server.RegisterPublicClient(clientId, tenant.Id, CareConnectApi.ProviderPatientAccess);
        var discovery = new SmartDiscoveryClient(_http, new SmartDiscoveryOptions { HostPolicy = _server.HostPolicy, TimeProvider = _server.Clock });
        var endpoints = await discovery.ResolveEndpointsAsync(tenant, CareConnectApi.ProviderPatientAccess, allowTemplateFallback: false);
        Assert.True(endpoints.FromDiscovery);

        // 1. Authorize: the server checks response_type, S256, state and that aud is exactly this tenant's Patient Access base.
        var request = SmartAuthorization.CreateAuthorizationRequest(endpoints, clientId, Redirect, new[] { "launch/patient", "openid", "fhirUser", "offline_access", "patient/Patient.rs" });
        using var redirect = await _http.GetAsync(request.Url);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var callback = redirect.Headers.Location!;
        Assert.StartsWith(Redirect.AbsoluteUri + "?code=", callback.AbsoluteUri, StringComparison.Ordinal);
        var authorize = _server.Requests.Last(r => r.Path.EndsWith("/authorize", StringComparison.Ordinal));
        Assert.Equal(request.Url.Query, authorize.Query);

        // 2. Callback + exchange with code_verifier (public client: client_id in the form).
        var code = SmartAuthorization.ReadCallback(request, callback);
        var token = await _tokens.RequestAuthorizationCodeTokenAsync(request, code, CareConnectClientCredentials.PublicClient(clientId));
        Assert.Equal("123", token.Patient);
        Assert.Equal("launch/patient openid fhirUser offline_access patient/Patient.rs", token.Scope);
        Assert.NotNull(token.RefreshToken);
        var exchange = _server.Requests.Last(r => r.ClientId == clientId);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = "https://app.example.com/smart/redirect",
                ["code_verifier"] = request.CodeVerifier,
                ["client_id"] = clientId,
            },
            exchange.Form);

        // 3. The token reads the patient through the handler; after expiry the provider refreshes.
        using var provider = new RefreshingUserTokenProvider(_tokens, endpoints.TokenEndpoint, CareConnectClientCredentials.PublicClient(clientId), token);
        using var api = new HttpClient(new CareConnectAuthenticationHandler(provider, tenant.GetFhirBaseUri(CareConnectApi.ProviderPatientAccess), _server.CreateHandler(), _server.HostPolicy)) { BaseAddress = tenant.GetFhirBaseAddress(CareConnectApi.ProviderPatientAccess) };
        using (var patient = await api.GetAsync("Patient/123"))
        {
            await patient.EnsureCareConnectSuccessAsync();
            Assert.Contains("\"family\":\"Doe\"", await patient.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        _server.Clock.Advance(TimeSpan.FromSeconds(300));
        using (var patient = await api.GetAsync("Patient/123"))
        {
            await patient.EnsureCareConnectSuccessAsync();
        }

        var refresh = _server.Requests.Last(r => r.ClientId == clientId);
        Assert.Equal(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = token.RefreshToken!, ["client_id"] = clientId }, refresh.Form);
    }

    [Fact]
    public async Task A_confidential_app_authenticates_with_client_secret_basic_for_exchange_and_refresh()
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var clientId = "confidential-" + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(clientId, "app-secret", tenant.Id, CareConnectApi.ProviderPatientAccess);
        var credentials = CareConnectClientCredentials.ClientSecret(clientId, "app-secret");
        var request = SmartAuthorization.CreateAuthorizationRequest(tenant, CareConnectApi.ProviderPatientAccess, clientId, Redirect, new[] { "openid", "fhirUser", "offline_access", "user/Patient.rs" });

        using var redirect = await _http.GetAsync(request.Url);
        var token = await _tokens.RequestAuthorizationCodeTokenAsync(request, SmartAuthorization.ReadCallback(request, redirect.Headers.Location!), credentials);
        var exchange = _server.Requests.Last(r => r.ClientId == clientId);
        Assert.StartsWith("Basic ", exchange.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Equal(new[] { "grant_type", "code", "redirect_uri", "code_verifier" }, exchange.Form!.Keys.ToArray());

        var refreshed = await _tokens.RequestRefreshTokenAsync(tenant.TokenEndpoint, token.RefreshToken!, credentials, "user/Patient.rs");
        var refresh = _server.Requests.Last(r => r.ClientId == clientId);
        Assert.Equal(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = token.RefreshToken!, ["scope"] = "user/Patient.rs" }, refresh.Form);
        Assert.NotEqual(token.AccessToken, refreshed.AccessToken);

        var reused = await Assert.ThrowsAsync<CareConnectException>(() => _tokens.RequestRefreshTokenAsync(tenant.TokenEndpoint, token.RefreshToken!, credentials));
        Assert.Equal("invalid_grant", reused.OAuthError);
        Assert.DoesNotContain(token.RefreshToken!, reused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_refresh_token_an_expired_user_token_asks_for_reauthorization()
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var clientId = "norefresh-" + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(clientId, "s", tenant.Id, CareConnectApi.ProviderSystemAccess);
        var credentials = CareConnectClientCredentials.ClientSecret(clientId, "s");
        var initial = await _tokens.RequestClientCredentialsTokenAsync(tenant.TokenEndpoint, credentials, "system/Patient.rs");
        using var provider = new RefreshingUserTokenProvider(_tokens, tenant.TokenEndpoint, credentials, initial);

        Assert.Equal(initial.AccessToken, (await provider.GetTokenAsync(CancellationToken.None)).Token);
        _server.Clock.Advance(TimeSpan.FromSeconds(300));
        var ex = await Assert.ThrowsAsync<CareConnectException>(() => provider.GetTokenAsync(CancellationToken.None));
        Assert.StartsWith("The access token expired and there is no refresh token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_code_verifier_is_reported_as_invalid_grant()
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var clientId = "pkce-" + Guid.NewGuid().ToString("N");
        _server.RegisterPublicClient(clientId, tenant.Id, CareConnectApi.ProviderPatientAccess);
        var request = SmartAuthorization.CreateAuthorizationRequest(tenant, CareConnectApi.ProviderPatientAccess, clientId, Redirect, new[] { "openid", "patient/Patient.rs" });
        var local = SmartAuthorization.CreateAuthorizationRequest(tenant.WithOrigin(_server.Origin), CareConnectApi.ProviderPatientAccess, clientId, Redirect, new[] { "openid", "patient/Patient.rs" });
        Assert.Equal(request.Url.AbsoluteUri.Replace(request.State, local.State, StringComparison.Ordinal).Replace(request.CodeChallenge, local.CodeChallenge, StringComparison.Ordinal).Replace(request.Nonce!, local.Nonce!, StringComparison.Ordinal), local.Url.AbsoluteUri);

        using var redirect = await _http.GetAsync(local.Url);
        var code = SmartAuthorization.ReadCallback(local, redirect.Headers.Location!);

        var ex = await Assert.ThrowsAsync<CareConnectException>(() =>
            _tokens.RequestAuthorizationCodeTokenAsync(tenant.TokenEndpoint, code, Redirect, Pkce.CreateCodeVerifier(), CareConnectClientCredentials.PublicClient(clientId)));
        Assert.Equal("invalid_grant", ex.OAuthError);
        Assert.Equal("code_verifier does not match", ex.OAuthErrorDescription);
    }

    [Fact]
    public async Task The_guides_preview_aud_bug_is_rejected_by_a_strict_server_and_the_library_avoids_it()
    {
        var tenant = _server.Tenant(Guid.NewGuid(), CareConnectEnvironment.Preview);
        var clientId = "aud-" + Guid.NewGuid().ToString("N");
        _server.RegisterPublicClient(clientId, tenant.Id, CareConnectApi.ProviderPatientAccess);
        var request = SmartAuthorization.CreateAuthorizationRequest(tenant, CareConnectApi.ProviderPatientAccess, clientId, Redirect, new[] { "openid" });

        // The guide's preview example sends the production host as aud; a strict server refuses that.
        var wrongAud = request.Url.AbsoluteUri.Replace(Uri.EscapeDataString(request.Audience.AbsoluteUri), Uri.EscapeDataString("https://fhir.netsmartcloud.com/provider/patient-access/v2/" + tenant), StringComparison.Ordinal);
        using (var refused = await _http.GetAsync(wrongAud))
        {
            var ex = await Assert.ThrowsAsync<CareConnectException>(() => refused.EnsureCareConnectSuccessAsync());
            Assert.Equal("invalid aud", ex.OAuthErrorDescription);
        }

        using var accepted = await _http.GetAsync(request.Url);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }
}

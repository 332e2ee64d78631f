using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Netsmart.CareConnect.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace Netsmart.CareConnect.Tests.Integration;

[Collection(ServerCollection.Name)]
public sealed class FhirAccessTests : IDisposable
{
    private readonly FakeCareConnectServer _server;
    private readonly HttpClient _http;
    private readonly CareConnectTokenClient _tokens;

    public FhirAccessTests(ServerFixture fixture)
    {
        _server = fixture.Server;
        _server.TokenLifetimeSeconds = 300;
        _http = _server.CreateHttpClient();
        _tokens = new CareConnectTokenClient(_http, new CareConnectTokenClientOptions { HostPolicy = _server.HostPolicy, TimeProvider = _server.Clock });
    }

    public void Dispose() => _http.Dispose();

    private (CareConnectTenant Tenant, ClientCredentialsTokenProvider Provider, string ClientId) Backend(CareConnectApi api = CareConnectApi.ProviderSystemAccess)
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var clientId = "backend-" + Guid.NewGuid().ToString("N");
        _server.RegisterKeyClient(clientId, TestKeys.RsaPublic(), tenant.Id, api);
        return (tenant, new ClientCredentialsTokenProvider(_tokens, tenant.TokenEndpoint, CareConnectClientCredentials.PrivateKeyJwt(clientId, TestKeys.RsaPrivate()), "system/Patient.rs"), clientId);
    }

    [Fact]
    public async Task Firely_FhirClient_reads_through_the_handler_on_a_v2_tenant_base()
    {
        var (tenant, provider, _) = Backend();
        using var _p = provider;
        var handler = new CareConnectAuthenticationHandler(provider, _server.CreateHandler(), _server.HostPolicy);
        using var client = new FhirClient(tenant.GetFhirBaseUri(CareConnectApi.ProviderSystemAccess), new FhirClientSettings { PreferredFormat = ResourceFormat.Json }, handler);

        var patient = await client.ReadAsync<Patient>("Patient/123");

        Assert.Equal("123", patient!.Id);
        Assert.Equal("Doe", patient.Name.Single().Family);
        var request = _server.Requests.Last(r => r.Path.EndsWith("/Patient/123", StringComparison.Ordinal));
        Assert.Equal("/provider/system-access/v2/" + tenant + "/Patient/123", request.Path);
        Assert.Equal("Bearer " + (await provider.GetTokenAsync(CancellationToken.None)).Token, request.Headers["Authorization"]);
        Assert.True(Guid.TryParse(request.Headers["X-Request-ID"], out _));
    }

    [Fact]
    public async Task Firely_FhirClient_sees_the_operation_outcome_of_a_403()
    {
        var (tenant, provider, _) = Backend();
        using var _p = provider;
        using var client = new FhirClient(tenant.GetFhirBaseUri(CareConnectApi.ProviderSystemAccess), new FhirClientSettings { PreferredFormat = ResourceFormat.Json }, new CareConnectAuthenticationHandler(provider, _server.CreateHandler(), _server.HostPolicy));

        var ex = await Assert.ThrowsAsync<FhirOperationException>(() => client.ReadAsync<Patient>("Patient/forbidden"));

        Assert.Equal(HttpStatusCode.Forbidden, ex.Status);
        Assert.Equal("Insufficient scope for Patient read", ex.Outcome!.Issue.Single().Diagnostics);
    }

    [Fact]
    public async Task Http_errors_carry_status_outcome_request_ids_and_hints()
    {
        var (tenant, provider, _) = Backend();
        using var _p = provider;
        using var api = new HttpClient(new CareConnectAuthenticationHandler(provider, _server.CreateHandler(), _server.HostPolicy)) { BaseAddress = tenant.GetFhirBaseAddress(CareConnectApi.ProviderSystemAccess) };

        using var forbidden = await api.GetAsync("Patient/forbidden");
        var ex403 = await Assert.ThrowsAsync<CareConnectException>(() => forbidden.EnsureCareConnectSuccessAsync());
        Assert.Equal(HttpStatusCode.Forbidden, ex403.StatusCode);
        Assert.Equal("forbidden", ex403.Issues.Single().Code);
        Assert.Equal("Insufficient scope for Patient read", ex403.Diagnostics);
        Assert.Equal(forbidden.RequestMessage!.Headers.GetValues("X-Request-ID").Single(), ex403.RequestId);
        Assert.StartsWith("corr-", ex403.CorrelationId, StringComparison.Ordinal);
        Assert.NotNull(ex403.Hint);

        using var bad = await api.GetAsync("Patient/bad");
        var ex400 = await Assert.ThrowsAsync<CareConnectException>(() => bad.EnsureCareConnectSuccessAsync());
        Assert.Equal("Invalid resource id", ex400.DetailsText);
        Assert.Null(ex400.Diagnostics);
        Assert.Null(ex400.Hint);
    }

    [Fact]
    public async Task A_token_for_another_tenant_or_api_gets_a_401_with_the_hint_and_is_dropped()
    {
        var (tenant, provider, clientId) = Backend();
        using var _p = provider;
        var other = _server.Tenant(Guid.NewGuid());
        using var api = new HttpClient(new CareConnectAuthenticationHandler(provider, _server.CreateHandler(), _server.HostPolicy));

        using var otherTenant = await api.GetAsync(other.Resolve(CareConnectApi.ProviderSystemAccess, "Patient/1"));
        var ex = await Assert.ThrowsAsync<CareConnectException>(() => otherTenant.EnsureCareConnectSuccessAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("Token was issued for a different API endpoint", ex.Diagnostics);
        Assert.Contains("issued for another tenant or another API", ex.Hint, StringComparison.Ordinal);
        Assert.Equal(1, _server.TokenRequestCount(clientId));

        // The 401 made the handler forget the token: the next request acquires a new one.
        using var otherApi = await api.GetAsync(tenant.Resolve(CareConnectApi.ProviderPatientAccess, "Patient/1"));
        Assert.Equal(HttpStatusCode.Unauthorized, otherApi.StatusCode);
        Assert.Equal(2, _server.TokenRequestCount(clientId));

        using var ok = await api.GetAsync(tenant.Resolve(CareConnectApi.ProviderSystemAccess, "Patient/1"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(3, _server.TokenRequestCount(clientId));
    }

    [Fact]
    public async Task An_expired_token_is_renewed_before_the_server_would_reject_it()
    {
        var (tenant, provider, clientId) = Backend();
        using var _p = provider;
        using var api = new HttpClient(new CareConnectAuthenticationHandler(provider, _server.CreateHandler(), _server.HostPolicy)) { BaseAddress = tenant.GetFhirBaseAddress(CareConnectApi.ProviderSystemAccess) };

        for (var i = 0; i < 5; i++)
        {
            using var response = await api.GetAsync("Patient/" + i);
            await response.EnsureCareConnectSuccessAsync();
            _server.Clock.Advance(TimeSpan.FromSeconds(150));
        }

        Assert.Equal(3, _server.TokenRequestCount(clientId));
    }

    [Fact]
    public async Task The_token_is_never_sent_to_an_untrusted_host()
    {
        var (tenant, provider, clientId) = Backend();
        using var _p = provider;
        using var api = new HttpClient(new CareConnectAuthenticationHandler(provider, _server.CreateHandler())); // default policy: netsmartcloud.com only
        var before = _server.Requests.Count;

        var ex = await Assert.ThrowsAsync<CareConnectException>(() => api.GetAsync(tenant.Resolve(CareConnectApi.ProviderSystemAccess, "Patient/1")));

        Assert.Equal("Refused to send the CareConnect access token to '" + tenant.Resolve(CareConnectApi.ProviderSystemAccess, "Patient/1").AbsoluteUri + "': only https URIs on trusted hosts (netsmartcloud.com) receive it.", ex.Message);
        Assert.Equal(before, _server.Requests.Count);
        Assert.Equal(0, _server.TokenRequestCount(clientId));
    }

    [Fact]
    public async Task A_caller_supplied_request_id_is_kept()
    {
        var (tenant, provider, _) = Backend();
        using var _p = provider;
        using var api = new HttpClient(new CareConnectAuthenticationHandler(provider, _server.CreateHandler(), _server.HostPolicy));
        using var message = new HttpRequestMessage(HttpMethod.Get, tenant.Resolve(CareConnectApi.ProviderSystemAccess, "Patient/7"));
        message.Headers.Add("X-Request-ID", "my-trace-42");

        using var response = await api.SendAsync(message);

        var recorded = _server.Requests.Last(r => r.Path.EndsWith("/Patient/7", StringComparison.Ordinal));
        Assert.Equal("my-trace-42", recorded.Headers["X-Request-ID"]);
        Assert.Equal("application/fhir+json", recorded.Headers["Accept"]);
        Assert.Equal("my-trace-42", response.Headers.GetValues("X-Request-ID").Single());
    }
}

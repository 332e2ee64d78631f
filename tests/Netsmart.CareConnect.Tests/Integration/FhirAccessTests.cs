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
        var handler = new CareConnectAuthenticationHandler(provider, tenant.GetFhirBaseUri(CareConnectApi.ProviderSystemAccess), _server.CreateHandler(), _server.HostPolicy);
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
        using var client = new FhirClient(tenant.GetFhirBaseUri(CareConnectApi.ProviderSystemAccess), new FhirClientSettings { PreferredFormat = ResourceFormat.Json }, new CareConnectAuthenticationHandler(provider, tenant.GetFhirBaseUri(CareConnectApi.ProviderSystemAccess), _server.CreateHandler(), _server.HostPolicy));

        var ex = await Assert.ThrowsAsync<FhirOperationException>(() => client.ReadAsync<Patient>("Patient/forbidden"));

        Assert.Equal(HttpStatusCode.Forbidden, ex.Status);
        Assert.Equal("Insufficient scope for Patient read", ex.Outcome!.Issue.Single().Diagnostics);
    }

    [Fact]
    public async Task Http_errors_carry_status_outcome_request_ids_and_hints()
    {
        var (tenant, provider, _) = Backend();
        using var _p = provider;
        using var api = new HttpClient(new CareConnectAuthenticationHandler(provider, tenant.GetFhirBaseUri(CareConnectApi.ProviderSystemAccess), _server.CreateHandler(), _server.HostPolicy)) { BaseAddress = tenant.GetFhirBaseAddress(CareConnectApi.ProviderSystemAccess) };

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

    public static TheoryData<string> ElsewhereUrls => new()
    {
        "other-tenant",
        "other-api",
        "other-environment",
        "other-port",
        "prefix-sibling",
        "dot-segments",
        "plain-http",
    };

    [Theory]
    [MemberData(nameof(ElsewhereUrls))]
    public async Task Requests_outside_the_tenant_fhir_base_are_refused_before_anything_is_sent(string where)
    {
        var (tenant, provider, clientId) = Backend();
        using var _p = provider;
        var baseUri = tenant.GetFhirBaseUri(CareConnectApi.ProviderSystemAccess);
        using var api = new HttpClient(new CareConnectAuthenticationHandler(provider, baseUri, _server.CreateHandler(), _server.HostPolicy));
        var url = where switch
        {
            "other-tenant" => _server.Tenant(Guid.NewGuid()).Resolve(CareConnectApi.ProviderSystemAccess, "Patient/1"),
            "other-api" => tenant.Resolve(CareConnectApi.ProviderPatientAccess, "Patient/1"),
            "other-environment" => _server.Tenant(tenant.Id, CareConnectEnvironment.Preview).WithOrigin(new Uri("https://localhost:" + _server.Origin.Port)).Resolve(CareConnectApi.ProviderSystemAccess, "Patient/1"),
            "other-port" => new Uri(baseUri.AbsoluteUri.Replace(":" + _server.Origin.Port + "/", ":" + (_server.Origin.Port == 1 ? 2 : 1) + "/", StringComparison.Ordinal) + "/Patient/1"),
            "prefix-sibling" => new Uri(baseUri.AbsoluteUri + "0/Patient/1"),
            "dot-segments" => new Uri(baseUri.AbsoluteUri + "/%2e%2e/" + Guid.NewGuid() + "/Patient/1"),
            _ => new Uri("http://127.0.0.1:" + _server.Origin.Port + baseUri.AbsolutePath + "/Patient/1"),
        };
        var before = _server.Requests.Count;

        var ex = await Assert.ThrowsAsync<CareConnectException>(() => api.GetAsync(url));

        Assert.StartsWith("Refused to send a request to '", ex.Message, StringComparison.Ordinal);
        Assert.Contains("only requests under the tenant's FHIR base " + baseUri.AbsoluteUri + " receive it", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Patient/1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, _server.Requests.Count);
        Assert.Equal(0, _server.TokenRequestCount(clientId));
    }

    [Fact]
    public async Task Requests_at_or_below_the_base_receive_the_token()
    {
        var (tenant, provider, _) = Backend();
        using var _p = provider;
        var baseUri = tenant.GetFhirBaseUri(CareConnectApi.ProviderSystemAccess);
        var handler = new CareConnectAuthenticationHandler(provider, baseUri, _server.CreateHandler(), _server.HostPolicy);
        using var api = new HttpClient(handler);

        using var ok = await api.GetAsync(baseUri.AbsoluteUri + "/Patient/5?_elements=name");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True(handler.IsUnderFhirBase(baseUri));
        Assert.True(handler.IsUnderFhirBase(new Uri(baseUri.AbsoluteUri + "/")));
        Assert.False(handler.IsUnderFhirBase(new Uri(baseUri.AbsoluteUri + "x")));
        Assert.Equal(baseUri, handler.FhirBaseUri);
    }

    [Fact]
    public void A_production_base_is_not_a_preview_base()
    {
        var tenant = new CareConnectTenant(Guid.NewGuid());
        var preview = new CareConnectTenant(tenant.Id, CareConnectEnvironment.Preview);
        var handler = new CareConnectAuthenticationHandler(new ThrowingProvider(), tenant.GetFhirBaseUri(CareConnectApi.ProviderPatientAccess));

        Assert.True(handler.IsUnderFhirBase(tenant.Resolve(CareConnectApi.ProviderPatientAccess, "Patient/1")));
        Assert.False(handler.IsUnderFhirBase(preview.Resolve(CareConnectApi.ProviderPatientAccess, "Patient/1")));
        Assert.Throws<ArgumentException>(() => new CareConnectAuthenticationHandler(new ThrowingProvider(), new Uri("https://fhir.example.org/provider/patient-access/v2/" + tenant)));
    }

    private sealed class ThrowingProvider : ICareConnectTokenProvider
    {
        public Task<CareConnectAccessToken> GetTokenAsync(CancellationToken cancellationToken) => throw new InvalidOperationException();

        public void Invalidate(CareConnectAccessToken token) => throw new InvalidOperationException();
    }

    [Fact]
    public async Task An_expired_token_is_renewed_before_the_server_would_reject_it()
    {
        var (tenant, provider, clientId) = Backend();
        using var _p = provider;
        using var api = new HttpClient(new CareConnectAuthenticationHandler(provider, tenant.GetFhirBaseUri(CareConnectApi.ProviderSystemAccess), _server.CreateHandler(), _server.HostPolicy)) { BaseAddress = tenant.GetFhirBaseAddress(CareConnectApi.ProviderSystemAccess) };

        for (var i = 0; i < 5; i++)
        {
            using var response = await api.GetAsync("Patient/" + i);
            await response.EnsureCareConnectSuccessAsync();
            _server.Clock.Advance(TimeSpan.FromSeconds(150));
        }

        Assert.Equal(3, _server.TokenRequestCount(clientId));
    }

    [Fact]
    public void A_handler_for_a_base_outside_the_trusted_hosts_cannot_be_built()
    {
        var (tenant, provider, _) = Backend();
        using var _p = provider;

        // The default policy trusts exactly fhir.netsmartcloud.com and fhirtest.netsmartcloud.com: 127.0.0.1 must be opted in.
        var ex = Assert.Throws<ArgumentException>(() => new CareConnectAuthenticationHandler(provider, tenant.GetFhirBaseUri(CareConnectApi.ProviderSystemAccess), _server.CreateHandler()));

        Assert.Contains("on a trusted host (fhir.netsmartcloud.com, fhirtest.netsmartcloud.com)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_supplied_request_id_is_kept()
    {
        var (tenant, provider, _) = Backend();
        using var _p = provider;
        using var api = new HttpClient(new CareConnectAuthenticationHandler(provider, tenant.GetFhirBaseUri(CareConnectApi.ProviderSystemAccess), _server.CreateHandler(), _server.HostPolicy));
        using var message = new HttpRequestMessage(HttpMethod.Get, tenant.Resolve(CareConnectApi.ProviderSystemAccess, "Patient/7"));
        message.Headers.Add("X-Request-ID", "my-trace-42");

        using var response = await api.SendAsync(message);

        var recorded = _server.Requests.Last(r => r.Path.EndsWith("/Patient/7", StringComparison.Ordinal));
        Assert.Equal("my-trace-42", recorded.Headers["X-Request-ID"]);
        Assert.Equal("application/fhir+json", recorded.Headers["Accept"]);
        Assert.Equal("my-trace-42", response.Headers.GetValues("X-Request-ID").Single());
    }
}

using Netsmart.CareConnect.Tests.Infrastructure;

namespace Netsmart.CareConnect.Tests.Integration;

[Collection(ServerCollection.Name)]
public sealed class DiscoveryIntegrationTests : IDisposable
{
    private readonly FakeCareConnectServer _server;
    private readonly HttpClient _http;

    public DiscoveryIntegrationTests(ServerFixture fixture)
    {
        _server = fixture.Server;
        _http = _server.CreateHttpClient();
    }

    public void Dispose() => _http.Dispose();

    private SmartDiscoveryClient Discovery(TimeSpan? cache = null) => new(_http, new SmartDiscoveryOptions
    {
        HostPolicy = _server.HostPolicy,
        TimeProvider = _server.Clock,
        CacheDuration = cache ?? TimeSpan.FromMinutes(10),
    });

    [Fact]
    public async Task Smart_configuration_is_fetched_from_the_tenant_base_and_parsed()
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var config = await Discovery().GetConfigurationAsync(tenant, CareConnectApi.ProviderPatientAccess);

        var auth = _server.Origin.AbsoluteUri + "auth/" + tenant + "/oauth2/v1/";
        Assert.Equal(auth + "token", config.TokenEndpoint.AbsoluteUri);
        Assert.Equal(auth + "authorize", config.AuthorizationEndpoint!.AbsoluteUri);
        Assert.Equal(auth + "keys", config.JwksUri!.AbsoluteUri);
        Assert.Equal(new[] { "S256" }, config.CodeChallengeMethodsSupported);
        Assert.True(config.HasCapability("permission-v2"));
        Assert.Equal("{\"region\":\"us\"}", config.AdditionalProperties["x_netsmart_extra"].GetRawText());

        var request = _server.Requests.Last(r => r.Path.EndsWith("/.well-known/smart-configuration", StringComparison.Ordinal));
        Assert.Equal("/provider/patient-access/v2/" + tenant + "/.well-known/smart-configuration", request.Path);
        Assert.True(Guid.TryParse(request.Headers["X-Request-ID"], out _));
    }

    [Fact]
    public async Task Documents_are_cached_per_base_until_they_expire()
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var discovery = Discovery(TimeSpan.FromMinutes(10));
        int Fetches() => _server.Requests.Count(r => r.Path.Contains(tenant.ToString(), StringComparison.Ordinal));

        var first = await discovery.GetConfigurationAsync(tenant, CareConnectApi.ProviderSystemAccess);
        var second = await discovery.GetConfigurationAsync(tenant, CareConnectApi.ProviderSystemAccess);
        Assert.Same(first, second);
        Assert.Equal(1, Fetches());

        await discovery.GetConfigurationAsync(tenant, CareConnectApi.ProviderPatientAccess);
        Assert.Equal(2, Fetches());

        _server.Clock.Advance(TimeSpan.FromMinutes(10));
        var third = await discovery.GetConfigurationAsync(tenant, CareConnectApi.ProviderSystemAccess);
        Assert.NotSame(first, third);
        Assert.Equal(3, Fetches());
    }

    [Fact]
    public async Task A_poisoned_document_pointing_off_host_is_refused_even_with_fallback_allowed()
    {
        var tenant = _server.Tenant(FakeCareConnectServer.PoisonedTenant);
        var discovery = Discovery();

        var ex = await Assert.ThrowsAsync<CareConnectDiscoveryException>(() => discovery.ResolveEndpointsAsync(tenant, CareConnectApi.ProviderSystemAccess, allowTemplateFallback: true));

        Assert.Equal(CareConnectDiscoveryFailure.UntrustedEndpoint, ex.Failure);
        Assert.Equal("Refused SMART configuration token_endpoint 'https://attacker.example.net/auth/" + tenant + "/oauth2/v1/token': only https URIs on trusted hosts (127.0.0.1) may receive credentials, tokens or users.", ex.Message);
    }

    [Fact]
    public async Task A_document_with_a_plain_http_endpoint_is_refused()
    {
        var tenant = _server.Tenant(FakeCareConnectServer.HttpEndpointTenant);
        var ex = await Assert.ThrowsAsync<CareConnectDiscoveryException>(() => Discovery().ResolveEndpointsAsync(tenant, CareConnectApi.ProviderSystemAccess, allowTemplateFallback: true));
        Assert.Equal(CareConnectDiscoveryFailure.UntrustedEndpoint, ex.Failure);
    }

    [Fact]
    public async Task The_default_policy_refuses_to_even_ask_a_non_netsmart_host()
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var discovery = new SmartDiscoveryClient(_http);
        var before = _server.Requests.Count;

        var ex = await Assert.ThrowsAsync<CareConnectDiscoveryException>(() => discovery.GetConfigurationAsync(tenant, CareConnectApi.ProviderSystemAccess));

        Assert.Equal(CareConnectDiscoveryFailure.UntrustedEndpoint, ex.Failure);
        Assert.Equal(before, _server.Requests.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Unavailable_discovery_falls_back_to_the_template_only_when_allowed(bool fromHtml)
    {
        var tenant = _server.Tenant(fromHtml ? FakeCareConnectServer.HtmlDiscoveryTenant : FakeCareConnectServer.NoDiscoveryTenant);
        var discovery = Discovery();

        var endpoints = await discovery.ResolveEndpointsAsync(tenant, CareConnectApi.ProviderSystemAccess, allowTemplateFallback: true);
        Assert.False(endpoints.FromDiscovery);
        Assert.Equal(tenant.TokenEndpoint, endpoints.TokenEndpoint);
        Assert.Equal(tenant.AuthorizeEndpoint, endpoints.AuthorizeEndpoint);
        Assert.Equal(tenant.GetFhirBaseUri(CareConnectApi.ProviderSystemAccess), endpoints.FhirBaseUri);

        var ex = await Assert.ThrowsAsync<CareConnectDiscoveryException>(() => discovery.ResolveEndpointsAsync(tenant, CareConnectApi.ProviderSystemAccess, allowTemplateFallback: false));
        Assert.Equal(fromHtml ? CareConnectDiscoveryFailure.Invalid : CareConnectDiscoveryFailure.Unavailable, ex.Failure);
        if (!fromHtml)
        {
            Assert.Equal(HttpStatusCode.NotFound, Assert.IsType<CareConnectException>(ex.InnerException).StatusCode);
        }
    }

    [Fact]
    public async Task A_closed_port_is_unavailable_and_falls_back()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var tenant = new CareConnectTenant(Guid.NewGuid()).WithOrigin(new Uri("https://127.0.0.1:" + port));

        var endpoints = await Discovery().ResolveEndpointsAsync(tenant, CareConnectApi.ProviderSystemAccess, allowTemplateFallback: true);

        Assert.False(endpoints.FromDiscovery);
        Assert.Equal("https://127.0.0.1:" + port + "/auth/" + tenant + "/oauth2/v1/token", endpoints.TokenEndpoint.AbsoluteUri);
    }
}

using System.Net.Security;
using Netsmart.CareConnect.Tests.Infrastructure;

namespace Netsmart.CareConnect.Tests.Integration;

/// <summary>Tenant-pinned trust: discovery documents, redirects on the back channel.</summary>
[Collection(ServerCollection.Name)]
public sealed class TrustTests : IDisposable
{
    private readonly FakeCareConnectServer _server;
    private readonly HttpClient _http;

    public TrustTests(ServerFixture fixture)
    {
        _server = fixture.Server;
        _server.TokenLifetimeSeconds = 300;
        _http = _server.CreateHttpClient();
    }

    public void Dispose() => _http.Dispose();

    private CareConnectHostPolicy BothLoopbackNames => new(new[] { "127.0.0.1", "localhost" });

    public static TheoryData<string, string> ForeignDocuments => new()
    {
        // field, what it points to
        { "token_endpoint", "other-tenant" },
        { "token_endpoint", "other-host" },
        { "token_endpoint", "other-port" },
        { "token_endpoint", "sibling-path" },
        { "token_endpoint", "dot-segments" },
        { "token_endpoint", "outside-oauth" },
        { "authorization_endpoint", "other-tenant" },
        { "authorization_endpoint", "other-host" },
        { "issuer", "other-tenant" },
        { "issuer", "other-host" },
        { "jwks_uri", "other-tenant" },
        { "jwks_uri", "other-host" },
    };

    [Theory]
    [MemberData(nameof(ForeignDocuments))]
    public async Task A_discovery_document_pointing_outside_the_tenant_authorization_server_is_refused_without_fallback(string field, string target)
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var other = Guid.NewGuid();
        var port = _server.Origin.Port;
        var leaf = field switch { "token_endpoint" => "token", "authorization_endpoint" => "authorize", "jwks_uri" => "keys", _ => string.Empty };
        var value = target switch
        {
            "other-tenant" => "https://127.0.0.1:" + port + "/auth/" + other + "/oauth2/v1/" + leaf,
            "other-host" => "https://localhost:" + port + "/auth/" + tenant + "/oauth2/v1/" + leaf,
            "other-port" => "https://127.0.0.1:" + (port == 1 ? 2 : 1) + "/auth/" + tenant + "/oauth2/v1/" + leaf,
            "sibling-path" => "https://127.0.0.1:" + port + "/auth/" + tenant + "/oauth2/v10/" + leaf,
            "dot-segments" => "https://127.0.0.1:" + port + "/auth/" + tenant + "/oauth2/v1/%2e%2e/%2e%2e/%2e%2e/" + other + "/oauth2/v1/" + leaf,
            _ => "https://127.0.0.1:" + port + "/auth/" + tenant + "/" + leaf,
        };
        _server.OverrideDiscovery(tenant.Id, d => d[field] = field == "issuer" ? value.TrimEnd('/') : value);
        var discovery = new SmartDiscoveryClient(_http, new SmartDiscoveryOptions { HostPolicy = BothLoopbackNames, TimeProvider = _server.Clock });

        var ex = await Assert.ThrowsAsync<CareConnectDiscoveryException>(() => discovery.ResolveEndpointsAsync(tenant, CareConnectApi.ProviderSystemAccess, allowTemplateFallback: true));

        Assert.Equal(CareConnectDiscoveryFailure.UntrustedEndpoint, ex.Failure);
        Assert.StartsWith("Refused SMART configuration: " + field + " '", ex.Message, StringComparison.Ordinal);
        Assert.Contains(
            field == "issuer"
                ? "' is not the tenant's authorization server https://127.0.0.1:" + port + "/auth/" + tenant + " or below it "
                : "' is not under the tenant's authorization server https://127.0.0.1:" + port + "/auth/" + tenant + "/oauth2/v1/ ",
            ex.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tenant_own_document_is_accepted()
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var discovery = new SmartDiscoveryClient(_http, new SmartDiscoveryOptions { HostPolicy = BothLoopbackNames, TimeProvider = _server.Clock });

        var endpoints = await discovery.ResolveEndpointsAsync(tenant, CareConnectApi.ProviderSystemAccess, allowTemplateFallback: false);

        Assert.True(endpoints.FromDiscovery);
        Assert.Equal(tenant.TokenEndpoint, endpoints.TokenEndpoint);
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    [InlineData(302)]
    public async Task A_redirecting_token_endpoint_is_an_error_and_the_credentials_are_not_posted_again(int status)
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var clientId = "redirect-" + status + "-" + Guid.NewGuid().ToString("N");
        _server.RegisterKeyClient(clientId, TestKeys.RsaPublic(), tenant.Id, CareConnectApi.ProviderSystemAccess);
        _server.RedirectTokenEndpoint(tenant.Id, status, _server.Origin.AbsoluteUri + "elsewhere/token");
        using var backchannel = new HttpClient(TrustingBackchannelHandler());
        var tokens = new CareConnectTokenClient(backchannel, new CareConnectTokenClientOptions { HostPolicy = _server.HostPolicy, TimeProvider = _server.Clock });

        var ex = await Assert.ThrowsAsync<CareConnectException>(() =>
            tokens.RequestClientCredentialsTokenAsync(tenant.TokenEndpoint, CareConnectClientCredentials.PrivateKeyJwt(clientId, TestKeys.RsaPrivate()), "system/Patient.rs"));

        Assert.StartsWith("The token endpoint answered " + status + " (a redirect); token requests never follow redirects", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.TokenRequestCount(clientId));
        Assert.DoesNotContain(_server.Requests, r => r.Path.StartsWith("/elsewhere", StringComparison.Ordinal) && r.ClientId == clientId);
    }

    [Fact]
    public async Task An_HttpClient_that_follows_redirects_is_detected_and_its_answer_is_not_used()
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var clientId = "autoredirect-" + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(clientId, "s", tenant.Id, CareConnectApi.ProviderSystemAccess);
        _server.RedirectTokenEndpoint(tenant.Id, 307, _server.Origin.AbsoluteUri + "elsewhere/token");
        using var following = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, c, _, _) => c is not null && c.GetCertHashString() == _server.Certificate.GetCertHashString() },
        });
        var tokens = new CareConnectTokenClient(following, new CareConnectTokenClientOptions { HostPolicy = _server.HostPolicy, TimeProvider = _server.Clock });

        var ex = await Assert.ThrowsAsync<CareConnectException>(() =>
            tokens.RequestClientCredentialsTokenAsync(tenant.TokenEndpoint, CareConnectClientCredentials.ClientSecret(clientId, "s"), "system/Patient.rs"));

        Assert.StartsWith("The HttpClient given to CareConnectTokenClient followed a redirect away from the token endpoint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_does_not_follow_a_redirect()
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        _server.FailDiscovery(tenant.Id, 308);
        using var backchannel = new HttpClient(TrustingBackchannelHandler());
        var discovery = new SmartDiscoveryClient(backchannel, new SmartDiscoveryOptions { HostPolicy = _server.HostPolicy, TimeProvider = _server.Clock });

        var ex = await Assert.ThrowsAsync<CareConnectDiscoveryException>(() => discovery.GetConfigurationAsync(tenant, CareConnectApi.ProviderSystemAccess));

        Assert.Equal(CareConnectDiscoveryFailure.Unavailable, ex.Failure);
        Assert.Contains("answered 308 (a redirect); discovery never follows redirects", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_and_discovery_requests_have_a_timeout_that_is_reported_as_transient()
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var clientId = "timeout-" + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(clientId, "s", tenant.Id, CareConnectApi.ProviderSystemAccess);
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.TokenGate = never;
        _server.DiscoveryGate = never;
        try
        {
            var tokens = new CareConnectTokenClient(_http, new CareConnectTokenClientOptions { HostPolicy = _server.HostPolicy, TimeProvider = _server.Clock, Timeout = TimeSpan.FromMilliseconds(200) });
            var ex = await Assert.ThrowsAsync<CareConnectException>(() =>
                tokens.RequestClientCredentialsTokenAsync(tenant.TokenEndpoint, CareConnectClientCredentials.ClientSecret(clientId, "s"), "system/Patient.rs"));
            Assert.StartsWith("The token request timed out after 0.2 s (CareConnectTokenClientOptions.Timeout).", ex.Message, StringComparison.Ordinal);
            Assert.True(ex.IsTransient);

            var discovery = new SmartDiscoveryClient(_http, new SmartDiscoveryOptions { HostPolicy = _server.HostPolicy, TimeProvider = _server.Clock, Timeout = TimeSpan.FromMilliseconds(200) });
            var dex = await Assert.ThrowsAsync<CareConnectDiscoveryException>(() => discovery.GetConfigurationAsync(tenant, CareConnectApi.ProviderSystemAccess));
            Assert.Equal(CareConnectDiscoveryFailure.Unavailable, dex.Failure);
            Assert.True(dex.IsTransient);
        }
        finally
        {
            _server.TokenGate = null;
            _server.DiscoveryGate = null;
            never.SetResult();
        }
    }

    [Fact]
    public void The_backchannel_handler_never_follows_redirects()
    {
        using var handler = CareConnectBackchannel.CreateHandler();
        var allow = handler switch
        {
            SocketsHttpHandler s => s.AllowAutoRedirect,
            HttpClientHandler h => h.AllowAutoRedirect,
            _ => throw new InvalidOperationException(handler.GetType().Name),
        };
        Assert.False(allow);
        using var client = CareConnectBackchannel.CreateClient();
        Assert.Equal(TimeSpan.FromSeconds(30), client.Timeout);
    }

    /// <summary>The library's own back-channel handler, trusting only the test server's certificate.</summary>
    private HttpMessageHandler TrustingBackchannelHandler()
    {
        var handler = CareConnectBackchannel.CreateHandler();
        var thumbprint = _server.Certificate.GetCertHashString();
        switch (handler)
        {
            case SocketsHttpHandler s:
                s.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, c, _, _) => c is not null && c.GetCertHashString() == thumbprint };
                break;
            case HttpClientHandler h:
                h.ServerCertificateCustomValidationCallback = (_, c, _, _) => c is not null && c.GetCertHashString() == thumbprint;
                break;
        }

        return handler;
    }
}

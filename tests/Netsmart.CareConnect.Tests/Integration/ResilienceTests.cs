using System.Text;
using Netsmart.CareConnect.Tests.Infrastructure;

namespace Netsmart.CareConnect.Tests.Integration;

/// <summary>The token manager and discovery under failure: outages, cancellation, tiny lifetimes, 401s.</summary>
[Collection(ServerCollection.Name)]
public sealed class ResilienceTests : IDisposable
{
    private readonly FakeCareConnectServer _server;
    private readonly HttpClient _http;
    private readonly CareConnectTokenClient _tokens;

    public ResilienceTests(ServerFixture fixture)
    {
        _server = fixture.Server;
        _server.TokenLifetimeSeconds = 300;
        _server.TokenOutageStatus = null;
        _server.TokenGate = null;
        _server.OmitExpiresIn = false;
        _server.RejectAllBearerTokens = false;
        _http = _server.CreateHttpClient();
        _tokens = new CareConnectTokenClient(_http, new CareConnectTokenClientOptions { HostPolicy = _server.HostPolicy, TimeProvider = _server.Clock });
    }

    public void Dispose()
    {
        _server.TokenLifetimeSeconds = 300;
        _server.TokenOutageStatus = null;
        _server.TokenGate = null;
        _server.OmitExpiresIn = false;
        _server.RejectAllBearerTokens = false;
        _server.DiscoveryGate = null;
        _server.TokenRequestArrived = null;
        _http.Dispose();
    }

    private (CareConnectTenant Tenant, ClientCredentialsTokenProvider Provider, string ClientId) Backend()
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var clientId = "resilience-" + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(clientId, "s", tenant.Id, CareConnectApi.ProviderSystemAccess);
        return (tenant, new ClientCredentialsTokenProvider(_tokens, tenant.TokenEndpoint, CareConnectClientCredentials.ClientSecret(clientId, "s"), "system/Patient.rs"), clientId);
    }

    [Fact]
    public async Task Concurrent_callers_during_an_outage_cause_one_request_and_all_see_its_failure()
    {
        var (_, provider, clientId) = Backend();
        using var _p = provider;
        _server.TokenOutageStatus = 503;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.TokenGate = gate; // the server holds its answer until every caller is waiting

        var calls = Enumerable.Range(0, 16).Select(_ => provider.GetTokenAsync(CancellationToken.None)).ToArray();
        Assert.DoesNotContain(calls, c => c.IsCompleted);
        gate.SetResult();
        _server.TokenGate = null;
        var failures = new List<CareConnectException>();
        foreach (var call in calls)
        {
            failures.Add(await Assert.ThrowsAsync<CareConnectException>(() => call));
        }

        Assert.All(failures, f => Assert.Equal(HttpStatusCode.ServiceUnavailable, f.StatusCode));
        Assert.True(failures[0].IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(7), failures[0].RetryAfter);
        Assert.Equal("maintenance for patient 123", failures[0].OAuthErrorDescription);
        Assert.DoesNotContain("patient 123", failures[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/oauth2/", failures[0].Message, StringComparison.Ordinal);
        Assert.Contains("OAuth error: temporarily_unavailable. X-Request-ID: ", failures[0].Message, StringComparison.Ordinal);
        Assert.Single(failures.Distinct());
        Assert.Equal(1, _server.TokenRequestCount(clientId));

        // Within the retry delay the failure is answered at once, without a new request.
        Assert.Same(failures[0], await Assert.ThrowsAsync<CareConnectException>(() => provider.GetTokenAsync(CancellationToken.None)));
        Assert.Equal(1, _server.TokenRequestCount(clientId));

        // After it, one new attempt; the delay doubles.
        _server.Clock.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<CareConnectException>(() => provider.GetTokenAsync(CancellationToken.None));
        Assert.Equal(2, _server.TokenRequestCount(clientId));
        _server.TokenOutageStatus = null;
        _server.Clock.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<CareConnectException>(() => provider.GetTokenAsync(CancellationToken.None));
        Assert.Equal(2, _server.TokenRequestCount(clientId));
        _server.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.StartsWith("at-", (await provider.GetTokenAsync(CancellationToken.None)).Token, StringComparison.Ordinal);
        Assert.Equal(3, _server.TokenRequestCount(clientId));
    }

    [Fact]
    public async Task A_failed_early_renewal_serves_the_still_valid_token()
    {
        var (_, provider, clientId) = Backend();
        using var _p = provider;
        var first = await provider.GetTokenAsync(CancellationToken.None);

        _server.Clock.Advance(TimeSpan.FromSeconds(250)); // inside the 60 s renewal window, 50 s left
        _server.TokenOutageStatus = 500;
        Assert.Same(first, await provider.GetTokenAsync(CancellationToken.None));
        Assert.Same(first, await provider.GetTokenAsync(CancellationToken.None));
        Assert.Equal(2, _server.TokenRequestCount(clientId));

        _server.Clock.Advance(TimeSpan.FromSeconds(50)); // expired now, and the outage goes on
        var ex = await Assert.ThrowsAsync<CareConnectException>(() => provider.GetTokenAsync(CancellationToken.None));
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
    }

    [Fact]
    public async Task During_an_early_renewal_other_callers_get_the_still_valid_token_without_waiting()
    {
        var (_, provider, clientId) = Backend();
        using var _p = provider;
        var first = await provider.GetTokenAsync(CancellationToken.None);
        _server.Clock.Advance(TimeSpan.FromSeconds(250));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.TokenGate = gate; // the token endpoint hangs

        var renewing = provider.GetTokenAsync(CancellationToken.None);
        var others = Enumerable.Range(0, 8).Select(_ => provider.GetTokenAsync(CancellationToken.None)).ToArray();

        Assert.All(others, o => Assert.True(o.IsCompletedSuccessfully));
        Assert.All(others, o => Assert.Same(first, o.Result));
        Assert.False(renewing.IsCompleted);
        gate.SetResult();
        Assert.NotSame(first, await renewing);
        Assert.Equal(2, _server.TokenRequestCount(clientId));
    }

    [Fact]
    public async Task A_caller_that_cancels_stops_waiting_but_not_the_shared_renewal()
    {
        var (_, provider, clientId) = Backend();
        using var _p = provider;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.TokenGate = gate;
        using var cancel = new CancellationTokenSource();

        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.TokenRequestArrived = arrived;

        var cancelled = provider.GetTokenAsync(cancel.Token);
        var patient = provider.GetTokenAsync(CancellationToken.None);
        await arrived.Task; // the shared request is at the server
        _server.TokenRequestArrived = null;
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(patient.IsCompleted);

        gate.SetResult();
        var token = await patient;
        Assert.Same(token, await provider.GetTokenAsync(cancel.Token.IsCancellationRequested ? CancellationToken.None : cancel.Token));
        Assert.Equal(1, _server.TokenRequestCount(clientId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public async Task A_tiny_expires_in_is_floored_and_not_renewed_on_every_call(int expiresIn)
    {
        _server.TokenLifetimeSeconds = expiresIn;
        var (_, provider, clientId) = Backend();
        using var _p = provider;

        var first = await provider.GetTokenAsync(CancellationToken.None);
        for (var i = 0; i < 10; i++)
        {
            Assert.Same(first, await provider.GetTokenAsync(CancellationToken.None));
        }

        _server.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Same(first, await provider.GetTokenAsync(CancellationToken.None));
        Assert.Equal(1, _server.TokenRequestCount(clientId));

        _server.Clock.Advance(TimeSpan.FromSeconds(1)); // half the 60 s floor
        Assert.NotSame(first, await provider.GetTokenAsync(CancellationToken.None));
        Assert.Equal(2, _server.TokenRequestCount(clientId));
    }

    [Fact]
    public async Task A_missing_expires_in_counts_as_the_default_lifetime()
    {
        _server.OmitExpiresIn = true;
        var (_, provider, clientId) = Backend();
        using var _p = provider;

        var first = await provider.GetTokenAsync(CancellationToken.None);
        _server.Clock.Advance(TimeSpan.FromSeconds(239));
        Assert.Same(first, await provider.GetTokenAsync(CancellationToken.None));
        _server.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotSame(first, await provider.GetTokenAsync(CancellationToken.None));
        Assert.Equal(2, _server.TokenRequestCount(clientId));
    }

    [Fact]
    public async Task A_401_is_retried_once_with_a_new_token_for_requests_without_content()
    {
        var (tenant, provider, clientId) = Backend();
        using var _p = provider;
        using var api = new HttpClient(new CareConnectAuthenticationHandler(provider, tenant.GetFhirBaseUri(CareConnectApi.ProviderSystemAccess), _server.CreateHandler(), _server.HostPolicy))
        {
            BaseAddress = tenant.GetFhirBaseAddress(CareConnectApi.ProviderSystemAccess),
        };
        (await api.GetAsync("Patient/1")).EnsureSuccessStatusCode();
        _server.RevokeIssuedTokens(clientId);

        using var response = await api.GetAsync("Patient/2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _server.TokenRequestCount(clientId));
        var sent = _server.Requests.Where(r => r.Path.EndsWith("/" + tenant + "/Patient/2", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, sent.Length);
        Assert.NotEqual(sent[0].Headers["Authorization"], sent[1].Headers["Authorization"]);
        Assert.Equal(sent[0].Headers["X-Request-ID"], sent[1].Headers["X-Request-ID"]);
    }

    [Fact]
    public async Task A_401_on_buffered_content_is_retried_with_the_same_body_and_streamed_content_is_not()
    {
        var (tenant, provider, clientId) = Backend();
        using var _p = provider;
        using var api = new HttpClient(new CareConnectAuthenticationHandler(provider, tenant.GetFhirBaseUri(CareConnectApi.ProviderSystemAccess), _server.CreateHandler(), _server.HostPolicy))
        {
            BaseAddress = tenant.GetFhirBaseAddress(CareConnectApi.ProviderSystemAccess),
        };
        const string Body = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Roe\"}]}";
        (await api.GetAsync("Patient/1")).EnsureSuccessStatusCode();

        _server.RevokeIssuedTokens(clientId);
        using (var buffered = await api.PostAsync("Patient", new StringContent(Body, Encoding.UTF8, "application/fhir+json")))
        {
            Assert.Equal(HttpStatusCode.OK, buffered.StatusCode);
        }

        var posts = _server.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/" + tenant + "/Patient", StringComparison.Ordinal)).ToArray();
        Assert.Equal(new[] { Body, Body }, posts.Select(p => p.Body));
        Assert.Equal(2, _server.TokenRequestCount(clientId));

        _server.Clock.Advance(TimeSpan.FromSeconds(1)); // past the spacing of forced renewals
        _server.RevokeIssuedTokens(clientId);
        using (var streamed = await api.PostAsync("Patient", new StreamContent(new System.IO.MemoryStream(Encoding.UTF8.GetBytes(Body)))))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, streamed.StatusCode);
        }

        Assert.Equal(3, _server.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/" + tenant + "/Patient", StringComparison.Ordinal)));
        Assert.Equal(2, _server.TokenRequestCount(clientId));

        // The rejected token was still forgotten: the next request gets a new one.
        (await api.GetAsync("Patient/3")).EnsureSuccessStatusCode();
        Assert.Equal(3, _server.TokenRequestCount(clientId));
    }

    [Fact]
    public async Task An_api_that_rejects_every_token_does_not_cause_a_renewal_loop()
    {
        var (tenant, provider, clientId) = Backend();
        using var _p = provider;
        using var api = new HttpClient(new CareConnectAuthenticationHandler(provider, tenant.GetFhirBaseUri(CareConnectApi.ProviderSystemAccess), _server.CreateHandler(), _server.HostPolicy))
        {
            BaseAddress = tenant.GetFhirBaseAddress(CareConnectApi.ProviderSystemAccess),
        };
        _server.RejectAllBearerTokens = true;

        for (var i = 0; i < 10; i++)
        {
            using var response = await api.GetAsync("Patient/" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // The first 401 forced one renewal (retry); the renewed token's 401s are not renewed again within the retry delay.
        Assert.Equal(2, _server.TokenRequestCount(clientId));

        _server.Clock.Advance(TimeSpan.FromSeconds(1));
        (await api.GetAsync("Patient/x")).Dispose();
        Assert.Equal(3, _server.TokenRequestCount(clientId));
        (await api.GetAsync("Patient/y")).Dispose();
        _server.Clock.Advance(TimeSpan.FromSeconds(1)); // the third forced renewal waits 2 s
        (await api.GetAsync("Patient/z")).Dispose();
        Assert.Equal(3, _server.TokenRequestCount(clientId));
    }

    [Fact]
    public async Task Concurrent_discovery_is_one_request_and_a_failure_is_remembered_briefly()
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var discovery = new SmartDiscoveryClient(_http, new SmartDiscoveryOptions { HostPolicy = _server.HostPolicy, TimeProvider = _server.Clock });
        int Fetches() => _server.Requests.Count(r => r.Path.Contains(tenant + "/.well-known", StringComparison.Ordinal));
        _server.FailDiscovery(tenant.Id, 503);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.DiscoveryGate = gate; // the server holds its answer until every caller is waiting

        var calls = Enumerable.Range(0, 8).Select(_ => discovery.GetConfigurationAsync(tenant, CareConnectApi.ProviderSystemAccess)).ToArray();
        gate.SetResult();
        _server.DiscoveryGate = null;
        foreach (var call in calls)
        {
            Assert.Equal(CareConnectDiscoveryFailure.Unavailable, (await Assert.ThrowsAsync<CareConnectDiscoveryException>(() => call)).Failure);
        }

        Assert.Equal(1, Fetches());
        _server.RestoreDiscovery(tenant.Id);
        var fallback = await discovery.ResolveEndpointsAsync(tenant, CareConnectApi.ProviderSystemAccess, allowTemplateFallback: true);
        Assert.False(fallback.FromDiscovery);
        Assert.Equal(1, Fetches());

        _server.Clock.Advance(TimeSpan.FromSeconds(15));
        var configs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => discovery.GetConfigurationAsync(tenant, CareConnectApi.ProviderSystemAccess)));
        Assert.Single(configs.Distinct());
        Assert.Equal(2, Fetches());
    }

    [Fact]
    public async Task A_token_endpoint_that_cannot_be_reached_is_a_transient_CareConnectException()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var tenant = new CareConnectTenant(Guid.NewGuid()).WithOrigin(new Uri("https://127.0.0.1:" + port));

        var ex = await Assert.ThrowsAsync<CareConnectException>(() =>
            _tokens.RequestClientCredentialsTokenAsync(tenant.TokenEndpoint, CareConnectClientCredentials.ClientSecret("c", "s"), "system/Patient.rs"));

        Assert.True(ex.IsTransient);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.StartsWith("The token request to https://127.0.0.1:" + port + " failed before an answer arrived", ex.Message, StringComparison.Ordinal);
    }
}

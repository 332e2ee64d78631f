using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Netsmart.CareConnect.Tests.Infrastructure;

namespace Netsmart.CareConnect.Tests.Integration;

/// <summary>Spans and log events for discovery, token requests and 401 retries, without secrets, tokens or PHI.</summary>
[Collection(ServerCollection.Name)]
public sealed class ObservabilityTests : IDisposable
{
    private readonly FakeCareConnectServer _server;
    private readonly HttpClient _http;
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ActivityListener _listener;

    public ObservabilityTests(ServerFixture fixture)
    {
        _server = fixture.Server;
        _server.TokenLifetimeSeconds = 300;
        _http = _server.CreateHttpClient();
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == CareConnectDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => _activities.Enqueue(a),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _server.TokenOutageStatus = null;
        _http.Dispose();
    }

    [Fact]
    public async Task Discovery_token_requests_and_401_retries_have_spans_and_events_without_secrets_or_phi()
    {
        var tenant = _server.Tenant(Guid.NewGuid());
        var clientId = "otel-" + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(clientId, "OTEL-SECRET", tenant.Id, CareConnectApi.ProviderSystemAccess);
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var discovery = new SmartDiscoveryClient(_http, new SmartDiscoveryOptions { HostPolicy = _server.HostPolicy, TimeProvider = _server.Clock, Logger = factory.CreateLogger<SmartDiscoveryClient>() });
        var tokens = new CareConnectTokenClient(_http, new CareConnectTokenClientOptions { HostPolicy = _server.HostPolicy, TimeProvider = _server.Clock });
        using var provider = new ClientCredentialsTokenProvider(
            tokens,
            async ct => (await discovery.ResolveEndpointsAsync(tenant, CareConnectApi.ProviderSystemAccess, false, ct)).TokenEndpoint,
            CareConnectClientCredentials.ClientSecret(clientId, "OTEL-SECRET"),
            "system/Patient.rs",
            logger: factory.CreateLogger<ClientCredentialsTokenProvider>());
        var baseUri = tenant.GetFhirBaseUri(CareConnectApi.ProviderSystemAccess);
        using var api = new HttpClient(new CareConnectAuthenticationHandler(provider, baseUri, _server.CreateHandler(), _server.HostPolicy, factory.CreateLogger<CareConnectAuthenticationHandler>()));

        (await api.GetAsync(baseUri + "/Patient/4242")).EnsureSuccessStatusCode();
        _server.RevokeIssuedTokens(clientId);
        (await api.PostAsync(baseUri + "/Patient", new StringContent("{\"name\":\"Jane Roe\"}", Encoding.UTF8, "application/fhir+json"))).EnsureSuccessStatusCode();
        _server.Clock.Advance(TimeSpan.FromSeconds(300));
        _server.TokenOutageStatus = 503;
        await Assert.ThrowsAsync<CareConnectException>(() => provider.GetTokenAsync(CancellationToken.None));

        var mine = _activities.Where(a => a.Tags.Any(t => t.Value is not null && t.Value.Contains(tenant.ToString(), StringComparison.Ordinal))
                                          || (a.GetTagItem("server.address") as string) == _server.Origin.GetLeftPart(UriPartial.Authority)).ToList();
        var discoverySpan = Assert.Single(_activities, a => a.OperationName == CareConnectDiagnostics.DiscoveryActivityName && ((string?)a.GetTagItem("url.full"))!.Contains(tenant.ToString(), StringComparison.Ordinal));
        Assert.Equal(baseUri + "/.well-known/smart-configuration", discoverySpan.GetTagItem("url.full"));
        Assert.Equal(ActivityKind.Client, discoverySpan.Kind);
        var tokenSpans = mine.Where(a => a.OperationName == CareConnectDiagnostics.TokenActivityName).ToList();
        Assert.Equal(3, tokenSpans.Count);
        Assert.All(tokenSpans, s => Assert.Equal("client_credentials", s.GetTagItem("oauth.grant_type")));
        Assert.Equal(ActivityStatusCode.Error, tokenSpans.Last().Status);
        Assert.Equal(503, tokenSpans.Last().GetTagItem("http.response.status_code"));
        Assert.Equal("temporarily_unavailable", tokenSpans.Last().GetTagItem("oauth.error"));
        var retry = Assert.Single(mine, a => a.OperationName == CareConnectDiagnostics.UnauthorizedRetryActivityName);
        Assert.Equal(true, retry.GetTagItem("careconnect.retried"));
        Assert.Equal(200, retry.GetTagItem("http.response.status_code"));

        var events = logs.Entries.Select(e => e.EventId.Id).ToList();
        Assert.Contains(CareConnectDiagnostics.DiscoveryFetched.Id, events);
        Assert.Contains(CareConnectDiagnostics.TokenAcquired.Id, events);
        Assert.Contains(CareConnectDiagnostics.UnauthorizedRetried.Id, events);
        Assert.Contains(CareConnectDiagnostics.TokenRenewalFailed.Id, events);

        var everything = string.Join("\n", logs.Entries.Select(e => e.Message).Concat(mine.SelectMany(a => a.Tags.Select(t => t.Key + "=" + t.Value)))
            .Concat(mine.Select(a => a.StatusDescription ?? string.Empty)));
        var issued = _server.Requests.Where(r => r.Path.Contains(tenant.ToString(), StringComparison.Ordinal) && r.Headers.TryGetValue("Authorization", out var h) && h.StartsWith("Bearer ", StringComparison.Ordinal)).Select(r => r.Headers["Authorization"][7..]).Distinct().ToList();
        Assert.Equal(2, issued.Count);
        var leaked = issued.Concat(new[] { "OTEL-SECRET", "Patient/4242", "Jane", "patient 123", tenant + "/Patient" }).Where(f => everything.Contains(f, StringComparison.Ordinal)).ToList();
        Assert.True(leaked.Count == 0, "leaked: " + string.Join(", ", leaked) + "\n" + everything);
    }
}

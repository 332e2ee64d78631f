using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Netsmart.CareConnect.Tests.Infrastructure;

namespace Netsmart.CareConnect.Tests.Integration;

/// <summary>A vendor serving several agencies: one named client per tenant registration.</summary>
[Collection(ServerCollection.Name)]
public sealed class MultiTenantTests
{
    private readonly FakeCareConnectServer _server;

    public MultiTenantTests(ServerFixture fixture)
    {
        _server = fixture.Server;
        _server.TokenLifetimeSeconds = 300;
    }

    private ServiceProvider Build(IConfiguration configuration, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_server.Clock);
        services.AddLogging();
        services.AddCareConnectClients(configuration);
        more?.Invoke(services);
        services.AddHttpClient(CareConnectServiceCollectionExtensions.BackchannelClientName).ConfigurePrimaryHttpMessageHandler(_server.CreateHandler);
        services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(_server.CreateHandler));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private Dictionary<string, string?> Agency(string name, Guid tenant, string clientId, string api = "ProviderSystemAccess") => new()
    {
        ["CareConnect:Clients:" + name + ":TenantId"] = tenant.ToString(),
        ["CareConnect:Clients:" + name + ":Api"] = api,
        ["CareConnect:Clients:" + name + ":ClientId"] = clientId,
        ["CareConnect:Clients:" + name + ":Scope"] = "system/Patient.rs",
        ["CareConnect:Clients:" + name + ":Origin"] = _server.Origin.AbsoluteUri,
        ["CareConnect:Clients:" + name + ":TrustedHosts:0"] = "127.0.0.1",
    };

    private static IConfigurationRoot Config(params Dictionary<string, string?>[] parts) =>
        new ConfigurationBuilder().AddInMemoryCollection(parts.SelectMany(p => p)).Build();

    [Fact]
    public async Task Two_agencies_each_use_their_own_client_id_token_endpoint_and_tenant_base()
    {
        var tenantA = Guid.NewGuid();
        var tenantB = Guid.NewGuid();
        var idA = "agency-a-" + Guid.NewGuid().ToString("N");
        var idB = "agency-b-" + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(idA, "secret-a", tenantA, CareConnectApi.ProviderSystemAccess);
        _server.RegisterKeyClient(idB, TestKeys.RsaPublic(), tenantB, CareConnectApi.ProviderSystemAccess);
        var a = Agency("agency-a", tenantA, idA);
        a["CareConnect:Clients:agency-a:ClientSecret"] = "secret-a";
        var b = Agency("agency-b", tenantB, idB);
        b["CareConnect:Clients:agency-b:PrivateKeyJwk"] = TestKeys.RsaPrivateJwk();
        await using var sp = Build(Config(a, b));
        sp.GetRequiredService<IStartupValidator>().Validate();
        var clients = sp.GetRequiredService<ICareConnectClientFactory>();

        Assert.Equal(new[] { "agency-a", "agency-b" }, clients.Names.OrderBy(n => n));
        using (var http = clients.GetClient("agency-a").CreateHttpClient())
        using (var response = await http.GetAsync("Patient/1"))
        {
            await response.EnsureCareConnectSuccessAsync();
        }

        var fromFactory = sp.GetRequiredService<IHttpClientFactory>().CreateClient(CareConnectServiceCollectionExtensions.GetHttpClientName("agency-b"));
        Assert.Equal(_server.Origin.AbsoluteUri + "provider/system-access/v2/" + tenantB + "/", fromFactory.BaseAddress!.AbsoluteUri);
        using (var response = await fromFactory.GetAsync("Patient/2"))
        {
            await response.EnsureCareConnectSuccessAsync();
        }

        var tokenA = _server.Requests.Single(r => r.ClientId == idA);
        var tokenB = _server.Requests.Single(r => r.ClientId == idB);
        Assert.Equal("/auth/" + tenantA + "/oauth2/v1/token", tokenA.Path);
        Assert.StartsWith("Basic ", tokenA.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Equal("/auth/" + tenantB + "/oauth2/v1/token", tokenB.Path);
        Assert.True(tokenB.Form!.ContainsKey("client_assertion"));
        Assert.Same(clients.GetClient("agency-b"), clients.GetByTenant(tenantB));
        Assert.Equal(idA, clients.GetByTenant(tenantA, CareConnectApi.ProviderSystemAccess).ClientId);
        Assert.NotSame(clients.GetClient("agency-a").TokenProvider, clients.GetClient("agency-b").TokenProvider);
    }

    [Fact]
    public async Task Unknown_names_and_tenants_are_reported_clearly()
    {
        var tenant = Guid.NewGuid();
        var a = Agency("agency-a", tenant, "c");
        a["CareConnect:Clients:agency-a:ClientSecret"] = "s";
        await using var sp = Build(Config(a));
        var clients = sp.GetRequiredService<ICareConnectClientFactory>();
        var other = Guid.Parse("6f1c1a53-2d36-4c1c-9a57-1c2f0a4d5e6f");

        var byName = Assert.Throws<InvalidOperationException>(() => clients.GetClient("agency-z"));
        var byTenant = Assert.Throws<InvalidOperationException>(() => clients.GetByTenant(other));

        Assert.Equal("No CareConnect client named 'agency-z' is registered (registered: 'agency-a'). Register it with services.AddCareConnect(\"agency-z\", …).", byName.Message);
        Assert.Equal("No CareConnect client is registered for tenant 6f1c1a53-2d36-4c1c-9a57-1c2f0a4d5e6f (registered: 'agency-a').", byTenant.Message);
        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddCareConnect("x", o => { }).Services.AddCareConnect("x", o => { }));
    }

    [Fact]
    public async Task A_rotated_secret_is_used_by_the_next_token_request_and_the_cached_token_stays_in_use()
    {
        var tenant = Guid.NewGuid();
        var clientId = "rotate-" + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(clientId, "old-secret", tenant, CareConnectApi.ProviderSystemAccess);
        var a = Agency("agency-a", tenant, clientId);
        a["CareConnect:Clients:agency-a:ClientSecret"] = "old-secret";
        var configuration = Config(a);
        await using var sp = Build(configuration);
        var client = sp.GetRequiredService<ICareConnectClientFactory>().GetClient("agency-a");
        var first = await client.TokenProvider.GetTokenAsync(CancellationToken.None);

        // The secret is rotated in the portal and in configuration; the old one no longer works.
        _server.RegisterSecretClient(clientId, "new-secret", tenant, CareConnectApi.ProviderSystemAccess);
        configuration["CareConnect:Clients:agency-a:ClientSecret"] = "new-secret";
        configuration.Reload();

        Assert.Same(first, await client.TokenProvider.GetTokenAsync(CancellationToken.None));
        Assert.Equal(1, _server.TokenRequestCount(clientId));
        _server.Clock.Advance(TimeSpan.FromSeconds(300));
        var second = await client.TokenProvider.GetTokenAsync(CancellationToken.None);

        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal(2, _server.TokenRequestCount(clientId));
        var basic = _server.Requests.Last(r => r.ClientId == clientId).Headers["Authorization"];
        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(clientId + ":new-secret")), basic);
    }

    [Fact]
    public async Task Validation_names_the_client_and_differs_for_backend_and_user_app()
    {
        var tenant = Guid.NewGuid();
        var backend = Agency("agency-a", tenant, "backend-client");
        var app = Agency("patient-app", tenant, "public-client", "ProviderPatientAccess");
        app["CareConnect:Clients:patient-app:AppKind"] = "UserApp";
        app["CareConnect:Clients:patient-app:RedirectUri"] = "https://app.example.com/smart/redirect";
        app["CareConnect:Clients:patient-app:Scope"] = "launch/patient openid fhirUser patient/Patient.rs";
        var wrongApp = Agency("wrong-app", tenant, "other", "ProviderSystemAccess");
        wrongApp["CareConnect:Clients:wrong-app:AppKind"] = "UserApp";
        await using var sp = Build(Config(backend, app, wrongApp));

        // Several invalid names: one OptionsValidationException per name.
        var ex = Assert.Throws<AggregateException>(() => sp.GetRequiredService<IStartupValidator>().Validate());
        var failures = ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).ToList();

        Assert.Equal(
            new[]
            {
                "CareConnect client 'agency-a': ClientSecret or PrivateKeyJwk/PrivateKeyPem is required for the backend (client_credentials) token.",
                "CareConnect client 'wrong-app': RedirectUri is missing: a UserApp needs the redirect URI registered for it in the developer portal.",
                "CareConnect client 'wrong-app': Api ProviderSystemAccess is a System Access API; a UserApp uses ProviderPatientAccess or PayerPatientAccess.",
            },
            failures);

        // The public patient app (no secret) is valid on its own.
        var patientApp = sp.GetRequiredService<IOptionsMonitor<CareConnectOptions>>().Get("patient-app");
        Assert.Equal(CareConnectAppKind.UserApp, patientApp.AppKind);
        var client = sp.GetRequiredService<ICareConnectClientFactory>().GetClient("patient-app");
        Assert.Equal(ClientAuthenticationMethod.None, client.GetCredentials().Method);
        Assert.Equal("CareConnect client 'patient-app' is a UserApp: its tokens come from the authorization code flow, not from client_credentials; pass the user's token provider to CreateHttpClient.",
            Assert.Throws<InvalidOperationException>(() => client.TokenProvider).Message);
    }

    [Fact]
    public async Task A_client_configured_in_code_serves_a_typed_client()
    {
        var tenant = Guid.NewGuid();
        var clientId = "typed-" + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(clientId, "typed-secret", tenant, CareConnectApi.ProviderSystemAccess);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_server.Clock);
        services.AddCareConnect("agency-c", o =>
        {
            o.TenantId = tenant.ToString();
            o.ClientId = clientId;
            o.ClientSecret = "typed-secret";
            o.Scope = "system/Patient.rs";
            o.Origin = _server.Origin.AbsoluteUri;
            o.TrustedHosts = new[] { "127.0.0.1" };
        }).ConfigurePrimaryHttpMessageHandler(_server.CreateHandler).AddTypedClient<AgencyApi>();
        services.AddHttpClient(CareConnectServiceCollectionExtensions.BackchannelClientName).ConfigurePrimaryHttpMessageHandler(_server.CreateHandler);
        await using var sp = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        sp.GetRequiredService<IStartupValidator>().Validate();

        var api = sp.GetRequiredService<AgencyApi>();
        using var response = await api.Http.GetAsync("Patient/9");

        await response.EnsureCareConnectSuccessAsync();
        Assert.Equal(_server.Origin.AbsoluteUri + "provider/system-access/v2/" + tenant + "/Patient/9", response.RequestMessage!.RequestUri!.AbsoluteUri);
        Assert.Equal(1, _server.TokenRequestCount(clientId));
    }

    public sealed class AgencyApi
    {
        public AgencyApi(HttpClient http) => Http = http;

        public HttpClient Http { get; }
    }

    [Fact]
    public async Task The_backchannel_does_not_follow_redirects_and_has_a_timeout()
    {
        var services = new ServiceCollection();
        services.AddCareConnect("agency-a", o => { });
        await using var sp = services.BuildServiceProvider();

        var backchannel = sp.GetRequiredService<IHttpClientFactory>().CreateClient(CareConnectServiceCollectionExtensions.BackchannelClientName);
        HttpMessageHandler handler = sp.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(CareConnectServiceCollectionExtensions.BackchannelClientName);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        Assert.Equal(TimeSpan.FromSeconds(30), backchannel.Timeout);

        // The library's own back-channel handler (CareConnectBackchannel.CreateHandler), not a second mechanism.
        var allow = handler switch
        {
            SocketsHttpHandler sockets => sockets.AllowAutoRedirect,
            HttpClientHandler classic => classic.AllowAutoRedirect,
            _ => throw new InvalidOperationException(handler.GetType().Name),
        };
        Assert.False(allow);
        Assert.Equal(CareConnectBackchannel.CreateHandler().GetType(), handler.GetType());
    }

    [Fact]
    public async Task A_named_backend_client_has_the_token_managers_failure_behaviour_and_its_log_events()
    {
        var tenant = Guid.NewGuid();
        var clientId = "named-outage-" + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(clientId, "s", tenant, CareConnectApi.ProviderSystemAccess);
        var a = Agency("agency-a", tenant, clientId);
        a["CareConnect:Clients:agency-a:ClientSecret"] = "s";
        var logs = new CapturingLoggerProvider();
        await using var sp = Build(Config(a), services => services.AddLogging(b => b.AddProvider(logs)));
        var tokens = sp.GetRequiredService<ICareConnectClientFactory>().GetClient("agency-a").TokenProvider;
        _server.TokenOutageStatus = 503;
        try
        {
            var callers = Enumerable.Range(0, 8).Select(_ => tokens.GetTokenAsync(CancellationToken.None)).ToArray();
            foreach (var caller in callers)
            {
                await Assert.ThrowsAsync<CareConnectException>(() => caller);
            }

            // Single flight, then the shared failure within the backoff: one request in all.
            var again = await Assert.ThrowsAsync<CareConnectException>(() => tokens.GetTokenAsync(CancellationToken.None));
            Assert.True(again.IsTransient);
            Assert.Equal(1, _server.TokenRequestCount(clientId));
        }
        finally
        {
            _server.TokenOutageStatus = null;
        }

        _server.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.NotNull(await tokens.GetTokenAsync(CancellationToken.None));
        Assert.Equal(2, _server.TokenRequestCount(clientId));
        var events = logs.Entries.Where(e => e.Category == typeof(ClientCredentialsTokenProvider).FullName).Select(e => e.EventId.Id).ToList();
        Assert.Equal(new[] { CareConnectDiagnostics.TokenRenewalFailed.Id, CareConnectDiagnostics.TokenAcquired.Id }, events);
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Through_DI_a_redirecting_token_endpoint_never_gets_the_secret_posted_again(int status)
    {
        var tenant = Guid.NewGuid();
        var clientId = "di-redirect-" + status + "-" + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(clientId, "di-secret", tenant, CareConnectApi.ProviderSystemAccess);
        _server.RedirectTokenEndpoint(tenant, status, _server.Origin.AbsoluteUri + "elsewhere/token");
        var a = Agency("agency-a", tenant, clientId);
        a["CareConnect:Clients:agency-a:ClientSecret"] = "di-secret";
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_server.Clock);
        services.AddCareConnectClients(Config(a));
        services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(_server.CreateHandler));

        // Keep the library's back-channel handler; only let it trust the test server's certificate.
        var thumbprint = _server.Certificate.GetCertHashString();
        services.AddHttpClient(CareConnectServiceCollectionExtensions.BackchannelClientName).ConfigurePrimaryHttpMessageHandler((handler, _) =>
        {
            switch (handler)
            {
                case SocketsHttpHandler sockets:
                    sockets.SslOptions = new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, c, _, _) => c is not null && c.GetCertHashString() == thumbprint };
                    break;
                case HttpClientHandler classic:
                    classic.ServerCertificateCustomValidationCallback = (_, c, _, _) => c is not null && c.GetCertHashString() == thumbprint;
                    break;
            }
        });
        await using var sp = services.BuildServiceProvider();
        var client = sp.GetRequiredService<ICareConnectClientFactory>().GetClient("agency-a");

        var ex = await Assert.ThrowsAsync<CareConnectException>(() => client.TokenProvider.GetTokenAsync(CancellationToken.None));
        using (var http = client.CreateHttpClient())
        {
            await Assert.ThrowsAsync<CareConnectException>(() => http.GetAsync("Patient/1"));
        }

        Assert.StartsWith("The token endpoint answered " + status + " (a redirect); token requests never follow redirects", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.TokenRequestCount(clientId));
        Assert.DoesNotContain(_server.Requests, r => r.Path.StartsWith("/elsewhere", StringComparison.Ordinal) && r.ClientId == clientId);
        Assert.DoesNotContain(_server.Requests, r => r.Path.StartsWith("/provider/system-access/v2/" + tenant + "/Patient", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_with_agency_As_client_to_agency_Bs_base_is_refused_and_nothing_is_sent()
    {
        var tenantA = Guid.NewGuid();
        var tenantB = Guid.NewGuid();
        var idA = "cross-a-" + Guid.NewGuid().ToString("N");
        var idB = "cross-b-" + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(idA, "secret-a", tenantA, CareConnectApi.ProviderSystemAccess);
        _server.RegisterSecretClient(idB, "secret-b", tenantB, CareConnectApi.ProviderSystemAccess);
        var a = Agency("agency-a", tenantA, idA);
        a["CareConnect:Clients:agency-a:ClientSecret"] = "secret-a";
        var b = Agency("agency-b", tenantB, idB);
        b["CareConnect:Clients:agency-b:ClientSecret"] = "secret-b";
        await using var sp = Build(Config(a, b), services => services.AddHttpClient<AgencyApi>().AddCareConnectAuthentication("agency-a"));
        var clients = sp.GetRequiredService<ICareConnectClientFactory>();
        var baseB = clients.GetClient("agency-b").FhirBaseUri.AbsoluteUri;

        using (var http = clients.GetClient("agency-a").CreateHttpClient())
        {
            var ex = await Assert.ThrowsAsync<CareConnectException>(() => http.GetAsync(baseB + "/Patient/1"));
            Assert.StartsWith("Refused to send a request to ", ex.Message, StringComparison.Ordinal);
        }

        var named = sp.GetRequiredService<IHttpClientFactory>().CreateClient(CareConnectServiceCollectionExtensions.GetHttpClientName("agency-a"));
        await Assert.ThrowsAsync<CareConnectException>(() => named.GetAsync(baseB + "/Patient/1"));
        var typed = sp.GetRequiredService<AgencyApi>();
        await Assert.ThrowsAsync<CareConnectException>(() => typed.Http.GetAsync(baseB + "/Patient/1"));

        Assert.Equal(0, _server.TokenRequestCount(idA));
        Assert.DoesNotContain(_server.Requests, r => r.Path.StartsWith("/provider/system-access/v2/" + tenantB, StringComparison.Ordinal));

        // The typed client's own tenant works.
        using var own = await typed.Http.GetAsync(clients.GetClient("agency-a").FhirBaseUri.AbsoluteUri + "/Patient/1");
        await own.EnsureCareConnectSuccessAsync();
        Assert.Equal(1, _server.TokenRequestCount(idA));
    }
}

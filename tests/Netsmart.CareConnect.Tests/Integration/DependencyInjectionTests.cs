using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Netsmart.CareConnect.Tests.Infrastructure;

namespace Netsmart.CareConnect.Tests.Integration;

[Collection(ServerCollection.Name)]
public sealed class DependencyInjectionTests
{
    private readonly FakeCareConnectServer _server;

    public DependencyInjectionTests(ServerFixture fixture)
    {
        _server = fixture.Server;
        _server.TokenLifetimeSeconds = 300;
    }

    private ServiceProvider Build(Dictionary<string, string?> settings, CapturingLoggerProvider? logs = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_server.Clock);
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                b.AddProvider(logs);
            }
        });
        services.AddCareConnect(configuration);
        services.AddHttpClient(CareConnectServiceCollectionExtensions.BackchannelClientName).ConfigurePrimaryHttpMessageHandler(_server.CreateHandler);
        services.AddCareConnectHttpClient().ConfigurePrimaryHttpMessageHandler(_server.CreateHandler);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private Dictionary<string, string?> Settings(Guid tenant, string clientId) => new()
    {
        ["CareConnect:TenantId"] = tenant.ToString(),
        ["CareConnect:Environment"] = "Preview",
        ["CareConnect:Api"] = "ProviderSystemAccess",
        ["CareConnect:ClientId"] = clientId,
        ["CareConnect:Scope"] = "system/Patient.rs",
        ["CareConnect:Origin"] = _server.Origin.AbsoluteUri,
        ["CareConnect:TrustedHosts:0"] = "127.0.0.1",
    };

    [Fact]
    public async Task Configuration_bound_client_secret_client_reads_a_patient_through_discovery()
    {
        var tenant = Guid.NewGuid();
        var clientId = "di-secret-" + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(clientId, "DI-SECRET-VALUE", tenant, CareConnectApi.ProviderSystemAccess);
        var settings = Settings(tenant, clientId);
        settings["CareConnect:ClientSecret"] = "DI-SECRET-VALUE";
        var logs = new CapturingLoggerProvider();
        await using var sp = Build(settings, logs);
        sp.GetRequiredService<IStartupValidator>().Validate();

        var registeredTenant = sp.GetRequiredService<CareConnectTenant>();
        Assert.Equal(CareConnectEnvironment.Preview, registeredTenant.Environment);
        Assert.Equal(tenant, registeredTenant.Id);
        var client = sp.GetRequiredService<IHttpClientFactory>().CreateClient(CareConnectServiceCollectionExtensions.DefaultClientName);
        Assert.Equal(_server.Origin.AbsoluteUri + "provider/system-access/v2/" + tenant + "/", client.BaseAddress!.AbsoluteUri);

        using var response = await client.GetAsync("Patient/55");
        await response.EnsureCareConnectSuccessAsync();

        var paths = _server.Requests.Where(r => r.Path.Contains(tenant.ToString(), StringComparison.Ordinal)).Select(r => r.Method + " " + r.Path).ToList();
        Assert.Equal(
            new[]
            {
                "GET /provider/system-access/v2/" + tenant + "/.well-known/smart-configuration",
                "POST /auth/" + tenant + "/oauth2/v1/token",
                "GET /provider/system-access/v2/" + tenant + "/Patient/55",
            },
            paths);
        var token = await sp.GetRequiredService<ICareConnectTokenProvider>().GetTokenAsync(CancellationToken.None);
        var all = string.Join("\n", logs.Messages);
        Assert.Contains("CareConnect token acquired for client " + clientId + " (ClientSecretBasic)", all, StringComparison.Ordinal);
        Assert.DoesNotContain("DI-SECRET-VALUE", all, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Token, all, StringComparison.Ordinal);
        Assert.DoesNotContain("DI-SECRET-VALUE", sp.GetRequiredService<IOptions<CareConnectOptions>>().Value.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_bound_private_key_jwk_client_gets_a_token()
    {
        var tenant = Guid.NewGuid();
        var clientId = "di-jwk-" + Guid.NewGuid().ToString("N");
        _server.RegisterKeyClient(clientId, TestKeys.RsaPublic(), tenant, CareConnectApi.ProviderSystemAccess);
        var settings = Settings(tenant, clientId);
        settings["CareConnect:PrivateKeyJwk"] = TestKeys.RsaPrivateJwk();
        settings["CareConnect:UseDiscovery"] = "false";
        await using var sp = Build(settings);
        sp.GetRequiredService<IStartupValidator>().Validate();

        var token = await sp.GetRequiredService<ICareConnectTokenProvider>().GetTokenAsync(CancellationToken.None);

        Assert.Equal("system/Patient.rs", token.Scope);
        Assert.DoesNotContain(_server.Requests, r => r.Path.Contains(tenant.ToString(), StringComparison.Ordinal) && r.Path.EndsWith("smart-configuration", StringComparison.Ordinal));
        Assert.Equal(1, _server.TokenRequestCount(clientId));
    }

#if CARECONNECT_NETSTANDARD
    [Fact]
    public async Task Pem_keys_are_refused_on_netstandard_with_a_pointer_to_jwk()
    {
        var settings = Settings(Guid.NewGuid(), "c");
        settings["CareConnect:PrivateKeyPem"] = TestKeys.RsaPrivatePem();
        settings["CareConnect:KeyId"] = "pem-kid";
        await using var sp = Build(settings);

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal("CareConnect:the private key cannot be used: PEM keys need .NET 8 or later; on .NET Framework use PrivateKeyJwk.", Assert.Single(ex.Failures));
    }
#else
    [Fact]
    public async Task Configuration_bound_private_key_pem_client_gets_a_token()
    {
        var tenant = Guid.NewGuid();
        var clientId = "di-pem-" + Guid.NewGuid().ToString("N");
        _server.RegisterKeyClient(clientId, TestKeys.RsaPublic("pem-kid"), tenant, CareConnectApi.ProviderSystemAccess);
        var settings = Settings(tenant, clientId);
        settings["CareConnect:PrivateKeyPem"] = TestKeys.RsaPrivatePem();
        settings["CareConnect:KeyId"] = "pem-kid";
        await using var sp = Build(settings);
        sp.GetRequiredService<IStartupValidator>().Validate();

        var token = await sp.GetRequiredService<ICareConnectTokenProvider>().GetTokenAsync(CancellationToken.None);

        Assert.StartsWith("at-", token.Token, StringComparison.Ordinal);
    }
#endif

    [Fact]
    public async Task A_poisoned_discovery_document_stops_the_client_before_credentials_leave()
    {
        var clientId = "di-poison-" + Guid.NewGuid().ToString("N");
        var settings = Settings(FakeCareConnectServer.PoisonedTenant, clientId);
        settings["CareConnect:ClientSecret"] = "s";
        await using var sp = Build(settings);
        var client = sp.GetRequiredService<IHttpClientFactory>().CreateClient(CareConnectServiceCollectionExtensions.DefaultClientName);

        var ex = await Assert.ThrowsAsync<CareConnectDiscoveryException>(() => client.GetAsync("Patient/1"));

        Assert.Equal(CareConnectDiscoveryFailure.UntrustedEndpoint, ex.Failure);
        Assert.Equal(0, _server.TokenRequestCount(clientId));
    }

    [Fact]
    public async Task Without_discovery_the_template_token_endpoint_is_used_and_the_fallback_is_logged()
    {
        var tenant = FakeCareConnectServer.NoDiscoveryTenant;
        var clientId = "di-fallback-" + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(clientId, "s", tenant, CareConnectApi.ProviderSystemAccess);
        var settings = Settings(tenant, clientId);
        settings["CareConnect:ClientSecret"] = "s";
        var logs = new CapturingLoggerProvider();
        await using var sp = Build(settings, logs);

        await sp.GetRequiredService<ICareConnectTokenProvider>().GetTokenAsync(CancellationToken.None);

        Assert.Equal(1, _server.TokenRequestCount(clientId));
        Assert.Contains(
            "Netsmart.CareConnect.SmartDiscoveryClient: CareConnect SMART discovery for " + _server.Origin.AbsoluteUri + "provider/system-access/v2/" + tenant + " failed (Unavailable); using the documented template endpoints.",
            logs.Messages);
    }

    [Fact]
    public async Task Template_fallback_can_be_switched_off()
    {
        var clientId = "di-nofallback-" + Guid.NewGuid().ToString("N");
        var settings = Settings(FakeCareConnectServer.NoDiscoveryTenant, clientId);
        settings["CareConnect:ClientSecret"] = "s";
        settings["CareConnect:AllowTemplateFallback"] = "false";
        await using var sp = Build(settings);

        var ex = await Assert.ThrowsAsync<CareConnectDiscoveryException>(() => sp.GetRequiredService<ICareConnectTokenProvider>().GetTokenAsync(CancellationToken.None));

        Assert.Equal(CareConnectDiscoveryFailure.Unavailable, ex.Failure);
        Assert.Equal(0, _server.TokenRequestCount(clientId));
    }

    [Fact]
    public async Task Start_up_validation_lists_every_problem_clearly()
    {
        await using var sp = Build(new Dictionary<string, string?>
        {
            ["CareConnect:TenantId"] = "../../uscore/v1",
            ["CareConnect:ClientSecret"] = "SECRET-NOT-SHOWN",
            ["CareConnect:PrivateKeyJwk"] = "{\"kty\":\"RSA\"}",
            ["CareConnect:Origin"] = "http://localhost",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            new[]
            {
                "CareConnect:TenantId '../../uscore/v1' is not a tenant UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).",
                "CareConnect:ClientId is missing: set it to the client id of the application registered for this tenant in the new developer portal (v1 client ids do not work with v2).",
                "CareConnect:set either ClientSecret (client_secret_basic) or a private key (private_key_jwt), not both.",
                "CareConnect:Scope is missing: list the system scopes to request, for example \"system/Patient.rs system/Observation.rs\".",
                "CareConnect:Origin must be an https origin without path, for example https://fhir.example.org.",
            },
            ex.Failures);
        Assert.DoesNotContain("SECRET-NOT-SHOWN", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_settings_and_unusable_keys_are_reported_without_key_material()
    {
        await using (var sp = Build(new Dictionary<string, string?>()))
        {
            var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());
            Assert.Equal("CareConnect:TenantId is missing: set it to the tenant UUID shown under Tenant Authorization in the developer portal.", ex.Failures.First());
            Assert.Contains("CareConnect:ClientSecret or PrivateKeyJwk/PrivateKeyPem is required for the backend (client_credentials) token.", ex.Failures);
        }

        var settings = Settings(Guid.NewGuid(), "c");
        settings["CareConnect:PrivateKeyPem"] = "-----BEGIN PRIVATE KEY-----\nNOT-A-KEY-MATERIAL\n-----END PRIVATE KEY-----";
        settings["CareConnect:KeyId"] = "k";
        await using (var sp = Build(settings))
        {
            var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());
#if CARECONNECT_NETSTANDARD
            Assert.Equal("CareConnect:the private key cannot be used: PEM keys need .NET 8 or later; on .NET Framework use PrivateKeyJwk.", Assert.Single(ex.Failures));
#else
            Assert.Equal("CareConnect:the private key cannot be used: the key material could not be read.", Assert.Single(ex.Failures));
#endif
        }

        settings = Settings(Guid.NewGuid(), "c");
        settings["CareConnect:PrivateKeyJwk"] = TestKeys.RsaPrivateJwk(kid: "");
        settings["CareConnect:SigningAlgorithm"] = "RS256";
        await using (var sp = Build(settings))
        {
            var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());
            Assert.Equal("CareConnect:the private key cannot be used: SMART client assertions are signed with RS384 or ES384, not 'RS256'.", Assert.Single(ex.Failures));
            Assert.DoesNotContain("\"d\"", ex.Message, StringComparison.Ordinal);
        }
    }
}

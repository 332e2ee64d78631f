using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Netsmart.CareConnect.Tests.Infrastructure;

namespace Netsmart.CareConnect.Tests.Integration;

/// <summary>client_secret_post beside Basic (chosen from discovery unless set), and the jku header of private_key_jwt.</summary>
[Collection(ServerCollection.Name)]
public sealed class ClientAuthenticationInteropTests
{
    private readonly FakeCareConnectServer _server;

    public ClientAuthenticationInteropTests(ServerFixture fixture)
    {
        _server = fixture.Server;
        _server.TokenLifetimeSeconds = 300;
    }

    private ServiceProvider Build(Guid tenant, string clientId, Dictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["CareConnect:Clients:agency-a:TenantId"] = tenant.ToString(),
            ["CareConnect:Clients:agency-a:ClientId"] = clientId,
            ["CareConnect:Clients:agency-a:Scope"] = "system/Patient.rs",
            ["CareConnect:Clients:agency-a:Origin"] = _server.Origin.AbsoluteUri,
            ["CareConnect:Clients:agency-a:TrustedHosts:0"] = "127.0.0.1",
        };
        foreach (var pair in extra)
        {
            settings["CareConnect:Clients:agency-a:" + pair.Key] = pair.Value;
        }

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_server.Clock);
        services.AddCareConnectClients(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddHttpClient(CareConnectServiceCollectionExtensions.BackchannelClientName).ConfigurePrimaryHttpMessageHandler(_server.CreateHandler);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static Task<CareConnectAccessToken> TokenAsync(ServiceProvider sp) =>
        sp.GetRequiredService<ICareConnectClientFactory>().GetClient("agency-a").TokenProvider.GetTokenAsync(CancellationToken.None);

    [Fact]
    public async Task A_server_that_lists_only_client_secret_post_gets_the_secret_in_the_form()
    {
        var clientId = "post-" + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(clientId, "post-secret", FakeCareConnectServer.PostOnlyTenant, CareConnectApi.ProviderSystemAccess);
        await using var sp = Build(FakeCareConnectServer.PostOnlyTenant, clientId, new() { ["ClientSecret"] = "post-secret" });

        await TokenAsync(sp);

        var request = _server.Requests.Single(r => r.ClientId == clientId);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.Equal(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = "post-secret", ["scope"] = "system/Patient.rs" }, request.Form);
    }

    [Fact]
    public async Task The_explicit_method_wins_over_discovery()
    {
        var tenant = Guid.NewGuid();
        var postId = "explicit-post-" + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(postId, "s1", tenant, CareConnectApi.ProviderSystemAccess);
        await using (var sp = Build(tenant, postId, new() { ["ClientSecret"] = "s1", ["TokenEndpointAuthMethod"] = "client_secret_post" }))
        {
            await TokenAsync(sp);
        }

        var basicId = "explicit-basic-" + Guid.NewGuid().ToString("N");
        _server.RegisterSecretClient(basicId, "s2", FakeCareConnectServer.PostOnlyTenant, CareConnectApi.ProviderSystemAccess);
        await using (var sp = Build(FakeCareConnectServer.PostOnlyTenant, basicId, new() { ["ClientSecret"] = "s2", ["TokenEndpointAuthMethod"] = "client_secret_basic" }))
        {
            var ex = await Assert.ThrowsAsync<CareConnectException>(() => TokenAsync(sp));
            Assert.Equal("invalid_client", ex.OAuthError);
        }

        Assert.Equal("s1", _server.Requests.Single(r => r.ClientId == postId).Form!["client_secret"]);
        var basic = _server.Requests.Single(r => r.ClientId == basicId);
        Assert.StartsWith("Basic ", basic.Headers["Authorization"], StringComparison.Ordinal);
        Assert.False(basic.Form!.ContainsKey("client_secret"));
    }

    [Fact]
    public async Task Private_key_jwt_assertions_carry_the_registered_jku()
    {
        var tenant = Guid.NewGuid();
        var clientId = "jku-" + Guid.NewGuid().ToString("N");
        var jwks = new Uri("https://vendor.example.com/.well-known/jwks.json");
        _server.RegisterKeyClient(clientId, TestKeys.RsaPublic(), tenant, CareConnectApi.ProviderSystemAccess, jwks);
        await using var sp = Build(tenant, clientId, new() { ["PrivateKeyJwk"] = TestKeys.RsaPrivateJwk(), ["JwksUrl"] = jwks.AbsoluteUri });

        await TokenAsync(sp);

        var assertion = new JsonWebToken(_server.Requests.Single(r => r.ClientId == clientId).Form!["client_assertion"]);
        Assert.True(assertion.TryGetHeaderValue<string>("jku", out var jku));
        Assert.Equal(jwks.AbsoluteUri, jku);
        Assert.Equal("rsa-key-1", assertion.Kid);
    }

    [Fact]
    public async Task Wrong_method_and_jku_settings_are_reported_at_start_up()
    {
        await using var sp = Build(Guid.NewGuid(), "c", new() { ["ClientSecret"] = "s", ["TokenEndpointAuthMethod"] = "private_key_jwt", ["JwksUrl"] = "http://vendor.example.com/jwks" });

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            new[]
            {
                "CareConnect client 'agency-a': TokenEndpointAuthMethod must be client_secret_basic or client_secret_post (private_key_jwt follows from a private key).",
                "CareConnect client 'agency-a': JwksUrl must be the absolute https URL of the JWKS registered for the client.",
            },
            ex.Failures);
        Assert.Throws<ArgumentException>(() => CareConnectClientCredentials.ClientSecret("c", "s", ClientAuthenticationMethod.None));
    }
}

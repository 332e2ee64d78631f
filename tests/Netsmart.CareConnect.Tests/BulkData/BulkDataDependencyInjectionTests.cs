using Microsoft.Extensions.DependencyInjection;
using Netsmart.CareConnect.BulkData;
using Task = System.Threading.Tasks.Task;

namespace Netsmart.CareConnect.Tests.BulkData;

/// <summary>A registered backend client hands out a Bulk Data client: no hand-wiring of HttpClient, tenant, policy or tokens.</summary>
public sealed class BulkDataDependencyInjectionTests
{
    private static ServiceProvider Build(FakeBulkDataServer server, TimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddCareConnect("bulk-agency", o =>
        {
            o.TenantId = server.TenantId.ToString();
            o.Origin = server.Origin.AbsoluteUri;
            o.ClientId = FakeBulkDataServer.ClientId;
            o.ClientSecret = FakeBulkDataServer.ClientSecret;
            o.Scope = "system/*.rs";
            o.UseDiscovery = false;
            o.TrustedHosts = new[] { "127.0.0.1", "127.0.0.2" };
        });
        services.AddHttpClient(CareConnectServiceCollectionExtensions.BackchannelClientName).ConfigurePrimaryHttpMessageHandler(server.CreateHandler);
        services.AddHttpClient(CareConnectServiceCollectionExtensions.BulkDataHttpClientName).ConfigurePrimaryHttpMessageHandler(server.CreateHandler);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    [Fact]
    public async Task A_named_backend_client_creates_a_bulk_data_client_on_its_tenant_policy_and_token_manager()
    {
        var clock = new RecordingTimeProvider();
        await using var server = await FakeBulkDataServer.StartAsync(clock);
        server.Script = new[] { StatusStep.Accepted, StatusStep.Complete };
        await using var sp = Build(server, clock);
        var client = sp.GetRequiredService<ICareConnectClientFactory>().GetClient("bulk-agency");

        var bulk = client.CreateBulkDataClient(o => o.MaxPollInterval = TimeSpan.FromSeconds(30));
        var manifest = await (await bulk.StartExportAsync(new BulkExportRequest())).WaitForCompletionAsync();
        var lines = 0;
        await foreach (var _ in bulk.ReadLinesAsync(manifest, manifest.Output[0]))
        {
            lines++;
        }

        Assert.Equal(client.Tenant, bulk.Tenant);
        Assert.Same(client.HostPolicy, bulk.Options.HostPolicy);
        Assert.Same(clock, bulk.Options.TimeProvider);
        Assert.Equal(CareConnectApi.ProviderSystemAccess, bulk.Options.Api);
        Assert.Equal(TimeSpan.FromSeconds(30), bulk.Options.MaxPollInterval);
        Assert.Equal(3, lines);

        // One token from the client's own (cached) token manager serves kick-off, polls and the own-origin file.
        var bearer = server.Requests.Where(r => r.Authorization is not null).Select(r => r.Authorization).Distinct().ToList();
        Assert.Equal(1, server.Requests.Count(r => r.Path.EndsWith("/oauth2/v1/token", StringComparison.Ordinal)));
        var token = await client.TokenProvider.GetTokenAsync(CancellationToken.None);
        Assert.Contains("Bearer " + token.Token, bearer);
        Assert.Equal("Bearer " + token.Token, server.Requests.Single(r => r.Path.EndsWith("/Patient.ndjson", StringComparison.Ordinal)).Authorization);
        Assert.False(bulk.SendsTokenFor(manifest, manifest.Output[1].Url));
    }

    [Fact]
    public async Task A_user_app_has_no_bulk_data_client()
    {
        var services = new ServiceCollection();
        services.AddCareConnect("app", o =>
        {
            o.AppKind = CareConnectAppKind.UserApp;
            o.TenantId = Guid.NewGuid().ToString();
            o.ClientId = "app";
            o.Scope = "openid patient/*.rs";
            o.RedirectUri = "https://app.example.com/cb";
            o.Api = CareConnectApi.ProviderPatientAccess;
        });
        await using var sp = services.BuildServiceProvider();

        Assert.Throws<InvalidOperationException>(() => sp.GetRequiredService<ICareConnectClientFactory>().GetClient("app").CreateBulkDataClient());
    }
}

namespace Netsmart.CareConnect.Tests.Infrastructure;

public sealed class ServerFixture : IAsyncLifetime
{
    public FakeCareConnectServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await FakeCareConnectServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "CareConnect server";
}

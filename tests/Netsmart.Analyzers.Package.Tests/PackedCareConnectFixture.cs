using Netsmart.Analyzers.Package.Tests.Infrastructure;

namespace Netsmart.Analyzers.Package.Tests;

/// <summary>The runtime library package, packed once per test run into a temp feed.</summary>
public sealed class PackedCareConnectFixture() : PackedProjectFixture(PackageId, RepositoryInfo.CareConnectProject, "cc")
{
    public new const string PackageId = "Netsmart.CareConnect";
}

[CollectionDefinition(Name)]
public sealed class PackedCareConnectCollection : ICollectionFixture<PackedCareConnectFixture>
{
    public const string Name = "Packed Netsmart.CareConnect package";
}

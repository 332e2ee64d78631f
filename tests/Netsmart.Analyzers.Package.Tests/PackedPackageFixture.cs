using Netsmart.Analyzers.Package.Tests.Infrastructure;

namespace Netsmart.Analyzers.Package.Tests;

/// <summary>The analyzer package, packed once per test run into a temp feed.</summary>
public sealed class PackedPackageFixture() : PackedProjectFixture(PackageId, RepositoryInfo.PackageProject, "pkg")
{
    public new const string PackageId = "Netsmart.Analyzers";
}

[CollectionDefinition(Name)]
public sealed class PackedPackageCollection : ICollectionFixture<PackedPackageFixture>
{
    public const string Name = "Packed Netsmart.Analyzers package";
}

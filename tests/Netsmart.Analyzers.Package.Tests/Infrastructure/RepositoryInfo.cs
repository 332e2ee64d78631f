using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Netsmart.Analyzers.Package.Tests.Infrastructure;

/// <summary>Facts about the repository baked into this assembly at build time.</summary>
internal static class RepositoryInfo
{
    public static string Root { get; } = FindRoot();

    public static string PackageProject { get; } =
        Path.Combine(Root, "src", "Netsmart.Analyzers.Package", "Netsmart.Analyzers.Package.csproj");

    public static string CareConnectProject { get; } =
        Path.Combine(Root, "src", "Netsmart.CareConnect", "Netsmart.CareConnect.csproj");

    /// <summary>The Microsoft.CodeAnalysis version the analyzers build against, e.g. 4.8.0.</summary>
    public static Version? RoslynBaselineVersion { get; } =
        Metadata("RoslynBaselineVersion") is { } text ? Version.Parse(text) : null;

    private static string FindRoot()
    {
        var root = Metadata("RepositoryRoot")
            ?? throw new InvalidOperationException("AssemblyMetadata 'RepositoryRoot' is missing from the test assembly.");
        if (!File.Exists(Path.Combine(root, "Netsmart.Analyzers.sln")))
        {
            throw new InvalidOperationException($"RepositoryRoot '{root}' does not contain Netsmart.Analyzers.sln.");
        }

        return root;
    }

    private static string? Metadata(string key) =>
        typeof(RepositoryInfo).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;
}

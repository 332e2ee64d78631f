using System;
using System.Linq;
using System.Reflection;

namespace Netsmart.Analyzers.Package.Tests.Infrastructure;

/// <summary>The projects the package tests pack, and the Roslyn version baked into this assembly at build time.</summary>
internal static class RepositoryInfo
{
    public static string PackageProject { get; } = RepositoryRoot.Combine("src", "Netsmart.Analyzers.Package", "Netsmart.Analyzers.Package.csproj");

    public static string CareConnectProject { get; } = RepositoryRoot.Combine("src", "Netsmart.CareConnect", "Netsmart.CareConnect.csproj");

    /// <summary>The Microsoft.CodeAnalysis version the analyzers build against, e.g. 4.8.0.</summary>
    public static Version? RoslynBaselineVersion { get; } =
        typeof(RepositoryInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RoslynBaselineVersion")?.Value is { } text
            ? Version.Parse(text)
            : null;
}

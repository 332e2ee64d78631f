using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Netsmart.Tests.Shared;

/// <summary>The repository the tests were built from (its folder is baked into the test assembly by Shared.props).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>A path below the repository root, from its parts (forward slashes allowed).</summary>
    public static string Combine(params string[] parts) =>
        System.IO.Path.Combine([Path, .. parts.Select(p => p.Replace('/', System.IO.Path.DirectorySeparatorChar))]);

    private static string Find()
    {
        string root = typeof(RepositoryRoot).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value
            ?? throw new InvalidOperationException("AssemblyMetadata 'RepositoryRoot' is missing from the test assembly (import tests/Shared/Shared.props).");
        if (!File.Exists(System.IO.Path.Combine(root, "Netsmart.Analyzers.sln")))
        {
            throw new InvalidOperationException($"RepositoryRoot '{root}' does not contain Netsmart.Analyzers.sln.");
        }

        return root;
    }
}

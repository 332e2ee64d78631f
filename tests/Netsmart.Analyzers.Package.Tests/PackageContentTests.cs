using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Netsmart.Analyzers.Package.Tests.Infrastructure;

namespace Netsmart.Analyzers.Package.Tests;

/// <summary>What is inside the nupkg: packaging bugs are silent, so the layout is pinned here.</summary>
[Collection(PackedPackageCollection.Name)]
public sealed class PackageContentTests(PackedPackageFixture fixture)
{
    private const string AnalyzerDll = "analyzers/dotnet/cs/Netsmart.Analyzers.dll";
    private const string CodeFixesDll = "analyzers/dotnet/cs/Netsmart.Analyzers.CodeFixes.dll";
    private const string BuildProps = "build/Netsmart.Analyzers.props";
    private const string BuildTargets = "build/Netsmart.Analyzers.targets";

    [Fact]
    public void Package_contains_exactly_the_analyzers_the_build_props_and_the_readme()
    {
        using var zip = ZipFile.OpenRead(fixture.EnsurePacked());

        var files = zip.Entries
            .Select(e => e.FullName)
            .Where(name => !IsNuGetOwnPart(name))
            .Order(StringComparer.Ordinal)
            .ToArray();

        string[] expected = [CodeFixesDll, AnalyzerDll, BuildProps, BuildTargets, "README.md"];
        Array.Sort(expected, StringComparer.Ordinal);
        Assert.True(
            expected.SequenceEqual(files),
            $"Unexpected package content.{Environment.NewLine}expected: {string.Join(", ", expected)}" +
            $"{Environment.NewLine}actual:   {string.Join(", ", files)}");
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("lib/", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Nuspec_declares_a_development_dependency_without_dependencies_with_license_and_readme()
    {
        using var zip = ZipFile.OpenRead(fixture.EnsurePacked());
        var nuspecEntries = zip.Entries.Where(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).ToList();
        var nuspecEntry = Assert.Single(nuspecEntries);
        Assert.Equal("Netsmart.Analyzers.nuspec", nuspecEntry.FullName);

        XDocument nuspec;
        using (var stream = nuspecEntry.Open())
        {
            nuspec = XDocument.Load(stream);
        }

        var metadata = Element(nuspec.Root!, "metadata");
        string Value(string name) => Element(metadata, name).Value.Trim();

        Assert.Equal(PackedPackageFixture.PackageId, Value("id"));
        Assert.Equal(fixture.Version, Value("version"));
        Assert.Equal("true", Value("developmentDependency"));
        Assert.False(
            metadata.Elements().Any(e => e.Name.LocalName == "dependencies"),
            "The package must have no dependencies group:" + Environment.NewLine + nuspec);

        var license = Element(metadata, "license");
        Assert.Equal("expression", (string?)license.Attribute("type"));
        Assert.Equal("MIT", license.Value.Trim());

        Assert.Equal("README.md", Value("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")), "The package needs a description.");
        Assert.False(string.IsNullOrWhiteSpace(Value("authors")), "The package needs authors.");

        var readme = ReadText(zip, "README.md");
        Assert.Contains("dotnet add package Netsmart.Analyzers", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_props_makes_the_tenant_expression_property_visible_to_the_compiler()
    {
        using var zip = ZipFile.OpenRead(fixture.EnsurePacked());
        var props = XDocument.Parse(ReadText(zip, BuildProps));

        var visible = props.Descendants()
            .Where(e => e.Name.LocalName == "CompilerVisibleProperty")
            .Select(e => (string?)e.Attribute("Include"))
            .ToList();
        Assert.Contains("NetsmartTenantIdExpression", visible);
    }

    [Fact]
    public void Analyzer_assemblies_are_netstandard_and_load_in_the_oldest_supported_compiler()
    {
        using var zip = ZipFile.OpenRead(fixture.EnsurePacked());
        var analyzer = References(zip, AnalyzerDll);
        var codeFixes = References(zip, CodeFixesDll);

        foreach (var (dll, refs) in new[] { (AnalyzerDll, analyzer), (CodeFixesDll, codeFixes) })
        {
            var describe = $"{dll} references: {string.Join(", ", refs.Select(r => $"{r.Name} {r.Version}"))}";

            // netstandard2.0 is what VS (.NET Framework) and every SDK can load.
            Assert.True(refs.Any(r => r.Name == "netstandard" && r.Version == new Version(2, 0, 0, 0)), describe);

            // CS9057: an analyzer built against a newer Roslyn than the host is refused.
            if (RepositoryInfo.RoslynBaselineVersion is { } baseline)
            {
                foreach (var roslyn in refs.Where(r => r.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)))
                {
                    Assert.True(
                        roslyn.Version <= new Version(baseline.Major, baseline.Minor, Math.Max(baseline.Build, 0), 0),
                        $"{roslyn.Name} {roslyn.Version} is newer than the baseline {baseline}. {describe}");
                }
            }

            // Nothing that the package would have to bring along (it has no dependencies, no lib/).
            var unexpected = refs
                .Where(r => !IsProvidedByTheCompilerHost(r.Name, allowWorkspaces: dll == CodeFixesDll))
                .Where(r => !(dll == CodeFixesDll && r.Name == "Netsmart.Analyzers"))
                .ToList();
            Assert.True(unexpected.Count == 0, $"References the host does not provide: {string.Join(", ", unexpected)}. {describe}");
        }

        // RS1038: the analyzer assembly must load in the command-line compiler, which has no Workspaces.
        Assert.DoesNotContain(analyzer, r => r.Name.Contains("Workspaces", StringComparison.Ordinal));
    }

    private static bool IsNuGetOwnPart(string name) =>
        name == "[Content_Types].xml"
        || name.StartsWith("_rels/", StringComparison.Ordinal)
        || name.StartsWith("package/", StringComparison.Ordinal)
        || (!name.Contains('/') && name.EndsWith(".nuspec", StringComparison.Ordinal));

    private static bool IsProvidedByTheCompilerHost(string name, bool allowWorkspaces) =>
        name is "netstandard" or "mscorlib" or "Microsoft.CodeAnalysis" or "Microsoft.CodeAnalysis.CSharp"
            or "System.Collections.Immutable" or "System.Reflection.Metadata" or "System.Memory"
            or "System.Runtime.CompilerServices.Unsafe" or "System.Threading.Tasks.Extensions"
        || (allowWorkspaces
            && (name is "Microsoft.CodeAnalysis.Workspaces" or "Microsoft.CodeAnalysis.CSharp.Workspaces"
                || name.StartsWith("System.Composition", StringComparison.Ordinal)));

    private static XElement Element(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName)
        ?? throw new Xunit.Sdk.XunitException($"<{localName}> is missing from:{Environment.NewLine}{parent}");

    private static string ReadText(ZipArchive zip, string entryName)
    {
        var entry = zip.GetEntry(entryName) ?? throw new Xunit.Sdk.XunitException($"{entryName} is missing from the package.");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static List<(string Name, Version Version)> References(ZipArchive zip, string entryName)
    {
        var entry = zip.GetEntry(entryName) ?? throw new Xunit.Sdk.XunitException($"{entryName} is missing from the package.");
        using var buffer = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(buffer);
        }

        buffer.Position = 0;
        using var pe = new PEReader(buffer);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences
            .Select(handle => reader.GetAssemblyReference(handle))
            .Select(r => (reader.GetString(r.Name), r.Version))
            .ToList();
    }
}

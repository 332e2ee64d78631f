using System;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;

namespace Netsmart.Analyzers.Package.Tests;

/// <summary>What is inside the Netsmart.CareConnect nupkg: one build per target framework, each with dependencies of its own band.</summary>
[Collection(PackedCareConnectCollection.Name)]
public sealed class CareConnectPackageContentTests(PackedCareConnectFixture fixture)
{
    private static readonly string[] TargetFrameworks = ["netstandard2.0", "net8.0", "net10.0"];

    [Fact]
    public void Package_holds_one_build_with_xml_docs_per_target_framework_and_the_readme()
    {
        using var zip = ZipFile.OpenRead(fixture.EnsurePacked());
        var files = zip.Entries.Select(e => e.FullName).Where(n => n.StartsWith("lib/", StringComparison.Ordinal) || n == "README.md").Order(StringComparer.Ordinal).ToArray();

        var expected = TargetFrameworks
            .SelectMany(tfm => new[] { $"lib/{tfm}/Netsmart.CareConnect.dll", $"lib/{tfm}/Netsmart.CareConnect.xml" })
            .Append("README.md")
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(expected, files);
    }

    [Theory]
    [InlineData("netstandard2.0", ".NETStandard2.0", "8.")]
    [InlineData("net8.0", "net8.0", "8.")]
    [InlineData("net10.0", "net10.0", "10.")]
    public void Each_framework_depends_on_the_Microsoft_Extensions_band_of_that_framework(string tfm, string group, string band)
    {
        using var zip = ZipFile.OpenRead(fixture.EnsurePacked());
        var entry = zip.Entries.Single(e => e.FullName == "Netsmart.CareConnect.nuspec");
        XDocument nuspec;
        using (var stream = entry.Open())
        {
            nuspec = XDocument.Load(stream);
        }

        var groups = nuspec.Descendants().Where(e => e.Name.LocalName == "group").ToList();
        Assert.Equal(TargetFrameworks.Length, groups.Count);
        var dependencies = groups.Single(g => (string?)g.Attribute("targetFramework") == group)
            .Elements().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!);

        var extensions = dependencies.Where(d => d.Key.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)).ToList();
        Assert.Contains("Microsoft.Extensions.Logging.Abstractions", dependencies.Keys);
        Assert.All(extensions, d => Assert.True(d.Value.StartsWith(band, StringComparison.Ordinal), $"{tfm}: {d.Key} {d.Value} is not in the {band}x band"));
        Assert.Equal("8.16.0", dependencies["Microsoft.IdentityModel.JsonWebTokens"]);
    }

    [Fact]
    public void Pack_reports_no_warning()
    {
        fixture.EnsurePacked();
        Assert.DoesNotContain(": warning ", fixture.PackResult!.StandardOutput, StringComparison.Ordinal);
    }
}

using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Netsmart.Migrate.Tests.Infrastructure;

namespace Netsmart.Migrate.Tests;

/// <summary>NSM011 in a codebase that never mentions Netsmart (a FHIR server's own tests), and in one that does.</summary>
public sealed class NetsmartContextTests
{
    private const string Tests = """
        class ScopeTests
        {
            static readonly string[] Invalid = { "patient/Observation.rsXYZ", "user/Patient.crudss" };
        }

        """;

    private static void WriteServer(TempFolder tree, string extraProperty)
    {
        tree.Write("Server/Server.csproj",
            "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n" + extraProperty +
            "  </PropertyGroup>\n</Project>\n");
        tree.Write("Server/ScopeTests.cs", Tests);
        tree.Write("Server/appsettings.json", "{ \"Auth\": { \"Scopes\": \"openid patient/Patient.sr\" } }\n");
    }

    [Fact]
    public async Task Malformed_scopes_where_nothing_shows_netsmart_use_are_information_and_the_scan_passes()
    {
        using var tree = new TempFolder();
        WriteServer(tree, string.Empty);

        ToolResult result = await Tool.RunAsync(tree.Root, "scan", "Server", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        JsonNode report = JsonNode.Parse(result.Output)!;
        Assert.Equal(0, (int)report["summary"]!["warnings"]!);
        Assert.Equal(3, (int)report["summary"]!["info"]!);
        Assert.Equal(0, (int)report["summary"]!["fixable"]!);
        var findings = report["findings"]!.AsArray();
        Assert.All(findings, f => Assert.Equal("NSM011", (string?)f!["ruleId"]));
        Assert.Equal(
            "Malformed SMART 2.0 scope 'patient/Observation.rsXYZ' (unknown letter(s) 'X', 'Y', 'Z'); no Netsmart use was found in this type, file or project, so this is information only",
            (string?)findings.Single(f => (int)f!["column"]! == 42)!["message"]);
        Assert.Equal(
            "Malformed SMART 2.0 scope 'patient/Patient.sr' (letters out of order (expected order c, r, u, d, s); use 'patient/Patient.rs'); no Netsmart use was found in this file or project, so this is information only",
            (string?)findings.Single(f => (string?)f!["file"] == "appsettings.json")!["message"]);
        JsonNode scopes = report["checklist"]!.AsArray().Single(i => (string?)i!["id"] == "scope-syntax")!;
        Assert.Equal("ok", (string?)scopes["status"]);
        Assert.Equal("no malformed scope in Netsmart code; 3 malformed SMART 2.0 scope strings in code that shows no Netsmart use (NSM011 info)", (string?)scopes["details"]);
    }

    [Fact]
    public async Task The_msbuild_tenant_property_shows_netsmart_use_for_the_whole_project()
    {
        using var tree = new TempFolder();
        WriteServer(tree, "    <NetsmartTenantIdExpression>Settings.TenantId</NetsmartTenantIdExpression>\n");

        ToolResult result = await Tool.RunAsync(tree.Root, "scan", "Server", "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        JsonNode report = JsonNode.Parse(result.Output)!;
        Assert.Equal(3, (int)report["summary"]!["warnings"]!);
        Assert.Equal(0, (int)report["summary"]!["info"]!);
        Assert.All(report["findings"]!.AsArray(), f => Assert.EndsWith("')", (string?)f!["message"]));
        JsonNode scopes = report["checklist"]!.AsArray().Single(i => (string?)i!["id"] == "scope-syntax")!;
        Assert.Equal("todo", (string?)scopes["status"]);
    }
}

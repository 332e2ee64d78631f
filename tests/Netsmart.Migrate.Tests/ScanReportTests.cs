using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Json.Schema;
using Netsmart.Migrate.Tests.Infrastructure;

namespace Netsmart.Migrate.Tests;

/// <summary>The scan report, exactly, in each format; SARIF checked against the SARIF 2.1.0 schema.</summary>
public sealed class ScanReportTests
{
    private static readonly JsonSchema SarifSchema = JsonSchema.FromFile(Path.Combine(System.AppContext.BaseDirectory, "Schemas", "sarif-schema-2.1.0.json"));

    [Theory]
    [InlineData("text", "scan-app.txt")]
    [InlineData("markdown", "scan-app.md")]
    [InlineData("json", "scan-app.json")]
    [InlineData("sarif", "scan-app.sarif")]
    public async Task Scan_report_is_exact_in_every_format(string format, string expectedFile)
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);

        ToolResult result = await Tool.RunAsync(tree.Root, "scan", "App/App.csproj", "--format", format);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(string.Empty, result.Error);
        string actual = result.Output.Replace(new System.Uri(tree.Root + "/").AbsoluteUri, "file:///ROOT/", System.StringComparison.Ordinal);
        Expected.Matches(expectedFile, actual);
    }

    [Fact]
    public async Task Sarif_of_the_app_fixture_is_valid_sarif_2_1_0()
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);
        tree.Write("App/appsettings.Broken.json", "{ \"Url\": \"https://fhir.netsmartcloud.com/uscore/v1\", ");

        ToolResult result = await Tool.RunAsync(tree.Root, "scan", "App", "--format", "sarif");

        AssertValidSarif(result.Output);
        JsonNode sarif = JsonNode.Parse(result.Output)!;
        Assert.Equal("2.1.0", (string?)sarif["version"]);
        Assert.Equal(6, sarif["runs"]![0]!["results"]!.AsArray().Count);
        Assert.Single(sarif["runs"]![0]!["invocations"]![0]!["toolExecutionNotifications"]!.AsArray());
    }

    [Fact]
    public async Task Sarif_of_the_LegacyClient_sample_is_valid_sarif_2_1_0()
    {
        using var tree = new TempFolder();
        tree.CopyFromRepository("samples/LegacyClient", "LegacyClient");

        ToolResult result = await Tool.RunAsync(tree.Root, "scan", "LegacyClient", "--format", "sarif");

        Assert.Equal(1, result.ExitCode);
        AssertValidSarif(result.Output);
        Assert.Equal(20, JsonNode.Parse(result.Output)!["runs"]![0]!["results"]!.AsArray().Count);
    }

    [Fact]
    public async Task Json_report_of_the_LegacyClient_sample_counts_every_rule()
    {
        using var tree = new TempFolder();
        tree.CopyFromRepository("samples/LegacyClient", "LegacyClient");

        ToolResult result = await Tool.RunAsync(tree.Root, "scan", "LegacyClient/LegacyClient.csproj", "--format", "json");

        JsonNode report = JsonNode.Parse(result.Output)!;
        Assert.Equal(16, (int)report["summary"]!["warnings"]!);
        Assert.Equal(4, (int)report["summary"]!["info"]!);
        Assert.Equal(1, (int)report["summary"]!["exitCode"]!);
        Assert.Contains(report["checklist"]!.AsArray(), item => (string?)item!["id"] == "portal-registration" && (string?)item["status"] == "not-visible");
        Assert.Contains(report["checklist"]!.AsArray(), item => (string?)item!["id"] == "capability-statement" && (string?)item["status"] == "ok");
    }

    [Fact]
    public async Task Output_option_writes_the_report_to_the_file_and_nothing_to_stdout()
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);

        ToolResult result = await Tool.RunAsync(tree.Root, "scan", "App", "--format", "sarif", "--output", "out/report.sarif");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        AssertValidSarif(tree.Read("out/report.sarif"));
    }

    internal static void AssertValidSarif(string sarif)
    {
        EvaluationResults results = SarifSchema.Evaluate(JsonNode.Parse(sarif), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
    }
}

using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Netsmart.Migrate.Tests.Infrastructure;

namespace Netsmart.Migrate.Tests;

/// <summary>scan --write-baseline / --baseline: fingerprints that survive line moves, new findings apart from known ones.</summary>
public sealed class BaselineTests
{
    [Fact]
    public async Task Round_trip_moved_lines_stay_known_a_fixed_one_is_counted_and_only_the_new_one_fails()
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);

        ToolResult write = await Tool.RunAsync(tree.Root, "scan", "App", "--write-baseline", "netsmart-baseline.json");
        ToolResult same = await Tool.RunAsync(tree.Root, "scan", "App", "--baseline", "netsmart-baseline.json");

        // Move every line down, fix the token URL (NSM003), add a v1 URL (NSM001).
        string client = tree.Read("App/FhirClient.cs");
        client = "// moved\n\n" + client
            .Replace("    public static Uri TokenEndpoint() => new(\"https://oauth.netsmartcloud.com/token\");\n", string.Empty)
            .Replace("public sealed class FhirClient(HttpClient http)\n{\n", "public sealed class FhirClient(HttpClient http)\n{\n    public const string Observations = \"https://fhir.netsmartcloud.com/uscore/v1/Observation\";\n\n");
        tree.Write("App/FhirClient.cs", client);

        ToolResult text = await Tool.RunAsync(tree.Root, "scan", "App", "--baseline", "netsmart-baseline.json");
        ToolResult sarif = await Tool.RunAsync(tree.Root, "scan", "App", "--baseline", "netsmart-baseline.json", "--format", "sarif");
        ToolResult json = await Tool.RunAsync(tree.Root, "scan", "App", "--baseline", "netsmart-baseline.json", "--format", "json");

        Assert.Equal(1, write.ExitCode);
        Assert.Equal(6, JsonNode.Parse(tree.Read("netsmart-baseline.json"))!["findings"]!.AsArray().Count);
        Assert.True(same.ExitCode == 0, same.ToString());
        Assert.Contains("Baseline netsmart-baseline.json: 0 new, 6 still open from the baseline, 0 fixed since the baseline\n", same.Output);

        Assert.True(text.ExitCode == 1, text.ToString());
        Assert.Contains("Baseline netsmart-baseline.json: 1 new, 5 still open from the baseline, 1 fixed since the baseline\n", text.Output);
        Assert.Contains("\nNew findings (not in the baseline) (1)\n  FhirClient.cs(7,40): NSM001 ", text.Output);
        Assert.Contains("\nStill open (in the baseline) (5)\n", text.Output);
        Assert.Contains(
            "\nFixed since the baseline (1)\n  FhirClient.cs(13,46): NSM003 'https://oauth.netsmartcloud.com/token' is the original authorization server;",
            text.Output);
        Assert.Contains("; 1 new, 5 still open from the baseline, 1 fixed since the baseline; exit code 1 (--fail-on warning, new findings only)\n", text.Output);

        ScanReportTests.AssertValidSarif(sarif.Output);
        var results = JsonNode.Parse(sarif.Output)!["runs"]![0]!["results"]!.AsArray();
        Assert.Equal(new[] { "absent", "new", "unchanged" }, results.Select(r => (string)r!["baselineState"]!).Distinct().Order());
        Assert.Equal(1, results.Count(r => (string)r!["baselineState"]! == "new"));
        Assert.Equal(5, results.Count(r => (string)r!["baselineState"]! == "unchanged"));
        Assert.Equal("NSM003", (string)results.Single(r => (string)r!["baselineState"]! == "absent")!["ruleId"]!);
        Assert.All(results, r => Assert.Matches("^[0-9a-f]{32}$", (string)r!["partialFingerprints"]!["netsmartFindingHash/v1"]!));

        JsonNode baseline = JsonNode.Parse(json.Output)!["baseline"]!;
        Assert.Equal(1, (int)baseline["new"]!);
        Assert.Equal(5, (int)baseline["stillOpen"]!);
        Assert.Equal(1, (int)baseline["fixed"]!);
    }

    [Fact]
    public async Task Two_identical_literals_in_one_file_are_told_apart_by_their_occurrence()
    {
        using var tree = new TempFolder();
        string two = "namespace A;\npublic static class U\n{\n    public const string X = \"https://fhir.netsmartcloud.com/uscore/v1\";\n    public const string Y = \"https://fhir.netsmartcloud.com/uscore/v1\";\n}\n";
        tree.Write("A/U.cs", two);
        await Tool.RunAsync(tree.Root, "scan", "A", "--write-baseline", "b.json");
        tree.Write("A/U.cs", two.Replace("    public const string Y = \"https://fhir.netsmartcloud.com/uscore/v1\";\n", string.Empty));

        ToolResult result = await Tool.RunAsync(tree.Root, "scan", "A", "--baseline", "b.json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Baseline b.json: 0 new, 1 still open from the baseline, 1 fixed since the baseline\n", result.Output);
    }

    [Theory]
    [InlineData("{ \"findings\": [] }")]
    [InlineData("not json")]
    public async Task A_file_that_is_not_a_baseline_is_an_input_error(string content)
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);
        tree.Write("b.json", content);

        ToolResult result = await Tool.RunAsync(tree.Root, "scan", "App", "--baseline", "b.json");
        ToolResult missing = await Tool.RunAsync(tree.Root, "scan", "App", "--baseline", "none.json");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: 'b.json' is not a", result.Error);
        Assert.Equal(string.Empty, result.Output);
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("error: cannot read the baseline 'none.json': ", missing.Error);
    }
}

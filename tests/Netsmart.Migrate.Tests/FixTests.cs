using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Netsmart.Migrate.Tests.Infrastructure;

namespace Netsmart.Migrate.Tests;

/// <summary>netsmart-migrate fix: the package's code fixes and the JSON rewrite, on disk or as a diff.</summary>
public sealed class FixTests
{
    [Fact]
    public async Task Dry_run_prints_a_unified_diff_and_writes_nothing()
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);
        var before = Directory.EnumerateFiles(tree.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);

        ToolResult result = await Tool.RunAsync(tree.Root, "fix", "App", "--dry-run");

        Assert.True(result.ExitCode == 1, result.ToString()); // changes pending
        var after = Directory.EnumerateFiles(tree.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, entry => Assert.Equal(entry.Value, after[entry.Key]));
        Expected.Matches("fix-app-dry-run.txt", result.Output);
    }

    [Fact]
    public async Task Fix_then_scan_reports_no_fixable_finding_on_the_LegacyClient_sample()
    {
        using var tree = new TempFolder();
        tree.CopyFromRepository("samples/LegacyClient", "LegacyClient");

        ToolResult fix = await Tool.RunAsync(tree.Root, "fix", "LegacyClient");
        ToolResult scan = await Tool.RunAsync(tree.Root, "scan", "LegacyClient", "--format", "json");

        Assert.True(fix.ExitCode == 0, fix.ToString());
        Assert.Contains("Fixed in C#: NSM001 x7, NSM002 x3, NSM003 x5, NSM010 x2", fix.Output);
        Assert.Contains("Files changed: 6", fix.Output);
        JsonNode report = JsonNode.Parse(scan.Output)!;
        Assert.Equal(0, (int)report["summary"]!["fixable"]!);
        // What is left: the {tenant-id} placeholders (no tenant expression in the sample) and the CCD-side token URL in JSON.
        Assert.All(report["findings"]!.AsArray(), f => Assert.Contains((string)f!["ruleId"]!, new[] { "NSM005", "NSM003" }));
        Assert.Empty(Sources.CompileErrors(tree.PathOf("LegacyClient")));
    }

    [Fact]
    public async Task The_fixed_app_compiles_and_uses_the_configured_tenant_expression()
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);
        Assert.Empty(Sources.CompileErrors(tree.PathOf("App")));

        ToolResult fix = await Tool.RunAsync(tree.Root, "fix", "App/App.csproj");
        ToolResult scan = await Tool.RunAsync(tree.Root, "scan", "App/App.csproj", "--format", "json");

        Assert.True(fix.ExitCode == 0, fix.ToString());
        string client = tree.Read("App/FhirClient.cs");
        Assert.Contains("$\"https://fhir.netsmartcloud.com/provider/patient-access/v2/{TenantSettings.Current.TenantId}/Patient/\" + id", client);
        Assert.Contains("\"launch/patient openid patient/Patient.rs patient/Observation.rs\"", client);
        Assert.Empty(Sources.CompileErrors(tree.PathOf("App")));
        Assert.Equal(0, (int)JsonNode.Parse(scan.Output)!["summary"]!["fixable"]!);
    }

    [Fact]
    public async Task Fix_keeps_crlf_line_endings_and_the_byte_order_mark()
    {
        using var tree = new TempFolder();
        byte[] bom = { 0xEF, 0xBB, 0xBF };
        string cs = "namespace A;\r\n\r\npublic static class Urls\r\n{\r\n    // café\r\n    public const string Base = \"https://fhir.netsmartcloud.com/uscore/v1\";\r\n}\r\n";
        string json = "{\r\n  \"Fhir\": \"https://fhir.netsmartcloud.com/uscore/v1/Patient\"\r\n}\r\n";
        tree.WriteBytes("A/Urls.cs", bom.Concat(Encoding.UTF8.GetBytes(cs)).ToArray());
        tree.WriteBytes("A/appsettings.json", bom.Concat(Encoding.UTF8.GetBytes(json)).ToArray());

        ToolResult result = await Tool.RunAsync(tree.Root, "fix", "A");

        Assert.True(result.ExitCode == 0, result.ToString());
        byte[] fixedCs = tree.ReadBytes("A/Urls.cs");
        byte[] fixedJson = tree.ReadBytes("A/appsettings.json");
        Assert.Equal(bom, fixedCs.Take(3));
        Assert.Equal(bom, fixedJson.Take(3));
        Assert.Equal(
            cs.Replace("/uscore/v1\"", "/provider/patient-access/v2/{tenant-id}\""),
            Encoding.UTF8.GetString(fixedCs, 3, fixedCs.Length - 3));
        Assert.Equal(
            json.Replace("/uscore/v1/", "/provider/patient-access/v2/{tenant-id}/"),
            Encoding.UTF8.GetString(fixedJson, 3, fixedJson.Length - 3));
        Assert.Empty(Directory.EnumerateFiles(tree.PathOf("A"), "*.tmp", SearchOption.AllDirectories));
    }

    private const string BackendJobSettings = """
        {
          // Nightly export job: a backend client
          "CareConnect": {
            "FhirBaseUrl": "https://fhir.netsmartcloud.com/uscore/v1",
            "GrantType": "client_credentials",
            "Scope": "system/Patient.read"
          }
        }

        """;

    [Fact]
    public async Task A_backend_jobs_appsettings_is_scanned_and_fixed_to_provider_system_access()
    {
        using var tree = new TempFolder();
        tree.Write("Job/appsettings.json", BackendJobSettings);

        ToolResult scan = await Tool.RunAsync(tree.Root, "scan", "Job");
        ToolResult fix = await Tool.RunAsync(tree.Root, "fix", "Job");
        ToolResult rescan = await Tool.RunAsync(tree.Root, "scan", "Job", "--format", "json");

        Assert.True(scan.ExitCode == 1, scan.ToString());
        Assert.Equal(
            """
            netsmart-migrate scan Job
            Input: folder, 1 project, 0 C# files, 1 JSON file, 8 lines

            Summary by rule
              Rule     Warning  Info  Fixable  Title
              NSM001         1     0        1  Certified v1 Patient Access URL
              NSM006         1     0        1  System-level access through a Patient Access endpoint
              NSM010         0     1        1  SMART 1.0 scope syntax
              Total          2     1        3

            Findings (3)
              appsettings.json(4,21): NSM001 'https://fhir.netsmartcloud.com/uscore/v1' is the Certified v1 Patient Access API; move to the tenant-specific v2 Provider System Access base 'https://fhir.netsmartcloud.com/provider/system-access/v2/{tenant-id}'
              appsettings.json(4,21): NSM006 'https://fhir.netsmartcloud.com/uscore/v1' is Patient Access, but the settings around it use system/ scopes and the client_credentials grant; backend code belongs on the v2 Provider System Access API: 'https://fhir.netsmartcloud.com/provider/system-access/v2/{tenant-id}'
              appsettings.json(6,15): NSM010 SMART 1.0 scope syntax 'system/Patient.read'; the SMART 2.0 form is 'system/Patient.rs'


            """,
            scan.Output.Substring(0, scan.Output.IndexOf("Validation checklist", System.StringComparison.Ordinal)));
        Assert.Contains("  to do                Base URLs updated to tenant-specific format: 2 findings (NSM001 x1, NSM006 x1)\n", scan.Output);

        Assert.True(fix.ExitCode == 0, fix.ToString());
        Assert.Equal(
            """
            netsmart-migrate fix Job

            Fixed in JSON: 2 values
            Files changed: 1
              appsettings.json
            Nothing left to fix.

            """,
            fix.Output);
        Assert.Equal(
            BackendJobSettings
                .Replace("/uscore/v1\"", "/provider/system-access/v2/{tenant-id}\"", System.StringComparison.Ordinal)
                .Replace("system/Patient.read", "system/Patient.rs", System.StringComparison.Ordinal),
            tree.Read("Job/appsettings.json"));
        Assert.Equal(0, (int)JsonNode.Parse(rescan.Output)!["summary"]!["fixable"]!);
    }

    [Fact]
    public async Task Tenant_id_is_written_into_json_placeholders_only()
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree, withTenantExpression: false);
        tree.Write("App/appsettings.Production.json", "{ \"Auth\": \"https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/token\" }\n");

        ToolResult result = await Tool.RunAsync(tree.Root, "fix", "App", "--tenant-id", Fixtures.TenantId);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"\"https://fhir.netsmartcloud.com/provider/patient-access/v2/{Fixtures.TenantId}\"", tree.Read("App/appsettings.json"));
        Assert.Contains($"/auth/{Fixtures.TenantId}/oauth2/v1/token", tree.Read("App/appsettings.Production.json"));
        Assert.DoesNotContain(Fixtures.TenantId, tree.Read("App/FhirClient.cs"));
        Assert.Contains("{tenant-id}", tree.Read("App/FhirClient.cs"));
    }

    [Fact]
    public async Task Files_that_cannot_be_read_or_parsed_are_reported_and_left_untouched()
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);
        string brokenJson = "{ \"Url\": \"https://fhir.netsmartcloud.com/uscore/v1\" ";
        string brokenCs = "class Broken { const string U = \"https://fhir.netsmartcloud.com/uscore/v1\" }\n";
        tree.Write("App/appsettings.Development.json", brokenJson);
        tree.Write("App/Broken.cs", brokenCs);
        File.CreateSymbolicLink(tree.PathOf("App/Missing.cs"), tree.PathOf("App/nowhere.cs"));

        ToolResult result = await Tool.RunAsync(tree.Root, "fix", "App");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Skipped (3):", result.Output);
        Assert.Equal(brokenJson, tree.Read("App/appsettings.Development.json"));
        Assert.Equal(brokenCs, tree.Read("App/Broken.cs"));
        Assert.Contains("/provider/patient-access/v2/", tree.Read("App/FhirClient.cs"));
    }
}

using System.Linq;
using Netsmart.Knowledge.Config;
using Netsmart.Knowledge.Rules;

namespace Netsmart.Knowledge.Tests.Config;

public class ConfigFileScannerTests
{
    [Fact]
    public void Fixes_rewrite_only_the_values_and_keep_comments_escapes_and_layout()
    {
        const string json = "{\r\n" +
            "  // v1 settings: https://fhir.netsmartcloud.com/uscore/v1\r\n" +
            "  \"CareConnect\": {\r\n" +
            "    \"BaseUrl\": \"https:\\/\\/fhir.netsmartcloud.com\\/uscore\\/v1\",\r\n" +
            "    \"Export\": \"https://fhir.netsmartcloud.com/uscore/v1/bulk-data/Group/1/$export\",\r\n" +
            "    \"Poll\": \"https://fhir.netsmartcloud.com/uscore/v1/bulk-data/$export-poll-status?_id=1\",\r\n" +
            "    \"Token\": \"https://oauth.netsmartcloud.com/token\",\r\n" +
            "    \"Scope\": \"openid patient/Patient.read patient/Observation.sr\"\r\n" +
            "  }\r\n" +
            "}\r\n";
        const string expected = "{\r\n" +
            "  // v1 settings: https://fhir.netsmartcloud.com/uscore/v1\r\n" +
            "  \"CareConnect\": {\r\n" +
            "    \"BaseUrl\": \"https:\\/\\/fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}\",\r\n" +
            "    \"Export\": \"https://fhir.netsmartcloud.com/provider/system-access/v2/{tenant-id}/Group/1/$export\",\r\n" +
            "    \"Poll\": \"https://fhir.netsmartcloud.com/uscore/v1/bulk-data/$export-poll-status?_id=1\",\r\n" +
            "    \"Token\": \"https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/token\",\r\n" +
            "    \"Scope\": \"openid patient/Patient.rs patient/Observation.rs\"\r\n" +
            "  }\r\n" +
            "}\r\n";

        ConfigScanResult result = ConfigFileScanner.Scan(json);

        Assert.Null(result.Error);
        Assert.Equal(
            new[] { "NSM001", "NSM002", "NSM002", "NSM003", "NSM010", "NSM011" },
            result.Findings.Select(f => f.RuleId));
        Assert.Equal("CareConnect:BaseUrl", result.Findings[0].Path);
        Assert.Empty(result.Findings[2].Edits); // $export-poll-status has no v2 twin
        Assert.Equal(expected, ConfigFileScanner.ApplyFixes(json, result.Findings));
        Assert.DoesNotContain(ConfigFileScanner.Scan(ConfigFileScanner.ApplyFixes(json, result.Findings)).Findings, f => f.Edits.Count > 0);
    }

    [Fact]
    public void A_malformed_scope_without_netsmart_use_in_the_file_is_tentative_and_has_no_fix()
    {
        const string json = "{ \"Scopes\": \"openid user/Patient.crudss\", \"Authority\": \"https://login.example.org\" }";

        ConfigFinding finding = Assert.Single(ConfigFileScanner.Scan(json).Findings);

        Assert.Equal(DiagnosticIds.MalformedV2Scope, finding.RuleId);
        Assert.True(finding.IsTentative);
        Assert.Empty(finding.Edits);
        Assert.Equal(json.IndexOf("user/", System.StringComparison.Ordinal), finding.Start);
        Assert.Equal("user/Patient.crudss".Length, finding.Length);
        Assert.Equal(
            new[] { "'user/Patient.crudss' (repeated letter(s) 's'; use 'user/Patient.cruds')", "; no Netsmart use was found in this file or project, so this is information only" },
            finding.MessageArguments);
    }

    [Theory]
    [InlineData("https://fhir.netsmartcloud.com/v4", false)]
    [InlineData("https://fhirtest.netsmartcloud.com/provider/system-access/v2/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6", false)]
    [InlineData("https://login.example.org", true)]
    public void A_netsmart_url_in_the_file_or_a_netsmart_project_makes_a_malformed_scope_a_finding_with_its_fix(string url, bool netsmartProject)
    {
        string json = "{ \"Scopes\": \"openid user/Patient.crudss\", \"Url\": \"" + url + "\" }";

        ConfigFinding finding = Assert.Single(ConfigFileScanner.Scan(json, netsmartProject).Findings, f => f.RuleId == DiagnosticIds.MalformedV2Scope);

        Assert.False(finding.IsTentative);
        Assert.Equal(new[] { "'user/Patient.crudss' (repeated letter(s) 's'; use 'user/Patient.cruds')", "" }, finding.MessageArguments);
        Assert.Equal(json.Replace("user/Patient.crudss", "user/Patient.cruds"), ConfigFileScanner.ApplyFixes(json, new[] { finding }));
    }

    [Fact]
    public void A_malformed_file_has_an_error_and_no_findings()
    {
        ConfigScanResult result = ConfigFileScanner.Scan("{ \"a\": \"https://fhir.netsmartcloud.com/uscore/v1\" ");

        Assert.NotNull(result.Error);
        Assert.Empty(result.Findings);
    }
}

using System.Linq;
using Netsmart.Knowledge.Config;
using Netsmart.Knowledge.Evidence;
using Netsmart.Knowledge.Rules;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Knowledge.Tests.Rules;

/// <summary>
/// The configuration-file front end supplies the file as what surrounds a value, and the nearest JSON object (or the
/// file) that shows backend or patient-facing use as the unit that owns it, where C# supplies the top-level type. The
/// decision is the one UrlRules makes for C#: the same inputs give the same rules (NSM001 and NSM006), messages and fixes.
/// </summary>
public class ConfigFileDecisionTests
{
    private const string V1 = "https://fhir.netsmartcloud.com/uscore/v1";
    private const string ProviderPatientAccess = "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}";
    private const string ProviderSystemAccess = "https://fhir.netsmartcloud.com/provider/system-access/v2/{tenant-id}";

    /// <summary>A backend job's settings: system-level scopes, the client_credentials grant and a v1 Patient Access base.</summary>
    private const string BackendSettings =
        "{ \"BaseUrl\": \"" + V1 + "\", \"GrantType\": \"client_credentials\", \"Scope\": \"system/Patient.rs\" }";

    private const string BothGrounds = "the settings around it use system/ scopes and the client_credentials grant";

    private static readonly ApiEvidence Backend = ApiEvidence.SystemScopes | ApiEvidence.ClientCredentials | ApiEvidence.ClinicalScopes;

    [Fact]
    public void A_v1_patient_access_url_in_a_backend_file_moves_to_provider_system_access_and_says_why()
    {
        ConfigScanResult result = ConfigFileScanner.Scan(BackendSettings);

        Assert.Equal(new[] { DiagnosticIds.V1PatientAccessUrl, DiagnosticIds.SystemAccessThroughPatientAccess }, result.Findings.Select(f => f.RuleId));
        Assert.All(result.Findings, finding =>
        {
            Assert.Equal("BaseUrl", finding.Path);
            Assert.Equal(BackendSettings.IndexOf(V1, System.StringComparison.Ordinal), finding.Start);
            Assert.Equal(V1.Length, finding.Length);
            Assert.False(finding.IsTentative);
        });
        Assert.Equal(new[] { V1, "Provider System Access", ProviderSystemAccess }, result.Findings[0].MessageArguments);
        Assert.Equal(new[] { V1, BothGrounds, "Provider System Access", ProviderSystemAccess }, result.Findings[1].MessageArguments);
        string expected = "{ \"BaseUrl\": \"" + ProviderSystemAccess + "\", \"GrantType\": \"client_credentials\", \"Scope\": \"system/Patient.rs\" }";
        Assert.Equal(expected, ConfigFileScanner.ApplyFixes(BackendSettings, new[] { result.Findings[0] }));
        Assert.Equal(expected, ConfigFileScanner.ApplyFixes(BackendSettings, new[] { result.Findings[1] }));
        Assert.Equal(expected, ConfigFileScanner.ApplyFixes(BackendSettings, result.Findings));
        Assert.Empty(ConfigFileScanner.Scan(expected).Findings);
    }

    [Fact]
    public void The_file_decision_is_the_one_decision_with_the_owning_units_evidence()
    {
        NetsmartUrlMatch match = NetsmartUrlScanner.FindAll(V1).Single();
        var surroundings = new FakeSurroundings(ValueSource.ConfigFile, Backend, owningType: Backend);
        RuleDecision[] decisions = { UrlRules.Decide(match, surroundings)!, UrlRules.DecideSystemLevel(match, surroundings)! };

        ConfigScanResult result = ConfigFileScanner.Scan(BackendSettings);

        Assert.Equal(decisions.Select(d => d.RuleId), result.Findings.Select(f => f.RuleId));
        for (int i = 0; i < decisions.Length; i++)
        {
            Assert.Equal(decisions[i].MessageArguments, result.Findings[i].MessageArguments);
            Assert.Equal(decisions[i].Edits.Select(e => e.NewText), result.Findings[i].Edits.Select(e => e.NewText));
        }
    }

    [Fact]
    public void The_brief_example_with_a_v1_system_scope_moves_the_url_and_converts_the_scope()
    {
        const string json = "{\n  \"Fhir\": {\n    \"BaseUrl\": \"" + V1 + "\",\n    \"Scope\": \"system/Patient.read\",\n    \"GrantType\": \"client_credentials\"\n  }\n}\n";

        ConfigScanResult result = ConfigFileScanner.Scan(json);

        Assert.Equal(new[] { "NSM001", "NSM006", "NSM010" }, result.Findings.Select(f => f.RuleId));
        Assert.Equal(new[] { V1, BothGrounds, "Provider System Access", ProviderSystemAccess }, result.Findings[1].MessageArguments);
        Assert.Equal(new[] { V1, "Provider System Access", ProviderSystemAccess }, result.Findings[0].MessageArguments);
        Assert.Equal(
            "{\n  \"Fhir\": {\n    \"BaseUrl\": \"" + ProviderSystemAccess + "\",\n    \"Scope\": \"system/Patient.rs\",\n    \"GrantType\": \"client_credentials\"\n  }\n}\n",
            ConfigFileScanner.ApplyFixes(json, result.Findings));
    }

    [Fact]
    public void The_url_and_the_grant_in_sibling_sections_share_the_file_as_their_unit()
    {
        const string json = "{ \"CareConnect\": { \"BaseUrl\": \"" + V1 + "\" }, \"Auth\": { \"GrantType\": \"client_credentials\" } }";

        ConfigScanResult result = ConfigFileScanner.Scan(json);

        Assert.Equal(new[] { "NSM001", "NSM006" }, result.Findings.Select(f => f.RuleId));
        Assert.All(result.Findings, f => Assert.Equal("CareConnect:BaseUrl", f.Path));
        Assert.Equal(new[] { V1, "Provider System Access", ProviderSystemAccess }, result.Findings[0].MessageArguments);
        Assert.Equal(new[] { V1, "the settings around it use the client_credentials grant", "Provider System Access", ProviderSystemAccess }, result.Findings[1].MessageArguments);
    }

    [Fact]
    public void Each_client_of_a_file_with_several_is_decided_by_its_own_object()
    {
        const string json = "{\n" +
            "  \"Clients\": {\n" +
            "    \"NightlySync\": { \"BaseUrl\": \"" + V1 + "\", \"GrantType\": \"client_credentials\", \"Scope\": \"system/Patient.rs\" },\n" +
            "    \"PatientApp\": { \"BaseUrl\": \"" + V1 + "\", \"Scope\": \"launch/patient openid fhirUser patient/Patient.rs\" }\n" +
            "  }\n" +
            "}\n";

        ConfigScanResult result = ConfigFileScanner.Scan(json);

        Assert.Equal(
            new[] { "NSM001 Clients:NightlySync:BaseUrl", "NSM006 Clients:NightlySync:BaseUrl", "NSM001 Clients:PatientApp:BaseUrl" },
            result.Findings.Select(f => f.RuleId + " " + f.Path));
        Assert.Equal(new[] { V1, "Provider System Access", ProviderSystemAccess }, result.Findings[0].MessageArguments);
        Assert.Equal(new[] { V1, BothGrounds, "Provider System Access", ProviderSystemAccess }, result.Findings[1].MessageArguments);
        Assert.Equal(new[] { V1, "Provider Patient Access", ProviderPatientAccess }, result.Findings[2].MessageArguments);
        Assert.Equal(
            "{\n" +
            "  \"Clients\": {\n" +
            "    \"NightlySync\": { \"BaseUrl\": \"" + ProviderSystemAccess + "\", \"GrantType\": \"client_credentials\", \"Scope\": \"system/Patient.rs\" },\n" +
            "    \"PatientApp\": { \"BaseUrl\": \"" + ProviderPatientAccess + "\", \"Scope\": \"launch/patient openid fhirUser patient/Patient.rs\" }\n" +
            "  }\n" +
            "}\n",
            ConfigFileScanner.ApplyFixes(json, result.Findings));
    }

    [Fact]
    public void Clients_in_an_array_are_decided_by_their_own_objects_and_their_scope_arrays()
    {
        const string json = "{ \"Clients\": [ " +
            "{ \"BaseUrl\": \"" + V1 + "\", \"Scopes\": [ \"patient/Patient.rs\", \"openid\" ] }, " +
            "{ \"BaseUrl\": \"" + V1 + "\", \"Scopes\": [ \"system/Patient.rs\", \"system/Observation.rs\" ] } ] }";

        ConfigScanResult result = ConfigFileScanner.Scan(json);

        Assert.Equal(
            new[] { "NSM001 Clients:0:BaseUrl", "NSM001 Clients:1:BaseUrl", "NSM006 Clients:1:BaseUrl" },
            result.Findings.Select(f => f.RuleId + " " + f.Path));
        Assert.Equal(new[] { V1, "Provider Patient Access", ProviderPatientAccess }, result.Findings[0].MessageArguments);
        Assert.Equal(new[] { V1, "Provider System Access", ProviderSystemAccess }, result.Findings[1].MessageArguments);
        Assert.Equal(new[] { V1, "the settings around it use system/ scopes", "Provider System Access", ProviderSystemAccess }, result.Findings[2].MessageArguments);
    }

    [Fact]
    public void A_client_object_without_scopes_or_grant_is_decided_by_the_nearest_object_around_it_that_has_some()
    {
        const string json = "{ \"Backend\": { \"GrantType\": \"client_credentials\", \"Fhir\": { \"BaseUrl\": \"" + V1 + "\" } }, " +
            "\"App\": { \"Scope\": \"patient/Patient.rs\" } }";

        ConfigScanResult result = ConfigFileScanner.Scan(json);

        Assert.Equal(new[] { "NSM001 Backend:Fhir:BaseUrl", "NSM006 Backend:Fhir:BaseUrl" }, result.Findings.Select(f => f.RuleId + " " + f.Path));
        Assert.Equal(new[] { V1, "Provider System Access", ProviderSystemAccess }, result.Findings[0].MessageArguments);
    }

    [Fact]
    public void Evidence_deep_in_a_nested_file_reaches_every_object_around_it()
    {
        // Depth 400: a system scope and a patient scope in sibling branches under the same objects, then a URL next to
        // each kind and one next to neither (which takes the nearest object that holds both: mixed use).
        string open = string.Concat(Enumerable.Repeat("{ \"n\": ", 400));
        string close = new string('}', 400);
        string json = open + "{ " +
            "\"Job\": { \"More\": { \"Scope\": \"system/Patient.rs\" }, \"Url\": \"" + V1 + "/b\" }, " +
            "\"App\": { \"Scope\": \"patient/Patient.rs\", \"Url\": \"" + V1 + "/a\" }, " +
            "\"Other\": { \"Url\": \"" + V1 + "/c\" } }" + close;

        ConfigScanResult result = ConfigFileScanner.Scan(json);

        Assert.Null(result.Error);
        Assert.Equal(
            new[] { "NSM001 Provider System Access", "NSM006 Provider System Access", "NSM001 Provider Patient Access", "NSM001 Provider Patient Access" },
            result.Findings.Select(f => f.RuleId + " " + f.MessageArguments[f.RuleId == "NSM006" ? 2 : 1]));
    }

    [Fact]
    public void Mixed_use_in_the_owning_unit_keeps_provider_patient_access_as_the_csharp_rule_does()
    {
        // One object serves a patient app (authorization_code) and a backend job (client_credentials): UrlRules keeps
        // Patient Access for such a C# type, and so for such a unit.
        const string json = "{ \"BaseUrl\": \"" + V1 + "\", \"Grants\": [ \"authorization_code\", \"client_credentials\" ], \"Scope\": \"system/Patient.rs\" }";
        NetsmartUrlMatch match = NetsmartUrlScanner.FindAll(V1).Single();
        ApiEvidence mixed = Backend | ApiEvidence.PatientFacing;
        RuleDecision csharp = UrlRules.Decide(match, new FakeSurroundings(ValueSource.CSharp, mixed, owningType: mixed))!;

        ConfigFinding finding = Assert.Single(ConfigFileScanner.Scan(json).Findings);

        Assert.Equal(new[] { V1, "Provider Patient Access", ProviderPatientAccess }, finding.MessageArguments);
        Assert.Equal(csharp.MessageArguments, finding.MessageArguments);
        Assert.False(finding.IsTentative);
        Assert.Equal(
            "{ \"BaseUrl\": \"" + ProviderPatientAccess + "\", \"Grants\": [ \"authorization_code\", \"client_credentials\" ], \"Scope\": \"system/Patient.rs\" }",
            ConfigFileScanner.ApplyFixes(json, new[] { finding }));
    }

    [Fact]
    public void A_file_whose_sections_serve_both_a_patient_app_and_a_backend_job_keeps_patient_access_for_a_url_at_the_top()
    {
        const string json = "{ \"BaseUrl\": \"" + V1 + "\", \"App\": { \"Scope\": \"patient/Patient.rs\" }, \"Job\": { \"GrantType\": \"client_credentials\" } }";

        ConfigFinding finding = Assert.Single(ConfigFileScanner.Scan(json).Findings);

        Assert.Equal(new[] { V1, "Provider Patient Access", ProviderPatientAccess }, finding.MessageArguments);
    }

    [Fact]
    public void A_file_without_backend_or_patient_facing_evidence_moves_to_provider_patient_access()
    {
        const string json = "{ \"BaseUrl\": \"" + V1 + "\", \"ClientId\": \"demo\" }";

        ConfigFinding finding = Assert.Single(ConfigFileScanner.Scan(json).Findings);

        Assert.Equal(new[] { V1, "Provider Patient Access", ProviderPatientAccess }, finding.MessageArguments);
    }

    [Theory]
    [InlineData("https://fhir.netsmartcloud.com/v4")]
    [InlineData("https://fhir.netsmartcloud.com/fhir")]
    [InlineData("https://fhir.netsmartcloud.com/ccd")]
    [InlineData("https://oauth.netsmartcloud.com/token?scope=CCD")]
    public void Non_migrating_apis_in_a_backend_file_get_nothing(string url)
    {
        string json = "{ \"BaseUrl\": \"" + url + "\", \"GrantType\": \"client_credentials\", \"Scope\": \"system/Patient.rs\" }";

        Assert.Empty(ConfigFileScanner.Scan(json).Findings);
    }

    [Fact]
    public void A_tenant_placeholder_is_not_a_finding_in_a_file()
    {
        const string json = "{ \"BaseUrl\": \"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}\" }";

        Assert.Empty(ConfigFileScanner.Scan(json).Findings);
        Assert.False(ConfigFileScanner.IsReported(DiagnosticIds.V2UrlWithTenantPlaceholder));
    }

    [Theory]
    [InlineData("provider", "Provider System Access")]
    [InlineData("payer", "Payer System Access")]
    public void A_v2_patient_access_url_in_a_backend_file_gets_nsm006_which_swaps_only_the_api_segment(string side, string api)
    {
        const string tenant = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
        string url = "https://fhir.netsmartcloud.com/" + side + "/patient-access/v2/" + tenant;
        string json = "{ \"BaseUrl\": \"" + url + "/Patient\", \"GrantType\": \"client_credentials\" }";

        ConfigFinding finding = Assert.Single(ConfigFileScanner.Scan(json).Findings);

        Assert.Equal(DiagnosticIds.SystemAccessThroughPatientAccess, finding.RuleId);
        Assert.Equal(json.IndexOf(url, System.StringComparison.Ordinal), finding.Start);
        Assert.Equal(url.Length, finding.Length);
        string moved = "https://fhir.netsmartcloud.com/" + side + "/system-access/v2/" + tenant;
        Assert.Equal(new[] { url, "the settings around it use the client_credentials grant", api, moved }, finding.MessageArguments);
        Assert.Equal(
            "{ \"BaseUrl\": \"" + moved + "/Patient\", \"GrantType\": \"client_credentials\" }",
            ConfigFileScanner.ApplyFixes(json, new[] { finding }));
    }

    [Theory]
    [InlineData(DiagnosticIds.V1PatientAccessUrl)]
    [InlineData(DiagnosticIds.V1BulkDataUrl)]
    [InlineData(DiagnosticIds.V1AuthorizationServerUrl)]
    [InlineData(DiagnosticIds.V2UrlWithoutTenant)]
    [InlineData(DiagnosticIds.SystemAccessThroughPatientAccess)]
    [InlineData(DiagnosticIds.V1ScopeSyntax)]
    [InlineData(DiagnosticIds.MalformedV2Scope)]
    public void The_url_and_scope_rules_and_nsm006_are_reported_in_a_file(string ruleId)
    {
        Assert.True(ConfigFileScanner.IsReported(ruleId));
    }
}

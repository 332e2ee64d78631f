using System.Linq;
using Netsmart.Knowledge.Config;
using Netsmart.Knowledge.Evidence;
using Netsmart.Knowledge.Rules;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Knowledge.Tests.Rules;

/// <summary>
/// The configuration-file front end supplies the file as what surrounds a value and reports the rules a file is
/// checked for. Where it differs from the C# front end, the difference is an input, shown here.
/// </summary>
public class ConfigFileDecisionTests
{
    /// <summary>A backend job's settings: system-level scopes, the client_credentials grant and a v1 Patient Access base.</summary>
    private const string BackendSettings =
        "{ \"BaseUrl\": \"https://fhir.netsmartcloud.com/uscore/v1\", \"GrantType\": \"client_credentials\", \"Scope\": \"system/Patient.rs\" }";

    [Fact]
    public void A_v1_patient_access_url_in_a_file_moves_to_provider_patient_access_even_next_to_system_level_access()
    {
        ConfigFinding finding = Assert.Single(ConfigFileScanner.Scan(BackendSettings).Findings);

        Assert.Equal(DiagnosticIds.V1PatientAccessUrl, finding.RuleId);
        Assert.Equal(
            new[]
            {
                "https://fhir.netsmartcloud.com/uscore/v1",
                "Provider Patient Access",
                "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}",
            },
            finding.MessageArguments);
    }

    [Fact]
    public void The_same_decision_with_the_file_as_the_owning_type_would_move_it_to_provider_system_access()
    {
        // The only input the configuration-file front end leaves out: a file has no type (IValueSurroundings.OwningType).
        // Given the file's evidence there, the one decision says what the C# rule says for a backend type.
        ApiEvidence file = ApiEvidenceScanner.FromText("client_credentials") | ApiEvidenceScanner.FromText("system/Patient.rs");
        NetsmartUrlMatch match = NetsmartUrlScanner.FindAll("https://fhir.netsmartcloud.com/uscore/v1").Single();

        RuleDecision decision = UrlRules.Decide(match, new FakeSurroundings(ValueSource.ConfigFile, file, owningType: file))!;

        Assert.Equal("Provider System Access", decision.MessageArguments[1]);
        Assert.Equal("https://fhir.netsmartcloud.com/provider/system-access/v2/{tenant-id}", decision.MessageArguments[2]);
    }

    [Fact]
    public void A_tenant_placeholder_is_not_a_finding_in_a_file()
    {
        const string json = "{ \"BaseUrl\": \"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}\" }";

        Assert.Empty(ConfigFileScanner.Scan(json).Findings);
        Assert.False(ConfigFileScanner.IsReported(DiagnosticIds.V2UrlWithTenantPlaceholder));
        Assert.False(ConfigFileScanner.IsReported(DiagnosticIds.SystemAccessThroughPatientAccess));
    }

    [Theory]
    [InlineData(DiagnosticIds.V1PatientAccessUrl)]
    [InlineData(DiagnosticIds.V1BulkDataUrl)]
    [InlineData(DiagnosticIds.V1AuthorizationServerUrl)]
    [InlineData(DiagnosticIds.V2UrlWithoutTenant)]
    [InlineData(DiagnosticIds.V1ScopeSyntax)]
    [InlineData(DiagnosticIds.MalformedV2Scope)]
    public void The_url_and_scope_rules_are_reported_in_a_file(string ruleId)
    {
        Assert.True(ConfigFileScanner.IsReported(ruleId));
    }
}

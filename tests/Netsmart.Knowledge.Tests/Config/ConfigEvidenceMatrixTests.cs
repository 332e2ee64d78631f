using System.Collections.Generic;
using System.Linq;
using Netsmart.Knowledge.Config;
using Netsmart.Knowledge.Rules;

namespace Netsmart.Knowledge.Tests.Config;

/// <summary>
/// NSM003 and NSM010 in a configuration file that configures a non-migrating API (/v4, /fhir, /ccd, PatientImage,
/// scope CCD) next to one more kind of evidence: the same decisions as the C# rules make for a type or a file.
/// </summary>
public class ConfigEvidenceMatrixTests
{
    public static IEnumerable<object?[]> Matrix()
    {
        string[] nonMigrating =
        [
            "https://fhir.netsmartcloud.com/v4",
            "https://fhir.netsmartcloud.com/fhir",
            "https://fhir.netsmartcloud.com/ccd",
            "https://fhirtest.netsmartcloud.com/v4/PatientImage",
            "CCD",
        ];
        string?[] other =
        [
            "openid user/Patient.read patient/Observation.rs",
            "system/Patient.read",
            "launch/patient openid fhirUser",
            "https://fhir.netsmartcloud.com/uscore/v1",
            null,
        ];
        foreach (string api in nonMigrating)
        {
            foreach (string? value in other)
            {
                yield return new object?[] { api, value };
            }
        }
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Only_a_certified_url_keeps_the_auth_server_finding_next_to_a_non_migrating_api(string api, string? other)
    {
        string json = "{ \"Api\": \"" + api + "\", \"TokenUrl\": \"https://oauth.netsmartcloud.com/token\"" +
            (other is null ? string.Empty : ", \"Other\": \"" + other + "\"") + " }";

        ConfigScanResult result = ConfigFileScanner.Scan(json);

        Assert.Null(result.Error);
        ConfigFinding? token = result.Findings.SingleOrDefault(f => f.RuleId == DiagnosticIds.V1AuthorizationServerUrl);
        if (other != null && other.Contains("/uscore/v1"))
        {
            Assert.NotNull(token);
            Assert.True(token.IsTentative);
            Assert.Empty(token.Edits);
            Assert.Equal(
                "if it serves Certified API calls, use the tenant-specific v2 server 'https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/token' " +
                "(this file also configures the /v4, /fhir, /ccd or PatientImage APIs, which stay on this server)",
                token.MessageArguments[1]);
        }
        else
        {
            Assert.Null(token);
        }

        // The v1 scopes of a file that configures only non-migrating APIs are left alone, as in C#.
        Assert.DoesNotContain(result.Findings, f => f.RuleId == DiagnosticIds.V1ScopeSyntax);
    }

    [Theory]
    [InlineData("openid user/Patient.read")]
    [InlineData("system/Patient.rs")]
    [InlineData("launch/patient openid fhirUser")]
    public void Scopes_without_a_non_migrating_api_are_certified_evidence(string scope)
    {
        const string token = "https://oauth.netsmartcloud.com/token";
        string json = "{ \"TokenUrl\": \"" + token + "\", \"Scope\": \"" + scope + "\" }";

        ConfigFinding finding = Assert.Single(ConfigFileScanner.Scan(json).Findings, f => f.RuleId == DiagnosticIds.V1AuthorizationServerUrl);

        Assert.False(finding.IsTentative);
        Assert.Equal(json.IndexOf(token, System.StringComparison.Ordinal), finding.Start);
        Assert.Equal(token.Length, finding.Length);
        Assert.Equal("{ \"TokenUrl\": \"https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/token\", \"Scope\": \"" + scope + "\" }",
            ConfigFileScanner.ApplyFixes(json, new[] { finding }));
    }
}

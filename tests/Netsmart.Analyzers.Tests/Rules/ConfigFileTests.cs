using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Netsmart.Analyzers.Tests.Rules;

/// <summary>The rules inside JSON configuration files given to the compiler as AdditionalFiles.</summary>
public class ConfigFileTests
{
    private static async Task VerifyAsync(string json, params DiagnosticResult[] expected) =>
        await VerifyAsync("/0/appsettings.json", json, expected);

    private static async Task VerifyAsync(string path, string json, params DiagnosticResult[] expected)
    {
        var test = new VerifyConfig.AnalyzerTest { TestCode = "class C { }" };
        test.TestState.AdditionalFiles.Add((path, json.Replace("\r\n", "\n")));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    [Fact]
    public async Task Values_are_reported_at_their_exact_location_and_keys_and_comments_are_not()
    {
        const string json = """
            {
              // https://fhir.netsmartcloud.com/uscore/v1 in a comment is not a value
              "CareConnect": {
                "https://fhir.netsmartcloud.com/uscore/v1": "key, not value",
                "BaseUrl": "{|#0:https://fhir.netsmartcloud.com/uscore/v1|}/",
                /* block comment: https://oauth.netsmartcloud.com/token */
                "Bulk": [ "{|#1:https://fhirtest.netsmartcloud.com/uscore/v1/bulk-data|}/Group/7/$export" ],
                "TokenUrl": "{|#2:https://oauth.netsmartcloud.com/token|}",
                "Scopes": "launch/patient openid {|#3:patient/Patient.read patient/Observation.read|}",
                "Fixed": "{|#4:patient/Patient.sr|}",
                "NoTenant": "{|#5:https://fhir.netsmartcloud.com/provider/patient-access/v2|}/Patient",
              },
            }
            """;

        await VerifyAsync(json,
            VerifyConfig.Diagnostic("NSM001").WithLocation(0).WithArguments("https://fhir.netsmartcloud.com/uscore/v1", "Provider Patient Access", "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}"),
            VerifyConfig.Diagnostic("NSM002").WithLocation(1).WithArguments("https://fhirtest.netsmartcloud.com/uscore/v1/bulk-data", "move to the tenant-specific v2 Provider System Access base 'https://fhirtest.netsmartcloud.com/provider/system-access/v2/{tenant-id}'"),
            VerifyConfig.Diagnostic("NSM003").WithLocation(2).WithArguments("https://oauth.netsmartcloud.com/token", "this code uses the Certified APIs, whose v2 authorization server is tenant-specific: 'https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/token'"),
            VerifyConfig.Diagnostic("NSM010").WithLocation(3).WithArguments("'patient/Patient.read', 'patient/Observation.read'", "'patient/Patient.rs', 'patient/Observation.rs'"),
            VerifyConfig.Diagnostic("NSM011").WithLocation(4).WithArguments("'patient/Patient.sr' (letters out of order (expected order c, r, u, d, s); use 'patient/Patient.rs')", ""),
            VerifyConfig.Diagnostic("NSM004").WithLocation(5).WithArguments("https://fhir.netsmartcloud.com/provider/patient-access/v2", "has no tenant id", "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}"));
    }

    [Fact]
    public async Task A_backend_clients_v1_url_moves_to_system_access_with_nsm006_and_a_patient_apps_keeps_patient_access()
    {
        const string json = """
            {
              "Clients": {
                "NightlySync": {
                  "FhirBaseUrl": "{|#0:https://fhir.netsmartcloud.com/uscore/v1|}",
                  "GrantType": "client_credentials",
                  "Scope": "system/Patient.rs system/Observation.rs"
                },
                "PatientApp": {
                  "FhirBaseUrl": "{|#1:https://fhir.netsmartcloud.com/uscore/v1|}",
                  "Scope": "launch/patient openid fhirUser patient/Patient.rs"
                }
              }
            }
            """;

        await VerifyAsync(json,
            VerifyConfig.Diagnostic("NSM001").WithLocation(0).WithArguments("https://fhir.netsmartcloud.com/uscore/v1", "Provider System Access", "https://fhir.netsmartcloud.com/provider/system-access/v2/{tenant-id}"),
            VerifyConfig.Diagnostic("NSM006").WithLocation(0).WithArguments("https://fhir.netsmartcloud.com/uscore/v1", "the settings around it use system/ scopes and the client_credentials grant", "Provider System Access", "https://fhir.netsmartcloud.com/provider/system-access/v2/{tenant-id}"),
            VerifyConfig.Diagnostic("NSM001").WithLocation(1).WithArguments("https://fhir.netsmartcloud.com/uscore/v1", "Provider Patient Access", "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}"));
    }

    [Fact]
    public async Task A_v2_patient_access_url_in_a_backend_file_gets_nsm006_and_non_migrating_apis_get_nothing()
    {
        const string json = """
            {
              "Fhir": "{|#0:https://fhir.netsmartcloud.com/provider/patient-access/v2/3fa85f64-5717-4562-b3fc-2c963f66afa6|}/Patient",
              "General": "https://fhir.netsmartcloud.com/v4",
              "Ccd": "https://fhir.netsmartcloud.com/ccd",
              "Grant": "client_credentials"
            }
            """;

        await VerifyAsync(json,
            VerifyConfig.Diagnostic("NSM006").WithLocation(0).WithArguments(
                "https://fhir.netsmartcloud.com/provider/patient-access/v2/3fa85f64-5717-4562-b3fc-2c963f66afa6",
                "the settings around it use the client_credentials grant",
                "Provider System Access",
                "https://fhir.netsmartcloud.com/provider/system-access/v2/3fa85f64-5717-4562-b3fc-2c963f66afa6"));
    }

    [Fact]
    public async Task Escaped_characters_are_decoded_and_the_location_covers_the_source_text()
    {
        const string json = """
            { "a": "{|#0:https:\/\/fhir.netsmartcloud.com\u002Fuscore\/v1|}\/Patient" }
            """;

        await VerifyAsync(json,
            VerifyConfig.Diagnostic("NSM001").WithLocation(0).WithArguments("https://fhir.netsmartcloud.com/uscore/v1", "Provider Patient Access", "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}"));
    }

    [Fact]
    public async Task A_ccd_only_file_is_left_alone_and_an_auth_url_without_evidence_is_information()
    {
        const string ccd = """
            { "Ccd": { "TokenUrl": "https://oauth.netsmartcloud.com/token", "Scope": "CCD", "Url": "https://fhir.netsmartcloud.com/ccd" } }
            """;
        const string unknown = """
            { "Auth": { "TokenUrl": "{|#0:https://oauth.netsmartcloud.com/token|}" } }
            """;

        await VerifyAsync("/0/appsettings.Ccd.json", ccd);
        await VerifyAsync(unknown,
            VerifyConfig.Diagnostic("NSM003").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments(
                "https://oauth.netsmartcloud.com/token",
                "if it serves Certified API calls, use the tenant-specific v2 server 'https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/token' (no Certified API use was found in this file)"));
    }

    [Fact]
    public async Task Scopes_next_to_a_non_migrating_api_are_no_certified_evidence_but_a_certified_url_is()
    {
        const string generalPurpose = """
            { "R4": { "BaseUrl": "https://fhir.netsmartcloud.com/v4", "TokenUrl": "https://oauth.netsmartcloud.com/token", "Scope": "openid user/Patient.read system/Observation.rs" } }
            """;
        const string mixed = """
            { "R4": "https://fhir.netsmartcloud.com/v4", "Certified": "{|#0:https://fhir.netsmartcloud.com/uscore/v1|}", "TokenUrl": "{|#1:https://oauth.netsmartcloud.com/token|}", "Scope": "launch/patient openid fhirUser" }
            """;

        await VerifyAsync("/0/appsettings.R4.json", generalPurpose);
        await VerifyAsync(mixed,
            VerifyConfig.Diagnostic("NSM001").WithLocation(0).WithArguments("https://fhir.netsmartcloud.com/uscore/v1", "Provider Patient Access", "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}"),
            VerifyConfig.Diagnostic("NSM003").WithLocation(1).WithSeverity(DiagnosticSeverity.Info).WithArguments(
                "https://oauth.netsmartcloud.com/token",
                "if it serves Certified API calls, use the tenant-specific v2 server 'https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/token' (this file also configures the /v4, /fhir, /ccd or PatientImage APIs, which stay on this server)"));
    }

    [Fact]
    public async Task A_malformed_scope_is_information_where_neither_the_file_nor_the_project_shows_netsmart_use()
    {
        const string json = """
            { "Auth": { "Authority": "https://login.example.org", "Scopes": [ "openid", "{|#0:patient/Observation.rsXYZ|}" ] } }
            """;

        await VerifyAsync(json,
            VerifyConfig.Diagnostic("NSM011").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments(
                "'patient/Observation.rsXYZ' (unknown letter(s) 'X', 'Y', 'Z')",
                "; no Netsmart use was found in this file or project, so this is information only"));
    }

    [Theory]
    [InlineData("is_global = true\nbuild_property.NetsmartTenantIdExpression = Settings.TenantId\n", null)]
    [InlineData(null, "Netsmart.CareConnect")]
    public async Task A_malformed_scope_is_a_warning_in_a_project_that_shows_netsmart_use(string? globalConfig, string? reference)
    {
        const string json = """
            { "Auth": { "Scopes": "openid {|#0:user/Patient.crudss|}" } }
            """;
        var test = new VerifyConfig.AnalyzerTest { TestCode = "class C { }" };
        test.TestState.AdditionalFiles.Add(("/0/appsettings.json", json.Replace("\r\n", "\n")));
        if (globalConfig != null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", globalConfig));
        }

        if (reference != null)
        {
            test.TestState.AdditionalReferences.Add(NSM011Tests.LibraryNamed(reference));
        }

        test.ExpectedDiagnostics.Add(VerifyConfig.Diagnostic("NSM011").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning).WithArguments(
            "'user/Patient.crudss' (repeated letter(s) 's'; use 'user/Patient.cruds')", ""));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("{ \"a\": \"https://fhir.netsmartcloud.com/uscore/v1")]
    [InlineData("{ \"a\": [ \"https://fhir.netsmartcloud.com/uscore/v1\" ")]
    [InlineData("not json at all https://fhir.netsmartcloud.com/uscore/v1")]
    [InlineData("{ \"a\": \"\\q https://fhir.netsmartcloud.com/uscore/v1\" }")]
    [InlineData("")]
    public async Task A_malformed_file_is_skipped_without_an_exception(string json)
    {
        await VerifyAsync(json);
    }

    [Fact]
    public async Task Other_additional_files_are_not_read()
    {
        await VerifyAsync("/0/notes.txt", "https://fhir.netsmartcloud.com/uscore/v1");
    }
}

using System.Threading.Tasks;

namespace Netsmart.Analyzers.Tests.Rules;

public class NSM006Tests
{
    [Fact]
    public async Task Backend_code_on_v1_patient_access_moves_to_system_access_and_NSM001_agrees()
    {
        const string source = """
            using System.Collections.Generic;

            class BackendSync
            {
                const string Fhir = {|#0:{|#1:"https://fhir.netsmartcloud.com/uscore/v1"|}|};
                static readonly Dictionary<string, string> Token = new()
                {
                    ["grant_type"] = "client_credentials",
                    ["scope"] = "system/Patient.rs",
                };
            }
            """;
        const string fixedSource = """
            using System.Collections.Generic;

            class BackendSync
            {
                const string Fhir = {|NSM005:"https://fhir.netsmartcloud.com/provider/system-access/v2/{tenant-id}"|};
                static readonly Dictionary<string, string> Token = new()
                {
                    ["grant_type"] = "client_credentials",
                    ["scope"] = "system/Patient.rs",
                };
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource,
            VerifyUrl.Diagnostic("NSM001").WithLocation(0).WithArguments(
                "https://fhir.netsmartcloud.com/uscore/v1", "Provider System Access",
                "https://fhir.netsmartcloud.com/provider/system-access/v2/{tenant-id}"),
            VerifyUrl.Diagnostic("NSM006").WithLocation(1).WithArguments(
                "https://fhir.netsmartcloud.com/uscore/v1", "this type uses system/ scopes and the client_credentials grant", "Provider System Access",
                "https://fhir.netsmartcloud.com/provider/system-access/v2/{tenant-id}"));
    }

    [Fact]
    public async Task A_v2_patient_access_url_in_backend_code_moves_to_system_access()
    {
        const string source = """
            class Export
            {
                string Grant() => "grant_type=client_credentials";
                string Base(string tenantId) => {|#0:$"https://fhirtest.netsmartcloud.com/provider/patient-access/v2/{tenantId}/Patient"|};
            }
            """;
        const string fixedSource = """
            class Export
            {
                string Grant() => "grant_type=client_credentials";
                string Base(string tenantId) => $"https://fhirtest.netsmartcloud.com/provider/system-access/v2/{tenantId}/Patient";
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource,
            VerifyUrl.Diagnostic("NSM006").WithLocation(0).WithArguments(
                "https://fhirtest.netsmartcloud.com/provider/patient-access/v2/", "this type uses the client_credentials grant", "Provider System Access",
                "https://fhirtest.netsmartcloud.com/provider/system-access/v2/"));
    }

    [Fact]
    public async Task Patient_facing_code_is_not_reported()
    {
        const string source = """
            class App
            {
                string Scopes() => "launch/patient openid patient/Patient.rs";
                string Base(string tenantId) => $"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenantId}";
            }
            """;

        await VerifyUrl.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task A_type_that_serves_both_a_patient_app_and_a_backend_job_keeps_patient_access()
    {
        const string source = """
            static class Settings
            {
                public const string Fhir = {|#0:"https://fhir.netsmartcloud.com/uscore/v1"|};
                public const string PatientScopes = "launch/patient openid patient/Patient.rs";
                public const string SystemScopes = "system/Patient.rs";
            }
            """;

        await VerifyUrl.VerifyAnalyzerAsync(source,
            VerifyUrl.Diagnostic("NSM001").WithLocation(0).WithArguments(
                "https://fhir.netsmartcloud.com/uscore/v1", "Provider Patient Access",
                "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}"));
    }
}

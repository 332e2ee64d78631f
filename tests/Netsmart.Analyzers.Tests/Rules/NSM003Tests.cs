using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace Netsmart.Analyzers.Tests.Rules;

public class NSM003Tests
{
    [Fact]
    public async Task Auth_server_in_certified_code_is_a_warning_with_a_fix()
    {
        const string source = """
            class SmartClient
            {
                const string FhirBase = {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1"|};
                string Authorize() => {|#0:"https://oauth.netsmartcloud.com/authorize"|};
                string Token() => {|NSM003:"https://oauthtest.netsmartcloud.com/token"|};
                string Root() => {|NSM003:"https://oauth.netsmartcloud.com/"|};
            }
            """;
        const string fixedSource = """
            class SmartClient
            {
                const string FhirBase = {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}"|};
                string Authorize() => {|NSM005:"https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/authorize"|};
                string Token() => {|NSM005:"https://fhirtest.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/token"|};
                string Root() => {|NSM005:"https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/"|};
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource,
            VerifyUrl.Diagnostic("NSM003").WithLocation(0).WithArguments(
                "https://oauth.netsmartcloud.com/authorize",
                "this code uses the Certified APIs, whose v2 authorization server is tenant-specific: 'https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/authorize'"));
    }

    [Fact]
    public async Task Clinical_scopes_or_an_aud_in_the_same_string_are_evidence_enough()
    {
        const string source = """
            class A
            {
                string Url(string tenantId) => {|NSM003:"https://oauth.netsmartcloud.com/authorize?scope=launch%2Fpatient+openid+patient%2FPatient.read"|};
            }
            """;
        const string fixedSource = """
            class A
            {
                string Url(string tenantId) => $"https://fhir.netsmartcloud.com/auth/{tenantId}/oauth2/v1/authorize?scope=launch%2Fpatient+openid+patient%2FPatient.read";
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Without_evidence_either_way_it_is_information_without_a_fix_and_says_why()
    {
        const string source = """
            class AuthSettings
            {
                public string TokenEndpoint { get; set; } = {|#0:"https://oauth.netsmartcloud.com/token"|};
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, source,
            VerifyUrl.Diagnostic("NSM003").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments(
                "https://oauth.netsmartcloud.com/token",
                "if it serves Certified API calls, use the tenant-specific v2 server 'https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/token' (no Certified API use was found in this type or file)"));
    }

    [Fact]
    public async Task Code_that_mixes_certified_and_non_migrating_apis_is_information_without_a_fix()
    {
        const string source = """
            class Mixed
            {
                string Token() => {|#0:"https://oauth.netsmartcloud.com/token"|};
                string Ccd() => "https://fhir.netsmartcloud.com/ccd?patient=1";
                string Fhir() => {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1/Patient"|};
            }
            """;
        const string fixedSource = """
            class Mixed
            {
                string Token() => {|#0:"https://oauth.netsmartcloud.com/token"|};
                string Ccd() => "https://fhir.netsmartcloud.com/ccd?patient=1";
                string Fhir() => {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient"|};
            }
            """;

        var test = new VerifyUrl.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
        };
        var info = VerifyUrl.Diagnostic("NSM003").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments(
            "https://oauth.netsmartcloud.com/token",
            "if it serves Certified API calls, use the tenant-specific v2 server 'https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/token' (this code also uses the /v4, /fhir, /ccd or PatientImage APIs, which stay on this server)");
        test.ExpectedDiagnostics.Add(info);
        test.FixedState.ExpectedDiagnostics.Add(info);
        await test.RunAsync();
    }
}

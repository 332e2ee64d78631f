using System.Threading.Tasks;

namespace Netsmart.Analyzers.Tests.Rules;

public class NSM005Tests
{
    [Fact]
    public async Task A_placeholder_is_information_and_is_replaced_when_a_tenant_is_in_scope()
    {
        const string source = """
            class C
            {
                string A(string tenantId) => {|#0:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient"|};
                string B(string tenantId) => {|NSM005:$@"https://fhir.netsmartcloud.com/auth/{{tenantId}}/oauth2/v1/token"|};
            }
            """;
        const string fixedSource = """
            class C
            {
                string A(string tenantId) => $"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenantId}/Patient";
                string B(string tenantId) => $@"https://fhir.netsmartcloud.com/auth/{tenantId}/oauth2/v1/token";
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource,
            VerifyUrl.Diagnostic("NSM005").WithLocation(0).WithArguments(
                "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}", "{tenant-id}"));
    }

    [Fact]
    public async Task No_fix_is_offered_without_a_tenant_or_in_a_constant_context()
    {
        const string source = """
            class C
            {
                string _tenantId = "43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";
                const string A = {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}"|};
                static string B() => {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenantId}/Patient"|};
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, source);
    }
}

using System.Threading.Tasks;

namespace Netsmart.Analyzers.Tests.Rules;

public class NSM004Tests
{
    [Fact]
    public async Task A_missing_tenant_is_reported_and_inserted()
    {
        const string source = """
            class C
            {
                string A() => {|#0:"https://fhir.netsmartcloud.com/provider/patient-access/v2/Patient"|};
                string B() => {|NSM004:"https://fhirtest.netsmartcloud.com/provider/system-access/v2"|};
                string C2() => {|NSM004:"https://fhir.netsmartcloud.com/auth/oauth2/v1/token"|};
                string D() => {|NSM004:"https://fhir.netsmartcloud.com/payer/patient-access/v2/"|};
            }
            """;
        const string fixedSource = """
            class C
            {
                string A() => {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient"|};
                string B() => {|NSM005:"https://fhirtest.netsmartcloud.com/provider/system-access/v2/{tenant-id}"|};
                string C2() => {|NSM005:"https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/token"|};
                string D() => {|NSM005:"https://fhir.netsmartcloud.com/payer/patient-access/v2/{tenant-id}/"|};
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource,
            VerifyUrl.Diagnostic("NSM004").WithLocation(0).WithArguments(
                "https://fhir.netsmartcloud.com/provider/patient-access/v2", "has no tenant id",
                "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}"));
    }

    [Fact]
    public async Task A_segment_that_is_not_a_uuid_is_reported_and_replaced_by_the_tenant()
    {
        const string source = """
            class C
            {
                string A(System.Guid tenantId) => {|#0:"https://fhir.netsmartcloud.com/provider/patient-access/v2/acme-health/Patient"|};
            }
            """;
        const string fixedSource = """
            class C
            {
                string A(System.Guid tenantId) => $"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenantId}/Patient";
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource,
            VerifyUrl.Diagnostic("NSM004").WithLocation(0).WithArguments(
                "https://fhir.netsmartcloud.com/provider/patient-access/v2/acme-health",
                "has 'acme-health' where the tenant id (a UUID) belongs",
                "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}"));
    }

    [Fact]
    public async Task An_insertion_between_a_constant_and_a_literal_goes_into_the_literal()
    {
        const string source = """
            class C
            {
                const string Host = "https://fhir.netsmartcloud.com";
                const string Api = "/provider/patient-access/v2";
                string A() => {|NSM004:Host + Api + "/Patient"|};
            }
            """;
        const string fixedSource = """
            class C
            {
                const string Host = "https://fhir.netsmartcloud.com";
                const string Api = "/provider/patient-access/v2";
                string A() => {|NSM005:Host + Api + "/{tenant-id}/Patient"|};
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }
}

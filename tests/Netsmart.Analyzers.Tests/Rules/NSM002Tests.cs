using System.Threading.Tasks;

namespace Netsmart.Analyzers.Tests.Rules;

public class NSM002Tests
{
    [Fact]
    public async Task Bulk_data_url_is_reported_and_moved_to_system_access()
    {
        const string source = """
            class C
            {
                string Kickoff(string tenantId, string group) => {|#0:$"https://fhirtest.netsmartcloud.com/uscore/v1/bulk-data/Group/{group}/$export?_type=Patient"|};
            }
            """;
        const string fixedSource = """
            class C
            {
                string Kickoff(string tenantId, string group) => $"https://fhirtest.netsmartcloud.com/provider/system-access/v2/{tenantId}/Group/{group}/$export?_type=Patient";
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource,
            VerifyUrl.Diagnostic("NSM002").WithLocation(0).WithArguments(
                "https://fhirtest.netsmartcloud.com/uscore/v1/bulk-data",
                "move to the tenant-specific v2 Provider System Access base 'https://fhirtest.netsmartcloud.com/provider/system-access/v2/{tenant-id}'"));
    }

    [Fact]
    public async Task Export_poll_status_is_reported_without_a_fix()
    {
        const string source = """
            class C
            {
                string Poll(string id) => {|#0:"https://fhir.netsmartcloud.com/uscore/v1/bulk-data/$export-poll-status?_id="|} + id;
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, source,
            VerifyUrl.Diagnostic("NSM002").WithLocation(0).WithArguments(
                "https://fhir.netsmartcloud.com/uscore/v1/bulk-data",
                "its $export-poll-status endpoint has no v2 equivalent: poll the URL from the kick-off response's Content-Location header instead"));
    }
}

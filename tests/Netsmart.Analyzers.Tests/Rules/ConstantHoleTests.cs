using System.Threading;
using System.Threading.Tasks;
using Netsmart.Analyzers.Tests.Verifiers;

namespace Netsmart.Analyzers.Tests.Rules;

/// <summary>Interpolation holes that are constants are read like constant operands of '+' (issue #11, defect 1).</summary>
public class ConstantHoleTests
{
    private const string V2Template = "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}";

    [Fact]
    public async Task A_const_field_hole_is_followed_reported_on_the_interpolated_string_with_its_message()
    {
        const string source = """
            class C
            {
                const string Host = "https://fhir.netsmartcloud.com";
                string Url(string id) => {|#0:$"{Host}/uscore/v1/Observation/{id}"|};
            }
            """;

        await VerifyUrl.VerifyAnalyzerAsync(source,
            VerifyUrl.Diagnostic("NSM001").WithLocation(0).WithArguments(
                "https://fhir.netsmartcloud.com/uscore/v1", "Provider Patient Access", V2Template));
    }

    [Fact]
    public async Task Const_fields_const_locals_nameof_and_nested_constant_interpolations_are_fixed_in_the_text_part()
    {
        const string source = """
            class C
            {
                const string Host = "https://fhir.netsmartcloud.com";
                const string Api = $"{Host}/uscore";
                string A(string id) => {|NSM001:$"{Host}/uscore/v1/Observation/{id}"|};
                string B(string id)
                {
                    const string local = "https://fhirtest.netsmartcloud.com";
                    return {|NSM001:$"{local}/uscore/v1/{nameof(B)}/{id}"|};
                }
                string D(string id) => {|NSM001:$"{Api}/v1/Patient/{id}"|};
                string E(string id) => {|NSM001:$@"{C.Host}/uscore/v1/Patient/{id}"|};
            }
            """;
        const string fixedSource = """
            class C
            {
                const string Host = "https://fhir.netsmartcloud.com";
                const string Api = $"{Host}/uscore";
                string A(string id) => {|NSM005:$"{Host}/provider/patient-access/v2/{{tenant-id}}/Observation/{id}"|};
                string B(string id)
                {
                    const string local = "https://fhirtest.netsmartcloud.com";
                    return {|NSM005:$"{local}/provider/patient-access/v2/{{tenant-id}}/{nameof(B)}/{id}"|};
                }
                string D(string id) => {|NSM001:$"{Api}/v1/Patient/{id}"|};
                string E(string id) => {|NSM005:$@"{C.Host}/provider/patient-access/v2/{{tenant-id}}/Patient/{id}"|};
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task A_tenant_in_scope_is_written_as_a_hole_next_to_the_constant_hole()
    {
        const string source = """
            class C
            {
                const string Host = "https://fhir.netsmartcloud.com";
                string Url(string tenantId, string id) => {|NSM001:$"{Host}/uscore/v1/Patient/{id}"|};
            }
            """;
        const string fixedSource = """
            class C
            {
                const string Host = "https://fhir.netsmartcloud.com";
                string Url(string tenantId, string id) => $"{Host}/provider/patient-access/v2/{tenantId}/Patient/{id}";
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Constants_of_other_files_types_and_static_imports_are_followed_and_fix_all_fixes_every_hole()
    {
        var test = new CSharpCodeFixVerifier<Netsmart.Analyzers.Rules.NetsmartUrlAnalyzer, Netsmart.Analyzers.CodeFixes.Rules.NetsmartUrlCodeFixProvider>.Test();
        test.TestState.Sources.Add(("/0/Endpoints.cs", TestDefaults.Normalize("""
            public static class Endpoints
            {
                public const string Host = "https://fhir.netsmartcloud.com";
            }
            """)));
        test.TestState.Sources.Add(("/0/Client.cs", TestDefaults.Normalize("""
            using static Endpoints;

            class Client
            {
                string A(string id) => {|NSM001:$"{Host}/uscore/v1/Patient/{id}"|};
                string B(string id) => {|NSM002:$"{Endpoints.Host}/uscore/v1/bulk-data/Group/{id}"|};
                string C(string id) => {|NSM001:$"{(global::Endpoints.Host)}/uscore/v1/Encounter/{id}"|};
            }
            """)));
        test.FixedState.Sources.Add(("/0/Endpoints.cs", TestDefaults.Normalize("""
            public static class Endpoints
            {
                public const string Host = "https://fhir.netsmartcloud.com";
            }
            """)));
        test.FixedState.Sources.Add(("/0/Client.cs", TestDefaults.Normalize("""
            using static Endpoints;

            class Client
            {
                string A(string id) => {|NSM005:$"{Host}/provider/patient-access/v2/{{tenant-id}}/Patient/{id}"|};
                string B(string id) => {|NSM005:$"{Endpoints.Host}/provider/system-access/v2/{{tenant-id}}/Group/{id}"|};
                string C(string id) => {|NSM005:$"{(global::Endpoints.Host)}/provider/patient-access/v2/{{tenant-id}}/Encounter/{id}"|};
            }
            """)));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_url_wholly_inside_a_constant_hole_is_reported_at_the_constant_and_padded_or_formatted_holes_are_not_followed()
    {
        const string source = """
            class C
            {
                const string Host = "https://fhir.netsmartcloud.com";
                const string Base = {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1"|};
                string A(string id) => $"{Base}/Patient/{id}";
                string B(string id) => $"{Host,10}/uscore/v1/Patient/{id}";
                string D(string id) => $"{Host:x}/uscore/v1/Patient/{id}";
                string E(string id, string host) => $"{host}/uscore/v1/Patient/{id}";
            }
            """;

        await VerifyUrl.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task A_constant_tenant_hole_that_is_not_a_tenant_id_is_reported_without_a_fix_and_a_uuid_is_not_reported()
    {
        const string source = """
            class C
            {
                const string Host = "https://fhir.netsmartcloud.com";
                const string Tenant = "acme";
                const string Uuid = "43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";
                string A(string id) => {|NSM004:$"https://fhir.netsmartcloud.com/provider/patient-access/v2/{Tenant}/Patient/{id}"|};
                string B(string id) => $"{Host}/provider/patient-access/v2/{Uuid}/Patient/{id}";
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, source);
    }
}

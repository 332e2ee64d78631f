using System.Threading.Tasks;

namespace Netsmart.Analyzers.Tests.Rules;

/// <summary>
/// URLs split across the arguments of <c>string.Concat</c> (issue #11, defect 7): read as one value like <c>a + b + …</c>,
/// reported on the argument that holds the end of the v1 base (the v1 path), fixed when the v1 part lies in one literal.
/// </summary>
public class SplitArgumentTests
{
    private const string V2Template = "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}";

    [Fact]
    public async Task Concat_of_host_and_v1_path_is_reported_on_the_path_literal()
    {
        const string source = """
            class C
            {
                string Url(string id) => string.Concat("https://fhir.netsmartcloud.com", {|#0:"/uscore/v1/Patient/"|}, id);
            }
            """;

        await VerifyUrl.VerifyAnalyzerAsync(source,
            VerifyUrl.Diagnostic("NSM001").WithLocation(0).WithArguments(
                "https://fhir.netsmartcloud.com/uscore/v1", "Provider Patient Access", V2Template));
    }

    [Fact]
    public async Task Concat_with_two_arguments_is_fixed_in_the_path_literal_only()
    {
        const string source = """
            class C
            {
                string Url() => string.Concat("https://fhir.netsmartcloud.com", {|NSM001:"/uscore/v1/Patient"|});
            }
            """;
        const string fixedSource = """
            class C
            {
                string Url() => string.Concat("https://fhir.netsmartcloud.com", {|NSM005:"/provider/patient-access/v2/{tenant-id}/Patient"|});
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Concat_with_four_arguments_and_a_constant_host_uses_the_tenant_in_scope()
    {
        const string source = """
            using System;

            class C
            {
                const string Host = "https://fhir.netsmartcloud.com";

                string Url(string tenantId, string id) => String.Concat(Host, {|NSM001:"/uscore/v1/Patient/"|}, id, "?_format=json");
            }
            """;
        const string fixedSource = """
            using System;

            class C
            {
                const string Host = "https://fhir.netsmartcloud.com";

                string Url(string tenantId, string id) => String.Concat(Host, $"/provider/patient-access/v2/{tenantId}/Patient/", id, "?_format=json");
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Concat_with_params_arguments_and_a_constant_path_is_reported_on_the_constant_without_fix()
    {
        const string source = """
            class C
            {
                const string V1Path = "/uscore/v1";

                string Url(string id) => System.String.Concat("https://fhir.netsmartcloud.com", {|#0:V1Path|}, "/Patient/", id, "/_history");
            }
            """;

        await VerifyUrl.VerifyAnalyzerAsync(source,
            VerifyUrl.Diagnostic("NSM001").WithLocation(0).WithArguments(
                "https://fhir.netsmartcloud.com/uscore/v1", "Provider Patient Access", V2Template));
    }

    [Fact]
    public async Task Concat_with_v1_base_split_inside_the_path_is_reported_without_fix()
    {
        // "/uscore" and "/v1/..." are two literals: no single literal holds the v1 part, so there is no fix.
        const string source = """
            class C
            {
                string Url(string id) => string.Concat("https://fhir.netsmartcloud.com/uscore", {|#0:"/v1/Patient/"|}, id);
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, source,
            VerifyUrl.Diagnostic("NSM001").WithLocation(0).WithArguments(
                "https://fhir.netsmartcloud.com/uscore/v1", "Provider Patient Access", V2Template));
    }

    [Fact]
    public async Task Concat_of_bulk_data_is_reported_as_NSM002_and_fixed()
    {
        const string source = """
            class C
            {
                string Url() => string.Concat("https://fhir.netsmartcloud.com", {|NSM002:"/uscore/v1/bulk-data/Group/g1/$export"|});
            }
            """;
        const string fixedSource = """
            class C
            {
                string Url() => string.Concat("https://fhir.netsmartcloud.com", {|NSM005:"/provider/system-access/v2/{tenant-id}/Group/g1/$export"|});
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Fix_all_rewrites_every_split_url_in_the_document()
    {
        const string source = """
            class C
            {
                const string Host = "https://fhirtest.netsmartcloud.com";

                string A(string id) => string.Concat(Host, {|NSM001:"/uscore/v1/Patient/"|}, id);
                string B(string id) => string.Concat("https://fhir.netsmartcloud.com", {|NSM001:@"/uscore/v1/Observation?patient="|}, id);
                string C2(string id) => string.Concat({|NSM001:Host + "/uscore/v1/Encounter/"|}, id);
            }
            """;
        const string fixedSource = """
            class C
            {
                const string Host = "https://fhirtest.netsmartcloud.com";

                string A(string id) => string.Concat(Host, {|NSM005:"/provider/patient-access/v2/{tenant-id}/Patient/"|}, id);
                string B(string id) => string.Concat("https://fhir.netsmartcloud.com", {|NSM005:@"/provider/patient-access/v2/{tenant-id}/Observation?patient="|}, id);
                string C2(string id) => string.Concat({|NSM005:Host + "/provider/patient-access/v2/{tenant-id}/Encounter/"|}, id);
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Whole_url_in_one_concat_argument_is_reported_as_before()
    {
        const string source = """
            class C
            {
                string Url(string id) => string.Concat({|NSM001:"https://fhir.netsmartcloud.com/uscore/v1/Patient/"|}, id);
            }
            """;
        const string fixedSource = """
            class C
            {
                string Url(string id) => string.Concat({|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient/"|}, id);
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Concat_of_a_type_of_its_own_named_String_is_not_joined_but_its_arguments_are_still_analyzed()
    {
        const string source = """
            namespace App
            {
                static class String { public static string Concat(string a, string b) => b + a; }

                class C
                {
                    string Whole(string id) => String.Concat({|#0:"https://fhir.netsmartcloud.com/uscore/v1/Patient/"|}, id);
                    string Split() => String.Concat("https://fhir.netsmartcloud.com", "/uscore/v1/Patient/");
                }
            }
            """;

        await VerifyUrl.VerifyAnalyzerAsync(source,
            VerifyUrl.Diagnostic("NSM001").WithLocation(0).WithArguments(
                "https://fhir.netsmartcloud.com/uscore/v1", "Provider Patient Access", V2Template));
    }

    [Theory]
    [InlineData("string.Concat(\"https://fhir.netsmartcloud.com\", \"/v4/Patient/\", id)")]
    [InlineData("string.Concat(\"https://fhir.netsmartcloud.com\", \"/fhir/Patient/\", id)")]
    [InlineData("string.Concat(\"https://fhir.netsmartcloud.com\", \"/ccd/\", id)")]
    [InlineData("string.Concat(\"https://fhir.netsmartcloud.com\", \"/provider/patient-access/v2/\", id, \"/Patient\")")]
    [InlineData("string.Concat(\"https://\", \"fhir.netsmartcloud.com\", \"/brand/brands.json\")")]
    [InlineData("string.Concat(\"https://fhir.example.com\", \"/uscore/v1/Patient/\", id)")]
    [InlineData("string.Concat(host, \"/uscore/v1/Patient/\", id)")]
    [InlineData("string.Concat(\"/uscore/v1/Patient/\", id)")]
    [InlineData("string.Join(\"https://fhir.netsmartcloud.com\", \"/uscore/v1/Patient/\", id)")]
    [InlineData("Other.Concat(\"https://fhir.netsmartcloud.com\", \"/uscore/v1/Patient/\", id)")]
    [InlineData("string.Concat(str1: \"/uscore/v1/Patient/\", str0: \"https://fhir.netsmartcloud.com\")")]
    public async Task Split_arguments_without_a_v1_url_stay_silent(string call)
    {
        string source = """
            class Other { public static string Concat(string a, string b, string c) => a + b + c; }

            class C
            {
                string Url(string host, string id) => CALL;
            }
            """.Replace("CALL", call);

        await VerifyUrl.VerifyAnalyzerAsync(source);
    }
}

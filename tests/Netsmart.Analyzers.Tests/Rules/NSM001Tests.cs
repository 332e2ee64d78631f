using System.Threading.Tasks;

namespace Netsmart.Analyzers.Tests.Rules;

public class NSM001Tests
{
    private const string V2Template = "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}";

    [Fact]
    public async Task Regular_literal_is_reported_with_exact_span_and_message()
    {
        const string source = """
            class C
            {
                string Url() => {|#0:"https://fhir.netsmartcloud.com/uscore/v1/Patient/123"|};
            }
            """;

        await VerifyUrl.VerifyAnalyzerAsync(source,
            VerifyUrl.Diagnostic("NSM001").WithLocation(0).WithArguments(
                "https://fhir.netsmartcloud.com/uscore/v1", "Provider Patient Access", V2Template));
    }

    [Fact]
    public async Task Preview_and_http_are_reported_with_the_url_as_written()
    {
        const string source = """
            class C
            {
                string Url() => {|#0:"http://FHIRTEST.netsmartcloud.com/uscore/v1/"|};
            }
            """;

        await VerifyUrl.VerifyAnalyzerAsync(source,
            VerifyUrl.Diagnostic("NSM001").WithLocation(0).WithArguments(
                "http://FHIRTEST.netsmartcloud.com/uscore/v1", "Provider Patient Access",
                "https://FHIRTEST.netsmartcloud.com/provider/patient-access/v2/{tenant-id}"));
    }

    [Fact]
    public async Task Fix_writes_the_placeholder_when_no_tenant_is_known()
    {
        const string source = """
            class C
            {
                string Url() => {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1/Patient/123?_count=10"|};
            }
            """;
        const string fixedSource = """
            class C
            {
                string Url() => {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient/123?_count=10"|};
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Theory]
    [InlineData("http://fhir.netsmartcloud.com/uscore/v1", "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}")]
    [InlineData("https://fhirtest.netsmartcloud.com/uscore/v1/", "https://fhirtest.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/")]
    [InlineData("HTTPS://FHIR.NETSMARTCLOUD.COM/uscore/v1/metadata", "HTTPS://FHIR.NETSMARTCLOUD.COM/provider/patient-access/v2/{tenant-id}/metadata")]
    public async Task Fix_keeps_the_host_and_moves_http_to_https(string v1, string v2)
    {
        string source = "class C\n{\n    string Url() => {|NSM001:\"" + v1 + "\"|};\n}\n";
        string fixedSource = "class C\n{\n    string Url() => {|NSM005:\"" + v2 + "\"|};\n}\n";

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Every_literal_form_is_fixed_in_its_own_form_with_the_placeholder()
    {
        const string source = """"
            class C
            {
                void M(string id)
                {
                    var a = {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1/Patient"|};
                    var b = {|NSM001:@"https://fhir.netsmartcloud.com/uscore/v1/Patient"|};
                    var c = {|NSM001:"""https://fhir.netsmartcloud.com/uscore/v1/Patient"""|};
                    var d = {|NSM001:"""
                        GET https://fhir.netsmartcloud.com/uscore/v1/Patient
                          Accept: application/fhir+json
                        """|};
                    var e = {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1/Patient"u8|};
                    var f = {|NSM001:$"https://fhir.netsmartcloud.com/uscore/v1/Patient/{id}?x={id,5:D}"|};
                    var g = {|NSM001:"https://fhir.netsmartcloud.com/uscore/\u0076\x31/Patient?q=\"x\""|};
                }
            }
            """";
        const string fixedSource = """"
            class C
            {
                void M(string id)
                {
                    var a = {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient"|};
                    var b = {|NSM005:@"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient"|};
                    var c = {|NSM005:"""https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient"""|};
                    var d = {|NSM005:"""
                        GET https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient
                          Accept: application/fhir+json
                        """|};
                    var e = {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient"u8|};
                    var f = {|NSM005:$"https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Patient/{id}?x={id,5:D}"|};
                    var g = {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient?q=\"x\""|};
                }
            }
            """";

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Every_literal_form_becomes_an_interpolated_string_of_the_same_kind_when_a_tenant_is_in_scope()
    {
        const string source = """"
            class C
            {
                void M(string id, string tenantId)
                {
                    var a = {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1/Patient?q={0}"|};
                    var b = {|NSM001:@"https://fhir.netsmartcloud.com/uscore/v1/Patient"|};
                    var c = {|NSM001:"""https://fhir.netsmartcloud.com/uscore/v1/Patient?f={x}"""|};
                    var d = {|NSM001:"""
                        GET https://fhir.netsmartcloud.com/uscore/v1/Patient
                        """|};
                    var e = {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1/Patient"u8|};
                    var f = {|NSM001:$"https://fhir.netsmartcloud.com/uscore/v1/Patient/{id}"|};
                    var g = {|NSM001:$@"https://fhir.netsmartcloud.com/uscore/v1/Patient/{id}"|};
                    var h = {|NSM001:$$"""https://fhir.netsmartcloud.com/uscore/v1/Patient/{{id}}"""|};
                }
            }
            """";
        const string fixedSource = """"
            class C
            {
                void M(string id, string tenantId)
                {
                    var a = $"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenantId}/Patient?q={{0}}";
                    var b = $@"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenantId}/Patient";
                    var c = $$"""https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenantId}}/Patient?f={x}""";
                    var d = $"""
                        GET https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenantId}/Patient
                        """;
                    var e = {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient"u8|};
                    var f = $"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenantId}/Patient/{id}";
                    var g = $@"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenantId}/Patient/{id}";
                    var h = $$"""https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenantId}}/Patient/{{id}}""";
                }
            }
            """";

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Concatenated_literals_are_reported_on_the_constant_expression_and_fixed_in_the_literal_that_holds_the_path()
    {
        const string source = """
            class C
            {
                const string Host = "https://fhir.netsmartcloud.com";
                string A(string id) => {|NSM001:"https://fhir.netsmartcloud.com" + "/uscore/v1" + "/Patient/"|} + id;
                string B() => {|NSM001:Host + "/uscore/v1/Patient"|};
                string C2(string rest) => {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1"|} + rest;
            }
            """;
        const string fixedSource = """
            class C
            {
                const string Host = "https://fhir.netsmartcloud.com";
                string A(string id) => {|NSM005:"https://fhir.netsmartcloud.com" + "/provider/patient-access/v2/{tenant-id}" + "/Patient/"|} + id;
                string B() => {|NSM005:Host + "/provider/patient-access/v2/{tenant-id}/Patient"|};
                string C2(string rest) => {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}"|} + rest;
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task A_url_split_across_constants_is_reported_where_it_is_formed_and_not_where_it_is_used()
    {
        const string source = """
            class C
            {
                const string Host = "https://fhir.netsmartcloud.com";
                const string Path = "/uscore/v1";
                const string Base = {|#0:Host + Path|};
                static string Patient(string id) => Base + "/Patient/" + id;
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, source,
            VerifyUrl.Diagnostic("NSM001").WithLocation(0).WithArguments(
                "https://fhir.netsmartcloud.com/uscore/v1", "Provider Patient Access", V2Template));
    }

    [Fact]
    public async Task Url_encoded_occurrences_are_found_and_fixed_in_encoded_form()
    {
        const string source = """
            class C
            {
                string Q() => {|NSM001:"response_type=code&aud=https%3A%2F%2Ffhir.netsmartcloud.com%2Fuscore%2Fv1&state=x"|};
            }
            """;
        const string fixedSource = """
            class C
            {
                string Q() => {|NSM005:"response_type=code&aud=https%3A%2F%2Ffhir.netsmartcloud.com%2Fprovider%2Fpatient-access%2Fv2%2F{tenant-id}&state=x"|};
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }
}

using System.Threading.Tasks;

namespace Netsmart.Analyzers.Tests.Rules;

/// <summary>
/// <c>new UriBuilder(scheme, host[, port, path]) { Host = …, Path = … }</c> (issue #11, defect 7): read as scheme://host/path
/// (the builder puts a '/' before a path without one), reported on the path literal and fixed there.
/// </summary>
public class UriBuilderTests
{
    private const string V2Template = "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}";

    [Fact]
    public async Task Path_in_the_initializer_is_reported_on_the_path_literal()
    {
        const string source = """
            using System;

            class C
            {
                Uri Url(string id) => new UriBuilder("https", "fhir.netsmartcloud.com") { Path = {|#0:"uscore/v1/Patient/"|} + id }.Uri;
            }
            """;

        await VerifyUrl.VerifyAnalyzerAsync(source,
            VerifyUrl.Diagnostic("NSM001").WithLocation(0).WithArguments(
                "https://fhir.netsmartcloud.com/uscore/v1", "Provider Patient Access", V2Template));
    }

    [Fact]
    public async Task A_path_from_a_call_without_arguments_is_a_run_time_value_and_no_analyzer_exception()
    {
        // Found on bitwarden/server: the path expression was read as string.Concat(…) whatever the call, and a call
        // without arguments emptied the leaf stack (an AD0001 in every build that mentions Netsmart).
        const string source = """
            using System;

            class C
            {
                static string GetPath() => "x";
                Uri A() => new UriBuilder("https", "fhir.netsmartcloud.com") { Path = GetPath() }.Uri;
                Uri B() => new UriBuilder("https", "fhir.netsmartcloud.com") { Path = System.IO.Path.Combine("uscore", "v1/Patient") }.Uri;
            }
            """;

        await VerifyUrl.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Path_in_the_initializer_is_fixed_in_the_path_literal_only()
    {
        const string source = """
            using System;

            class C
            {
                Uri Url(string id) => new UriBuilder("https", "fhir.netsmartcloud.com") { Path = {|NSM001:"uscore/v1/Patient/"|} + id }.Uri;
            }
            """;
        const string fixedSource = """
            using System;

            class C
            {
                Uri Url(string id) => new UriBuilder("https", "fhir.netsmartcloud.com") { Path = {|NSM005:"provider/patient-access/v2/{tenant-id}/Patient/"|} + id }.Uri;
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Constructor_with_scheme_host_port_and_path_is_fixed_with_the_tenant_in_scope()
    {
        const string source = """
            using System;

            class C
            {
                const string Host = "fhirtest.netsmartcloud.com";

                Uri Url(string tenantId) => new UriBuilder(Uri.UriSchemeHttps, Host, 443, {|NSM001:"/uscore/v1/metadata"|}).Uri;
            }
            """;
        const string fixedSource = """
            using System;

            class C
            {
                const string Host = "fhirtest.netsmartcloud.com";

                Uri Url(string tenantId) => new UriBuilder(Uri.UriSchemeHttps, Host, 443, $"/provider/patient-access/v2/{tenantId}/metadata").Uri;
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Host_in_the_initializer_and_default_http_scheme_are_reported_without_fix()
    {
        // new UriBuilder() is http: the scheme edit falls outside the path literal, so there is no fix.
        const string source = """
            using System;

            class C
            {
                Uri Url() => new UriBuilder { Host = "fhir.netsmartcloud.com", Path = {|#0:"uscore/v1/Patient"|} }.Uri;
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, source,
            VerifyUrl.Diagnostic("NSM001").WithLocation(0).WithArguments(
                "http://fhir.netsmartcloud.com/uscore/v1", "Provider Patient Access", V2Template));
    }

    [Fact]
    public async Task Fix_all_rewrites_every_builder_path()
    {
        const string source = """
            using System;

            class C
            {
                Uri A() => new UriBuilder { Scheme = "https", Host = "fhir.netsmartcloud.com", Path = {|NSM002:"uscore/v1/bulk-data/Group/g1/$export"|} }.Uri;
                Uri B(string id) => new UriBuilder("https", "fhir.netsmartcloud.com") { Path = {|NSM001:"/uscore/v1/Patient/"|} + id }.Uri;
            }
            """;
        const string fixedSource = """
            using System;

            class C
            {
                Uri A() => new UriBuilder { Scheme = "https", Host = "fhir.netsmartcloud.com", Path = {|NSM005:"provider/system-access/v2/{tenant-id}/Group/g1/$export"|} }.Uri;
                Uri B(string id) => new UriBuilder("https", "fhir.netsmartcloud.com") { Path = {|NSM005:"/provider/patient-access/v2/{tenant-id}/Patient/"|} + id }.Uri;
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Theory]
    [InlineData("new UriBuilder(\"https\", \"fhir.netsmartcloud.com\") { Path = \"v4/Patient\" }")]
    [InlineData("new UriBuilder(\"https\", \"fhir.netsmartcloud.com\") { Path = \"fhir/Patient\" }")]
    [InlineData("new UriBuilder(\"https\", \"fhir.netsmartcloud.com\") { Path = \"ccd/\" + id }")]
    [InlineData("new UriBuilder(\"https\", \"fhir.netsmartcloud.com\") { Path = \"provider/patient-access/v2/0f9b1c4e-4a7b-4f7e-9a55-2b1d4c3e5f60/Patient\" }")]
    [InlineData("new UriBuilder(\"https\", \"fhir.example.com\") { Path = \"uscore/v1/Patient\" }")]
    [InlineData("new UriBuilder(\"https\", host) { Path = \"uscore/v1/Patient\" }")]
    [InlineData("new UriBuilder(\"https\", \"fhir.netsmartcloud.com\") { Path = \"x/uscore/v1/Patient\" }")]
    [InlineData("new UriBuilder(\"https\", \"fhir.netsmartcloud.com\")")]
    public async Task Builders_without_a_v1_url_stay_silent(string creation)
    {
        string source = """
            using System;

            class C
            {
                object Url(string host, string id) => CREATION;
            }
            """.Replace("CREATION", creation);

        await VerifyUrl.VerifyAnalyzerAsync(source);
    }
}

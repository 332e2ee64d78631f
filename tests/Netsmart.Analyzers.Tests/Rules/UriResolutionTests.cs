using System.Threading.Tasks;

namespace Netsmart.Analyzers.Tests.Rules;

/// <summary>
/// <c>new Uri(new Uri(Base), "relative")</c> (issue #11, defect 7): the relative literal is resolved against the constant
/// base as RFC 3986 §5.2 says, reported on the relative literal and fixed there when the v1 part lies in it.
/// </summary>
public class UriResolutionTests
{
    private const string V2Template = "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}";

    [Fact]
    public async Task Relative_v1_path_under_a_host_with_trailing_slash_is_reported_on_the_relative_literal()
    {
        const string source = """
            using System;

            class C
            {
                Uri Url() => new Uri(new Uri("https://fhir.netsmartcloud.com/"), {|#0:"uscore/v1/Patient/123"|});
            }
            """;

        await VerifyUrl.VerifyAnalyzerAsync(source,
            VerifyUrl.Diagnostic("NSM001").WithLocation(0).WithArguments(
                "https://fhir.netsmartcloud.com/uscore/v1", "Provider Patient Access", V2Template));
    }

    [Fact]
    public async Task Relative_v1_path_is_fixed_in_the_relative_literal_only()
    {
        const string source = """
            using System;

            class C
            {
                Uri Url() => new Uri(new Uri("https://fhir.netsmartcloud.com/"), {|NSM001:"uscore/v1/Patient/123"|});
            }
            """;
        const string fixedSource = """
            using System;

            class C
            {
                Uri Url() => new Uri(new Uri("https://fhir.netsmartcloud.com/"), {|NSM005:"provider/patient-access/v2/{tenant-id}/Patient/123"|});
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Base_without_trailing_slash_loses_its_last_segment()
    {
        // RFC 3986 merge: "https://fhir.netsmartcloud.com/api" + "uscore/v1/Patient" is "https://fhir.netsmartcloud.com/uscore/v1/Patient".
        const string source = """
            using System;

            class C
            {
                const string Base = "https://fhirtest.netsmartcloud.com/api";

                Uri Url(string tenantId) => new Uri(new Uri(Base), {|NSM001:"uscore/v1/Patient"|});
            }
            """;
        const string fixedSource = """
            using System;

            class C
            {
                const string Base = "https://fhirtest.netsmartcloud.com/api";

                Uri Url(string tenantId) => new Uri(new Uri(Base), $"provider/patient-access/v2/{tenantId}/Patient");
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Relative_starting_with_slash_replaces_the_base_path()
    {
        const string source = """
            using System;

            class C
            {
                Uri Url() => new System.Uri(new System.Uri("https://fhir.netsmartcloud.com/v4/"), {|NSM002:"/uscore/v1/bulk-data/Group/g1/$export"|});
            }
            """;
        const string fixedSource = """
            using System;

            class C
            {
                Uri Url() => new System.Uri(new System.Uri("https://fhir.netsmartcloud.com/v4/"), {|NSM005:"/provider/system-access/v2/{tenant-id}/Group/g1/$export"|});
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Edit_needed_in_the_base_is_reported_without_fix()
    {
        // http:// must become https://, and the base is not the literal holding the v1 path: reported, not fixed.
        const string source = """
            using System;

            class C
            {
                Uri Url() => new Uri(new Uri("http://fhir.netsmartcloud.com/"), {|#0:"uscore/v1/Patient"|});
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, source,
            VerifyUrl.Diagnostic("NSM001").WithLocation(0).WithArguments(
                "http://fhir.netsmartcloud.com/uscore/v1", "Provider Patient Access", V2Template));
    }

    [Fact]
    public async Task Base_path_joined_to_the_relative_path_is_no_v1_url()
    {
        // "https://fhir.netsmartcloud.com/uscore/" + "uscore/v1/Patient" is ".../uscore/uscore/v1/Patient": not a v1 base.
        const string source = """
            using System;

            class C
            {
                Uri Url() => new Uri(new Uri("https://fhir.netsmartcloud.com/uscore/"), "uscore/v1/Patient");
            }
            """;

        await VerifyUrl.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Fix_all_rewrites_every_resolved_url_with_the_tenant_in_scope()
    {
        const string source = """
            using System;

            class C
            {
                const string Base = "https://fhir.netsmartcloud.com/";

                Uri A(string tenantId) => new Uri(new Uri(Base), {|NSM001:"uscore/v1/Patient"|});
                Uri B(string tenantId) => new Uri(new Uri(Base), {|NSM001:@"uscore/v1/Observation?patient=1"|});
            }
            """;
        const string fixedSource = """
            using System;

            class C
            {
                const string Base = "https://fhir.netsmartcloud.com/";

                Uri A(string tenantId) => new Uri(new Uri(Base), $"provider/patient-access/v2/{tenantId}/Patient");
                Uri B(string tenantId) => new Uri(new Uri(Base), $@"provider/patient-access/v2/{tenantId}/Observation?patient=1");
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Theory]
    [InlineData("new Uri(new Uri(\"https://fhir.example.com/\"), \"uscore/v1/Patient\")")]
    [InlineData("new Uri(new Uri(\"https://fhir.netsmartcloud.com/\"), \"//fhir.example.com/uscore/v1/Patient\")")]
    [InlineData("new Uri(new Uri(\"https://fhir.netsmartcloud.com/\"), \"https://fhir.example.com/uscore/v1/Patient\")")]
    [InlineData("new Uri(new Uri(\"https://fhir.netsmartcloud.com/\"), \"v4/Patient\")")]
    [InlineData("new Uri(new Uri(\"https://fhir.netsmartcloud.com/\"), \"provider/patient-access/v2/0f9b1c4e-4a7b-4f7e-9a55-2b1d4c3e5f60/Patient\")")]
    [InlineData("new Uri(new Uri(host), \"uscore/v1/Patient\")")]
    [InlineData("new Uri(new Uri(\"https://fhir.netsmartcloud.com/\"), \"?x=uscore/v1\")")]
    [InlineData("new Other(new Uri(\"https://fhir.netsmartcloud.com/\"), \"uscore/v1/Patient\")")]
    public async Task Resolutions_without_a_v1_url_stay_silent(string creation)
    {
        string source = """
            using System;

            class Other { public Other(Uri b, string r) { } }

            class C
            {
                object Url(string host) => CREATION;
            }
            """.Replace("CREATION", creation);

        await VerifyUrl.VerifyAnalyzerAsync(source);
    }
}

using System.Linq;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Knowledge.Tests.Urls;

public class NetsmartUrlScannerTests
{
    private const string Tenant = "43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";

    [Theory]
    // url, kind, environment, tenant state, base text, rest
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1", "V1PatientAccess", "Production", "NotApplicable", "https://fhir.netsmartcloud.com/uscore/v1", "")]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1/", "V1PatientAccess", "Production", "NotApplicable", "https://fhir.netsmartcloud.com/uscore/v1", "/")]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1/Patient/123?_count=10", "V1PatientAccess", "Production", "NotApplicable", "https://fhir.netsmartcloud.com/uscore/v1", "/Patient/123?_count=10")]
    [InlineData("HTTPS://FHIRTEST.NetsmartCloud.COM/uscore/v1/metadata", "V1PatientAccess", "Preview", "NotApplicable", "HTTPS://FHIRTEST.NetsmartCloud.COM/uscore/v1", "/metadata")]
    [InlineData("http://fhir.netsmartcloud.com/uscore/v1", "V1PatientAccess", "Production", "NotApplicable", "http://fhir.netsmartcloud.com/uscore/v1", "")]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1/bulk-data", "V1BulkData", "Production", "NotApplicable", "https://fhir.netsmartcloud.com/uscore/v1/bulk-data", "")]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1/bulk-data/Group/456/$export", "V1BulkData", "Production", "NotApplicable", "https://fhir.netsmartcloud.com/uscore/v1/bulk-data", "/Group/456/$export")]
    [InlineData("https://oauth.netsmartcloud.com", "V1AuthorizationServer", "Production", "NotApplicable", "https://oauth.netsmartcloud.com", "")]
    [InlineData("https://oauth.netsmartcloud.com/", "V1AuthorizationServer", "Production", "NotApplicable", "https://oauth.netsmartcloud.com", "/")]
    [InlineData("https://oauthtest.netsmartcloud.com/token", "V1AuthorizationServer", "Preview", "NotApplicable", "https://oauthtest.netsmartcloud.com/token", "")]
    [InlineData("https://oauth.netsmartcloud.com/authorize?response_type=code", "V1AuthorizationServer", "Production", "NotApplicable", "https://oauth.netsmartcloud.com/authorize", "?response_type=code")]
    [InlineData("https://fhir.netsmartcloud.com/provider/patient-access/v2/" + Tenant + "/Patient", "V2Fhir", "Production", "Present", "https://fhir.netsmartcloud.com/provider/patient-access/v2/" + Tenant, "/Patient")]
    [InlineData("https://fhir.netsmartcloud.com/provider/patient-access/v2", "V2Fhir", "Production", "Missing", "https://fhir.netsmartcloud.com/provider/patient-access/v2", "")]
    [InlineData("https://fhir.netsmartcloud.com/provider/system-access/v2/Group/1/$export", "V2Fhir", "Production", "Missing", "https://fhir.netsmartcloud.com/provider/system-access/v2", "/Group/1/$export")]
    [InlineData("https://fhir.netsmartcloud.com/payer/patient-access/v2/acme/Patient", "V2Fhir", "Production", "Malformed", "https://fhir.netsmartcloud.com/payer/patient-access/v2/acme", "/Patient")]
    [InlineData("https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient", "V2Fhir", "Production", "Placeholder", "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}", "/Patient")]
    [InlineData("https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Patient/{0}", "V2Fhir", "Production", "Placeholder", "https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}", "/Patient/{0}")]
    [InlineData("https://fhir.netsmartcloud.com/provider/patient-access/v2/{{0}}/Patient", "V2Fhir", "Production", "Dynamic", "https://fhir.netsmartcloud.com/provider/patient-access/v2/{{0}}", "/Patient")]
    [InlineData("https://fhir.netsmartcloud.com/provider/patient-access/v2/{0}/Patient", "V2Fhir", "Production", "Dynamic", "https://fhir.netsmartcloud.com/provider/patient-access/v2/{0}", "/Patient")]
    [InlineData("https://fhir.netsmartcloud.com/auth/" + Tenant + "/oauth2/v1/token", "V2Authorization", "Production", "Present", "https://fhir.netsmartcloud.com/auth/" + Tenant + "/oauth2/v1", "/token")]
    [InlineData("https://fhirtest.netsmartcloud.com/auth/oauth2/v1/authorize", "V2Authorization", "Preview", "Missing", "https://fhirtest.netsmartcloud.com/auth/oauth2/v1", "/authorize")]
    public void Classifies_whole_urls(string url, string kind, string environment, string tenantState, string baseText, string rest)
    {
        NetsmartUrlMatch? m = NetsmartUrlScanner.Classify(url);

        Assert.NotNull(m);
        Assert.Equal((kind, environment, tenantState, baseText, rest, url), (m!.Kind.ToString(), m.Environment.ToString(), m.TenantState.ToString(), m.BaseText, m.Rest, m.Text));
    }

    [Theory]
    [InlineData("https://fhir.netsmartcloud.com/v4/Patient", "GeneralPurposeR4")]
    [InlineData("https://fhir.netsmartcloud.com/v4/PatientImage/12", "PatientImage")]
    [InlineData("https://fhir.netsmartcloud.com/fhir/Patient", "GeneralPurposeStu3")]
    [InlineData("https://fhir.netsmartcloud.com/ccd?patient=1&documentTitle=x", "Ccd")]
    [InlineData("https://fhir.netsmartcloud.com/brand/brands.json", "Brands")]
    [InlineData("https://fhirtest.netsmartcloud.com/developers", "DeveloperPortal")]
    [InlineData("https://fhir.netsmartcloud.com/payer/provider-directory/v2/" + Tenant + "/Practitioner", "ProviderDirectory")]
    [InlineData("https://oauthtest.netsmartcloud.com/terms", "OtherPath")]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v10", "OtherPath")]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1beta/Patient", "OtherPath")]
    public void Non_migrating_apis_are_classified_as_such(string url, string api)
    {
        NetsmartUrlMatch? m = NetsmartUrlScanner.Classify(url);

        Assert.NotNull(m);
        Assert.Equal(("NotMigrating", api), (m!.Kind.ToString(), m.NonMigratingApi.ToString()));
    }

    [Theory]
    [InlineData("https://careconnect.netsmartcloud.com/docs/api/fhir/certified/v1/patient-access/")]
    [InlineData("https://careconnect-uat.netsmartcloud.com/docs/certified/authorization/")]
    [InlineData("https://careconnect-dev.netsmartdev.com/docs/api/fhir/certified/provider/")]
    [InlineData("https://myevolv.netsmartcloud.com/uscore/v1")]
    [InlineData("https://myfhir.netsmartcloud.com/uscore/v1")]
    [InlineData("https://x.fhir.netsmartcloud.com/uscore/v1")]
    [InlineData("https://fhir.netsmartcloud.com.example.org/uscore/v1")]
    [InlineData("https://fhir.netsmartcloud.community/uscore/v1")]
    [InlineData("ftp://fhir.netsmartcloud.com/uscore/v1")]
    [InlineData("user@fhir.netsmartcloud.com")]
    [InlineData("")]
    public void Other_hosts_are_not_netsmart_api_urls(string text)
    {
        Assert.Empty(NetsmartUrlScanner.FindAll(text));
    }

    [Fact]
    public void Finds_every_url_in_a_query_string_including_encoded_ones()
    {
        string text = "https://oauth.netsmartcloud.com/authorize?response_type=code&aud=https%3A%2F%2Ffhir.netsmartcloud.com%2Fuscore%2Fv1&state=x";

        var all = NetsmartUrlScanner.FindAll(text);

        Assert.Equal(2, all.Count);
        Assert.Equal(("V1AuthorizationServer", "Authorize", false), (all[0].Kind.ToString(), all[0].AuthEndpoint.ToString(), all[0].IsEncoded));
        Assert.Equal(("V1PatientAccess", true, "https%3A%2F%2Ffhir.netsmartcloud.com%2Fuscore%2Fv1", "%2F"), (all[1].Kind.ToString(), all[1].IsEncoded, all[1].Text, all[1].Separator));
    }

    [Theory]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1", "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}")]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1/Patient/123", "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient/123")]
    [InlineData("http://FHIRTEST.netsmartcloud.com/uscore/v1/", "https://FHIRTEST.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/")]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1/bulk-data/Group/456/$export", "https://fhir.netsmartcloud.com/provider/system-access/v2/{tenant-id}/Group/456/$export")]
    [InlineData("https://oauth.netsmartcloud.com/authorize", "https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/authorize")]
    [InlineData("https://oauthtest.netsmartcloud.com/token", "https://fhirtest.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/token")]
    [InlineData("https://oauth.netsmartcloud.com/", "https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/")]
    [InlineData("https://oauth.netsmartcloud.com", "https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1")]
    [InlineData("https://fhir.netsmartcloud.com/provider/patient-access/v2/Patient", "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient")]
    [InlineData("https://fhir.netsmartcloud.com/provider/patient-access/v2/", "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/")]
    [InlineData("https://fhir.netsmartcloud.com/payer/system-access/v2/acme/Group", "https://fhir.netsmartcloud.com/payer/system-access/v2/{tenant-id}/Group")]
    [InlineData("https://fhir.netsmartcloud.com/auth/oauth2/v1/token", "https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/token")]
    [InlineData("https%3A%2F%2Ffhir.netsmartcloud.com%2Fuscore%2Fv1", "https%3A%2F%2Ffhir.netsmartcloud.com%2Fprovider%2Fpatient-access%2Fv2%2F{tenant-id}")]
    [InlineData("https%3a%2f%2ffhir.netsmartcloud.com%2fuscore%2fv1%2fPatient", "https%3a%2f%2ffhir.netsmartcloud.com%2fprovider%2fpatient-access%2fv2%2f{tenant-id}%2fPatient")]
    public void Rewrites_to_the_v2_template_with_minimal_edits(string url, string expected)
    {
        NetsmartUrlMatch m = NetsmartUrlScanner.Classify(url)!;

        var edits = NetsmartV2Urls.GetEdits(m);

        Assert.Equal(expected, NetsmartV2Urls.Apply(url, 0, url.Length, edits, NetsmartTenantSegment.Placeholder));
        Assert.All(edits, e => Assert.True(e.Start >= m.Start && e.End <= m.End));
    }

    [Fact]
    public void System_access_can_be_chosen_for_backend_code()
    {
        NetsmartUrlMatch v1 = NetsmartUrlScanner.Classify("https://fhir.netsmartcloud.com/uscore/v1/Patient")!;
        NetsmartUrlMatch v2 = NetsmartUrlScanner.Classify("https://fhir.netsmartcloud.com/provider/patient-access/v2/" + Tenant + "/Patient")!;

        Assert.Equal("https://fhir.netsmartcloud.com/provider/system-access/v2/{tenant-id}", NetsmartV2Urls.RewriteBase(v1, NetsmartV2Api.ProviderSystemAccess));
        Assert.Equal("https://fhir.netsmartcloud.com/provider/system-access/v2/" + Tenant, NetsmartV2Urls.RewriteBase(v2, NetsmartV2Api.ProviderSystemAccess));
    }

    [Theory]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1/bulk-data/$export-poll-status?_id=42", true)]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1/bulk-data/Group/1/$export", false)]
    public void Export_poll_status_is_recognised(string url, bool expected)
    {
        Assert.Equal(expected, NetsmartUrlScanner.Classify(url)!.IsExportPollStatus);
    }

    [Fact]
    public void A_run_time_hole_ends_the_url_and_makes_the_tenant_dynamic()
    {
        char h = NetsmartUrlScanner.Hole;
        var v1 = NetsmartUrlScanner.FindAll("https://fhir.netsmartcloud.com/uscore/v1" + h + "/x").Single();
        var v2 = NetsmartUrlScanner.FindAll("https://fhir.netsmartcloud.com/provider/patient-access/v2/" + h + "/Patient").Single();
        var unknown = NetsmartUrlScanner.FindAll("https://fhir.netsmartcloud.com/uscore/" + h).Single();

        Assert.Equal((NetsmartUrlKind.V1PatientAccess, true), (v1.Kind, v1.HasDynamicRest));
        Assert.Equal((NetsmartUrlKind.V2Fhir, TenantSegmentState.Dynamic), (v2.Kind, v2.TenantState));
        Assert.Equal(NetsmartUrlKind.NotMigrating, unknown.Kind);
    }

    [Theory]
    [InlineData("fhir.netsmartcloud.com/uscore/v1", "V1PatientAccess")]
    [InlineData("//fhir.netsmartcloud.com/uscore/v1", "V1PatientAccess")]
    [InlineData("aud=https://fhir.netsmartcloud.com/uscore/v1&x=1", "V1PatientAccess")]
    [InlineData("https://fhir.netsmartcloud.com:443/uscore/v1", "V1PatientAccess")]
    [InlineData("https://fhir.netsmartcloud.com", "HostOnly")]
    public void Other_url_shapes(string text, string kind)
    {
        Assert.Equal(kind, NetsmartUrlScanner.FindAll(text).Single().Kind.ToString());
    }
}

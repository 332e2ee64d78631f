namespace Netsmart.CareConnect.Tests.Unit;

public class CareConnectUrlMigratorTests
{
    private const string T = "43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";
    private static readonly CareConnectTenant Prod = CareConnectTenant.Parse(T);
    private static readonly CareConnectTenant Preview = CareConnectTenant.Parse(T, CareConnectEnvironment.Preview);

    [Theory]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1", "https://fhir.netsmartcloud.com/provider/patient-access/v2/" + T)]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1/", "https://fhir.netsmartcloud.com/provider/patient-access/v2/" + T + "/")]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1/Patient/123", "https://fhir.netsmartcloud.com/provider/patient-access/v2/" + T + "/Patient/123")]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1/Observation?patient=123&category=laboratory", "https://fhir.netsmartcloud.com/provider/patient-access/v2/" + T + "/Observation?patient=123&category=laboratory")]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1/bulk-data/Group/456/$export", "https://fhir.netsmartcloud.com/provider/system-access/v2/" + T + "/Group/456/$export")]
    [InlineData("https://oauth.netsmartcloud.com/authorize", "https://fhir.netsmartcloud.com/auth/" + T + "/oauth2/v1/authorize")]
    [InlineData("https://oauth.netsmartcloud.com/token", "https://fhir.netsmartcloud.com/auth/" + T + "/oauth2/v1/token")]
    [InlineData("http://fhir.netsmartcloud.com/uscore/v1/Patient/1", "https://fhir.netsmartcloud.com/provider/patient-access/v2/" + T + "/Patient/1")]
    [InlineData("  https://fhir.netsmartcloud.com/uscore/v1/Patient/1  ", "https://fhir.netsmartcloud.com/provider/patient-access/v2/" + T + "/Patient/1")]
    [InlineData("https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient/1", "https://fhir.netsmartcloud.com/provider/patient-access/v2/" + T + "/Patient/1")]
    [InlineData("https://fhir.netsmartcloud.com/provider/system-access/v2/Group/1/$export", "https://fhir.netsmartcloud.com/provider/system-access/v2/" + T + "/Group/1/$export")]
    [InlineData("https://fhir.netsmartcloud.com/provider/patient-access/v2/" + T + "/Patient/1", "https://fhir.netsmartcloud.com/provider/patient-access/v2/" + T + "/Patient/1")]
    [InlineData("https://fhir.netsmartcloud.com/provider/patient-access/v2/43477C76-CEB6-47ED-81C8-1B7C0AE10CA6/Patient", "https://fhir.netsmartcloud.com/provider/patient-access/v2/" + T + "/Patient")]
    public void Production_v1_urls_move_to_the_tenants_v2_urls(string v1, string expected)
    {
        Assert.True(CareConnectUrlMigrator.TryMigrate(v1, Prod, out var v2));
        Assert.Equal(expected, v2!.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://fhirtest.netsmartcloud.com/uscore/v1/Patient/123", "https://fhirtest.netsmartcloud.com/provider/patient-access/v2/" + T + "/Patient/123")]
    [InlineData("https://fhirtest.netsmartcloud.com/uscore/v1/bulk-data", "https://fhirtest.netsmartcloud.com/provider/system-access/v2/" + T)]
    [InlineData("https://oauthtest.netsmartcloud.com/token", "https://fhirtest.netsmartcloud.com/auth/" + T + "/oauth2/v1/token")]
    public void Preview_stays_on_preview(string v1, string expected)
    {
        Assert.True(CareConnectUrlMigrator.TryMigrate(v1, Preview, out var v2));
        Assert.Equal(expected, v2!.AbsoluteUri);
    }

    [Fact]
    public void Backend_code_can_target_system_access()
    {
        Assert.True(CareConnectUrlMigrator.TryMigrate("https://fhir.netsmartcloud.com/uscore/v1/Patient/123", Prod, CareConnectApi.ProviderSystemAccess, out var v2));
        Assert.Equal("https://fhir.netsmartcloud.com/provider/system-access/v2/" + T + "/Patient/123", v2!.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1/bulk-data/$export-poll-status?_id=42")] // no v2 twin
    [InlineData("https://fhir.netsmartcloud.com/v4/Patient/1")] // General Purpose R4: not migrating
    [InlineData("https://fhir.netsmartcloud.com/fhir/Patient/1")]
    [InlineData("https://fhir.netsmartcloud.com/ccd?patient=1")]
    [InlineData("https://fhir.netsmartcloud.com/v4/PatientImage/1")]
    [InlineData("https://fhir.netsmartcloud.com/brand/brands.json")]
    [InlineData("https://careconnect.netsmartcloud.com/docs/api/fhir/certified/v1/patient-access/")]
    [InlineData("https://fhir.netsmartcloud.com/provider/patient-access/v2/00000000-0000-4000-8000-000000000001/Patient/1")] // another tenant
    [InlineData("https://fhirtest.netsmartcloud.com/uscore/v1/Patient/1")] // preview URL, production tenant
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1/../../v4/Patient")]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1/Patient/%2E%2E/%2E%2E/x")]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1/Patient%2F..%2F..%2Fx")]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1/Patient\\..\\x")]
    [InlineData("https%3A%2F%2Ffhir.netsmartcloud.com%2Fuscore%2Fv1")]
    [InlineData("fhir.netsmartcloud.com/uscore/v1/Patient/1")]
    [InlineData("https://fhir.netsmartcloud.com.attacker.net/uscore/v1")]
    [InlineData("https://attacker.net/?u=https://fhir.netsmartcloud.com/uscore/v1")]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1 https://fhir.netsmartcloud.com/uscore/v1")]
    [InlineData("https://fhir.netsmartcloud.com:8443/uscore/v1")]
    [InlineData("https://user@fhir.netsmartcloud.com/uscore/v1")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a url")]
    public void Anything_else_is_refused(string url)
    {
        Assert.False(CareConnectUrlMigrator.TryMigrate(url, Prod, out var v2));
        Assert.Null(v2);
    }

    [Fact]
    public void Null_very_long_and_custom_origin_inputs_are_refused()
    {
        Assert.False(CareConnectUrlMigrator.TryMigrate(null, Prod, out _));
        Assert.False(CareConnectUrlMigrator.TryMigrate("https://fhir.netsmartcloud.com/uscore/v1/Patient?x=" + new string('a', 100_000), Prod, out _));
        Assert.False(CareConnectUrlMigrator.TryMigrate("https://fhir.netsmartcloud.com/uscore/v1", Prod.WithOrigin(new Uri("https://127.0.0.1:5001")), out _));
        Assert.Throws<ArgumentNullException>(() => CareConnectUrlMigrator.TryMigrate("x", null!, out _));
    }

    [Theory]
    [InlineData("https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}", "https://fhir.netsmartcloud.com/provider/patient-access/v2/" + T)]
    [InlineData("https://fhir.netsmartcloud.com/provider/system-access/v2/{tenant-id}/metadata", "https://fhir.netsmartcloud.com/provider/system-access/v2/" + T + "/metadata")]
    [InlineData("https://fhir.netsmartcloud.com/payer/patient-access/v2/{tenantId}/Coverage", "https://fhir.netsmartcloud.com/payer/patient-access/v2/" + T + "/Coverage")]
    [InlineData("https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/token", "https://fhir.netsmartcloud.com/auth/" + T + "/oauth2/v1/token")]
    public void Templates_expand_with_the_tenant(string template, string expected)
    {
        Assert.Equal(expected, CareConnectUrlMigrator.ExpandTemplate(template, Prod).AbsoluteUri);
    }

    [Theory]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1")]
    [InlineData("https://fhir.netsmartcloud.com/provider/patient-access/v2/" + T)]
    [InlineData("https://fhirtest.netsmartcloud.com/provider/patient-access/v2/{tenant-id}")]
    [InlineData("https://example.org/provider/patient-access/v2/{tenant-id}")]
    [InlineData("https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/../../../v4")]
    public void Non_templates_are_refused(string text)
    {
        Assert.False(CareConnectUrlMigrator.TryExpandTemplate(text, Prod, out _));
        var ex = Assert.Throws<FormatException>(() => CareConnectUrlMigrator.ExpandTemplate(text, Prod));
        Assert.Equal("Not a CareConnect v2 URL template with a {tenant-id} segment for the Production environment (for example https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}).", ex.Message);
    }
}

namespace Netsmart.CareConnect.Tests.Unit;

public class CareConnectTenantTests
{
    private const string Id = "43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";
    private static readonly CareConnectTenant Prod = CareConnectTenant.Parse(Id);
    private static readonly CareConnectTenant Preview = CareConnectTenant.Parse(Id, CareConnectEnvironment.Preview);

    [Theory]
    [InlineData(CareConnectEnvironment.Production, CareConnectApi.ProviderPatientAccess, "https://fhir.netsmartcloud.com/provider/patient-access/v2/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6")]
    [InlineData(CareConnectEnvironment.Production, CareConnectApi.ProviderSystemAccess, "https://fhir.netsmartcloud.com/provider/system-access/v2/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6")]
    [InlineData(CareConnectEnvironment.Production, CareConnectApi.PayerPatientAccess, "https://fhir.netsmartcloud.com/payer/patient-access/v2/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6")]
    [InlineData(CareConnectEnvironment.Production, CareConnectApi.PayerSystemAccess, "https://fhir.netsmartcloud.com/payer/system-access/v2/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6")]
    [InlineData(CareConnectEnvironment.Preview, CareConnectApi.ProviderPatientAccess, "https://fhirtest.netsmartcloud.com/provider/patient-access/v2/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6")]
    [InlineData(CareConnectEnvironment.Preview, CareConnectApi.ProviderSystemAccess, "https://fhirtest.netsmartcloud.com/provider/system-access/v2/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6")]
    [InlineData(CareConnectEnvironment.Preview, CareConnectApi.PayerPatientAccess, "https://fhirtest.netsmartcloud.com/payer/patient-access/v2/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6")]
    [InlineData(CareConnectEnvironment.Preview, CareConnectApi.PayerSystemAccess, "https://fhirtest.netsmartcloud.com/payer/system-access/v2/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6")]
    public void Every_api_in_every_environment_has_its_exact_uris(CareConnectEnvironment environment, CareConnectApi api, string expectedBase)
    {
        var tenant = new CareConnectTenant(Guid.Parse(Id), environment);

        Assert.Equal(expectedBase, tenant.GetFhirBaseUri(api).AbsoluteUri);
        Assert.Equal(expectedBase + "/", tenant.GetFhirBaseAddress(api).AbsoluteUri);
        Assert.Equal(expectedBase + "/.well-known/smart-configuration", tenant.GetSmartConfigurationUri(api).AbsoluteUri);
        Assert.Equal(expectedBase + "/metadata", tenant.GetMetadataUri(api).AbsoluteUri);
        Assert.Equal(expectedBase + "/Patient/123", tenant.Resolve(api, "Patient/123").AbsoluteUri);
        Assert.Equal(expectedBase + "/Patient/123", new Uri(tenant.GetFhirBaseAddress(api), "Patient/123").AbsoluteUri);
    }

    [Theory]
    [InlineData(CareConnectEnvironment.Production, "https://fhir.netsmartcloud.com")]
    [InlineData(CareConnectEnvironment.Preview, "https://fhirtest.netsmartcloud.com")]
    public void Authorization_server_endpoints_follow_the_guide(CareConnectEnvironment environment, string origin)
    {
        var tenant = new CareConnectTenant(Guid.Parse(Id), environment);

        Assert.Equal(origin + "/auth/" + Id + "/oauth2/v1/", tenant.AuthorizationServer.AbsoluteUri);
        Assert.Equal(origin + "/auth/" + Id + "/oauth2/v1/authorize", tenant.AuthorizeEndpoint.AbsoluteUri);
        Assert.Equal(origin + "/auth/" + Id + "/oauth2/v1/token", tenant.TokenEndpoint.AbsoluteUri);
        Assert.Equal(tenant.TokenEndpoint, new Uri(tenant.AuthorizationServer, "token"));
        Assert.Equal(origin + "/", tenant.Origin.AbsoluteUri);
    }

    [Fact]
    public void Guide_step_3_examples_are_reproduced()
    {
        Assert.Equal(
            "https://fhir.netsmartcloud.com/provider/patient-access/v2/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6/Patient/123",
            Prod.Resolve(CareConnectApi.ProviderPatientAccess, "Patient/123").AbsoluteUri);
        Assert.Equal(
            "https://fhir.netsmartcloud.com/provider/system-access/v2/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6/Group/456/$export",
            Prod.Resolve(CareConnectApi.ProviderSystemAccess, "/Group/456/$export").AbsoluteUri);
    }

    [Fact]
    public void Parse_accepts_upper_case_and_normalizes_to_lower_case()
    {
        var tenant = CareConnectTenant.Parse("43477C76-CEB6-47ED-81C8-1B7C0AE10CA6");

        Assert.Equal(Id, tenant.ToString());
        Assert.Equal(CareConnectEnvironment.Production, tenant.Environment);
        Assert.Equal(Prod, tenant);
        Assert.Equal(Prod.GetHashCode(), tenant.GetHashCode());
        Assert.True(Prod == tenant);
    }

    [Fact]
    public void Equality_covers_id_environment_and_origin()
    {
        Assert.NotEqual(Prod, Preview);
        Assert.True(Prod != Preview);
        Assert.NotEqual(Prod, CareConnectTenant.Parse("00000000-0000-4000-8000-000000000001"));
        Assert.NotEqual(Prod, Prod.WithOrigin(new Uri("https://127.0.0.1:5001")));
        Assert.Equal(Prod.WithOrigin(new Uri("https://127.0.0.1:5001")), Prod.WithOrigin(new Uri("https://127.0.0.1:5001/")));
        Assert.False(Prod.Equals(null));
        Assert.False(Prod == null);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" 43477c76-ceb6-47ed-81c8-1b7c0ae10ca6")]
    [InlineData("43477c76-ceb6-47ed-81c8-1b7c0ae10ca6 ")]
    [InlineData("43477c76-ceb6-47ed-81c8-1b7c0ae10ca6\n")]
    [InlineData("{43477c76-ceb6-47ed-81c8-1b7c0ae10ca6}")]
    [InlineData("(43477c76-ceb6-47ed-81c8-1b7c0ae10ca6)")]
    [InlineData("43477c76ceb647ed81c81b7c0ae10ca6")]
    [InlineData("43477c76-ceb6-47ed-81c8-1b7c0ae10ca")]
    [InlineData("43477c76-ceb6-47ed-81c8-1b7c0ae10cag")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("../../../uscore/v1")]
    [InlineData("43477c76-ceb6-47ed-81c8-1b7c0ae10c/.")]
    [InlineData("..%2F..%2F..%2Fuscore%2Fv1%2F%2E%2E%2F%2E%2E")]
    [InlineData("43477c76%2Dceb6-47ed-81c8-1b7c0ae10ca6")]
    [InlineData("43477c76-ceb6-47ed-81c8-1b7c0ae10ca6/../x")]
    [InlineData("43477c76-ceb6-47ed-81c8-1b7c0ae1?a=b")]
    [InlineData("{tenant-id}")]
    [InlineData("４３477c76-ceb6-47ed-81c8-1b7c0ae10ca6")]
    [InlineData("{0x43477c76,0xceb6,0x47ed,{0x81,0xc8,0x1b,0x7c,0x0a,0xe1,0x0c,0xa6}}")]
    public void Anything_that_is_not_a_hyphenated_uuid_is_refused(string text)
    {
        var ex = Assert.Throws<FormatException>(() => CareConnectTenant.Parse(text));
        Assert.StartsWith("A CareConnect tenant id must be a UUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", ex.Message, StringComparison.Ordinal);
        Assert.False(CareConnectTenant.TryParse(text, out var tenant));
        Assert.Null(tenant);
        Assert.False(CareConnectTenant.TryParse(text, CareConnectEnvironment.Preview, out _));
    }

    [Fact]
    public void Very_long_input_is_refused_without_echoing_it()
    {
        var text = new string('a', 100_000);
        var ex = Assert.Throws<FormatException>(() => CareConnectTenant.Parse(text));
        Assert.Contains("the value is 100000 characters long", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Length < 400);
    }

    [Fact]
    public void Null_and_empty_uuid_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => CareConnectTenant.Parse(null!));
        Assert.False(CareConnectTenant.TryParse(null, out _));
        Assert.Throws<ArgumentException>(() => new CareConnectTenant(Guid.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CareConnectTenant(Guid.NewGuid(), (CareConnectEnvironment)7));
        Assert.Throws<ArgumentOutOfRangeException>(() => Prod.GetFhirBaseUri((CareConnectApi)9));
    }

    [Theory]
    [InlineData("../metadata")]
    [InlineData("Patient/../../system-access/v2/x")]
    [InlineData("%2E%2E/x")]
    [InlineData("%2e%2e")]
    [InlineData(".")]
    [InlineData("Patient/%2F..%2Fx")]
    [InlineData("Patient%2F..")]
    [InlineData("Patient\\..\\x")]
    [InlineData("https://attacker.example/Patient")]
    [InlineData("//attacker.example/Patient")]
    [InlineData("javascript:alert(1)")]
    [InlineData("Patient/1 2")]
    [InlineData("Patient/1\r\nHost: x")]
    [InlineData("Patient/1#frag")]
    [InlineData("Patient//1")]
    public void Resolve_never_leaves_the_base(string path)
    {
        Assert.Throws<ArgumentException>(() => Prod.Resolve(CareConnectApi.ProviderPatientAccess, path));
    }

    [Theory]
    [InlineData("Patient?name=Doe&_count=10", "/Patient?name=Doe&_count=10")]
    [InlineData("Observation/_search", "/Observation/_search")]
    [InlineData("", "")]
    [InlineData("/", "")]
    [InlineData("Patient/$everything", "/Patient/$everything")]
    [InlineData("Observation?code=http://loinc.org|1234-5", "/Observation?code=http://loinc.org%7C1234-5")]
    public void Resolve_keeps_the_tenant_segment(string path, string expectedSuffix)
    {
        Assert.Equal(
            "https://fhir.netsmartcloud.com/provider/patient-access/v2/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6" + expectedSuffix,
            Prod.Resolve(CareConnectApi.ProviderPatientAccess, path).AbsoluteUri);
    }

    [Fact]
    public void WithOrigin_keeps_the_path_layout_and_accepts_only_https_origins()
    {
        var local = Prod.WithOrigin(new Uri("https://127.0.0.1:44321"));
        Assert.Equal("https://127.0.0.1:44321/provider/system-access/v2/" + Id, local.GetFhirBaseUri(CareConnectApi.ProviderSystemAccess).AbsoluteUri);
        Assert.Equal("https://127.0.0.1:44321/auth/" + Id + "/oauth2/v1/token", local.TokenEndpoint.AbsoluteUri);

        Assert.Throws<ArgumentException>(() => Prod.WithOrigin(new Uri("http://127.0.0.1:44321")));
        Assert.Throws<ArgumentException>(() => Prod.WithOrigin(new Uri("https://fhir.example.org/base")));
        Assert.Throws<ArgumentException>(() => Prod.WithOrigin(new Uri("https://fhir.example.org/?x=1")));
        Assert.Throws<ArgumentException>(() => Prod.WithOrigin(new Uri("https://user:pw@fhir.example.org/")));
    }

    [Fact]
    public void Api_paths_are_exact()
    {
        Assert.Equal(
            new[] { "provider/patient-access", "provider/system-access", "payer/patient-access", "payer/system-access" },
            Enum.GetValues<CareConnectApi>().Select(CareConnectTenant.GetApiPath).ToArray());
    }
}

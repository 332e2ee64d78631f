namespace Netsmart.CareConnect.Tests.Unit;

public class SmartConfigurationTests
{
    private const string Full = """
        {
          "issuer": "https://fhir.netsmartcloud.com/auth/t/oauth2/v1",
          "jwks_uri": "https://fhir.netsmartcloud.com/auth/t/oauth2/v1/keys",
          "authorization_endpoint": "https://fhir.netsmartcloud.com/auth/t/oauth2/v1/authorize",
          "grant_types_supported": ["authorization_code", "client_credentials"],
          "token_endpoint": "https://fhir.netsmartcloud.com/auth/t/oauth2/v1/token",
          "token_endpoint_auth_methods_supported": ["client_secret_basic", "private_key_jwt"],
          "registration_endpoint": "https://fhir.netsmartcloud.com/auth/t/oauth2/v1/register",
          "scopes_supported": ["openid", "patient/*.rs"],
          "response_types_supported": ["code"],
          "management_endpoint": "https://fhir.netsmartcloud.com/manage",
          "introspection_endpoint": "https://fhir.netsmartcloud.com/introspect",
          "revocation_endpoint": "https://fhir.netsmartcloud.com/revoke",
          "capabilities": ["launch-standalone", "permission-v2"],
          "code_challenge_methods_supported": ["S256"],
          "token_endpoint_auth_signing_alg_values_supported": ["RS384", "ES384"],
          "user_access_brand_bundle": "https://fhir.netsmartcloud.com/brand/brands.json",
          "user_access_brand_identifier": "urn:oid:2.16.840.1.113883.3.3569",
          "x_vendor": {"a": 1}
        }
        """;

    [Fact]
    public void Every_smart_2_field_is_parsed()
    {
        var c = SmartConfiguration.Parse(Full);

        Assert.Equal("https://fhir.netsmartcloud.com/auth/t/oauth2/v1", c.Issuer);
        Assert.Equal("https://fhir.netsmartcloud.com/auth/t/oauth2/v1/keys", c.JwksUri!.AbsoluteUri);
        Assert.Equal("https://fhir.netsmartcloud.com/auth/t/oauth2/v1/authorize", c.AuthorizationEndpoint!.AbsoluteUri);
        Assert.Equal("https://fhir.netsmartcloud.com/auth/t/oauth2/v1/token", c.TokenEndpoint.AbsoluteUri);
        Assert.Equal(new[] { "authorization_code", "client_credentials" }, c.GrantTypesSupported);
        Assert.Equal(new[] { "client_secret_basic", "private_key_jwt" }, c.TokenEndpointAuthMethodsSupported);
        Assert.Equal("https://fhir.netsmartcloud.com/auth/t/oauth2/v1/register", c.RegistrationEndpoint!.AbsoluteUri);
        Assert.Equal(new[] { "openid", "patient/*.rs" }, c.ScopesSupported);
        Assert.Equal(new[] { "code" }, c.ResponseTypesSupported);
        Assert.Equal("https://fhir.netsmartcloud.com/manage", c.ManagementEndpoint!.AbsoluteUri);
        Assert.Equal("https://fhir.netsmartcloud.com/introspect", c.IntrospectionEndpoint!.AbsoluteUri);
        Assert.Equal("https://fhir.netsmartcloud.com/revoke", c.RevocationEndpoint!.AbsoluteUri);
        Assert.Equal(new[] { "launch-standalone", "permission-v2" }, c.Capabilities);
        Assert.Equal(new[] { "S256" }, c.CodeChallengeMethodsSupported);
        Assert.Equal(new[] { "RS384", "ES384" }, c.TokenEndpointAuthSigningAlgValuesSupported);
        Assert.Equal("https://fhir.netsmartcloud.com/brand/brands.json", c.UserAccessBrandBundle!.AbsoluteUri);
        Assert.Equal("urn:oid:2.16.840.1.113883.3.3569", c.UserAccessBrandIdentifier);
        Assert.Equal("{\"a\": 1}", c.AdditionalProperties["x_vendor"].GetRawText());
        Assert.Single(c.AdditionalProperties);
        Assert.True(c.SupportsS256);
        Assert.True(c.HasCapability("permission-v2"));
        Assert.False(c.HasCapability("permission-v1"));
        c.EnsureTrusted(CareConnectHostPolicy.Default);
    }

    [Fact]
    public void Minimal_document_parses_with_empty_lists()
    {
        var c = SmartConfiguration.Parse("{\"token_endpoint\":\"https://fhir.netsmartcloud.com/t\"}");
        Assert.Null(c.AuthorizationEndpoint);
        Assert.Empty(c.Capabilities);
        Assert.False(c.SupportsS256);
    }

    [Theory]
    [InlineData("<html></html>", CareConnectDiscoveryFailure.Invalid)]
    [InlineData("[]", CareConnectDiscoveryFailure.Invalid)]
    [InlineData("{}", CareConnectDiscoveryFailure.Invalid)]
    [InlineData("{\"token_endpoint\": 5}", CareConnectDiscoveryFailure.Invalid)]
    [InlineData("{\"token_endpoint\": \"relative/token\"}", CareConnectDiscoveryFailure.Invalid)]
    public void Invalid_documents_are_refused(string json, CareConnectDiscoveryFailure failure)
    {
        var ex = Assert.Throws<CareConnectDiscoveryException>(() => SmartConfiguration.Parse(json));
        Assert.Equal(failure, ex.Failure);
    }

    [Theory]
    [InlineData("token_endpoint", "https://attacker.example.net/token")]
    [InlineData("token_endpoint", "http://fhir.netsmartcloud.com/token")]
    [InlineData("token_endpoint", "https://fhir.netsmartcloud.com.attacker.net/token")]
    [InlineData("token_endpoint", "https://netsmartcloud.com@attacker.net/token")]
    [InlineData("token_endpoint", "https://evilnetsmartcloud.com/token")]
    [InlineData("authorization_endpoint", "https://attacker.example.net/authorize")]
    [InlineData("jwks_uri", "https://attacker.example.net/keys")]
    [InlineData("introspection_endpoint", "https://attacker.example.net/i")]
    [InlineData("revocation_endpoint", "https://attacker.example.net/r")]
    [InlineData("registration_endpoint", "https://attacker.example.net/r")]
    [InlineData("management_endpoint", "https://attacker.example.net/m")]
    [InlineData("issuer", "https://attacker.example.net")]
    public void Endpoints_off_the_trusted_hosts_are_refused(string field, string value)
    {
        var json = "{\"token_endpoint\":\"https://fhir.netsmartcloud.com/t\",\"" + field + "\":\"" + value + "\"}";
        var c = SmartConfiguration.Parse(json);
        var ex = Assert.Throws<CareConnectDiscoveryException>(() => c.EnsureTrusted(CareConnectHostPolicy.Default));
        Assert.Equal(CareConnectDiscoveryFailure.UntrustedEndpoint, ex.Failure);
        Assert.Contains("only https URIs on trusted hosts (fhir.netsmartcloud.com, fhirtest.netsmartcloud.com)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://fhir.netsmartcloud.com/x", true)]
    [InlineData("https://FHIRTEST.NetsmartCloud.com/x", true)]
    [InlineData("https://netsmartcloud.com/x", false)]
    [InlineData("https://api.netsmartcloud.com/x", false)]
    [InlineData("https://oauth.netsmartcloud.com/token", false)]
    [InlineData("https://x.fhir.netsmartcloud.com/x", false)]
    [InlineData("https://fhir.netsmartcloud.com:8443/x", true)]
    [InlineData("http://fhir.netsmartcloud.com/x", false)]
    [InlineData("https://fhir.netsmartcloud.co/x", false)]
    [InlineData("https://xnetsmartcloud.com/x", false)]
    [InlineData("https://127.0.0.1/x", false)]
    [InlineData("ftp://fhir.netsmartcloud.com/x", false)]
    [InlineData("https://u:p@fhir.netsmartcloud.com/x", false)]
    public void Default_host_policy(string uri, bool trusted)
    {
        Assert.Equal(trusted, CareConnectHostPolicy.Default.IsTrusted(new Uri(uri)));
    }

    [Fact]
    public void Loopback_policy_matches_the_ip_exactly_and_still_needs_https()
    {
        var policy = new CareConnectHostPolicy(new[] { "127.0.0.1" });
        Assert.True(policy.IsTrusted(new Uri("https://127.0.0.1:5001/x")));
        Assert.False(policy.IsTrusted(new Uri("http://127.0.0.1:5001/x")));
        Assert.False(policy.IsTrusted(new Uri("https://10.127.0.0.1/x")));
        Assert.False(policy.IsTrusted(new Uri("https://fhir.netsmartcloud.com/x")));
        Assert.Throws<ArgumentException>(() => new CareConnectHostPolicy(new[] { "https://x.org" }));
        Assert.Throws<ArgumentException>(() => new CareConnectHostPolicy(new[] { "*.x.org" }));
        Assert.Throws<ArgumentException>(() => new CareConnectHostPolicy(Array.Empty<string>()));
        Assert.Throws<ArgumentException>(() => new CareConnectHostPolicy(new[] { " " }));
    }
}

public class TenantPinTests
{
    private static readonly Guid Tenant = Guid.Parse("43477c76-ceb6-47ed-81c8-1b7c0ae10ca6");

    private static string Doc(string host, Guid tenant) =>
        "{\"issuer\":\"https://" + host + "/auth/" + tenant + "/oauth2/v1\",\"token_endpoint\":\"https://" + host + "/auth/" + tenant + "/oauth2/v1/token\"," +
        "\"authorization_endpoint\":\"https://" + host + "/auth/" + tenant + "/oauth2/v1/authorize\",\"jwks_uri\":\"https://" + host + "/auth/" + tenant + "/oauth2/v1/keys\"}";

    [Theory]
    [InlineData("/auth/{tenant}", true)]
    [InlineData("/auth/{tenant}/", true)]
    [InlineData("/auth/{tenant}/oauth2/v1", true)]
    [InlineData("/auth/{tenant}/oauth2/v1/", true)]
    [InlineData("/auth/{tenant}/oauth2/default", true)]
    [InlineData("/auth/{other}", false)]
    [InlineData("/auth/{other}/oauth2/v1", false)]
    [InlineData("/auth/{tenant}x", false)]
    [InlineData("/auth", false)]
    [InlineData("/", false)]
    [InlineData("/auth/{tenant}/%2e%2e/{other}", false)]
    public void The_issuer_may_be_the_tenant_root_or_below_it_but_endpoints_stay_under_oauth2_v1(string issuerPath, bool accepted)
    {
        var other = Guid.Parse("0f0e0d0c-0b0a-4908-8706-050403020100");
        var issuer = "https://fhir.netsmartcloud.com" + issuerPath.Replace("{tenant}", Tenant.ToString()).Replace("{other}", other.ToString());
        var doc = Doc("fhir.netsmartcloud.com", Tenant).Replace("\"issuer\":\"https://fhir.netsmartcloud.com/auth/" + Tenant + "/oauth2/v1\"", "\"issuer\":\"" + issuer + "\"");
        var config = SmartConfiguration.Parse(doc);
        Assert.Equal(issuer, config.Issuer);
        var fhirBase = new CareConnectTenant(Tenant).GetFhirBaseUri(CareConnectApi.ProviderSystemAccess);

        var ex = Record.Exception(() => config.EnsureTrusted(CareConnectHostPolicy.Default, fhirBase));

        if (accepted)
        {
            Assert.Null(ex);
            Assert.Equal(issuer.TrimEnd('/'), CareConnectIdTokenValidator.ExpectedIssuer(new CareConnectTenant(Tenant), config));
        }
        else
        {
            var refused = Assert.IsType<CareConnectDiscoveryException>(ex);
            Assert.Equal(CareConnectDiscoveryFailure.UntrustedEndpoint, refused.Failure);
            Assert.StartsWith("Refused SMART configuration: issuer '", refused.Message, StringComparison.Ordinal);
            Assert.Throws<CareConnectException>(() => CareConnectIdTokenValidator.ExpectedIssuer(new CareConnectTenant(Tenant), config));
        }
    }

    [Fact]
    public void An_org_level_issuer_does_not_widen_the_endpoints()
    {
        var root = "https://fhir.netsmartcloud.com/auth/" + Tenant;
        var config = SmartConfiguration.Parse("{\"issuer\":\"" + root + "\",\"token_endpoint\":\"" + root + "/token\"}");

        var ex = Assert.Throws<CareConnectDiscoveryException>(() => config.EnsureTrusted(CareConnectHostPolicy.Default, new CareConnectTenant(Tenant).GetFhirBaseUri(CareConnectApi.ProviderSystemAccess)));

        Assert.StartsWith("Refused SMART configuration: token_endpoint '", ex.Message, StringComparison.Ordinal);
        Assert.Equal("https://fhir.netsmartcloud.com/auth/" + Tenant + "/oauth2/v1", CareConnectIdTokenValidator.ExpectedIssuer(new CareConnectTenant(Tenant), null));
    }

    [Theory]
    [InlineData(CareConnectEnvironment.Production, CareConnectEnvironment.Production, true)]
    [InlineData(CareConnectEnvironment.Preview, CareConnectEnvironment.Preview, true)]
    [InlineData(CareConnectEnvironment.Production, CareConnectEnvironment.Preview, false)]
    [InlineData(CareConnectEnvironment.Preview, CareConnectEnvironment.Production, false)]
    public void A_document_of_the_other_environment_is_refused(CareConnectEnvironment baseEnv, CareConnectEnvironment docEnv, bool accepted)
    {
        var fhirBase = new CareConnectTenant(Tenant, baseEnv).GetFhirBaseUri(CareConnectApi.ProviderPatientAccess);
        var host = docEnv == CareConnectEnvironment.Production ? "fhir.netsmartcloud.com" : "fhirtest.netsmartcloud.com";
        var config = SmartConfiguration.Parse(Doc(host, Tenant));

        var ex = Record.Exception(() => config.EnsureTrusted(CareConnectHostPolicy.Default, fhirBase));

        if (accepted)
        {
            Assert.Null(ex);
        }
        else
        {
            var refused = Assert.IsType<CareConnectDiscoveryException>(ex);
            Assert.Equal(CareConnectDiscoveryFailure.UntrustedEndpoint, refused.Failure);
            Assert.Equal(
                "Refused SMART configuration: token_endpoint 'https://" + host + "/auth/" + Tenant + "/oauth2/v1/token' is not under the tenant's authorization server " +
                new CareConnectTenant(Tenant, baseEnv).AuthorizationServer.AbsoluteUri + " (same scheme, host and port as the FHIR base, this tenant's id).",
                refused.Message);
        }
    }

    [Fact]
    public void Upper_case_tenant_ids_in_the_document_are_the_same_tenant()
    {
        var fhirBase = new CareConnectTenant(Tenant).GetFhirBaseUri(CareConnectApi.ProviderSystemAccess);
        SmartConfiguration.Parse(Doc("fhir.netsmartcloud.com", Tenant).Replace(Tenant.ToString(), Tenant.ToString().ToUpperInvariant(), StringComparison.Ordinal))
            .EnsureTrusted(CareConnectHostPolicy.Default, fhirBase);
    }

    [Fact]
    public void A_base_that_is_not_a_v2_tenant_base_cannot_be_pinned()
    {
        var config = SmartConfiguration.Parse(Doc("fhir.netsmartcloud.com", Tenant));
        var ex = Assert.Throws<CareConnectDiscoveryException>(() => config.EnsureTrusted(CareConnectHostPolicy.Default, new Uri("https://fhir.netsmartcloud.com/uscore/v1")));
        Assert.Contains("is not a CareConnect v2 tenant FHIR base", ex.Message, StringComparison.Ordinal);
    }
}

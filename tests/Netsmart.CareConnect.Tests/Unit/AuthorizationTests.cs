namespace Netsmart.CareConnect.Tests.Unit;

public class AuthorizationTests
{
    private const string Id = "43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";
    private static readonly Uri Redirect = new("https://app.example.com/smart/redirect");
    private static readonly string[] GuideScopes = { "launch/patient", "openid", "fhirUser", "offline_access", "patient/Patient.rs" };

    [Fact]
    public void Pkce_matches_the_rfc_7636_appendix_b_vector()
    {
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.ComputeS256Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    [Fact]
    public void Code_verifiers_are_43_unreserved_characters_and_unique()
    {
        var verifiers = Enumerable.Range(0, 200).Select(_ => Pkce.CreateCodeVerifier()).ToList();
        Assert.All(verifiers, v => Assert.Matches("^[A-Za-z0-9_-]{43}$", v));
        Assert.Equal(200, verifiers.Distinct().Count());
    }

    [Theory]
    [InlineData("short")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX")] // 42 chars
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk+")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk ")]
    public void Invalid_verifiers_are_refused(string verifier)
    {
        Assert.Throws<ArgumentException>(() => Pkce.ComputeS256Challenge(verifier));
    }

    [Fact]
    public void A_129_character_verifier_is_refused_and_128_accepted()
    {
        Assert.Throws<ArgumentException>(() => Pkce.ComputeS256Challenge(new string('a', 129)));
        Assert.Equal(43, Pkce.ComputeS256Challenge(new string('a', 128)).Length);
    }

    [Theory]
    [InlineData(CareConnectEnvironment.Production, "fhir.netsmartcloud.com")]
    [InlineData(CareConnectEnvironment.Preview, "fhirtest.netsmartcloud.com")]
    public void Authorize_url_is_exactly_the_guide_step_4_shape_with_aud_from_the_base_in_use(CareConnectEnvironment environment, string host)
    {
        var tenant = CareConnectTenant.Parse(Id, environment);

        var request = SmartAuthorization.CreateAuthorizationRequest(tenant, CareConnectApi.ProviderPatientAccess, "YOUR_CLIENT_ID", Redirect, GuideScopes);

        var expected =
            "https://" + host + "/auth/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6/oauth2/v1/authorize?" +
            "response_type=code&" +
            "client_id=YOUR_CLIENT_ID&" +
            "redirect_uri=https%3A%2F%2Fapp.example.com%2Fsmart%2Fredirect&" +
            "scope=launch%2Fpatient%20openid%20fhirUser%20offline_access%20patient%2FPatient.rs&" +
            "state=" + request.State + "&" +
            "aud=https%3A%2F%2F" + host + "%2Fprovider%2Fpatient-access%2Fv2%2F43477c76-ceb6-47ed-81c8-1b7c0ae10ca6&" +
            "code_challenge=" + request.CodeChallenge + "&" +
            "code_challenge_method=S256&" +
            "nonce=" + request.Nonce;
        Assert.Equal(expected, request.Url.AbsoluteUri);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", request.Nonce);
        Assert.Equal("https://" + host + "/provider/patient-access/v2/" + Id, request.Audience.AbsoluteUri);
        Assert.Equal(Pkce.ComputeS256Challenge(request.CodeVerifier), request.CodeChallenge);
        Assert.Equal(tenant.TokenEndpoint, request.TokenEndpoint);
        Assert.Equal("launch/patient openid fhirUser offline_access patient/Patient.rs", request.Scope);
    }

    [Fact]
    public void State_has_256_bits_from_a_csprng_and_never_repeats()
    {
        var tenant = CareConnectTenant.Parse(Id);
        var states = Enumerable.Range(0, 100)
            .Select(_ => SmartAuthorization.CreateAuthorizationRequest(tenant, CareConnectApi.ProviderPatientAccess, "c", Redirect, GuideScopes).State)
            .ToList();
        Assert.All(states, s => Assert.Equal(32, Convert.FromBase64String(s.Replace('-', '+').Replace('_', '/') + "=").Length));
        Assert.Equal(100, states.Distinct().Count());
    }

    [Fact]
    public void Ehr_launch_appends_the_launch_parameter()
    {
        var request = SmartAuthorization.CreateAuthorizationRequest(CareConnectTenant.Parse(Id), CareConnectApi.ProviderPatientAccess, "c", Redirect, new[] { "launch", "openid" }, launch: "xyz 123");
        Assert.EndsWith("&code_challenge_method=S256&nonce=" + request.Nonce + "&launch=xyz%20123", request.Url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_that_would_inject_are_encoded_or_refused()
    {
        var tenant = CareConnectTenant.Parse(Id);
        var request = SmartAuthorization.CreateAuthorizationRequest(tenant, CareConnectApi.ProviderPatientAccess, "a&aud=https://evil", Redirect, GuideScopes);
        Assert.Contains("client_id=a%26aud%3Dhttps%3A%2F%2Fevil&", request.Url.AbsoluteUri, StringComparison.Ordinal);
        Assert.Single(request.Url.Query.Split('&'), p => p.StartsWith("aud=", StringComparison.Ordinal));

        Assert.Throws<ArgumentException>(() => SmartAuthorization.CreateAuthorizationRequest(tenant, CareConnectApi.ProviderPatientAccess, "c", Redirect, new[] { "openid patient/*.rs" }));
        Assert.Throws<ArgumentException>(() => SmartAuthorization.CreateAuthorizationRequest(tenant, CareConnectApi.ProviderPatientAccess, "c", Redirect, Array.Empty<string>()));
        Assert.Throws<ArgumentException>(() => SmartAuthorization.CreateAuthorizationRequest(tenant, CareConnectApi.ProviderPatientAccess, " ", Redirect, GuideScopes));
        Assert.Throws<ArgumentException>(() => SmartAuthorization.CreateAuthorizationRequest(tenant, CareConnectApi.ProviderPatientAccess, "c", new Uri("/cb", UriKind.Relative), GuideScopes));
    }

    [Fact]
    public void Callback_returns_the_code_only_when_the_state_matches()
    {
        var request = SmartAuthorization.CreateAuthorizationRequest(CareConnectTenant.Parse(Id), CareConnectApi.ProviderPatientAccess, "c", Redirect, GuideScopes);

        Assert.Equal("abc/+=", SmartAuthorization.ReadCallback(request, new Uri(Redirect + "?code=abc%2F%2B%3D&state=" + request.State)));

        var wrongState = Assert.Throws<CareConnectException>(() => SmartAuthorization.ReadCallback(request, new Uri(Redirect + "?code=abc&state=other")));
        Assert.Contains("state does not match", wrongState.Message, StringComparison.Ordinal);
        Assert.Throws<CareConnectException>(() => SmartAuthorization.ReadCallback(request, new Uri(Redirect + "?code=abc")));

        var denied = Assert.Throws<CareConnectException>(() => SmartAuthorization.ReadCallback(request, new Uri(Redirect + "?error=access_denied&error_description=User%20said%20no&state=" + request.State)));
        Assert.Equal("access_denied", denied.OAuthError);
        Assert.Equal("User said no", denied.OAuthErrorDescription);

        Assert.Throws<CareConnectException>(() => SmartAuthorization.ReadCallback(request, new Uri(Redirect + "?state=" + request.State)));
    }

    [Fact]
    public void ToString_never_shows_state_or_verifier()
    {
        var request = SmartAuthorization.CreateAuthorizationRequest(CareConnectTenant.Parse(Id), CareConnectApi.ProviderPatientAccess, "c", Redirect, GuideScopes);
        var text = request.ToString();
        Assert.DoesNotContain(request.State, text, StringComparison.Ordinal);
        Assert.DoesNotContain(request.CodeVerifier, text, StringComparison.Ordinal);
        Assert.Equal("AuthorizationRequest { Url = https://fhir.netsmartcloud.com/auth/" + Id + "/oauth2/v1/authorize, ClientId = c, Audience = https://fhir.netsmartcloud.com/provider/patient-access/v2/" + Id + ", State = ***, CodeVerifier = ***, Nonce = *** }", text);
        Assert.DoesNotContain(request.Nonce!, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Discovered_endpoints_without_authorize_endpoint_cannot_build_a_request()
    {
        var tenant = CareConnectTenant.Parse(Id);
        var endpoints = new CareConnectEndpoints(tenant.GetFhirBaseUri(CareConnectApi.ProviderSystemAccess), null, tenant.TokenEndpoint, null);
        Assert.Throws<InvalidOperationException>(() => SmartAuthorization.CreateAuthorizationRequest(endpoints, "c", Redirect, GuideScopes));
    }
}

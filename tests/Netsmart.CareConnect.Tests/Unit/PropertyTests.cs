using CsCheck;

namespace Netsmart.CareConnect.Tests.Unit;

/// <summary>Property tests of the tenant and authorization helpers, from the shared fixed seed: every run sees the same inputs.</summary>
public class PropertyTests
{
    private static readonly CareConnectTenant Tenant = CareConnectTenant.Parse("43477c76-ceb6-47ed-81c8-1b7c0ae10ca6");

    [Fact]
    public void A_parsed_tenant_always_round_trips_and_anything_else_is_refused()
    {
        Gen.Guid.Sample(g =>
        {
            if (g == Guid.Empty)
            {
                return;
            }

            var text = g.ToString("D");
            Assert.Equal(text, CareConnectTenant.Parse(text.ToUpperInvariant()).ToString());
        }, seed: PropertySample.Seed, threads: 1);

        Gen.String.Sample(s =>
        {
            if (CareConnectTenant.TryParse(s, out var tenant))
            {
                Assert.Equal(36, s.Length);
                Assert.Equal(s.ToLowerInvariant(), tenant.ToString());
            }
        }, seed: PropertySample.Seed, threads: 1);
    }

    [Fact]
    public void Resolve_either_refuses_or_stays_below_the_tenant_base()
    {
        var baseUri = Tenant.GetFhirBaseUri(CareConnectApi.ProviderPatientAccess);
        var basePath = baseUri.AbsolutePath;
        Gen.String[Gen.Char["./%2eE5cC\\:?#@aP &F"], 0, 24].Sample(path =>
        {
            Uri resolved;
            try
            {
                resolved = Tenant.Resolve(CareConnectApi.ProviderPatientAccess, path);
            }
            catch (ArgumentException)
            {
                return;
            }

            Assert.Equal(baseUri.Host, resolved.Host);
            Assert.Equal(Uri.UriSchemeHttps, resolved.Scheme);
            Assert.True(
                resolved.AbsolutePath == basePath || resolved.AbsolutePath.StartsWith(basePath + "/", StringComparison.Ordinal),
                path + " -> " + resolved.AbsoluteUri);
        }, seed: PropertySample.Seed, threads: 1);
    }

    [Fact]
    public void Authorize_urls_always_carry_exactly_one_of_each_parameter_whatever_the_client_id()
    {
        Gen.String[1, 40].Sample(clientId =>
        {
            if (string.IsNullOrWhiteSpace(clientId))
            {
                return;
            }

            var request = SmartAuthorization.CreateAuthorizationRequest(Tenant, CareConnectApi.ProviderPatientAccess, clientId, new Uri("https://app.example.com/cb"), new[] { "openid" });
            var names = request.Url.Query.TrimStart('?').Split('&').Select(p => p.Split('=')[0]).ToArray();
            Assert.Equal(new[] { "response_type", "client_id", "redirect_uri", "scope", "state", "aud", "code_challenge", "code_challenge_method", "nonce" }, names);
            var clientIdValue = request.Url.Query.Split('&')[1]["client_id=".Length..];
            Assert.Equal(clientId, Uri.UnescapeDataString(clientIdValue));
        }, seed: PropertySample.Seed, iter: 300, threads: 1);
    }
}

using Netsmart.Knowledge.Evidence;

namespace Netsmart.Knowledge.Tests.Evidence;

/// <summary>The one decision "Certified, non-migrating, both or none" both front ends call.</summary>
public class ApiEvidenceTests
{
    private const string Both = "Certified, NonCertified";

    private static string Name(ApiEvidence kind) =>
        kind == ApiEvidence.None ? "None" : kind == (ApiEvidence.Certified | ApiEvidence.NonCertified) ? Both : kind.ToString();

    [Theory]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1", "Certified")]
    [InlineData("https://fhir.netsmartcloud.com/v4", "NonCertified")]
    [InlineData("user/Patient.read", "Certified")]
    [InlineData("https://fhir.netsmartcloud.com/v4 user/Patient.read", "NonCertified")]
    [InlineData("https://fhir.netsmartcloud.com/ccd system/Patient.rs", "NonCertified")]
    [InlineData("https://fhir.netsmartcloud.com/fhir launch/patient", "NonCertified")]
    [InlineData("https://fhir.netsmartcloud.com/v4 https://fhir.netsmartcloud.com/uscore/v1 user/Patient.read", Both)]
    [InlineData("https://example.org/fhir", "None")]
    public void Kind_counts_a_scope_as_certified_only_without_a_non_migrating_api(string text, string expected)
    {
        Assert.Equal(expected, Name(ApiEvidenceScanner.Kind(ApiEvidenceScanner.FromText(text))));
    }

    [Theory]
    // The value decides alone: a Certified URL, or a non-migrating API, and not both.
    [InlineData("https://oauth.netsmartcloud.com/token?aud=https://fhir.netsmartcloud.com/uscore/v1", "https://fhir.netsmartcloud.com/v4", "Certified")]
    [InlineData("scope=CCD", "https://fhir.netsmartcloud.com/uscore/v1", "NonCertified")]
    // Scopes only: they join what is around them.
    [InlineData("user/Patient.read", "https://fhir.netsmartcloud.com/v4", "NonCertified")]
    [InlineData("user/Patient.read", "", "Certified")]
    [InlineData("user/Patient.read", "https://fhir.netsmartcloud.com/v4 https://fhir.netsmartcloud.com/uscore/v1", Both)]
    // Nothing: what is around decides; both kinds in the value: both.
    [InlineData("", "https://fhir.netsmartcloud.com/ccd", "NonCertified")]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1 https://fhir.netsmartcloud.com/ccd", "https://fhir.netsmartcloud.com/uscore/v1", Both)]
    public void Apis_decides_from_the_value_then_from_what_is_around_it(string own, string around, string expected)
    {
        ApiEvidence ownEvidence = ApiEvidenceScanner.FromText(own);
        Assert.Equal(expected, Name(ApiEvidenceScanner.Apis(ownEvidence, ownEvidence | ApiEvidenceScanner.FromText(around))));
    }

    [Theory]
    [InlineData("https://fhir.netsmartcloud.com/v4", true)]
    [InlineData("https://oauth.netsmartcloud.com/token", true)]
    [InlineData("https://fhirtest.netsmartcloud.com/provider/patient-access/v2/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6", true)]
    [InlineData("patient/Patient.rs", false)]
    [InlineData("https://example.org/netsmart/token", false)]
    public void A_url_on_a_netsmart_host_is_netsmart_evidence(string text, bool expected)
    {
        Assert.Equal(expected, (ApiEvidenceScanner.FromText(text) & ApiEvidence.NetsmartUrl) != 0);
    }
}

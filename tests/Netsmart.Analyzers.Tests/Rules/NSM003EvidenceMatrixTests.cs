using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Netsmart.Analyzers.Tests.Rules;

/// <summary>
/// NSM003 in code that talks to the non-migrating APIs (/v4, /fhir, /ccd, PatientImage, scope CCD) and shows one
/// more kind of evidence, in the type that holds the token URL or elsewhere in its file. SMART scopes are no
/// Certified evidence next to a non-migrating API (those APIs use them too); a Certified URL still is.
/// </summary>
public class NSM003EvidenceMatrixTests
{
    private const string Token = "https://oauth.netsmartcloud.com/token";

    public static readonly string[] NonMigrating =
    [
        "https://fhir.netsmartcloud.com/v4/Patient",
        "https://fhir.netsmartcloud.com/fhir/Patient",
        "https://fhir.netsmartcloud.com/ccd?patient=1",
        "https://fhirtest.netsmartcloud.com/v4/PatientImage/7",
        "CCD",
    ];

    /// <summary>The other evidence, and whether it is a Certified URL (the only one that keeps the code Certified).</summary>
    public static readonly (string Name, string? Text, bool CertifiedUrl)[] Other =
    [
        ("clinical scope", "openid user/Patient.read patient/Observation.rs", false),
        ("system scope", "system/Patient.rs", false),
        ("launch scope", "launch/patient openid fhirUser", false),
        ("uscore URL", "https://fhir.netsmartcloud.com/uscore/v1/Patient", true),
        ("none", null, false),
    ];

    public static IEnumerable<object[]> Matrix()
    {
        foreach (string nonMigrating in NonMigrating)
        {
            foreach ((string name, _, _) in Other)
            {
                yield return new object[] { nonMigrating, name };
            }
        }
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Type_level_evidence(string nonMigrating, string other)
    {
        (string? text, bool certifiedUrl) = Find(other);
        string source = $$"""
            class Client
            {
                string Token() => {{TokenLiteral(certifiedUrl)}};
                string Api() => "{{nonMigrating}}";
            {{(text is null ? "" : $"    string Other() => {OtherLiteral(text, certifiedUrl)};\n")}}}
            """;

        await VerifyAsync(source, mixed: certifiedUrl);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task File_level_evidence(string nonMigrating, string other)
    {
        (string? text, bool certifiedUrl) = Find(other);
        string source = $$"""
            class Client
            {
                string Token() => {{TokenLiteral(certifiedUrl)}};
            }

            class Api
            {
                string Base() => "{{nonMigrating}}";
            }
            {{(text is null ? "" : $"\nclass Other\n{{\n    string Value() => {OtherLiteral(text, certifiedUrl)};\n}}\n")}}
            """;

        await VerifyAsync(source, mixed: certifiedUrl);
    }

    [Fact]
    public async Task A_clinical_scope_in_the_token_request_itself_does_not_outweigh_a_non_migrating_api_around_it()
    {
        const string source = """
            class GeneralPurposeClient
            {
                const string Base = "https://fhir.netsmartcloud.com/v4";
                string Authorize() => "https://oauth.netsmartcloud.com/authorize?scope=openid+user%2FPatient.rs";
            }
            """;

        await VerifyUrl.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task A_clinical_scope_with_nothing_non_migrating_in_sight_is_still_certified_evidence()
    {
        const string source = """
            class SmartClient
            {
                string Token() => {|#0:"https://oauth.netsmartcloud.com/token"|};
                string Scope() => "openid user/Patient.rs";
            }
            """;

        await VerifyUrl.VerifyAnalyzerAsync(source,
            VerifyUrl.Diagnostic("NSM003").WithLocation(0).WithArguments(
                Token,
                "this code uses the Certified APIs, whose v2 authorization server is tenant-specific: 'https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/token'"));
    }

    private static (string? Text, bool CertifiedUrl) Find(string name)
    {
        foreach ((string n, string? text, bool certifiedUrl) in Other)
        {
            if (n == name)
            {
                return (text, certifiedUrl);
            }
        }

        throw new KeyNotFoundException(name);
    }

    private static string TokenLiteral(bool reported) => reported ? "{|#0:\"" + Token + "\"|}" : "\"" + Token + "\"";

    // The uscore URL is an NSM001 finding of its own.
    private static string OtherLiteral(string text, bool certifiedUrl) =>
        certifiedUrl ? "{|NSM001:\"" + text + "\"|}" : "\"" + text + "\"";

    /// <summary>
    /// Non-migrating evidence plus a Certified URL: Info, no fix. Anything else next to a non-migrating API: nothing.
    /// The scope rule agrees: the v1 scope in these sources is not reported either (non-migrating code).
    /// </summary>
    private static async Task VerifyAsync(string source, bool mixed)
    {
        var expected = new List<DiagnosticResult>();
        if (mixed)
        {
            expected.Add(VerifyUrl.Diagnostic("NSM003").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments(
                Token,
                "if it serves Certified API calls, use the tenant-specific v2 server 'https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/token' " +
                "(this code also uses the /v4, /fhir, /ccd or PatientImage APIs, which stay on this server)"));
        }

        await VerifyUrl.VerifyAnalyzerAsync(source, expected.ToArray());
        if (!mixed)
        {
            await VerifyScope.VerifyAnalyzerAsync(source);
        }
    }
}

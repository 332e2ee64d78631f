using System.Linq;
using System.Threading;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Netsmart.Knowledge.Evidence;
using Netsmart.Analyzers.Evidence;

namespace Netsmart.Analyzers.Tests.Robustness;

/// <summary>
/// The API evidence of a type is read by searching its source text for the evidence triggers and reading only the
/// string tokens found there; it must equal reading every string token (the definition).
/// </summary>
public class EvidenceScanTests
{
    private static readonly string[] Pieces =
    {
        "https://fhir.netsmartcloud.com/uscore/v1", "https://FHIR.NetsmartCloud.com/uscore/v1/bulk-data", "https://oauth.netsmartcloud.com/token",
        "https://fhir.netsmartcloud.com/v4/", "https://oauth.netsmartcloud.com/fhir/", "https://fhir.netsmartcloud.com/ccd",
        "patient/Patient.read", "user/*.write", "system/Observation.rs", "patient%2FPatient.read", "system%2f*.read",
        "launch/patient", "launch%2Fpatient", "fhirUser", "openid", "authorization_code", "grant_type=authorization_code",
        "client_credentials", "grant_type=client_credentials&scope=x", "CCD", "scope=CCD", " CCD ", "?scope=CCD&x",
        "/api/items/", "Hello", " ", "&", "?", "%2F", "user", "patient", "system",
    };

    private static readonly Gen<string> Text = Gen.Int[0, Pieces.Length - 1].Array[0, 4].Select(i => string.Concat(i.Select(k => Pieces[k])));

    /// <summary>One member holding a text in some literal form, or in a place that is no string at all.</summary>
    private static readonly Gen<string> Member =
        from text in Text
        from form in Gen.Int[0, 9]
        from n in Gen.Int[0, 999]
        select form switch
        {
            0 => $"const string C{n} = \"{text}\";",
            1 => $"string F{n} = @\"{text}\";",
            2 => $"string R{n} = \"\"\"{text}\"\"\";",
            3 => $"string I{n}(int a) => $\"{text}{{a}}{text}\";",
            4 => $"System.ReadOnlySpan<byte> U{n} => \"{text}\"u8;",
            5 => $"// {text}",
            6 => $"/* {text} */ int N{n};",
            7 => $"string M{n}(string s) => \"{text}\" + s + \"{text}\";",
            8 => $"string V{n} = $@\"{text}{{{n}}}\";",
            _ => $"string L{n} = \"\"\"\n    {text}\n    \"\"\";",
        };

    private static readonly Gen<string> File =
        from a in Member.Array[0, 6]
        from b in Member.Array[0, 6]
        from top in Gen.Bool
        from attribute in Text
        from inDelegate in Text
        from blockNamespace in Gen.Bool
        select "[assembly: System.Reflection.AssemblyMetadata(\"k\", \"" + attribute + "\")]\n" +
            (top ? "var t = \"" + "patient/Patient.read" + "\";\n" : "") +
            (blockNamespace ? "namespace N {\nnamespace M {\n" : "namespace N;\n") +
            "delegate void D(string s = \"" + inDelegate + "\");\n" +
            "class A\n{\n" + string.Join("\n", a) + "\n}\nclass B\n{\n" + string.Join("\n", b) + "\n  class Nested { string x = \"user/*.read\"; }\n}\n" +
            (blockNamespace ? "}\n}\n" : "");

    [Fact]
    public void Evidence_found_through_the_triggers_equals_evidence_read_token_by_token()
    {
        int withEvidence = 0;
        foreach (string source in PropertySample.Sample(File, PropertySample.Count(300)))
        {
            SyntaxNode root = CSharpSyntaxTree.ParseText(source).GetRoot();
            foreach (SyntaxNode scope in root.DescendantNodesAndSelf().Where(n => n is CompilationUnitSyntax or BaseTypeDeclarationSyntax))
            {
                ApiEvidence expected = ApiEvidenceCache.ScanAllTokens(scope, CancellationToken.None);
                withEvidence += expected != ApiEvidence.None ? 1 : 0;
                Assert.True(expected == ApiEvidenceCache.Scan(scope, CancellationToken.None), "evidence differs in:\n" + scope);
            }
        }

        Assert.True(withEvidence > 0);
    }

    [Fact]
    public void A_file_read_through_its_cached_types_has_the_evidence_of_all_its_tokens()
    {
        foreach (string source in PropertySample.Sample(File, PropertySample.Count(200)))
        {
            SyntaxTree tree = CSharpSyntaxTree.ParseText(source);
            SyntaxNode root = tree.GetRoot();
            BaseTypeDeclarationSyntax[] types = root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>().ToArray();
            foreach (bool typesFirst in new[] { false, true })
            {
                // A new compilation each time: the cache is per compilation, and the order of the questions must not matter.
                var compilation = CSharpCompilation.Create("evidence" + typesFirst, new[] { tree });
                var cache = ApiEvidenceCache.For(compilation, new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(System.Collections.Immutable.ImmutableArray<AdditionalText>.Empty));
                if (typesFirst)
                {
                    foreach (BaseTypeDeclarationSyntax type in types)
                    {
                        Assert.Equal(ApiEvidenceCache.ScanAllTokens(type, CancellationToken.None), cache.Of(type, CancellationToken.None));
                    }
                }

                Assert.True(ApiEvidenceCache.ScanAllTokens(root, CancellationToken.None) == cache.Of(root, CancellationToken.None), "file evidence differs in:\n" + source);
                foreach (BaseTypeDeclarationSyntax type in types)
                {
                    Assert.Equal(ApiEvidenceCache.ScanAllTokens(type, CancellationToken.None), cache.Of(type, CancellationToken.None));
                }
            }
        }
    }

    [Fact]
    public void A_token_hit_by_several_triggers_counts_once_and_whole()
    {
        // "patient/", "user/", "fhirUser", "client_credentials" and "CCD" all hit one token: its evidence is read once, all of it.
        const string source = "class A { string s = \"launch/patient fhirUser patient/Patient.read user/*.read grant_type=client_credentials&scope=CCD\"; }";
        SyntaxNode type = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().First();
        ApiEvidence expected = ApiEvidence.ClinicalScopes | ApiEvidence.PatientFacing | ApiEvidence.ClientCredentials | ApiEvidence.NonCertified;
        Assert.Equal(expected, ApiEvidenceCache.ScanAllTokens(type, CancellationToken.None));
        Assert.Equal(expected, ApiEvidenceCache.Scan(type, CancellationToken.None));
    }

    [Theory]
    [InlineData("class A { string s = \"\\u0070atient/Patient.read\"; }", (int)(ApiEvidence.ClinicalScopes | ApiEvidence.PatientFacing))]
    [InlineData("class A { string s = \"client_\" + \"credentials\"; }", (int)ApiEvidence.None)]
    [InlineData("class A { // client_credentials\n string s = \"x\"; }", (int)ApiEvidence.None)]
    [InlineData("class A { string s = \"grant_type=client_credentials\"; }", (int)ApiEvidence.ClientCredentials)]
    [InlineData("class A { string s = $\"{x}scope=CCD\"; }", (int)ApiEvidence.NonCertified)]
    public void Evidence_of_a_type(string source, int expectedFlags)
    {
        var expected = (ApiEvidence)expectedFlags;
        SyntaxNode type = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().First();
        Assert.Equal(expected, ApiEvidenceCache.Scan(type, CancellationToken.None));
        Assert.Equal(expected, ApiEvidenceCache.ScanAllTokens(type, CancellationToken.None));
    }
}

using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Netsmart.Analyzers.Strings;

namespace Netsmart.Analyzers.Tests.Rules;

/// <summary>
/// A const field whose value needs binding (<c>$"{Host}/uscore"</c>) is read from its declaring type, found by the
/// metadata name written from the declaration's syntax; a declaration that cannot be found that way (a <c>file</c>
/// type) is read by searching every declaration, with the same finding.
/// </summary>
public class SourceConstantFieldTests
{
    private const string V2Template = "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}";

    private const string Declarations = """
        namespace Outer.Inner
        {
            namespace Deeper
            {
                class Holder<T, U>
                {
                    public class Scopes { public const string Context = "pat" + "ient"; }
                }
            }
        }

        namespace Other
        {
            record R { const string A = "x" + "y"; }
            struct S { const string B = "x" + "y"; }
            interface I { const string C = "x" + "y"; }
            class @class { const string D = "x" + "y"; }
        }

        class TopLevel { const string E = "x" + "y"; class Nested<V> { const string F = "x" + "y"; } }

        file class Local { const string G = "x" + "y"; }
        """;

    [Theory]
    [InlineData("Context", "Outer.Inner.Deeper.Holder`2+Scopes")]
    [InlineData("A", "Other.R")]
    [InlineData("B", "Other.S")]
    [InlineData("C", "Other.I")]
    [InlineData("D", "Other.class")]
    [InlineData("E", "TopLevel")]
    [InlineData("F", "TopLevel+Nested`1")]
    [InlineData("G", null)]
    public void The_declaring_type_is_found_by_the_metadata_name_written_from_syntax(string field, string? expected)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(Declarations, new CSharpParseOptions(LanguageVersion.Preview));
        var compilation = CSharpCompilation.Create("constants", new[] { tree }, Basic.Reference.Assemblies.Net100.References.All);
        VariableDeclaratorSyntax declarator = tree.GetRoot().DescendantNodes().OfType<VariableDeclaratorSyntax>().Single(v => v.Identifier.ValueText == field);

        string? metadataName = ConstantHints.DeclaringTypeMetadataName(declarator);

        Assert.Equal(expected, metadataName);
        if (metadataName != null)
        {
            ISymbol declared = compilation.GetSemanticModel(tree).GetDeclaredSymbol(declarator)!;
            Assert.Equal(declared.ContainingType, compilation.Assembly.GetTypeByMetadataName(metadataName), SymbolEqualityComparer.Default);
        }
    }

    [Fact]
    public async Task A_computed_const_field_of_a_nested_generic_type_is_followed_into_a_hole()
    {
        const string source = """
            namespace Outer.Inner
            {
                namespace Deeper
                {
                    class Holder<T>
                    {
                        class Endpoints
                        {
                            const string Host = "https://fhir.netsmartcloud.com";
                            const string Api = $"{Host}/uscore";
                            string Url(string id) => {|#0:$"{Api}/v1/Observation/{id}"|};
                        }
                    }
                }
            }
            """;

        await VerifyUrl.VerifyAnalyzerAsync(source,
            VerifyUrl.Diagnostic("NSM001").WithLocation(0).WithArguments(
                "https://fhir.netsmartcloud.com/uscore/v1", "Provider Patient Access", V2Template));
    }

    [Fact]
    public async Task A_computed_const_field_of_a_file_type_is_found_by_the_search_of_every_declaration()
    {
        const string source = """
            file class Endpoints
            {
                const string Host = "https://fhir.netsmartcloud.com";
                const string Api = $"{Host}/uscore";
                string Url(string id) => {|#0:$"{Api}/v1/Observation/{id}"|};
            }
            """;

        await VerifyUrl.VerifyAnalyzerAsync(source,
            VerifyUrl.Diagnostic("NSM001").WithLocation(0).WithArguments(
                "https://fhir.netsmartcloud.com/uscore/v1", "Provider Patient Access", V2Template));
    }
}

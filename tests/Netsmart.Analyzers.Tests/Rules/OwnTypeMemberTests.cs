using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Netsmart.Analyzers.Strings;
using Netsmart.Analyzers.Tests.Verifiers;

namespace Netsmart.Analyzers.Tests.Rules;

/// <summary>
/// A simple name that is no local or parameter is looked up first among the fields, properties and events of the type
/// declaration enclosing it, from syntax: C# finds such a member before any outer type, import, type or namespace of
/// that name, so the compilation's name table (every type and member name, built at first use) is not needed for it.
/// Where the lookup could be wrong ("Color Color", another partial part, a primary constructor, an outer type) the
/// answer is left to the name table, as before.
/// </summary>
public class OwnTypeMemberTests
{
    private const string Types =
        "class Settings { public string Dir; } class Color { public const string Red = \"r\"; } " +
        "class Other { const string context = \"patient\"; const string Context = \"patient\"; }\n" +
        "class ResourceTypes { public const string Patient = \"Patient\"; } class Contexts { public const string Patient = \"patient\"; } class Derived : Contexts { }\n";

    /// <summary>Each member names its operand once after <c>/*use*/</c>; with no name table (hints: null).</summary>
    [Theory]
    [InlineData("Settings _settings; string M() => /*use*/_settings.Dir + \"/a\";")]
    [InlineData("Settings Current { get; } string M() => /*use*/Current.Dir + \"/a\";")]
    [InlineData("static Settings s; string M() => /*use*/s.Dir + \"/a\";")]
    [InlineData("System.Action Changed; string M() => /*use*/Changed.Method + \"/a\";")]
    [InlineData("event System.Action Raised; string M() => /*use*/Raised.Method + \"/a\";")]
    [InlineData("const string Base = \"b\"; string M() => /*use*/Base.Length + \"/a\";")]
    [InlineData("Settings _settings; System.Func<string> M() => () => /*use*/_settings.Dir + \"/a\";")]
    [InlineData("Settings _settings; string M() { string L() => /*use*/_settings.Dir + \"/a\"; return L(); }")]
    [InlineData("class N { Settings t; string M() => /*use*/t.Dir + \"/a\"; }")]
    [InlineData("Settings? _settings; string M() => /*use*/_settings.Dir + \"/a\";")]
    [InlineData("string context; string M() => /*use*/context + \"/a\";")]
    [InlineData("static string Context { get; } = \"patient\"; string M() => /*use*/Context + \"/a\";")]
    public void A_field_property_or_event_of_the_enclosing_type_is_an_instance(string member)
    {
        Assert.Equal(LeafConstness.NotConstant, ClassifyUse(member));
    }

    [Theory]
    [InlineData("Color Color; string M() => /*use*/Color.Red + \"/a\";")]                          // Color Color: the type's constant
    [InlineData("Color[] Color; string M() => /*use*/Color.Red + \"/a\";")]
    [InlineData("string M() => /*use*/_part.Dir + \"/a\";")]                                         // declared in the other partial part
    [InlineData("Settings t; class N { string M() => /*use*/t.Dir + \"/a\"; }")]                    // an outer type's member
    [InlineData("class P(Settings t) { Settings u; string M() => /*use*/u.Dir + \"/a\"; }")]          // a primary constructor
    [InlineData("void _settings() { } string M() => /*use*/_settings.Method + \"/a\";")]             // a method group
    [InlineData("class Inner { public const string X = \"x\"; } string M() => /*use*/Inner.X + \"/a\";")] // a nested type
    public void A_name_the_enclosing_type_declaration_does_not_settle_is_left_to_the_name_table(string member)
    {
        Assert.Equal(LeafConstness.MaybeConstant, ClassifyUse(member));
    }

    [Theory]
    [InlineData("const string context = \"patient\"; string M() => /*use*/context + \"/Observation.read\";", true)]
    [InlineData("const string context = \"user\"; string M() => /*use*/context + \"/Observation.read\";", false)]
    [InlineData("const int context = 1; string M() => /*use*/context + \"/Observation.read\";", false)]
    public void A_field_of_the_enclosing_type_is_read_without_the_name_table(string member, bool mayHold)
    {
        (ExpressionSyntax leaf, ConstantHints hints) = UseWithHints(member);

        Assert.Equal(mayHold, ConstantLeaves.MayHoldHint(leaf, hints));
        Assert.False(hints.NameTableBuilt);
        Assert.False(hints.ConstFieldTableBuilt);
    }

    /// <summary>
    /// A constant that is not the enclosing type's literal const field is read from the const fields' table (every
    /// source const field of that name), not the table of every type and member name; the latter is only needed when a
    /// referenced assembly's constant may hold the hint, which none of these references does.
    /// </summary>
    [Theory]
    [InlineData("const string context = \"pat\" + \"ient\"; string M() => /*use*/context + \"/Observation.read\";", true)]
    [InlineData("string M() => /*use*/Other.context + \"/Observation.read\";", true)]
    [InlineData("string M() => /*use*/Other.Missing + \"/Observation.read\";", false)]
    [InlineData("string M() => /*use*/Inherited + \"/Observation.read\";", false)]
    [InlineData("string M() => /*use*/Settings.Dir + \"/Observation.read\";", false)]
    [InlineData("string M() => /*use*/ResourceTypes.Patient + \"/Observation.read\";", false)] // Contexts.Patient is "patient": another type's
    [InlineData("string M() => /*use*/Contexts.Patient + \"/Observation.read\";", true)]
    [InlineData("string M() => /*use*/Derived.Patient + \"/Observation.read\";", true)]        // no Patient declared in Derived: any type's
    [InlineData("string M() => $\"{(/*use*/Settings.Dir + ResourceTypes.Patient)}/Observation.read\";", false)] // a sum in a hole: each operand
    [InlineData("string M() => $\"{(/*use*/Settings.Dir + Contexts.Patient)}/Observation.read\";", true)]
    [InlineData("string M() => $\"{(/*use*/Settings.Dir + \"pat\" + $\"ient\")}/Observation.read\";", true)]
    public void Other_constants_are_read_from_the_const_fields_table_alone(string member, bool mayHold)
    {
        (ExpressionSyntax leaf, ConstantHints hints) = UseWithHints(member);

        Assert.Equal(mayHold, ConstantLeaves.MayHoldHint(leaf, hints));
        Assert.True(hints.ConstFieldTableBuilt);
        Assert.False(hints.NameTableBuilt);
        Assert.False(hints.MetadataMayHoldHint);
    }

    [Fact]
    public async Task A_const_field_of_the_enclosing_type_joins_the_literal_after_it()
    {
        const string source = """
            // A const initialized with a scope context ("patient", "user") opens the rule for this compilation.
            class Other { const string Context = "user"; }
            class C
            {
                const string Context = "patient";
                string S() => {|#0:Context + "/Observation.read"|};
            }
            """;

        await VerifyScope.VerifyAnalyzerAsync(source,
            VerifyScope.Diagnostic("NSM010").WithLocation(0).WithArguments("'patient/Observation.read'", "'patient/Observation.rs'"));
    }

    [Fact]
    public async Task A_field_of_the_enclosing_type_is_not_read_as_another_types_constant_of_that_name()
    {
        const string source = """
            // A const initialized with a scope context ("patient", "user") opens the rule for this compilation.
            class Other { const string Context = "patient"; }
            class C
            {
                string Context = "user";
                string S() => Context + "/Observation.read";
            }
            """;

        await VerifyScope.VerifyAnalyzerAsync(source);
    }

    private static (SyntaxTree Tree, IdentifierNameSyntax Use) Parse(string member) =>
        MarkedUse.Parse(Types + "partial class C { Settings _part; }\npartial class C {\n" + member + "\n}");

    private static LeafConstness ClassifyUse(string member) => ConstantLeaves.Classify(MarkedUse.Operand(Parse(member).Use), hints: null);

    private static (ExpressionSyntax Leaf, ConstantHints Hints) UseWithHints(string member)
    {
        (SyntaxTree tree, IdentifierNameSyntax use) = Parse(member);
        var compilation = CSharpCompilation.Create("own", new[] { tree }, Basic.Reference.Assemblies.Net100.References.All);
        var hints = new ConstantHints(compilation, nameof(OwnTypeMemberTests), text => text.Contains("patient"));
        Assert.True(hints.SourceMentionsHint);
        ExpressionSyntax leaf = MarkedUse.Operand(use);
        ExpressionSyntax sum = leaf;
        while (sum.Parent is BinaryExpressionSyntax add && add.IsKind(SyntaxKind.AddExpression))
        {
            sum = add;
        }

        // A parenthesized sum (in a hole) is asked about as a whole; else the operand itself.
        return (sum.Parent is ParenthesizedExpressionSyntax ? sum : leaf, hints);
    }
}

using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Netsmart.Analyzers.Strings;
using Netsmart.Analyzers.Tests.Verifiers;

namespace Netsmart.Analyzers.Tests.Rules;

/// <summary>
/// Variables declared inside expressions (<c>out var</c>, patterns, deconstruction, query range variables) are locals,
/// told from syntax: an operand that names one is no constant, so no binding is needed to rule it out, and a const
/// local of the same outer name is not read in its place.
/// </summary>
public class ExpressionVariableTests
{
    /// <summary>Each source names <c>x</c> once after <c>/*use*/</c>, where a local <c>x</c> is in scope.</summary>
    [Theory]
    [InlineData("void M((string, int) t) { var (x, n) = t; Use(/*use*/x.Id + \"/a\"); }")]
    [InlineData("void M((string, int) t) { (var x, var n) = t; Use(/*use*/x.Id + \"/a\"); }")]
    [InlineData("void M(D d) { d.TryGetValue(1, out var x); Use(/*use*/x.Id + \"/a\"); }")]
    [InlineData("void M(D d) { var ok = d.TryGetValue(1, out Item x); Use(/*use*/x.Id + \"/a\"); }")]
    [InlineData("void M(object o) { if (o is not Item x) return; Use(/*use*/x.Id + \"/a\"); }")]
    [InlineData("void M(object o) { if (o is Item { Id: var x }) { Use(/*use*/x + \"/a\"); } }")]
    [InlineData("void M(object o) { while (o is Item x) { Use(/*use*/x.Id + \"/a\"); } }")]
    [InlineData("void M(object o) { switch (o) { case Item x when x.Id != null: Use(/*use*/x.Id + \"/a\"); break; } }")]
    [InlineData("bool M(object o) { switch (o) { case Item x when (/*use*/x.Id + \"/a\").Length > 2: return true; } return false; }")]
    [InlineData("string M(object o) => o switch { Item x => /*use*/x.Id + \"/a\", _ => \"\" };")]
    [InlineData("string M(object o) => o is Item x ? /*use*/x.Id + \"/a\" : \"\";")]
    [InlineData("System.Func<object, string> M() => o => o is Item x ? /*use*/x.Id + \"/a\" : \"\";")]
    [InlineData("void M((string, int)[] ts) { foreach (var (x, n) in ts) { Use(/*use*/x + \"/a\"); } }")]
    [InlineData("object M(Item[] items) => from x in items select /*use*/x.Id + \"/a\";")]
    [InlineData("object M(Item[] items) => from i in items let x = i.Id select /*use*/x + \"/a\";")]
    [InlineData("object M(Item[] items) => from i in items select i into x select /*use*/x.Id + \"/a\";")]
    public void A_name_declared_by_an_expression_is_a_local(string member)
    {
        Assert.Equal(LeafConstness.NotConstant, ClassifyUse(member));
    }

    /// <summary>The same names where the expression variable is out of scope (a lambda's, a nested statement's): maybe a constant.</summary>
    [Theory]
    [InlineData("void M(D d) { Run(() => d.TryGetValue(1, out var x)); Use(/*use*/x.Id + \"/a\"); }")]
    [InlineData("void M(object o) { while (o is Item x) { } Use(/*use*/x.Id + \"/a\"); }")]
    [InlineData("void M(object o) { { if (o is Item x) { } } Use(/*use*/x.Id + \"/a\"); }")]
    [InlineData("string M(object o) => o switch { Item x => \"\", _ => /*use*/x.Id + \"/a\" };")]
    [InlineData("void M() { Use(/*use*/x.Id + \"/a\"); }")]
    [InlineData("object M() => from x in /*use*/x.Items select x;")]
    public void A_name_whose_expression_variable_is_out_of_scope_may_be_a_constant(string member)
    {
        Assert.Equal(LeafConstness.MaybeConstant, ClassifyUse(member));
    }

    /// <summary>
    /// The designation is found by its name in the member's text: spellings whose text is not the name (verbatim, an
    /// escape, a formatting character the compiler drops), another designation of that name out of scope first, and
    /// text that may hold an escape elsewhere still find it.
    /// </summary>
    [Theory]
    [InlineData("void M(object o) { if (o is Item @x) { Use(/*use*/x.Id + \"/a\"); } }")]
    [InlineData("void M(object o) { if (o is Item \\u0078) { Use(/*use*/x.Id + \"/a\"); } }")]
    [InlineData("void M(object o) { if (o is Item \\U00000078) { Use(/*use*/x.Id + \"/a\"); } }")]
    [InlineData("void M(object o) { Use(\"\\u0041\"); if (o is Item x) { Use(/*use*/x.Id + \"/a\"); } }")]
    [InlineData("void M(D d) { Run(() => d.TryGetValue(1, out var x)); d.TryGetValue(2, out var x); Use(/*use*/x.Id + \"/a\"); }")]
    [InlineData("void M(object o) { if (o is Item xs && o is Item x) { Use(/*use*/x.Id + \"/a\"); } }")]
    [InlineData("void M(object o) { if (o is Item x) { Use(/*use*/x.Id + \"/a\"); } if (o is Item x2) { } }")]
    [InlineData("System.Func<object, System.Func<object, string>> M() => o => p => p is Item x ? /*use*/x.Id + \"/a\" : \"\";")]
    public void A_name_declared_by_an_expression_is_a_local_however_it_is_spelled(string member)
    {
        Assert.Equal(LeafConstness.NotConstant, ClassifyUse(member));
    }

    /// <summary>A formatting character (here a soft hyphen) inside an identifier is not part of its name: <c>x\u00ADy</c> declares <c>xy</c>.</summary>
    [Fact]
    public void A_name_declared_with_a_formatting_character_inside_is_a_local()
    {
        Assert.Equal(LeafConstness.NotConstant, ClassifyUse("void M(object o) { if (o is Item x\u00ADy) { Use(/*use*/xy.Id + \"/a\"); } }", "xy"));
    }

    /// <summary>The name written where it declares nothing: a comment, a string, disabled text, a longer name, a nested lambda.</summary>
    [Theory]
    [InlineData("void M(object o) { /* if (o is Item x) */ Use(/*use*/x.Id + \"/a\"); }")]
    [InlineData("void M(object o) { // o is Item x\n Use(/*use*/x.Id + \"/a\"); }")]
    [InlineData("void M(object o) { Use(\"o is Item x\"); Use($\"{o} is Item x\"); Use(/*use*/x.Id + \"/a\"); }")]
    [InlineData("void M(object o) {\n#if NEVER\n if (o is Item x) { }\n#endif\n Use(/*use*/x.Id + \"/a\"); }")]
    [InlineData("void M(object o) { if (o is Item xs || o is Item _x || o is Item x_ || o is Item x1) { Use(/*use*/x.Id + \"/a\"); } }")]
    [InlineData("void M(object o) { if (o is Item \u00E9x || o is Item x\u00E9) { Use(/*use*/x.Id + \"/a\"); } }")] // éx, xé: non-ASCII letters
    [InlineData("void M(D d) { Run(() => Run(() => d.TryGetValue(1, out var x))); Use(/*use*/x.Id + \"/a\"); }")]
    [InlineData("void M(object o) { Run(() => { if (o is Item \\u0078) { } }); Use(/*use*/x.Id + \"/a\"); }")]
    [InlineData("void M(D d) { Use(/*use*/x.Id + \"/a\"); d.TryGetValue(1, out var x); }")]
    public void A_name_written_where_it_declares_nothing_may_be_a_constant(string member)
    {
        Assert.Equal(LeafConstness.MaybeConstant, ClassifyUse(member));
    }

    [Fact]
    public async Task A_pattern_variable_of_a_lambda_is_not_read_as_the_const_local_it_hides()
    {
        // 'context' in the lambda is the pattern variable (a run-time value), not the const local "patient".
        const string source = """
            // A const initialized with a scope context ("patient", "user") opens the rule for this compilation.
            using System;
            class C
            {
                Func<object, string> S()
                {
                    const string context = "patient";
                    Use(context);
                    return o => o is string context ? context + "/Observation.read" : "";
                }

                void Use(string s) { }
            }
            """;

        await VerifyScope.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task A_variable_deconstructed_in_a_lambda_is_not_read_as_the_const_local_it_hides()
    {
        const string source = """
            // A const initialized with a scope context ("patient", "user") opens the rule for this compilation.
            using System;
            class C
            {
                Func<(string, int), string> S()
                {
                    const string context = "patient";
                    Use(context);
                    return t =>
                    {
                        var (context, _) = t;
                        return context + "/Observation.read";
                    };
                }

                void Use(string s) { }
            }
            """;

        await VerifyScope.VerifyAnalyzerAsync(source);
    }

    private static LeafConstness ClassifyUse(string member, string name = "x")
    {
        string source = "using System.Linq; class Item { public string Id; } class D { public bool TryGetValue(int k, out Item v) { v = null; return true; } }\n" +
            "class C { void Use(object o) { } void Run(System.Action a) { }\n" + member + "\n}";
        IdentifierNameSyntax use = MarkedUse.Parse(source).Use;
        Assert.Equal(name, use.Identifier.ValueText);
        return ConstantLeaves.Classify(MarkedUse.Operand(use), hints: null);
    }
}

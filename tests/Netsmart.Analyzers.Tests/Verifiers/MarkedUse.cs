using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Netsmart.Analyzers.Tests.Verifiers;

/// <summary>A source with one simple name written right after <c>/*use*/</c>: the operand the syntax-only tests ask about.</summary>
internal static class MarkedUse
{
    private const string Marker = "/*use*/";

    /// <summary>Parses <paramref name="source"/> (it must have no syntax error) and returns the name after the marker.</summary>
    public static (SyntaxTree Tree, IdentifierNameSyntax Use) Parse(string source)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview));
        Assert.DoesNotContain(tree.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        int marker = source.IndexOf(Marker, System.StringComparison.Ordinal);
        Assert.True(marker >= 0, "no " + Marker + " in the source");
        return (tree, (IdentifierNameSyntax)tree.GetRoot().FindToken(marker + Marker.Length).Parent!);
    }

    /// <summary>The operand: the name itself, or the member read from it (<c>x.Id</c>).</summary>
    public static ExpressionSyntax Operand(IdentifierNameSyntax use) =>
        use.Parent is MemberAccessExpressionSyntax access && access.Expression == use ? access : use;
}

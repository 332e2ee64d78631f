using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Netsmart.Analyzers.Strings;

/// <summary>
/// <c>string.Concat(a, b, …)</c> with two or more positional arguments: its value is the arguments' texts one after
/// the other, so it is read like <c>a + b + …</c>. Only syntax is looked at until the call is confirmed, once, to be
/// <see cref="string.Concat(string, string)"/> or one of its overloads.
/// </summary>
internal static class ConcatCall
{
    /// <summary>The <c>string.Concat</c> call <paramref name="node"/> is (through parentheses) a direct argument of; null when none (syntax only).</summary>
    public static InvocationExpressionSyntax? Of(SyntaxNode node)
    {
        SyntaxNode? parent = node.Parent;
        while (parent is ParenthesizedExpressionSyntax)
        {
            parent = parent.Parent;
        }

        return parent is ArgumentSyntax && parent.Parent is ArgumentListSyntax list &&
               list.Parent is InvocationExpressionSyntax call && IsConcatSyntax(call)
            ? call
            : null;
    }

    /// <summary>True when <paramref name="call"/> reads <c>string.Concat(a, b, …)</c>, <c>String.Concat</c> or <c>System.String.Concat</c> with 2+ positional arguments.</summary>
    public static bool IsConcatSyntax(InvocationExpressionSyntax call)
    {
        if (!(call.Expression is MemberAccessExpressionSyntax access) ||
            !access.IsKind(SyntaxKind.SimpleMemberAccessExpression) ||
            !(access.Name is IdentifierNameSyntax name) ||
            name.Identifier.ValueText != "Concat")
        {
            return false;
        }

        bool stringType = access.Expression switch
        {
            PredefinedTypeSyntax predefined => predefined.Keyword.IsKind(SyntaxKind.StringKeyword),
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == "String",
            MemberAccessExpressionSyntax qualified => qualified.Name.Identifier.ValueText == "String",
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText == "String",
            _ => false,
        };
        if (!stringType)
        {
            return false;
        }

        SeparatedSyntaxList<ArgumentSyntax> arguments = call.ArgumentList.Arguments;
        if (arguments.Count < 2)
        {
            return false; // Concat(IEnumerable<string>), Concat(object), Concat(string[]) with an array: not followed
        }

        foreach (ArgumentSyntax argument in arguments)
        {
            if (argument.NameColon != null || !argument.RefKindKeyword.IsKind(SyntaxKind.None))
            {
                return false; // named arguments may be out of order
            }
        }

        return true;
    }

    /// <summary>True when the call binds to <c>System.String.Concat</c> (any overload taking the arguments one by one or as params).</summary>
    public static bool IsStringConcat(InvocationExpressionSyntax call, SemanticModel semanticModel, CancellationToken cancellationToken) =>
        semanticModel.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method &&
        method.Name == "Concat" &&
        method.ContainingType?.SpecialType == SpecialType.System_String &&
        method.Parameters.Length > 0 &&
        !(method.Parameters.Length == 1 && !method.Parameters[0].IsParams);

    /// <summary>The argument expression without its parentheses.</summary>
    public static ExpressionSyntax Unparenthesized(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }
}

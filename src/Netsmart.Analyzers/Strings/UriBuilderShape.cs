using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Netsmart.Analyzers.Strings;

/// <summary>
/// <c>new UriBuilder(scheme, host[, port[, path]]) { Scheme = …, Host = …, Path = … }</c>: where the scheme, the host and the
/// path are written (an initializer assignment wins over the constructor argument, as at run time). Syntax only.
/// </summary>
internal readonly struct UriBuilderShape
{
    private UriBuilderShape(ExpressionSyntax? scheme, ExpressionSyntax host, ExpressionSyntax path)
    {
        Scheme = scheme;
        Host = host;
        Path = path;
    }

    /// <summary>The scheme expression; null for the default (<c>http</c>, <c>new UriBuilder()</c>).</summary>
    public ExpressionSyntax? Scheme { get; }

    public ExpressionSyntax Host { get; }

    public ExpressionSyntax Path { get; }

    public static bool TryGet(ObjectCreationExpressionSyntax creation, out UriBuilderShape shape)
    {
        shape = default;
        if (!IsUriBuilderType(creation.Type))
        {
            return false;
        }

        ExpressionSyntax? scheme = null, host = null, path = null;
        if (creation.ArgumentList != null)
        {
            SeparatedSyntaxList<ArgumentSyntax> arguments = creation.ArgumentList.Arguments;
            if (arguments.Count == 1 || arguments.Count > 5)
            {
                return false; // new UriBuilder(uri): the URI is analyzed on its own
            }

            foreach (ArgumentSyntax argument in arguments)
            {
                if (argument.NameColon != null || !argument.RefKindKeyword.IsKind(SyntaxKind.None))
                {
                    return false;
                }
            }

            if (arguments.Count >= 2)
            {
                scheme = arguments[0].Expression;
                host = arguments[1].Expression;
            }

            if (arguments.Count >= 4)
            {
                path = arguments[3].Expression;
            }
        }

        if (creation.Initializer != null)
        {
            if (!creation.Initializer.IsKind(SyntaxKind.ObjectInitializerExpression))
            {
                return false;
            }

            foreach (ExpressionSyntax expression in creation.Initializer.Expressions)
            {
                if (expression is AssignmentExpressionSyntax assignment && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) &&
                    assignment.Left is IdentifierNameSyntax name)
                {
                    switch (name.Identifier.ValueText)
                    {
                        case "Scheme":
                            scheme = assignment.Right;
                            break;
                        case "Host":
                            host = assignment.Right;
                            break;
                        case "Path":
                            path = assignment.Right;
                            break;
                    }
                }
            }
        }

        if (host is null || path is null)
        {
            return false;
        }

        shape = new UriBuilderShape(scheme, ConcatCall.Unparenthesized(host), ConcatCall.Unparenthesized(path));
        return true;
    }

    /// <summary>True when the creation is System.UriBuilder's.</summary>
    public static bool IsSystemUriBuilder(ObjectCreationExpressionSyntax creation, SemanticModel semanticModel, CancellationToken cancellationToken) =>
        semanticModel.GetSymbolInfo(creation, cancellationToken).Symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } method &&
        method.ContainingType?.Name == "UriBuilder" &&
        method.ContainingType.ContainingNamespace?.ToDisplayString() == "System";

    /// <summary>The scheme's text: a string constant, <c>Uri.UriSchemeHttp(s)</c>, <c>http</c> when not written; null when unknown.</summary>
    public string? SchemeText(SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (Scheme is null)
        {
            return "http";
        }

        if (semanticModel.GetConstantValue(Scheme, cancellationToken) is { HasValue: true, Value: string constant })
        {
            return constant;
        }

        if (Scheme is MemberAccessExpressionSyntax access &&
            semanticModel.GetSymbolInfo(access, cancellationToken).Symbol is IFieldSymbol field &&
            field.ContainingType?.Name == "Uri" && field.ContainingType.ContainingNamespace?.ToDisplayString() == "System")
        {
            switch (field.Name)
            {
                case "UriSchemeHttps":
                    return "https";
                case "UriSchemeHttp":
                    return "http";
            }
        }

        return null;
    }

    private static bool IsUriBuilderType(TypeSyntax type) => type switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == "UriBuilder",
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText == "UriBuilder",
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText == "UriBuilder",
        _ => false,
    };
}

using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Netsmart.Analyzers.Strings;

/// <summary>
/// <c>new Uri(new Uri(base), "relative")</c> with a constant base and a literal relative reference: its value is the
/// RFC 3986 (§5.2) resolution of the relative against the base, built as base prefix + relative literal. Only syntax
/// is looked at until the relative literal may hold a Certified path.
/// </summary>
internal static class UriResolution
{
    /// <summary>
    /// The relative literal and the base expression of <c>new Uri(new Uri(base), "relative")</c> (syntax only: the type
    /// reads <c>Uri</c>, two positional arguments, the first a one-argument <c>new Uri(…)</c>, the second a string literal).
    /// </summary>
    public static bool TryGetParts(ObjectCreationExpressionSyntax creation, out ExpressionSyntax baseExpression, out LiteralExpressionSyntax relative)
    {
        baseExpression = null!;
        relative = null!;
        if (!IsUriType(creation.Type) || creation.ArgumentList is null || creation.ArgumentList.Arguments.Count != 2 ||
            !IsPositional(creation.ArgumentList.Arguments[0]) || !IsPositional(creation.ArgumentList.Arguments[1]) ||
            !(ConcatCall.Unparenthesized(creation.ArgumentList.Arguments[1].Expression) is LiteralExpressionSyntax literal) ||
            !literal.IsKind(SyntaxKind.StringLiteralExpression) ||
            !(ConcatCall.Unparenthesized(creation.ArgumentList.Arguments[0].Expression) is ObjectCreationExpressionSyntax inner) ||
            !IsUriType(inner.Type) || inner.ArgumentList is null || inner.ArgumentList.Arguments.Count != 1 ||
            !IsPositional(inner.ArgumentList.Arguments[0]))
        {
            return false;
        }

        baseExpression = ConcatCall.Unparenthesized(inner.ArgumentList.Arguments[0].Expression);
        relative = literal;
        return true;
    }

    /// <summary>True when both constructors are System.Uri's (Uri(Uri, string) around Uri(string)).</summary>
    public static bool IsSystemUri(ObjectCreationExpressionSyntax creation, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var inner = (ObjectCreationExpressionSyntax)ConcatCall.Unparenthesized(creation.ArgumentList!.Arguments[0].Expression);
        return IsUriConstructor(semanticModel.GetSymbolInfo(creation, cancellationToken).Symbol, SpecialType.None, SpecialType.System_String) &&
               IsUriConstructor(semanticModel.GetSymbolInfo(inner, cancellationToken).Symbol, SpecialType.System_String);
    }

    /// <summary>
    /// How much of <paramref name="baseUri"/> the resolution keeps, and whether a '/' is inserted before the relative
    /// (an authority with an empty path). False when the resolution is not a plain path merge: the relative has a
    /// scheme or an authority, is empty, starts with a query or a fragment, or holds dot segments; the base is not
    /// absolute with an authority.
    /// </summary>
    public static bool TryResolve(string baseUri, string relative, out int keep, out bool insertSlash)
    {
        keep = 0;
        insertSlash = false;
        if (relative.Length == 0 || relative[0] == '?' || relative[0] == '#' || relative.StartsWith("//", System.StringComparison.Ordinal) ||
            HasScheme(relative) || HasDotSegment(relative))
        {
            return false;
        }

        int schemeEnd = baseUri.IndexOf("://", System.StringComparison.Ordinal);
        if (schemeEnd <= 0 || !HasScheme(baseUri))
        {
            return false;
        }

        int authorityStart = schemeEnd + 3;
        int pathStart = IndexOfAny(baseUri, authorityStart, '/', '?', '#');
        if (pathStart == authorityStart)
        {
            return false; // no authority
        }

        int pathEnd = IndexOfAny(baseUri, pathStart, '?', '#');
        if (relative[0] == '/' || pathStart == pathEnd)
        {
            // An absolute path replaces the base path; a relative path under an empty base path is merged as "/" + relative.
            keep = pathStart;
            insertSlash = relative[0] != '/';
            return true;
        }

        // Merge: the base path up to and with its last '/' (a last segment without a trailing slash is dropped).
        keep = baseUri.LastIndexOf('/', pathEnd - 1, pathEnd - pathStart) + 1;
        return true;
    }

    private static bool IsUriConstructor(ISymbol? symbol, params SpecialType[] parameters)
    {
        if (!(symbol is IMethodSymbol method) || method.MethodKind != MethodKind.Constructor ||
            method.ContainingType?.Name != "Uri" || method.ContainingType.ContainingNamespace?.ToDisplayString() != "System" ||
            method.Parameters.Length != parameters.Length)
        {
            return false;
        }

        for (int i = 0; i < parameters.Length; i++)
        {
            ITypeSymbol type = method.Parameters[i].Type;
            bool matches = parameters[i] == SpecialType.None
                ? type.Name == "Uri" && type.ContainingNamespace?.ToDisplayString() == "System"
                : type.SpecialType == parameters[i];
            if (!matches)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUriType(TypeSyntax type) => type switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == "Uri",
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText == "Uri",
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText == "Uri",
        _ => false,
    };

    private static bool IsPositional(ArgumentSyntax argument) =>
        argument.NameColon is null && argument.RefKindKeyword.IsKind(SyntaxKind.None);

    /// <summary>RFC 3986 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" before any '/', '?' or '#'.</summary>
    private static bool HasScheme(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == ':')
            {
                return i > 0;
            }

            bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!(letter || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))))
            {
                return false;
            }
        }

        return false;
    }

    private static bool HasDotSegment(string relative)
    {
        int end = IndexOfAny(relative, 0, '?', '#');
        int segmentStart = 0;
        for (int i = 0; i <= end; i++)
        {
            if (i == end || relative[i] == '/')
            {
                int length = i - segmentStart;
                if ((length == 1 && relative[segmentStart] == '.') ||
                    (length == 2 && relative[segmentStart] == '.' && relative[segmentStart + 1] == '.'))
                {
                    return true;
                }

                segmentStart = i + 1;
            }
        }

        return false;
    }

    private static int IndexOfAny(string text, int start, params char[] characters)
    {
        int index = text.IndexOfAny(characters, start);
        return index < 0 ? text.Length : index;
    }
}

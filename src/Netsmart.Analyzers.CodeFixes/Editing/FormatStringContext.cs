using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Operations;

namespace Netsmart.Analyzers.CodeFixes.Editing;

/// <summary>
/// Tells whether a string literal is (part of) a composite format string or a logging message template, where a
/// bare <c>{tenant-id}</c> is a format item: <c>string.Format</c> throws <see cref="FormatException"/> and logging
/// treats it as a named hole. Decided from the called method: a parameter marked
/// <c>[StringSyntax(StringSyntaxAttribute.CompositeFormat)]</c>, the well-known
/// format and logging APIs by symbol (for targets whose reference assemblies lack the attributes), and
/// <c>[LoggerMessage(Message = …)]</c>. A literal that initializes a field or local (const or not) is a format string
/// when a reference to that variable is used as one (followed through a few const chains).
/// </summary>
internal static class FormatStringContext
{
    private const int MaxVariableHops = 3;

    public static Task<bool> IsFormatStringAsync(Document document, SemanticModel model, SyntaxToken token, CancellationToken cancellationToken)
    {
        SyntaxNode? node = token.Parent;
        if (node is InterpolatedStringTextSyntax)
        {
            node = node.Parent;
        }

        return node is ExpressionSyntax expression
            ? IsFormatExpressionAsync(document.Project.Solution, model, expression, new HashSet<ISymbol>(SymbolEqualityComparer.Default), 0, cancellationToken)
            : Task.FromResult(false);
    }

    private static async Task<bool> IsFormatExpressionAsync(
        Solution solution, SemanticModel model, ExpressionSyntax expression, HashSet<ISymbol> visited, int hops, CancellationToken cancellationToken)
    {
        ExpressionSyntax outer = Outermost(expression);
        switch (outer.Parent)
        {
            case ArgumentSyntax argument:
                return model.GetOperation(argument, cancellationToken) is IArgumentOperation operation &&
                    operation.Parameter != null && IsFormatParameter(operation.Parameter);

            case AttributeArgumentSyntax attributeArgument:
                return IsLoggerMessageTemplate(model, attributeArgument, cancellationToken);

            case EqualsValueClauseSyntax equals when equals.Parent is VariableDeclaratorSyntax declarator && hops < MaxVariableHops:
                ISymbol? variable = model.GetDeclaredSymbol(declarator, cancellationToken);
                return variable is IFieldSymbol || variable is ILocalSymbol
                    ? await IsUsedAsFormatAsync(solution, variable, visited, hops + 1, cancellationToken).ConfigureAwait(false)
                    : false;

            default:
                return false;
        }
    }

    /// <summary>The expression whose value the literal's text ends up in: through parentheses, concatenation, <c>?:</c> and <c>??</c>.</summary>
    private static ExpressionSyntax Outermost(ExpressionSyntax expression)
    {
        ExpressionSyntax current = expression;
        while (true)
        {
            switch (current.Parent)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    current = parenthesized;
                    break;
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression) || binary.IsKind(SyntaxKind.CoalesceExpression):
                    current = binary;
                    break;
                case ConditionalExpressionSyntax conditional when conditional.Condition != current:
                    current = conditional;
                    break;
                default:
                    return current;
            }
        }
    }

    private static async Task<bool> IsUsedAsFormatAsync(Solution solution, ISymbol variable, HashSet<ISymbol> visited, int hops, CancellationToken cancellationToken)
    {
        if (!visited.Add(variable))
        {
            return false;
        }

        List<SyntaxNode>? scopes = LocalScopes(variable);
        if (scopes != null)
        {
            // A local or a private field: its uses are in its member or type; no solution-wide search needed.
            foreach (SyntaxNode scope in scopes)
            {
                Document? document = solution.GetDocument(scope.SyntaxTree);
                SemanticModel? model = document is null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (model is null)
                {
                    continue;
                }

                foreach (IdentifierNameSyntax name in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (name.Identifier.ValueText == variable.Name &&
                        SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, variable) &&
                        await IsFormatReferenceAsync(solution, model, name, visited, hops, cancellationToken).ConfigureAwait(false))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        IEnumerable<ReferencedSymbol> references = await SymbolFinder.FindReferencesAsync(variable, solution, cancellationToken).ConfigureAwait(false);
        foreach (ReferenceLocation location in references.SelectMany(r => r.Locations))
        {
            if (location.IsImplicit || !location.Location.IsInSource)
            {
                continue;
            }

            SyntaxNode? root = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            SemanticModel? model = await location.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                continue;
            }

            SyntaxNode reference = root.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true);
            if (reference is ExpressionSyntax expression &&
                await IsFormatReferenceAsync(solution, model, expression, visited, hops, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }

    private static Task<bool> IsFormatReferenceAsync(
        Solution solution, SemanticModel model, ExpressionSyntax reference, HashSet<ISymbol> visited, int hops, CancellationToken cancellationToken)
    {
        ExpressionSyntax expression = reference.Parent is MemberAccessExpressionSyntax access && access.Name == reference
            ? access // Settings.Format
            : reference;
        return IsFormatExpressionAsync(solution, model, expression, visited, hops, cancellationToken);
    }

    /// <summary>Where a local (its member, or the file for top-level code) or a private field (its type's declarations) can be used; null otherwise.</summary>
    private static List<SyntaxNode>? LocalScopes(ISymbol variable)
    {
        if (variable is ILocalSymbol)
        {
            var scopes = new List<SyntaxNode>();
            foreach (SyntaxReference reference in variable.DeclaringSyntaxReferences)
            {
                SyntaxNode declaration = reference.GetSyntax();
                MemberDeclarationSyntax? member = declaration.FirstAncestorOrSelf<MemberDeclarationSyntax>();
                scopes.Add(member is null || member is GlobalStatementSyntax ? declaration.SyntaxTree.GetRoot() : member);
            }

            return scopes;
        }

        if (variable is IFieldSymbol field && field.DeclaredAccessibility == Accessibility.Private)
        {
            return field.ContainingType.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).ToList();
        }

        return null;
    }

    /// <summary>A parameter that takes a composite format string or a message template.</summary>
    internal static bool IsFormatParameter(IParameterSymbol parameter)
    {
        if (parameter.Type.SpecialType != SpecialType.System_String)
        {
            return false;
        }

        foreach (AttributeData attribute in parameter.GetAttributes())
        {
            string? name = attribute.AttributeClass?.ToDisplayString();
            if (name == FormatStringApis.StringSyntaxAttribute &&
                attribute.ConstructorArguments.Length > 0 &&
                attribute.ConstructorArguments[0].Value is string syntax &&
                string.Equals(syntax, FormatStringApis.CompositeFormatSyntax, StringComparison.Ordinal))
            {
                return true;
            }
        }

        if (!(parameter.ContainingSymbol is IMethodSymbol method))
        {
            return false;
        }

        string type = method.ContainingType.OriginalDefinition.ToDisplayString();
        switch (parameter.Name)
        {
            case "format":
                return type == "System.String" || type == "System.Text.StringBuilder" || type == "System.Console" ||
                    type == "System.Text.CompositeFormat" || type == "System.Diagnostics.Debug" || type == "System.Diagnostics.Trace" ||
                    type == "System.Runtime.CompilerServices.FormattableStringFactory" ||
                    DerivesFrom(method.ContainingType, "System.IO.TextWriter");
            case "message":
            case "messageFormat":
                return type == "Microsoft.Extensions.Logging.LoggerExtensions";
            case "formatString":
                return type == "Microsoft.Extensions.Logging.LoggerMessage";
            default:
                return false;
        }
    }

    private static bool DerivesFrom(INamedTypeSymbol? type, string name)
    {
        for (INamedTypeSymbol? current = type; current != null; current = current.BaseType)
        {
            if (current.ToDisplayString() == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>[LoggerMessage(Message = "…")]</c>, <c>[LoggerMessage(1, LogLevel.Information, "…")]</c> or <c>message: "…"</c>.</summary>
    private static bool IsLoggerMessageTemplate(SemanticModel model, AttributeArgumentSyntax argument, CancellationToken cancellationToken)
    {
        if (!(argument.Parent is AttributeArgumentListSyntax list) || !(list.Parent is AttributeSyntax attribute) ||
            !(model.GetSymbolInfo(attribute, cancellationToken).Symbol is IMethodSymbol constructor) ||
            constructor.ContainingType.ToDisplayString() != FormatStringApis.LoggerMessageAttribute)
        {
            return false;
        }

        if (argument.NameEquals != null)
        {
            return argument.NameEquals.Name.Identifier.ValueText == "Message";
        }

        if (argument.NameColon != null)
        {
            return argument.NameColon.Name.Identifier.ValueText == "message";
        }

        int index = list.Arguments.IndexOf(argument);
        return index >= 0 && index < constructor.Parameters.Length && constructor.Parameters[index].Name == "message";
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Netsmart.Analyzers.CodeFixes.Editing;

/// <summary>
/// Chooses what a fix writes for the tenant at a position: the configured expression, else a tenant
/// id symbol in scope that is usable there, else nothing (the <c>{tenant-id}</c> placeholder stays).
/// </summary>
internal static class TenantExpressionResolver
{
    /// <summary>True where an expression must stay constant: const declarations, attributes, case labels, patterns, default parameter values.</summary>
    public static bool IsInConstantContext(SyntaxNode node)
    {
        for (SyntaxNode? current = node.Parent; current != null; current = current.Parent)
        {
            switch (current)
            {
                case AttributeArgumentSyntax _:
                case AttributeSyntax _:
                case CaseSwitchLabelSyntax _:
                case ConstantPatternSyntax _:
                case ParameterSyntax _:
                    return true;
                case EqualsValueClauseSyntax equals when equals.Parent is VariableDeclaratorSyntax declarator:
                    return IsConstDeclaration(declarator);
                case EqualsValueClauseSyntax equals when equals.Parent is EnumMemberDeclarationSyntax:
                    return true;
                case StatementSyntax _:
                case MemberDeclarationSyntax _:
                case ArrowExpressionClauseSyntax _:
                case LambdaExpressionSyntax _:
                case AnonymousMethodExpressionSyntax _:
                    return false;
            }
        }

        return false;
    }

    /// <summary>The configured expression when it parses as one C# expression.</summary>
    public static string? ValidConfiguredExpression(string? configured) => NetsmartOptions.ValidTenantIdExpression(configured);

    /// <summary>A local, parameter, field or property named like <c>tenantId</c> (string or Guid) that code at <paramref name="node"/> may use.</summary>
    public static string? FindTenantSymbol(SemanticModel model, SyntaxNode node)
    {
        int position = node.SpanStart;
        bool instanceAllowed = !IsStaticContext(node, out SyntaxNode? staticFunction);
        ISymbol? best = null;
        int bestRank = int.MaxValue;
        foreach (ISymbol symbol in LookupTenantIdSymbols(model, node, position))
        {
            if (!IsTenantIdName(symbol.Name) || !IsTenantType(TypeOf(symbol)))
            {
                continue;
            }

            int rank;
            switch (symbol)
            {
                case ILocalSymbol local:
                    if (!DeclaredBefore(local, node.SyntaxTree, position) || !DeclaredInside(local, staticFunction))
                    {
                        continue;
                    }

                    rank = 0;
                    break;
                case IParameterSymbol parameter:
                    if (!DeclaredInside(parameter, staticFunction))
                    {
                        continue;
                    }

                    rank = 1;
                    break;
                case IFieldSymbol field when field.IsStatic || instanceAllowed:
                    rank = 2;
                    break;
                case IPropertySymbol property when (property.IsStatic || instanceAllowed) && property.GetMethod != null && !property.IsIndexer:
                    if (!model.IsAccessible(position, property.GetMethod))
                    {
                        continue;
                    }

                    rank = 3;
                    break;
                default:
                    continue;
            }

            if (rank < bestRank)
            {
                best = symbol;
                bestRank = rank;
            }
        }

        return best?.Name;
    }

    private static readonly ConditionalWeakTable<SyntaxTree, string[]> TreeNames = new ConditionalWeakTable<SyntaxTree, string[]>();
    private static readonly ConditionalWeakTable<Compilation, string[]> MemberNames = new ConditionalWeakTable<Compilation, string[]>();

    /// <summary>
    /// The symbols in scope at <paramref name="position"/> with a tenant-id name. Looked up by name (all of scope holds
    /// thousands of symbols): the names of the locals, parameters and members this file mentions, of the source
    /// members of the compilation, and of the members of the enclosing types and their (metadata) base types.
    /// </summary>
    private static IEnumerable<ISymbol> LookupTenantIdSymbols(SemanticModel model, SyntaxNode node, int position)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        names.UnionWith(TreeNames.GetValue(node.SyntaxTree, tree => TenantIdNamesIn(tree.GetRoot())));
        names.UnionWith(MemberNames.GetValue(model.Compilation, compilation =>
            compilation.GetSymbolsWithName(IsTenantIdName, SymbolFilter.Member).Select(s => s.Name).Distinct().ToArray()));
        for (INamedTypeSymbol? type = model.GetEnclosingSymbol(position)?.ContainingType; type != null; type = type.ContainingType)
        {
            for (INamedTypeSymbol? current = type; current != null; current = current.BaseType)
            {
                names.UnionWith(current.MemberNames.Where(IsTenantIdName));
            }
        }

        return names.SelectMany(name => model.LookupSymbols(position, name: name));
    }

    private static string[] TenantIdNamesIn(SyntaxNode root) => root.DescendantTokens()
        .Where(t => t.IsKind(SyntaxKind.IdentifierToken) && IsTenantIdName(t.ValueText))
        .Select(t => t.ValueText)
        .Distinct(StringComparer.Ordinal)
        .ToArray();

    internal static bool IsTenantIdName(string name)
    {
        string n = name;
        if (n.StartsWith("m_", StringComparison.Ordinal))
        {
            n = n.Substring(2);
        }

        n = n.TrimStart('_').Replace("_", string.Empty);
        return string.Equals(n, "tenantid", StringComparison.OrdinalIgnoreCase);
    }

    private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
    {
        ILocalSymbol local => local.Type,
        IParameterSymbol parameter => parameter.Type,
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        _ => null,
    };

    private static bool IsTenantType(ITypeSymbol? type) =>
        type != null && (type.SpecialType == SpecialType.System_String ||
            (type.Name == "Guid" && type.ContainingNamespace?.ToDisplayString() == "System" && type.TypeKind == TypeKind.Struct));

    private static bool IsConstDeclaration(VariableDeclaratorSyntax declarator) =>
        declarator.Parent?.Parent switch
        {
            FieldDeclarationSyntax field => field.Modifiers.Any(SyntaxKind.ConstKeyword),
            LocalDeclarationStatementSyntax local => local.IsConst,
            _ => false,
        };

    /// <summary>True in static members, instance field initializers, constructor initializers, and static lambdas/local functions.</summary>
    private static bool IsStaticContext(SyntaxNode node, out SyntaxNode? staticFunction)
    {
        staticFunction = null;
        for (SyntaxNode? current = node.Parent; current != null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax lambda when lambda.Modifiers.Any(SyntaxKind.StaticKeyword):
                    staticFunction ??= lambda;
                    break;
                case LocalFunctionStatementSyntax localFunction when localFunction.Modifiers.Any(SyntaxKind.StaticKeyword):
                    staticFunction ??= localFunction;
                    break;
                case ConstructorInitializerSyntax _:
                    return true;
                case FieldDeclarationSyntax field:
                    return true; // static, or an instance field initializer: no instance members either way
                case BaseMethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.StaticKeyword) || staticFunction != null;
                case BasePropertyDeclarationSyntax property:
                    return property.Modifiers.Any(SyntaxKind.StaticKeyword) || staticFunction != null;
                case GlobalStatementSyntax _:
                    return true;
            }
        }

        return true;
    }

    /// <summary>Declared in the same file, before <paramref name="position"/> (a top-level local of another file is never usable).</summary>
    private static bool DeclaredBefore(ISymbol symbol, SyntaxTree tree, int position) =>
        symbol.DeclaringSyntaxReferences.All(r => r.SyntaxTree == tree && r.Span.End <= position);

    private static bool DeclaredInside(ISymbol symbol, SyntaxNode? function) =>
        function is null || symbol.DeclaringSyntaxReferences.All(r => function.Span.Contains(r.Span));
}

using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Netsmart.Migrate.Analysis.Host;

/// <summary>
/// The attributes by which the analyzer driver removes findings that the light host does not reproduce:
/// <c>[SuppressMessage]</c> (and <c>[UnconditionalSuppressMessage]</c>; assembly-level ones reach any file, others any part
/// of a partial type) and <c>[GeneratedCode]</c>. The light host hands a tree with findings to the driver when an attribute
/// can reach it (<see cref="ReachOf"/>); the prefilter keeps every file that mentions one (<see cref="Mentioned"/>).
/// </summary>
internal static class SuppressingAttributes
{
    /// <summary>What the attributes of one tree can do to the package's findings.</summary>
    internal enum Reach
    {
        /// <summary>Nothing: no such attribute, or only suppressions that cannot name a package rule.</summary>
        None,

        /// <summary>A <c>[GeneratedCode]</c> on a declaration of this tree that is not partial: findings of this tree only.</summary>
        ThisTree,

        /// <summary>Any tree: a suppression that may name a package rule, an attribute on a partial declaration, a mention outside an attribute (an alias).</summary>
        AnyTree,
    }

    /// <summary>The texts a source file that applies one of them holds (an attribute may be written without its suffix).</summary>
    public static readonly string[] Names = { "SuppressMessage", "GeneratedCode" };

    /// <summary>
    /// What a suppression's argument holds when it may name a package rule: the ids' prefix and the rules' category (the
    /// driver matches the check id; the category is asked too, to be safe). Pinned against the analyzers' descriptors by a test.
    /// </summary>
    public static readonly string[] PackageRuleTexts = { "NSM", "Migration" };

    /// <summary>True when the text names one of <see cref="Names"/>.</summary>
    public static bool Mentioned(string text)
    {
        foreach (string name in Names)
        {
            if (text.IndexOf(name, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// How far the attributes of a tree can reach. Every mention of <see cref="Names"/> in the text must be the name of an
    /// attribute, else (an alias, a comment, a string) the answer is <see cref="Reach.AnyTree"/>. A suppression reaches any
    /// tree when one of its arguments is not a plain string literal or may name a package rule (<see cref="PackageRuleTexts"/>,
    /// an escape); else it cannot suppress a package finding. <c>[GeneratedCode]</c> reaches this tree, or any tree when
    /// it is assembly- or module-level or a declaration around it is partial.
    /// </summary>
    public static Reach ReachOf(SyntaxTree tree, CancellationToken cancellationToken)
    {
        string text = tree.GetText(cancellationToken).ToString();
        int mentions = 0;
        foreach (string name in Names)
        {
            for (int i = text.IndexOf(name, StringComparison.Ordinal); i >= 0; i = text.IndexOf(name, i + name.Length, StringComparison.Ordinal))
            {
                mentions++;
            }
        }

        if (mentions == 0)
        {
            return Reach.None;
        }

        Reach reach = Reach.None;
        int named = 0;
        foreach (SyntaxNode node in tree.GetRoot(cancellationToken).DescendantNodes())
        {
            if (!(node is AttributeSyntax attribute))
            {
                continue;
            }

            string name = attribute.Name switch
            {
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => string.Empty,
            };
            if (name.EndsWith("Attribute", StringComparison.Ordinal))
            {
                name = name.Substring(0, name.Length - "Attribute".Length);
            }

            if (name is "SuppressMessage" or "UnconditionalSuppressMessage")
            {
                named++;
                if (MayNamePackageRule(attribute))
                {
                    return Reach.AnyTree;
                }
            }
            else if (name == "GeneratedCode")
            {
                named++;
                if (IsAssemblyLevel(attribute) || InPartialDeclaration(attribute))
                {
                    return Reach.AnyTree;
                }

                reach = Reach.ThisTree;
            }
        }

        return named == mentions ? reach : Reach.AnyTree;
    }

    private static bool MayNamePackageRule(AttributeSyntax attribute)
    {
        if (attribute.ArgumentList is null)
        {
            return false;
        }

        foreach (AttributeArgumentSyntax argument in attribute.ArgumentList.Arguments)
        {
            if (!(argument.Expression is LiteralExpressionSyntax literal) || !literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                return true;
            }

            string value = literal.Token.ValueText;
            if (literal.Token.Text.IndexOf('\\') >= 0)
            {
                return true;
            }

            foreach (string rule in PackageRuleTexts)
            {
                if (value.IndexOf(rule, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsAssemblyLevel(AttributeSyntax attribute) =>
        attribute.Parent is AttributeListSyntax { Target: { } target } && !target.Identifier.IsKind(SyntaxKind.None) &&
        (target.Identifier.IsKind(SyntaxKind.AssemblyKeyword) || target.Identifier.IsKind(SyntaxKind.ModuleKeyword));

    private static bool InPartialDeclaration(AttributeSyntax attribute)
    {
        for (SyntaxNode? node = attribute.Parent; node != null; node = node.Parent)
        {
            if (node is MemberDeclarationSyntax member)
            {
                foreach (SyntaxToken modifier in member.Modifiers)
                {
                    if (modifier.IsKind(SyntaxKind.PartialKeyword))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Netsmart.Migrate.Analysis;

/// <summary>
/// The string-shaped nodes of a tree (string and UTF-8 literals, raw ones included, interpolated strings and
/// <c>+</c> expressions) and the calls and creations a URL may be split across (<c>string.Concat(…)</c>,
/// <c>new Uri(…)</c>, <c>new UriBuilder(…)</c>: every invocation and object creation, which the analyzer sorts by
/// name), in document order, collected by one walk per tree and shared by the light analyzer host and
/// the checklist facts. Walking every node of a large tree costs about as much as the analysis itself: done once.
/// Trivia is not walked: none of these expression kinds can occur in structured trivia (directives take only
/// identifiers and <c>!</c>/<c>==</c>/<c>!=</c>/<c>&amp;&amp;</c>/<c>||</c>; documentation comments are not parsed here).
/// </summary>
internal sealed class StringNodeIndex
{
    private static readonly ConditionalWeakTable<SyntaxTree, StringNodeIndex> Cache = new();

    private StringNodeIndex(ImmutableArray<SyntaxNode> nodes)
    {
        Nodes = nodes;
    }

    /// <summary>The kinds indexed.</summary>
    public static ImmutableHashSet<SyntaxKind> Kinds { get; } = ImmutableHashSet.Create(
        SyntaxKind.StringLiteralExpression, SyntaxKind.Utf8StringLiteralExpression, SyntaxKind.InterpolatedStringExpression, SyntaxKind.AddExpression,
        SyntaxKind.InvocationExpression, SyntaxKind.ObjectCreationExpression);

    public ImmutableArray<SyntaxNode> Nodes { get; }

    public static StringNodeIndex Of(SyntaxTree tree, CancellationToken cancellationToken) =>
        Cache.TryGetValue(tree, out StringNodeIndex? index) ? index : Cache.GetValue(tree, t => Build(t, cancellationToken));

    private static StringNodeIndex Build(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var nodes = ImmutableArray.CreateBuilder<SyntaxNode>();
        var pending = new Stack<SyntaxNode>();
        var children = new List<SyntaxNode>();
        pending.Push(tree.GetRoot(cancellationToken));
        int visited = 0;
        while (pending.Count > 0)
        {
            SyntaxNode node = pending.Pop();
            if ((++visited & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            switch ((SyntaxKind)node.RawKind)
            {
                case SyntaxKind.StringLiteralExpression:
                case SyntaxKind.Utf8StringLiteralExpression:
                    nodes.Add(node);
                    continue; // a literal has no child node
                case SyntaxKind.InterpolatedStringExpression:
                case SyntaxKind.AddExpression:
                case SyntaxKind.InvocationExpression:
                case SyntaxKind.ObjectCreationExpression:
                    nodes.Add(node);
                    break;
            }

            // Children in reverse so that the stack pops them in document order (pre-order, as DescendantNodes).
            children.Clear();
            foreach (SyntaxNodeOrToken child in node.ChildNodesAndTokens())
            {
                if (child.IsNode)
                {
                    children.Add(child.AsNode()!);
                }
            }

            for (int i = children.Count - 1; i >= 0; i--)
            {
                pending.Push(children[i]);
            }
        }

        return new StringNodeIndex(nodes.ToImmutable());
    }
}

using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Netsmart.Analyzers.CodeFixes.Editing;

/// <summary>
/// Finds the string literal or interpolated-text token that holds an edit. A few edits ask the tree
/// (<see cref="SyntaxNode.FindToken(int, bool)"/>); many edits (a long concatenation of URLs) read the string tokens
/// of the edited range once and search them, because each tree search descends the whole depth of a left-nested
/// chain, which made a Fix-All over N operands quadratic.
/// </summary>
internal sealed class LiteralTokenFinder
{
    private const int TreeSearchLimit = 16;

    private readonly SyntaxNode _root;
    private readonly List<SyntaxToken>? _tokens;

    public LiteralTokenFinder(SyntaxNode root, IReadOnlyList<TextSpan> spans)
    {
        _root = root;
        if (spans.Count <= TreeSearchLimit)
        {
            return;
        }

        int start = int.MaxValue;
        int end = 0;
        foreach (TextSpan span in spans)
        {
            start = System.Math.Min(start, span.Start);
            end = System.Math.Max(end, span.End);
        }

        _tokens = new List<SyntaxToken>();
        foreach (SyntaxToken token in root.DescendantTokens(TextSpan.FromBounds(start, end)))
        {
            if (LiteralTextMap.IsStringToken(token))
            {
                _tokens.Add(token);
            }
        }
    }

    /// <summary>The token whose text contains <paramref name="span"/> (for an insertion at a boundary, the token that starts there); default when none.</summary>
    public SyntaxToken Find(TextSpan span)
    {
        if (_tokens is null)
        {
            return FindInTree(_root, span);
        }

        // The last token starting at or before the span.
        int low = 0;
        int high = _tokens.Count;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (_tokens[middle].Span.Start <= span.Start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low > 0 && _tokens[low - 1].Span.End >= span.End ? _tokens[low - 1] : default;
    }

    /// <summary>
    /// The outermost concatenation (or interpolated string) holding the string <paramref name="token"/>. Its operands
    /// share one scope, so what is in scope for one literal token is in scope for the others (resolved once per chain,
    /// not once per token: each resolution climbs the whole chain). Climbs are remembered in <paramref name="memo"/>,
    /// so N tokens of one chain cost N steps in all.
    /// </summary>
    public static SyntaxNode ConcatenationRoot(SyntaxToken token, Dictionary<SyntaxNode, SyntaxNode> memo)
    {
        SyntaxNode node = token.Parent!;
        if (node is Microsoft.CodeAnalysis.CSharp.Syntax.InterpolatedStringTextSyntax && node.Parent != null)
        {
            node = node.Parent;
        }

        var path = new List<SyntaxNode>();
        SyntaxNode current = node;
        while (true)
        {
            if (memo.TryGetValue(current, out SyntaxNode? known))
            {
                current = known;
                break;
            }

            SyntaxNode? parent = current.Parent;
            if (parent is null || !(parent.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.AddExpression) || parent.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.ParenthesizedExpression)))
            {
                break;
            }

            path.Add(current);
            current = parent;
        }

        foreach (SyntaxNode visited in path)
        {
            memo[visited] = current;
        }

        memo[node] = current;
        return current;
    }

    /// <summary>The string literal or interpolated-text token that contains <paramref name="span"/>.</summary>
    public static SyntaxToken FindInTree(SyntaxNode root, TextSpan span)
    {
        SyntaxToken token = root.FindToken(span.Start);
        if (LiteralTextMap.IsStringToken(token) && token.Span.Contains(span))
        {
            return token;
        }

        if (span.Start > 0)
        {
            token = root.FindToken(span.Start - 1);
            if (LiteralTextMap.IsStringToken(token) && token.Span.Start <= span.Start && token.Span.End >= span.End)
            {
                return token;
            }
        }

        return default;
    }
}

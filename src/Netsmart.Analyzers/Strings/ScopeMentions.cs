using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Netsmart.Knowledge.Scopes;

namespace Netsmart.Analyzers.Strings;

/// <summary>
/// The scope rule's start check of one source file: what could make a clinical scope there.
/// <list type="bullet">
/// <item><see cref="SourceMention.Hint"/>: a string token (a literal, or the text of an interpolated string) whose value may
/// hold a scope's start (the analyzer's own test: <c>"patient/Patient.read"</c>, <c>"openid user/*.write"</c>,
/// <c>"patient/"</c>);</item>
/// <item><see cref="SourceMention.Tail"/>: a string token whose value starts with the rest of a scope after its context
/// (<c>"/Observation.read"</c>, <c>$"{Contexts.Patient}/Patient.write"</c>, <see cref="ScopeScanner.MayEndScope"/>);</item>
/// <item><see cref="SourceMention.Head"/> (<see cref="FindHead"/>, asked only when some file holds a tail and none a hint): a
/// const field or const local initialized with a literal that ends with a scope context where a scope can start
/// (<c>const string Patient = "patient";</c>, <see cref="ScopeScanner.MayStartScope"/>).</item>
/// </list>
/// A text search finds the candidates (a context before a slash; a slash after a quote or a hole, and a context before a
/// quote: <see cref="ScopeSourceText"/>); only those are looked up in the tree, so a mark in a comment, a directive or excluded code counts for nothing.
/// </summary>
internal static class ScopeMentions
{
    /// <summary>Hints and tails: one pass over the slashes of the text (as the analyzer's own test makes).</summary>
    public static SourceMention Find(SyntaxTree tree, string text, Func<string, bool> mayMatch)
    {
        SourceMention found = SourceMention.None;
        SyntaxNode? root = null;
        int testedUpTo = -1;
        int length = text.Length;
        int i = text.IndexOfAny(ScopeScanner.SlashOrPercent);
        while (i >= 0)
        {
            char mark = text[i];
            int next = i + 1;
            if (ClinicalScopeGrammar.SlashLength(text, i, length) > 0)
            {
                char before = i > 0 ? text[i - 1] : '\0';
                int context = before is 't' or 'r' or 'm' ? ScopeScanner.ContextLengthBefore(text, i) : 0;
                if (context > 0)
                {
                    if (i - context >= testedUpTo && StringToken(tree, ref root, i - context) is SyntaxToken token)
                    {
                        testedUpTo = token.Span.End;
                        if (mayMatch(LiteralTextMap.UnescapedValueText(token)))
                        {
                            return found | SourceMention.Hint;
                        }
                    }
                }
                else if ((found & SourceMention.Tail) == 0 && ScopeSourceText.TailStartsAt(text, i) &&
                         StringToken(tree, ref root, i) is SyntaxToken token && ScopeScanner.MayEndScope(LiteralTextMap.UnescapedValueText(token)))
                {
                    found |= SourceMention.Tail;
                }

                // A run of slashes ("//", "///") is looked at once: the next ones follow a slash, not a context or a quote.
                while (mark == '/' && next < length && text[next] == '/')
                {
                    next++;
                }
            }

            i = next < length ? text.IndexOfAny(ScopeScanner.SlashOrPercent, next) : -1;
        }

        return found;
    }

    /// <summary>Whether a const field or const local of the file is initialized with a literal that ends with a context where a scope can start.</summary>
    public static bool FindHead(SyntaxTree tree, string text)
    {
        SyntaxNode? root = null;
        foreach (string mark in ScopeSourceText.ContextsBeforeQuote)
        {
            for (int i = text.IndexOf(mark, StringComparison.Ordinal); i >= 0; i = text.IndexOf(mark, i + 1, StringComparison.Ordinal))
            {
                if (ScopeSourceText.MayStartAt(text, i) && StringToken(tree, ref root, i) is SyntaxToken token &&
                    IsConstantInitializer(token.Parent) && ScopeScanner.MayStartScope(token.ValueText))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The string token (any literal form, or interpolated text) that holds <paramref name="position"/>; null in trivia or another token.</summary>
    private static SyntaxToken? StringToken(SyntaxTree tree, ref SyntaxNode? root, int position)
    {
        root ??= tree.GetRoot();
        SyntaxToken token = root.FindToken(position);
        return token.Span.Contains(position) && LiteralTextMap.IsStringToken(token) ? token : null;
    }

    /// <summary>True for a literal that is the whole initializer of a const field or const local (<c>const string C = "…";</c>).</summary>
    private static bool IsConstantInitializer(SyntaxNode? literal) =>
        literal is LiteralExpressionSyntax &&
        literal.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } } &&
        (declaration.Parent is FieldDeclarationSyntax field ? field.Modifiers.Any(SyntaxKind.ConstKeyword)
            : declaration.Parent is LocalDeclarationStatementSyntax local && local.IsConst);
}

using System;
using Netsmart.Knowledge.Scopes;

namespace Netsmart.Analyzers.Strings;

/// <summary>
/// What C# source text, read as text (no tree), tells about the two pieces of a scope that a constant starts: a head, a
/// context word that ends a literal (<c>"patient"</c>, as a const's value), and a tail, a literal or interpolated text that
/// starts with the context's slash and a resource type (<c>"/Observation.read"</c>, <c>}/Patient.write</c>). Looser than the
/// value tests (<see cref="ScopeScanner.MayStartScope"/>, <see cref="ScopeScanner.MayEndScope"/>), which decide: the scope
/// rule's start check (<c>ScopeMentions</c>) looks up only what passes here, and <c>scan</c>'s prefilter keeps a file
/// that holds both.
/// </summary>
internal static class ScopeSourceText
{
    /// <summary>The contexts as they end a literal.</summary>
    public static readonly string[] ContextsBeforeQuote = { "patient\"", "user\"", "system\"" };

    /// <summary>True when <paramref name="text"/> holds a head candidate and a tail candidate (<c>scan</c>'s prefilter).</summary>
    public static bool MayHoldHeadAndTail(string text)
    {
        foreach (string mark in ContextsBeforeQuote)
        {
            for (int i = text.IndexOf(mark, StringComparison.Ordinal); i >= 0; i = text.IndexOf(mark, i + 1, StringComparison.Ordinal))
            {
                if (MayStartAt(text, i))
                {
                    return MayHoldTail(text);
                }
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="text"/> holds a tail candidate.</summary>
    public static bool MayHoldTail(string text)
    {
        for (int i = text.IndexOfAny(ScopeScanner.SlashOrPercent); i >= 0; i = i + 1 < text.Length ? text.IndexOfAny(ScopeScanner.SlashOrPercent, i + 1) : -1)
        {
            if (TailStartsAt(text, i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the slash (or <c>%2F</c>) at <paramref name="slash"/> may start a tail: it follows a quote or a hole's brace, and
    /// what comes next may be a resource type and its dot (<see cref="MayBeRest"/>).
    /// </summary>
    public static bool TailStartsAt(string text, int slash)
    {
        int length = ClinicalScopeGrammar.SlashLength(text, slash, text.Length);
        return length > 0 && slash > 0 && text[slash - 1] is '"' or '}' && MayBeRest(text, slash + length);
    }

    /// <summary>
    /// Whether the source text before a context word can be where a value's scope starts: where the value itself can
    /// (<see cref="ScopeScanner.IsPossibleStart"/>: a separator, <c>=</c>, the <c>0</c> of <c>%20</c>), a quote (the
    /// literal's start), or an escape letter after a backslash (<c>\t</c>).
    /// </summary>
    public static bool MayStartAt(string text, int start) =>
        ScopeScanner.IsPossibleStart(text, start) || text[start - 1] == '"' || (start >= 2 && text[start - 2] == '\\');

    /// <summary>
    /// Whether the source text at <paramref name="at"/> may be a resource type and its dot (<c>Observation.</c>, <c>*.</c>):
    /// an upper-case letter and letters, or <c>*</c>, then a dot; an escape or a <c>%</c> (of <c>%2A</c>) may be anything.
    /// </summary>
    public static bool MayBeRest(string text, int at)
    {
        if (at >= text.Length)
        {
            return false;
        }

        char first = text[at];
        if (first is '%' or '\\')
        {
            return true;
        }

        if (!ScopeScanner.IsResourceStart(first))
        {
            return false;
        }

        int p = at + 1;
        while (p < text.Length && (char.IsLetter(text[p]) || text[p] == '\\'))
        {
            p++;
        }

        return p < text.Length && (text[p] == '.' || text[p] == '\\');
    }
}

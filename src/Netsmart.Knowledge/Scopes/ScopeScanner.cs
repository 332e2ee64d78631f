using System;
using System.Collections.Generic;
using System.Text;

namespace Netsmart.Knowledge.Scopes;

/// <summary>
/// Finds clinical SMART scope tokens inside arbitrary string text (string literals, URLs, form bodies).
/// A token counts only when it is whole: delimited by start/end of text, whitespace, <c>+</c> or
/// <c>%20</c>, or by the bounds of a <c>scope=</c> query parameter value (which ends at <c>&amp;</c>,
/// <c>#</c> or the end). <c>/</c>, <c>*</c>, <c>?</c> may be percent-encoded. Linear time; no allocation
/// for text without <c>/</c> or <c>%2F</c>.
/// </summary>
internal static class ScopeScanner
{
    private static readonly IReadOnlyList<ScopeMatch> None = Array.Empty<ScopeMatch>();
    /// <summary>What a search for the context's slash stops at: a <c>/</c>, or the <c>%</c> that may start <c>%2F</c>.</summary>
    internal static readonly char[] SlashOrPercent = { '/', '%' };

    /// <summary>Every clinical scope token in <paramref name="text"/>, in order. Never throws.</summary>
    public static IReadOnlyList<ScopeMatch> Scan(string? text)
    {
        List<ScopeMatch>? matches = null;
        Run(text, ref matches, stopAtFirst: false);
        return matches ?? None;
    }

    /// <summary>True when <paramref name="text"/> holds at least one clinical scope token.</summary>
    public static bool ContainsClinicalScope(string? text)
    {
        List<ScopeMatch>? matches = null;
        return Run(text, ref matches, stopAtFirst: true);
    }

    /// <summary>
    /// The minimal edits that migrate <paramref name="text"/>: v1 permissions mapped to v2 and
    /// unambiguous malformed v2 permissions normalised. Ordered by offset, never overlapping.
    /// </summary>
    public static IReadOnlyList<ScopeEdit> GetEdits(string? text)
    {
        var edits = new List<ScopeEdit>();
        foreach (var match in Scan(text))
        {
            if (match.Edit is ScopeEdit edit)
            {
                edits.Add(edit);
            }
        }

        return edits;
    }

    /// <summary>Applies edits sorted by offset and not overlapping (as returned by <see cref="GetEdits"/>).</summary>
    public static string ApplyEdits(string text, IReadOnlyList<ScopeEdit> edits)
    {
        var sb = new StringBuilder(text.Length + 16);
        int copied = 0;
        foreach (var edit in edits)
        {
            if (edit.Offset < copied || edit.Offset + edit.Length > text.Length)
            {
                throw new ArgumentException("Edits must be sorted, non-overlapping and inside the text.", nameof(edits));
            }

            sb.Append(text, copied, edit.Offset - copied).Append(edit.NewText);
            copied = edit.Offset + edit.Length;
        }

        return sb.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>True when the matches mix v1 and v2 syntax (rule G).</summary>
    public static bool HasMixedSyntax(IReadOnlyList<ScopeMatch> matches)
    {
        bool v1 = false, v2 = false;
        foreach (var m in matches)
        {
            v1 |= m.Syntax == ScopeSyntax.V1;
            v2 |= m.Syntax == ScopeSyntax.V2;
        }

        return v1 && v2;
    }

    /// <summary>
    /// Cheap precheck for a value (a literal, a piece of a concatenation, a whole joined text): true when it may hold a
    /// clinical scope or the start of one. A scope starts where <see cref="Scan"/> can start one (the start of the text,
    /// or after a separator or <c>scope=</c>) with a context (<c>patient</c>, <c>user</c>, <c>system</c>), then a <c>/</c>
    /// or <c>%2F</c>, then what can start a resource type (an upper-case letter, <c>*</c>, <c>%2A</c>) or the end of the
    /// text (the next operand goes on). So <c>"/api/user/{id}"</c> and <c>"user/org"</c> are not scopes' starts, and
    /// <c>"patient/"</c> is. Allocates nothing; fast enough for every literal of a build.
    /// </summary>
    public static bool MayContainScope(string? text)
    {
        if (text == null)
        {
            return false;
        }

        for (int next = 0, start; (start = NextContextMark(text, ref next, out int markEnd)) >= 0;)
        {
            if (IsPossibleStart(text, start) && (markEnd == text.Length || IsResourceStart(text[markEnd])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The looser test for text that is not one value (a whole JSON file, a source file read as text): a context followed by
    /// a <c>/</c> or <c>%2F</c> anywhere, whatever is around it. Fast enough for a whole file.
    /// </summary>
    public static bool MayMentionScope(string? text)
    {
        int next = 0;
        return text != null && NextContextMark(text, ref next, out _) >= 0;
    }

    /// <summary>
    /// The start of the next context followed by its slash (plain or <c>%2F</c>) found from <paramref name="next"/>, or -1;
    /// <paramref name="markEnd"/> is just after the slash, and <paramref name="next"/> where the following search starts.
    /// </summary>
    /// <remarks>
    /// Looks for the slashes (a vectorized search) and checks the context before each, without allocating. Source files
    /// are full of comment and path slashes, so: a slash after anything but the last letter of a context ('t', 'r', 'm')
    /// is passed over with one comparison, and a run of slashes ("//", "///") is checked at its first slash only, the
    /// others having a slash before them.
    /// </remarks>
    private static int NextContextMark(string text, ref int next, out int markEnd)
    {
        int length = text.Length;
        int i = next;
        while (i >= 0 && i < length && (i = text.IndexOfAny(SlashOrPercent, i)) >= 0)
        {
            int mark = i;
            int contextLength = 0;
            if (text[i] == '/')
            {
                if (i > 0 && text[i - 1] is 't' or 'r' or 'm')
                {
                    contextLength = ContextLengthBefore(text, i);
                }

                i++;
                while (i < length && text[i] == '/')
                {
                    i++;
                }

                markEnd = mark + 1;
            }
            else
            {
                if (ClinicalScopeGrammar.SlashLength(text, i, length) == 3)
                {
                    contextLength = ContextLengthBefore(text, i);
                }

                i++;
                markEnd = mark + 3;
            }

            if (contextLength > 0)
            {
                next = i;
                return mark - contextLength;
            }
        }

        next = -1;
        markEnd = -1;
        return -1;
    }

    /// <summary>A context and its slash, plain or encoded: what <see cref="MayBePieceOfScope"/> looks for the pieces of.</summary>
    private static readonly string[] ContextMarks =
    {
        "patient/", "user/", "system/", "patient%2F", "user%2F", "system%2F", "patient%2f", "user%2f", "system%2f",
    };

    /// <summary>
    /// Cheap test for a text that will be joined with others (a constant operand of a concatenation, the text of an
    /// interpolated string next to a hole): false only when neither it nor any joined text can pass
    /// <see cref="MayContainScope"/> because of it, i.e. when it holds no scope's start, and no context mark can cross one
    /// of its ends where a scope can start or go on, or lie inside it ("patient" + "/Observation.read" passes, and so may
    /// "" between two pieces; "123", "Patient/123", "orguser" or "/api" cannot take part). No allocation.
    /// </summary>
    public static bool MayBePieceOfScope(string? text)
    {
        if (text == null)
        {
            return false;
        }

        if (text.Length == 0 || MayContainScope(text))
        {
            return true; // an empty text joins its neighbours ("pat" + "" + "ient/...")
        }

        foreach (string mark in ContextMarks)
        {
            // A mark that starts in the text (where a scope can start) and goes on after it, ends in it having begun before
            // it (and a resource type or the end follows), or holds it whole.
            for (int length = 1; length < mark.Length; length++)
            {
                if ((length <= text.Length &&
                     ((string.CompareOrdinal(text, text.Length - length, mark, 0, length) == 0 && IsPossibleStart(text, text.Length - length)) ||
                      (string.CompareOrdinal(text, 0, mark, mark.Length - length, length) == 0 && (length == text.Length || IsResourceStart(text[length]))))) ||
                    (length == text.Length && mark.IndexOf(text, StringComparison.Ordinal) >= 0))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Test for the value of a const field that is joined with other operands: true when it may hold a scope's start
    /// (<see cref="MayContainScope"/>) or ends with a context word, where a scope can start, that the next operand can
    /// complete (<c>"patient"</c> + <c>"/Observation.read"</c>; not <c>"orguser"</c>). Not <see cref="MayBePieceOfScope"/>: a
    /// field is looked up by name across the compilation, and many values can be some piece of a context (one ending in
    /// a separator and "s", "u" or "p"). A field whose value only starts a scope's tail (<c>"/Observation.read"</c>) after a
    /// context written elsewhere is not followed.
    /// </summary>
    public static bool MayStartScope(string? text)
    {
        if (text == null)
        {
            return false;
        }

        int contextLength = ContextLengthBefore(text, text.Length);
        return (contextLength > 0 && IsPossibleStart(text, text.Length - contextLength)) || MayContainScope(text);
    }

    /// <summary>
    /// Test for a text that follows a context held elsewhere (a constant joined before it): true when it starts with the
    /// context's slash (<c>/</c> or <c>%2F</c>), then a resource type (an upper-case letter and letters, <c>*</c> or
    /// <c>%2A</c>) and its dot, as <c>"/Observation.read"</c> does after <c>Contexts.Patient</c>.
    /// </summary>
    public static bool MayEndScope(string? text) =>
        text != null && ClinicalScopeGrammar.TryMatchRest(text, 0, text.Length, allowEncoded: true, out _, out _, out _, out _);

    /// <summary>The length of the scope context that ends at <paramref name="end"/> (<c>patient</c>, <c>user</c>, <c>system</c>), else 0.</summary>
    internal static int ContextLengthBefore(string text, int end) =>
        EndsWith(text, end, "patient") ? 7 : EndsWith(text, end, "user") ? 4 : EndsWith(text, end, "system") ? 6 : 0;

    private static bool EndsWith(string text, int end, string value) =>
        end >= value.Length && string.CompareOrdinal(text, end - value.Length, value, 0, value.Length) == 0;

    /// <summary>
    /// Whether <see cref="Scan"/> can start a scope at <paramref name="start"/> once the text is joined with whatever comes
    /// before: at the start, or after a separator (a space, <c>+</c>, a tab or line break, a run-time part, the <c>0</c> of
    /// <c>%20</c>) or the <c>=</c> of <c>scope=</c>. Looser than the scan itself (any <c>=</c> or <c>0</c>), never stricter.
    /// </summary>
    internal static bool IsPossibleStart(string text, int start) =>
        start == 0 || text[start - 1] is ' ' or '+' or '\t' or '\r' or '\n' or '\uFFFF' or '=' or '0';

    /// <summary>What can start a resource type after a context's slash: an upper-case letter, <c>*</c>, or the <c>%</c> of <c>%2A</c>.</summary>
    internal static bool IsResourceStart(char c) => (c >= 'A' && c <= 'Z') || c == '*' || c == '%';

    private static bool Run(string? text, ref List<ScopeMatch>? matches, bool stopAtFirst)
    {
        if (text == null || !MayContainScope(text))
        {
            return false;
        }

        int n = text.Length;
        int i = 0;
        bool boundary = true;   // i follows start of text or a separator
        bool inValue = false;   // inside a scope= parameter value that continues past a separator
        while (i < n)
        {
            int sep = SeparatorLength(text, i);
            if (sep > 0)
            {
                i += sep;
                boundary = true;
                continue;
            }

            if (inValue)
            {
                int end = i;
                while (end < n && SeparatorLength(text, end) == 0 && text[end] != '&' && text[end] != '#')
                {
                    end++;
                }

                if (TryAdd(text, i, end, ref matches) && stopAtFirst)
                {
                    return true;
                }

                if (end < n && (text[end] == '&' || text[end] == '#'))
                {
                    inValue = false;
                    boundary = false;
                }

                i = end;
                continue;
            }

            int segmentEnd = i;
            while (segmentEnd < n && SeparatorLength(text, segmentEnd) == 0)
            {
                segmentEnd++;
            }

            if (boundary && TryAdd(text, i, segmentEnd, ref matches))
            {
                if (stopAtFirst)
                {
                    return true;
                }

                i = segmentEnd;
                continue;
            }

            int p = i;
            while (p < segmentEnd)
            {
                int k = FindScopeParameter(text, p, segmentEnd, i, boundary);
                if (k < 0)
                {
                    break;
                }

                int valueStart = k + 6;
                int valueEnd = valueStart;
                while (valueEnd < segmentEnd && text[valueEnd] != '&' && text[valueEnd] != '#')
                {
                    valueEnd++;
                }

                if (TryAdd(text, valueStart, valueEnd, ref matches) && stopAtFirst)
                {
                    return true;
                }

                if (valueEnd == segmentEnd)
                {
                    inValue = segmentEnd < n;
                    break;
                }

                p = valueEnd;
            }

            i = segmentEnd;
        }

        return matches != null && matches.Count > 0;
    }

    /// <summary>Position of <c>scope=</c> in [from, end) that starts a parameter, or -1.</summary>
    private static int FindScopeParameter(string text, int from, int end, int segmentStart, bool segmentAtBoundary)
    {
        for (int k = from; k + 6 <= end; k++)
        {
            if (text[k] != 's' || string.CompareOrdinal(text, k, "scope=", 0, 6) != 0)
            {
                continue;
            }

            if (k == segmentStart ? segmentAtBoundary : IsParameterStart(text[k - 1]))
            {
                return k;
            }
        }

        return -1;
    }

    private static bool IsParameterStart(char c) => c == '?' || c == '&' || c == '#';

    private static int SeparatorLength(string text, int i)
    {
        char c = text[i];
        // '\uFFFF' stands for text only known at run time (an interpolation hole, a non-constant operand):
        // a scope ends where it starts.
        if (c == ' ' || c == '+' || c == '\t' || c == '\r' || c == '\n' || c == '\uFFFF')
        {
            return 1;
        }

        if (c == '%' && i + 2 < text.Length && text[i + 1] == '2' && text[i + 2] == '0')
        {
            return 3;
        }

        return 0;
    }

    private static bool TryAdd(string text, int start, int end, ref List<ScopeMatch>? matches)
    {
        if (end - start < 8) // the shortest clinical scope, "user/*.r", has 8 characters
        {
            return false;
        }

        char first = text[start];
        if (first != 'p' && first != 'u' && first != 's')
        {
            return false;
        }

        if (!ClinicalScopeGrammar.TryMatch(text, start, end, allowEncoded: true, out var parts))
        {
            return false;
        }

        if (!IsPlausible(text, parts))
        {
            return false;
        }

        (matches ??= new List<ScopeMatch>()).Add(new ScopeMatch(text, start, end - start, parts));
        return true;
    }

    /// <summary>
    /// Guards against paths such as <c>user/Notes.txt</c>: a v2 token whose permissions contain unknown
    /// letters counts only with a FHIR R4 resource type or <c>*</c>; empty permissions only with a query.
    /// </summary>
    private static bool IsPlausible(string text, in ClinicalScopeParts parts)
    {
        if (parts.HasV1Permissions(text))
        {
            return true;
        }

        var problems = ScopePermissions.Validate(text, parts.PermissionStart, parts.PermissionEnd - parts.PermissionStart);
        bool knownResource = parts.ResourceIsWildcard
            || FhirResourceTypes.IsKnown(text, parts.ResourceStart, parts.ResourceEnd - parts.ResourceStart);
        if ((problems & PermissionProblems.Empty) != 0)
        {
            return parts.QueryStart >= 0 && knownResource;
        }

        if ((problems & PermissionProblems.UnknownLetters) != 0)
        {
            return knownResource;
        }

        return true;
    }
}

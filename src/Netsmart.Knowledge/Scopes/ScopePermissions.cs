using System.Collections.Generic;
using System.Text;

namespace Netsmart.Knowledge.Scopes;

/// <summary>
/// The permission part of a clinical scope: v1 detection, the official v1 → v2 mapping
/// (SMART STU2: <c>read</c>→<c>rs</c>, <c>write</c>→<c>cud</c>, <c>*</c>→<c>cruds</c>),
/// v2 validation and normalisation.
/// </summary>
internal static class ScopePermissions
{
    /// <summary>Every v2 permission letter, in the mandatory order.</summary>
    public const string AllV2 = "cruds";

    /// <summary>True for the v1 permissions <c>read</c>, <c>write</c> and <c>*</c>.</summary>
    public static bool IsV1(string permissions)
    {
        return permissions == "read" || permissions == "write" || permissions == "*";
    }

    /// <summary>The official v2 equivalent of a v1 permission string, or null when it is not v1.</summary>
    public static string? MapV1ToV2(string permissions)
    {
        switch (permissions)
        {
            case "read": return "rs";
            case "write": return "cud";
            case "*": return "cruds";
            default: return null;
        }
    }

    /// <summary>Validates a v2 permission string. <see cref="PermissionProblems.None"/> means valid.</summary>
    public static PermissionProblems Validate(string permissions) => Validate(permissions, 0, permissions.Length);

    /// <summary>Validates the v2 permission string at [<paramref name="start"/>, +<paramref name="length"/>) without allocating.</summary>
    public static PermissionProblems Validate(string text, int start, int length)
    {
        if (length == 0)
        {
            return PermissionProblems.Empty;
        }

        var problems = PermissionProblems.None;
        int seen = 0;      // bit per letter rank
        int maxRank = -1;  // highest rank of a first occurrence so far
        for (int i = start; i < start + length; i++)
        {
            int rank = AllV2.IndexOf(text[i]);
            if (rank < 0)
            {
                problems |= PermissionProblems.UnknownLetters;
                continue;
            }

            int bit = 1 << rank;
            if ((seen & bit) != 0)
            {
                problems |= PermissionProblems.RepeatedLetters;
                continue;
            }

            seen |= bit;
            if (rank < maxRank)
            {
                problems |= PermissionProblems.OutOfOrder;
            }
            else
            {
                maxRank = rank;
            }
        }

        return problems;
    }

    /// <summary>True when <paramref name="permissions"/> is a valid v2 permission string.</summary>
    public static bool IsValidV2(string permissions) => Validate(permissions) == PermissionProblems.None;

    /// <summary>
    /// Reorders and de-duplicates a v2 permission string when its intent is unambiguous
    /// (<c>sr</c>→<c>rs</c>, <c>rrs</c>→<c>rs</c>). A valid string normalises to itself.
    /// Returns false (and the input unchanged) for empty strings or unknown letters.
    /// </summary>
    public static bool TryNormalize(string permissions, out string normalized)
    {
        normalized = permissions;
        var problems = Validate(permissions);
        if ((problems & (PermissionProblems.Empty | PermissionProblems.UnknownLetters)) != 0)
        {
            return false;
        }

        if (problems == PermissionProblems.None)
        {
            return true;
        }

        var sb = new StringBuilder(AllV2.Length);
        foreach (char letter in AllV2)
        {
            if (permissions.IndexOf(letter) >= 0)
            {
                sb.Append(letter);
            }
        }

        normalized = sb.ToString();
        return true;
    }

    /// <summary>
    /// A short English explanation of what is wrong with a v2 permission string, for diagnostic
    /// messages, for example <c>letters out of order (expected order c, r, u, d, s); repeated letter(s) 'r'</c>.
    /// Empty when the string is valid.
    /// </summary>
    public static string Explain(string permissions)
    {
        var problems = Validate(permissions);
        if (problems == PermissionProblems.None)
        {
            return string.Empty;
        }

        var parts = new List<string>(4);
        if ((problems & PermissionProblems.Empty) != 0)
        {
            parts.Add("no permission letters");
        }

        if ((problems & PermissionProblems.OutOfOrder) != 0)
        {
            parts.Add("letters out of order (expected order c, r, u, d, s)");
        }

        if ((problems & PermissionProblems.RepeatedLetters) != 0)
        {
            parts.Add("repeated letter(s) " + Letters(permissions, repeated: true));
        }

        if ((problems & PermissionProblems.UnknownLetters) != 0)
        {
            parts.Add("unknown letter(s) " + Letters(permissions, repeated: false));
        }

        return string.Join("; ", parts);
    }

    /// <summary>A fixed English description of the flags, for example <c>out of order, repeated letter(s)</c>.</summary>
    public static string Describe(PermissionProblems problems)
    {
        if (problems == PermissionProblems.None)
        {
            return "valid";
        }

        var parts = new List<string>(4);
        if ((problems & PermissionProblems.Empty) != 0) parts.Add("empty");
        if ((problems & PermissionProblems.OutOfOrder) != 0) parts.Add("out of order");
        if ((problems & PermissionProblems.RepeatedLetters) != 0) parts.Add("repeated letter(s)");
        if ((problems & PermissionProblems.UnknownLetters) != 0) parts.Add("unknown letter(s)");
        return string.Join(", ", parts);
    }

    private static string Letters(string permissions, bool repeated)
    {
        var sb = new StringBuilder();
        var reported = new HashSet<char>();
        for (int i = 0; i < permissions.Length; i++)
        {
            char c = permissions[i];
            bool known = AllV2.IndexOf(c) >= 0;
            bool match = repeated ? known && permissions.IndexOf(c) < i : !known;
            if (match && reported.Add(c))
            {
                if (sb.Length > 0) sb.Append(", ");
                sb.Append('\'').Append(c).Append('\'');
            }
        }

        return sb.ToString();
    }
}

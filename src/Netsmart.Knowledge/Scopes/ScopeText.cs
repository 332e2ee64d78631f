using System.Collections.Generic;
using System.Text;
using Netsmart.Knowledge.Evidence;

namespace Netsmart.Knowledge.Scopes;

/// <summary>How scope findings are written in messages (shared by the C# and the configuration-file rules).</summary>
internal static class ScopeText
{
    /// <summary><c>'patient/Patient.read', 'user/*.write'</c>, or with <paramref name="converted"/> their replacements.</summary>
    public static string List(IReadOnlyList<ScopeMatch> matches, bool converted)
    {
        var sb = new StringBuilder();
        foreach (ScopeMatch match in matches)
        {
            if (sb.Length > 0)
            {
                sb.Append(", ");
            }

            sb.Append('\'').Append(converted ? Converted(match) : match.Token).Append('\'');
        }

        return sb.ToString();
    }

    /// <summary>
    /// NSM011's second message argument: empty where the code shows Netsmart use, otherwise why the finding is
    /// information only; <paramref name="source"/> words where Netsmart use was looked for.
    /// </summary>
    public static string NetsmartContext(bool shown, ValueSource source) =>
        shown ? string.Empty : "; no Netsmart use was found in this " + ValueSourceText.NetsmartUseScope(source) + ", so this is information only";

    /// <summary><c>'patient/Patient.sr' (letters out of order ...; use 'patient/Patient.rs')</c>, one per malformed scope.</summary>
    public static string Problems(IReadOnlyList<ScopeMatch> matches)
    {
        var sb = new StringBuilder();
        foreach (ScopeMatch match in matches)
        {
            if (sb.Length > 0)
            {
                sb.Append(", ");
            }

            sb.Append('\'').Append(match.Token).Append("' (").Append(ScopePermissions.Explain(match.Permissions));
            if (match.ReplacementPermissions != null)
            {
                sb.Append("; use '").Append(Converted(match)).Append('\'');
            }

            sb.Append(')');
        }

        return sb.ToString();
    }

    /// <summary>The token with its permissions replaced (the token itself when there is no replacement).</summary>
    public static string Converted(ScopeMatch match)
    {
        if (match.ReplacementPermissions is null)
        {
            return match.Token;
        }

        int offset = match.PermissionStart - match.Start;
        string token = match.Token;
        return token.Substring(0, offset) + match.ReplacementPermissions + token.Substring(offset + match.PermissionLength);
    }
}

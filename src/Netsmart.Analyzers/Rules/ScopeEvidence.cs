using System;

namespace Netsmart.Analyzers.Rules
{
    /// <summary>Cheap scope evidence for <see cref="CertifiedContext"/>.</summary>
    internal static class ScopeEvidence
    {
        private static readonly string[] Contexts = { "patient/", "user/", "system/", "patient%2F", "user%2F", "system%2F" };

        /// <summary>A SMART clinical scope (<c>patient/Patient.read</c>, <c>system/*.rs</c>...) or <c>launch/patient</c>, <c>fhirUser</c>.</summary>
        public static bool HasClinicalScope(string text)
        {
            if (text.IndexOf("launch/patient", StringComparison.Ordinal) >= 0 || text.IndexOf("fhirUser", StringComparison.Ordinal) >= 0)
            {
                return true;
            }

            foreach (string context in Contexts)
            {
                int from = 0;
                while (true)
                {
                    int i = text.IndexOf(context, from, StringComparison.OrdinalIgnoreCase);
                    if (i < 0)
                    {
                        break;
                    }

                    from = i + 1;
                    bool tokenStart = i == 0 || text[i - 1] == ' ' || text[i - 1] == '+' || text[i - 1] == '=' || text[i - 1] == '"' ||
                        (i >= 3 && string.CompareOrdinal(text, i - 3, "%20", 0, 3) == 0);
                    int p = i + context.Length;
                    if (!tokenStart || p >= text.Length || !(text[p] == '*' || (text[p] >= 'A' && text[p] <= 'Z')))
                    {
                        continue;
                    }

                    p++;
                    while (p < text.Length && char.IsLetter(text[p]))
                    {
                        p++;
                    }

                    if (p < text.Length && text[p] == '.')
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The non-SMART <c>CCD</c> scope: the whole text, or a <c>scope=CCD</c> parameter.</summary>
        public static bool HasCcdScope(string text)
        {
            if (text.Trim() == "CCD")
            {
                return true;
            }

            int i = text.IndexOf("scope=CCD", StringComparison.Ordinal);
            int end = i + "scope=CCD".Length;
            return i >= 0 && (end == text.Length || text[end] == '&' || text[end] == ' ' || text[end] == '"');
        }
    }
}

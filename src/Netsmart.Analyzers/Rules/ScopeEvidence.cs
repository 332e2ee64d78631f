using System;

namespace Netsmart.Analyzers.Rules
{
    /// <summary>Evidence from strings that are not clinical scopes (those come from the shared scope scanner).</summary>
    internal static class ScopeEvidence
    {
        /// <summary>The SMART launch scopes of patient-facing apps: <c>launch/patient</c> (plain or encoded) and <c>fhirUser</c>.</summary>
        public static bool HasLaunchScope(string text) =>
            text.IndexOf("launch/patient", StringComparison.Ordinal) >= 0 ||
            text.IndexOf("launch%2Fpatient", StringComparison.OrdinalIgnoreCase) >= 0 ||
            text.IndexOf("fhirUser", StringComparison.Ordinal) >= 0;

        /// <summary>An OAuth grant type: the whole text, or a <c>grant_type=</c> parameter.</summary>
        public static bool IsGrant(string text, string grant) =>
            text.Trim() == grant || IsParameter(text, "grant_type=" + grant);

        /// <summary>The non-SMART <c>CCD</c> scope: the whole text, or a <c>scope=CCD</c> parameter.</summary>
        public static bool HasCcdScope(string text) => text.Trim() == "CCD" || IsParameter(text, "scope=CCD");

        private static bool IsParameter(string text, string parameter)
        {
            int i = text.IndexOf(parameter, StringComparison.Ordinal);
            int end = i + parameter.Length;
            return i >= 0 && (i == 0 || text[i - 1] == '&' || text[i - 1] == '?' || text[i - 1] == ' ') &&
                (end == text.Length || text[end] == '&' || text[end] == ' ' || text[end] == '"' || text[end] == '#');
        }
    }
}

using System;
using Netsmart.Knowledge.Scopes;

namespace Netsmart.Analyzers.Rules
{
    /// <summary>Scope evidence for <see cref="CertifiedContext"/>, on top of the shared scope model.</summary>
    internal static class ScopeEvidence
    {
        /// <summary>A SMART clinical scope (<c>patient/Patient.read</c>, <c>system/*.rs</c>...) or the SMART launch scopes <c>launch/patient</c>, <c>fhirUser</c>.</summary>
        public static bool HasClinicalScope(string text) =>
            text.IndexOf("launch/patient", StringComparison.Ordinal) >= 0 ||
            text.IndexOf("launch%2Fpatient", StringComparison.OrdinalIgnoreCase) >= 0 ||
            text.IndexOf("fhirUser", StringComparison.Ordinal) >= 0 ||
            SmartScopes.ContainsClinicalScope(text);

        /// <summary>The OAuth <c>client_credentials</c> grant: the whole text, or a <c>grant_type=client_credentials</c> parameter.</summary>
        public static bool IsClientCredentialsGrant(string text)
        {
            if (text.Trim() == "client_credentials")
            {
                return true;
            }

            int i = text.IndexOf("grant_type=client_credentials", StringComparison.Ordinal);
            int end = i + "grant_type=client_credentials".Length;
            return i >= 0 && (end == text.Length || text[end] == '&' || text[end] == ' ' || text[end] == '"');
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

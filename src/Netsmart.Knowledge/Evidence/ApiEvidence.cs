using System;
using Netsmart.Knowledge.Scopes;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Knowledge.Evidence
{
    /// <summary>What a piece of text (a literal, a configuration value) says about the APIs the code around it talks to.</summary>
    [Flags]
    internal enum ApiEvidence
    {
        None = 0,

        /// <summary>Certified v1/v2 URLs (an <c>aud</c> naming <c>uscore/v1</c> included).</summary>
        CertifiedUrl = 1,

        /// <summary>The APIs that stay on the original authorization server: <c>/v4</c>, <c>/fhir</c>, <c>/ccd</c>, PatientImage, <c>scope=CCD</c>.</summary>
        NonCertified = 2,

        /// <summary><c>system/</c> clinical scopes: backend (system-level) access.</summary>
        SystemScopes = 4,

        /// <summary>The <c>client_credentials</c> grant: backend (system-level) access.</summary>
        ClientCredentials = 8,

        /// <summary>SMART clinical scopes (<c>patient/Patient.read</c>...) and the SMART launch scopes.</summary>
        ClinicalScopes = 16,

        /// <summary>Patient-facing SMART use: <c>patient/</c> or <c>user/</c> scopes, launch scopes, <c>fhirUser</c>, the <c>authorization_code</c> grant.</summary>
        PatientFacing = 32,

        /// <summary>Any sign of Certified use.</summary>
        Certified = CertifiedUrl | ClinicalScopes,

        /// <summary>Either sign of system-level access.</summary>
        SystemLevel = SystemScopes | ClientCredentials,
    }

    /// <summary>
    /// Reads API evidence out of one string value: Certified or non-migrating URLs, SMART clinical and launch
    /// scopes, the CCD scope, the OAuth grant types. Shared by the C# rules (which gather it per type and file) and
    /// the configuration-file rules (which gather it per file).
    /// </summary>
    internal static class ApiEvidenceScanner
    {
        /// <summary>
        /// <see cref="FromText"/> finds evidence only in a text that contains one of these (ordinal; the first and the
        /// encoded slash ignoring case): a text that holds none has none. Lets a caller skip the texts of a large
        /// region that cannot matter after a few vectorized searches. Keep in step with <see cref="FromText"/>.
        /// </summary>
        public static readonly (string Text, StringComparison Comparison)[] Triggers =
        {
            ("netsmartcloud", StringComparison.OrdinalIgnoreCase),
            ("patient/", StringComparison.Ordinal),
            ("user/", StringComparison.Ordinal),
            ("system/", StringComparison.Ordinal),
            ("%2F", StringComparison.OrdinalIgnoreCase),
            ("fhirUser", StringComparison.Ordinal),
            ("authorization_code", StringComparison.Ordinal),
            ("client_credentials", StringComparison.Ordinal),
            ("CCD", StringComparison.Ordinal),
        };

        /// <summary>The evidence in one string value (a match of <paramref name="exclude"/> itself does not count).</summary>
        public static ApiEvidence FromText(string text, NetsmartUrlMatch? exclude = null)
        {
            ApiEvidence evidence = ApiEvidence.None;
            if (NetsmartUrlScanner.MayContainNetsmartUrl(text))
            {
                foreach (NetsmartUrlMatch match in NetsmartUrlScanner.FindAll(text))
                {
                    if (exclude != null && match.Start == exclude.Start)
                    {
                        continue;
                    }

                    if (match.IsCertifiedApi)
                    {
                        evidence |= ApiEvidence.CertifiedUrl;
                    }
                    else if (match.Kind == NetsmartUrlKind.NotMigrating && IsNonCertifiedApi(match.NonMigratingApi))
                    {
                        evidence |= ApiEvidence.NonCertified;
                    }
                }
            }

            if (ScopeScanner.MayContainScope(text) || text.IndexOf("fhirUser", StringComparison.Ordinal) >= 0)
            {
                if (HasLaunchScope(text))
                {
                    evidence |= ApiEvidence.ClinicalScopes | ApiEvidence.PatientFacing;
                }

                foreach (ScopeMatch scope in ScopeScanner.Scan(text))
                {
                    evidence |= ApiEvidence.ClinicalScopes |
                        (scope.Context == ScopeContext.System ? ApiEvidence.SystemScopes : ApiEvidence.PatientFacing);
                }
            }

            if (text.IndexOf("authorization_code", StringComparison.Ordinal) >= 0 && IsGrant(text, "authorization_code"))
            {
                evidence |= ApiEvidence.PatientFacing;
            }

            if (HasCcdScope(text))
            {
                evidence |= ApiEvidence.NonCertified;
            }

            if (text.IndexOf("client_credentials", StringComparison.Ordinal) >= 0 && IsGrant(text, "client_credentials"))
            {
                evidence |= ApiEvidence.ClientCredentials;
            }

            return evidence;
        }

        /// <summary>Reduces evidence to the question "which APIs": Certified, NonCertified, both, or None.</summary>
        public static ApiEvidence Kind(ApiEvidence evidence) =>
            ((evidence & ApiEvidence.Certified) != 0 ? ApiEvidence.Certified : ApiEvidence.None) | (evidence & ApiEvidence.NonCertified);

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

        private static bool IsNonCertifiedApi(NonMigratingApi api) =>
            api == NonMigratingApi.GeneralPurposeR4 || api == NonMigratingApi.GeneralPurposeStu3 ||
            api == NonMigratingApi.PatientImage || api == NonMigratingApi.Ccd;
    }
}

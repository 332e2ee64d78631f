using System;
using Netsmart.Knowledge.Scopes;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Knowledge.Evidence;

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

                evidence |= ApiEvidence.NetsmartUrl;
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

        if (ScopeScanner.MayMentionScope(text) || text.IndexOf("fhirUser", StringComparison.Ordinal) >= 0)
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

    /// <summary>
    /// Reduces evidence to the question "which APIs": Certified, NonCertified, both, or None. A Certified URL is
    /// Certified evidence; a clinical or launch scope is Certified evidence only when nothing shows non-migrating
    /// use, because the <c>/v4</c>, <c>/fhir</c>, <c>/ccd</c> and PatientImage APIs use SMART scopes too.
    /// </summary>
    public static ApiEvidence Kind(ApiEvidence evidence)
    {
        bool nonCertified = (evidence & ApiEvidence.NonCertified) != 0;
        bool certified = (evidence & ApiEvidence.CertifiedUrl) != 0 ||
            ((evidence & ApiEvidence.ClinicalScopes) != 0 && !nonCertified);
        return (certified ? ApiEvidence.Certified : ApiEvidence.None) | (nonCertified ? ApiEvidence.NonCertified : ApiEvidence.None);
    }

    /// <summary>
    /// True when the evidence of a value alone decides which APIs it serves (<see cref="Apis"/> needs nothing
    /// around it): it names Certified URLs and no non-migrating API, or non-migrating APIs and no Certified URL.
    /// </summary>
    public static bool DecidesAlone(ApiEvidence own)
    {
        bool certifiedUrl = (own & ApiEvidence.CertifiedUrl) != 0;
        bool nonCertified = (own & ApiEvidence.NonCertified) != 0;
        return certifiedUrl != nonCertified;
    }

    /// <summary>
    /// The one decision "Certified, non-migrating (NonCertified), both, or None" for a value (a URL, a scope
    /// string) from its own evidence and the evidence of the code or file around it. Shared by the C# rules and
    /// the configuration-file rules, so NSM003 and NSM010 agree everywhere. The value decides alone when
    /// <see cref="DecidesAlone"/> says so; otherwise its evidence joins what is around it, where its scopes count
    /// as Certified evidence only when no non-migrating API is in sight (<see cref="Kind"/>).
    /// </summary>
    public static ApiEvidence Apis(ApiEvidence own, ApiEvidence around) =>
        DecidesAlone(own) ? Kind(own) : Kind(own | around);

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

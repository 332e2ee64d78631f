using System.Collections.Generic;
using Netsmart.Knowledge.Evidence;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Knowledge.Rules;

/// <summary>
/// The decisions of the URL rules (NSM001–NSM006) for one Netsmart URL found in a value, made once for every
/// front end: the C# analyzer and the configuration-file scanner supply the match and what surrounds the value
/// (<see cref="IValueSurroundings"/>), and only map the decision to their source.
/// </summary>
internal static class UrlRules
{
    /// <summary>
    /// NSM001–NSM005 for <paramref name="match"/>, or null when the URL needs nothing. The value is the text the
    /// match was found in (<see cref="NetsmartUrlMatch.SourceText"/>).
    /// </summary>
    public static RuleDecision? Decide(NetsmartUrlMatch match, IValueSurroundings surroundings)
    {
        switch (match.Kind)
        {
            case NetsmartUrlKind.V1PatientAccess:
                return V1PatientAccess(match, surroundings);
            case NetsmartUrlKind.V1BulkData:
                return V1BulkData(match);
            case NetsmartUrlKind.V1AuthorizationServer:
                return V1AuthorizationServer(match, surroundings);
            case NetsmartUrlKind.V2Fhir:
            case NetsmartUrlKind.V2Authorization:
                return V2Tenant(match);
            default:
                return null;
        }
    }

    /// <summary>
    /// NSM006 for <paramref name="match"/>: a Patient Access URL in backend code (system-level access and no
    /// patient-facing SMART use in the owning type). Null otherwise.
    /// </summary>
    public static RuleDecision? DecideSystemLevel(NetsmartUrlMatch match, IValueSurroundings surroundings)
    {
        NetsmartV2Api target = SystemAccessTarget(match, surroundings);
        if (target == NetsmartV2Api.None)
        {
            return null;
        }

        ApiEvidence found = surroundings.OwningType();
        string why = ValueSourceText.BackendSubject(surroundings.Source) + " " +
            ((found & ApiEvidence.SystemLevel) == ApiEvidence.SystemLevel
                ? "system/ scopes and the client_credentials grant"
                : (found & ApiEvidence.SystemScopes) != 0 ? "system/ scopes" : "the client_credentials grant");
        string api = NetsmartV2Urls.ApiDisplayName(target);
        IReadOnlyList<UrlEdit> edits = match.Kind == NetsmartUrlKind.V1PatientAccess
            ? NetsmartV2Urls.GetEdits(match, target)
            : OnlyApiSegmentEdit(NetsmartV2Urls.GetEdits(match, target), match);
        return new RuleDecision(
            DiagnosticIds.SystemAccessThroughPatientAccess,
            new[] { match.BaseText, why, api, NetsmartV2Urls.RewriteBase(match, target) },
            match.Start,
            match.BaseEnd,
            edits,
            targetApi: api);
    }

    /// <summary>True for the URLs NSM006 looks at: v1 Patient Access, and v2 Provider or Payer Patient Access.</summary>
    public static bool IsPatientAccess(NetsmartUrlMatch match) =>
        match.Kind == NetsmartUrlKind.V1PatientAccess ||
        (match.Kind == NetsmartUrlKind.V2Fhir &&
         (match.V2Api == NetsmartV2Api.ProviderPatientAccess || match.V2Api == NetsmartV2Api.PayerPatientAccess));

    /// <summary>The System Access API a Patient Access URL moves to in backend code, or None when the code is not backend code.</summary>
    public static NetsmartV2Api SystemAccessTarget(NetsmartUrlMatch match, IValueSurroundings surroundings)
    {
        if (!IsPatientAccess(match))
        {
            return NetsmartV2Api.None;
        }

        // Backend code: system-level access and no patient-facing SMART use in the same type
        // (a settings class that serves both a patient app and a backend job keeps Patient Access).
        ApiEvidence found = surroundings.OwningType();
        if ((found & ApiEvidence.SystemLevel) == ApiEvidence.None || (found & ApiEvidence.PatientFacing) != ApiEvidence.None)
        {
            return NetsmartV2Api.None;
        }

        return match.V2Api == NetsmartV2Api.PayerPatientAccess ? NetsmartV2Api.PayerSystemAccess : NetsmartV2Api.ProviderSystemAccess;
    }

    /// <summary>NSM001: to Provider Patient Access, or to System Access in backend code (NSM006 says why; the fix agrees with it).</summary>
    private static RuleDecision V1PatientAccess(NetsmartUrlMatch match, IValueSurroundings surroundings)
    {
        NetsmartV2Api target = SystemAccessTarget(match, surroundings);
        string api = NetsmartV2Urls.ApiDisplayName(target == NetsmartV2Api.None ? NetsmartV2Api.ProviderPatientAccess : target);
        return new RuleDecision(
            DiagnosticIds.V1PatientAccessUrl,
            new[] { match.BaseText, api, NetsmartV2Urls.RewriteBase(match, target) },
            match.Start,
            match.BaseEnd,
            NetsmartV2Urls.GetEdits(match, target),
            targetApi: api);
    }

    /// <summary>NSM002: to Provider System Access; <c>$export-poll-status</c> has no v2 twin, so no fix.</summary>
    private static RuleDecision V1BulkData(NetsmartUrlMatch match) =>
        new RuleDecision(
            DiagnosticIds.V1BulkDataUrl,
            new[] { match.BaseText, NetsmartUrlAdvice.BulkData(match) },
            match.Start,
            match.BaseEnd,
            match.IsExportPollStatus ? null : NetsmartV2Urls.GetEdits(match));

    /// <summary>
    /// NSM003: the value decides alone when it names only Certified or only non-migrating APIs; otherwise what is
    /// around it decides. Non-migrating use only: nothing (CCD, PatientImage, /v4, /fhir stay on this server).
    /// Certified use: a warning with a fix. Neither or both: information without a fix.
    /// </summary>
    private static RuleDecision? V1AuthorizationServer(NetsmartUrlMatch match, IValueSurroundings surroundings)
    {
        ApiEvidence own = ApiEvidenceScanner.FromText(match.SourceText, match);
        ApiEvidence found = surroundings.Apis(own);
        if (found == ApiEvidence.NonCertified)
        {
            return null;
        }

        bool tentative = found != ApiEvidence.Certified;
        return new RuleDecision(
            DiagnosticIds.V1AuthorizationServerUrl,
            new[]
            {
                match.BaseText,
                tentative
                    ? NetsmartUrlAdvice.TentativeAuthorizationServer(match, found, surroundings.Source)
                    : NetsmartUrlAdvice.CertifiedAuthorizationServer(match),
            },
            match.Start,
            match.BaseEnd,
            tentative ? null : NetsmartV2Urls.GetEdits(match),
            isTentative: tentative);
    }

    /// <summary>NSM004 (no tenant, or not a UUID) and NSM005 (the tenant placeholder) for a v2 URL.</summary>
    private static RuleDecision? V2Tenant(NetsmartUrlMatch match)
    {
        switch (match.TenantState)
        {
            case TenantSegmentState.Missing:
            case TenantSegmentState.Malformed:
                return new RuleDecision(
                    DiagnosticIds.V2UrlWithoutTenant,
                    new[] { match.BaseText, NetsmartUrlAdvice.TenantProblem(match), NetsmartV2Urls.RewriteBase(match) },
                    match.Start,
                    match.BaseEnd,
                    NetsmartV2Urls.GetEdits(match));
            case TenantSegmentState.Placeholder:
                return new RuleDecision(
                    DiagnosticIds.V2UrlWithTenantPlaceholder,
                    new[] { match.BaseText, match.TenantText },
                    match.Start,
                    match.BaseEnd,
                    NetsmartV2Urls.GetEdits(match),
                    needsTenantExpression: true);
            default:
                return null;
        }
    }

    /// <summary>For a v2 URL, NSM006 only swaps the API segment; the tenant is NSM004/NSM005's business.</summary>
    private static IReadOnlyList<UrlEdit> OnlyApiSegmentEdit(IReadOnlyList<UrlEdit> edits, NetsmartUrlMatch match)
    {
        var result = new List<UrlEdit>(1);
        foreach (UrlEdit edit in edits)
        {
            if (edit.Start == match.V2ApiSegmentStart)
            {
                result.Add(edit);
            }
        }

        return result;
    }
}

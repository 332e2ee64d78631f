using System.Collections.Generic;
using System.Linq;
using Netsmart.Knowledge.Evidence;
using Netsmart.Knowledge.Rules;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Knowledge.Tests.Rules;

/// <summary>
/// The URL rules' one decision (NSM001–NSM006), as a table: the value, what surrounds it, and the rule id, message
/// arguments, reported range, fix and tentativeness that come out. Both front ends (C#, configuration files) call it.
/// </summary>
public class UrlRulesTests
{
    private const string V1 = "https://fhir.netsmartcloud.com/uscore/v1";
    private const string V2PatientAccess = "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}";
    private const string V2SystemAccess = "https://fhir.netsmartcloud.com/provider/system-access/v2/{tenant-id}";
    private const string V2Token = "https://fhir.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/token";
    private const string Tenant = "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";

    public static IEnumerable<object?[]> Decisions()
    {
        // value, source, around, owning type | rule, arguments (joined by " | "), fixable, tentative, target API
        yield return Row(V1 + "/Patient/1", ValueSource.CSharp, ApiEvidence.None, ApiEvidence.None,
            "NSM001", V1 + " | Provider Patient Access | " + V2PatientAccess, true, false, "Provider Patient Access");
        // Backend code: system-level access and no patient-facing use in the type moves to System Access.
        yield return Row(V1 + "/Patient/1", ValueSource.CSharp, ApiEvidence.None, ApiEvidence.SystemScopes,
            "NSM001", V1 + " | Provider System Access | " + V2SystemAccess, true, false, "Provider System Access");
        yield return Row(V1 + "/Patient/1", ValueSource.CSharp, ApiEvidence.None, ApiEvidence.ClientCredentials | ApiEvidence.PatientFacing,
            "NSM001", V1 + " | Provider Patient Access | " + V2PatientAccess, true, false, "Provider Patient Access");
        yield return Row(V1 + "/bulk-data/Group/1/$export", ValueSource.CSharp, ApiEvidence.None, ApiEvidence.None,
            "NSM002", V1 + "/bulk-data | move to the tenant-specific v2 Provider System Access base '" + V2SystemAccess + "'", true, false, null);
        yield return Row(V1 + "/bulk-data/$export-poll-status?_id=1", ValueSource.ConfigFile, ApiEvidence.None, ApiEvidence.None,
            "NSM002", V1 + "/bulk-data | its $export-poll-status endpoint has no v2 equivalent: poll the URL from the kick-off response's Content-Location header instead",
            false, false, null);
        yield return Row("https://oauth.netsmartcloud.com/token", ValueSource.CSharp, ApiEvidence.CertifiedUrl, ApiEvidence.None,
            "NSM003", "https://oauth.netsmartcloud.com/token | this code uses the Certified APIs, whose v2 authorization server is tenant-specific: '" + V2Token + "'",
            true, false, null);
        yield return Row("https://oauth.netsmartcloud.com/token", ValueSource.CSharp, ApiEvidence.None, ApiEvidence.None,
            "NSM003", "https://oauth.netsmartcloud.com/token | if it serves Certified API calls, use the tenant-specific v2 server '" + V2Token +
            "' (no Certified API use was found in this type or file)", false, true, null);
        yield return Row("https://oauth.netsmartcloud.com/token", ValueSource.ConfigFile, ApiEvidence.None, ApiEvidence.None,
            "NSM003", "https://oauth.netsmartcloud.com/token | if it serves Certified API calls, use the tenant-specific v2 server '" + V2Token +
            "' (no Certified API use was found in this file)", false, true, null);
        yield return Row("https://oauth.netsmartcloud.com/token", ValueSource.CSharp, ApiEvidence.CertifiedUrl | ApiEvidence.NonCertified, ApiEvidence.None,
            "NSM003", "https://oauth.netsmartcloud.com/token | if it serves Certified API calls, use the tenant-specific v2 server '" + V2Token +
            "' (this code also uses the /v4, /fhir, /ccd or PatientImage APIs, which stay on this server)", false, true, null);
        yield return Row("https://oauth.netsmartcloud.com/token", ValueSource.ConfigFile, ApiEvidence.CertifiedUrl | ApiEvidence.NonCertified, ApiEvidence.None,
            "NSM003", "https://oauth.netsmartcloud.com/token | if it serves Certified API calls, use the tenant-specific v2 server '" + V2Token +
            "' (this file also configures the /v4, /fhir, /ccd or PatientImage APIs, which stay on this server)", false, true, null);
        // Only non-migrating APIs around: the original server stays.
        yield return Row("https://oauth.netsmartcloud.com/token", ValueSource.CSharp, ApiEvidence.NonCertified, ApiEvidence.None,
            null, null, false, false, null);
        yield return Row("https://fhir.netsmartcloud.com/provider/patient-access/v2/Patient", ValueSource.CSharp, ApiEvidence.None, ApiEvidence.None,
            "NSM004", "https://fhir.netsmartcloud.com/provider/patient-access/v2 | has no tenant id | " + V2PatientAccess, true, false, null);
        yield return Row("https://fhir.netsmartcloud.com/provider/patient-access/v2/acme/Patient", ValueSource.ConfigFile, ApiEvidence.None, ApiEvidence.None,
            "NSM004", "https://fhir.netsmartcloud.com/provider/patient-access/v2/acme | has 'acme' where the tenant id (a UUID) belongs | " + V2PatientAccess,
            true, false, null);
        yield return Row(V2PatientAccess + "/Patient", ValueSource.CSharp, ApiEvidence.None, ApiEvidence.None,
            "NSM005", V2PatientAccess + " | {tenant-id}", true, false, null);
        yield return Row("https://fhir.netsmartcloud.com/provider/patient-access/v2/" + Tenant + "/Patient", ValueSource.CSharp, ApiEvidence.None, ApiEvidence.None,
            null, null, false, false, null);
        yield return Row("https://fhir.netsmartcloud.com/v4/Patient", ValueSource.CSharp, ApiEvidence.CertifiedUrl, ApiEvidence.SystemScopes,
            null, null, false, false, null);
    }

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Decide_gives_the_rule_arguments_fix_and_tentativeness(
        string value, int source, int around, int owningType,
        string? rule, string? arguments, bool fixable, bool tentative, string? targetApi)
    {
        NetsmartUrlMatch match = NetsmartUrlScanner.FindAll(value).First();

        RuleDecision? decision = UrlRules.Decide(match, new FakeSurroundings((ValueSource)source, (ApiEvidence)around, (ApiEvidence)owningType));

        if (rule is null)
        {
            Assert.Null(decision);
            return;
        }

        Assert.NotNull(decision);
        Assert.Equal(rule, decision.RuleId);
        Assert.Equal(arguments, string.Join(" | ", decision.MessageArguments));
        Assert.Equal(fixable, decision.IsFixable);
        Assert.Equal(tentative, decision.IsTentative);
        Assert.Equal(targetApi, decision.TargetApi);
        Assert.Equal(rule == "NSM005", decision.NeedsTenantExpression);
        Assert.Equal(match.Start, decision.Start);
        Assert.Equal(decision.MessageArguments[0], value.Substring(decision.Start, decision.End - decision.Start));
    }

    [Fact]
    public void The_fix_edits_rewrite_the_value_to_the_v2_text_of_the_message()
    {
        const string value = "\"" + V1 + "/Patient/1\"";
        NetsmartUrlMatch match = NetsmartUrlScanner.FindAll(value).Single();

        RuleDecision decision = UrlRules.Decide(match, new FakeSurroundings(owningType: ApiEvidence.ClientCredentials))!;

        Assert.Equal("\"" + V2SystemAccess + "/Patient/1\"", ValueEdits.Apply(value, decision.Edits));
    }

    [Fact]
    public void A_value_that_names_its_api_decides_alone_without_asking_what_is_around_it()
    {
        var surroundings = new FakeSurroundings(around: ApiEvidence.NonCertified);
        NetsmartUrlMatch match = NetsmartUrlScanner.FindAll("https://oauth.netsmartcloud.com/token?aud=" + V1).First();

        RuleDecision? decision = UrlRules.Decide(match, surroundings);

        Assert.Equal("NSM003", decision?.RuleId);
        Assert.False(decision!.IsTentative);
        Assert.Equal(0, surroundings.AroundCalls);
    }

    public static IEnumerable<object?[]> SystemLevel()
    {
        // value, owning type | arguments (joined by " | "), edits applied to the value
        yield return new object?[]
        {
            V1 + "/Patient", (int)ApiEvidence.SystemScopes,
            V1 + " | this type uses system/ scopes | Provider System Access | " + V2SystemAccess, V2SystemAccess + "/Patient",
        };
        yield return new object?[]
        {
            V1 + "/Patient", (int)ApiEvidence.ClientCredentials,
            V1 + " | this type uses the client_credentials grant | Provider System Access | " + V2SystemAccess, V2SystemAccess + "/Patient",
        };
        // A v2 URL: only the API segment changes; the tenant (here missing) is NSM004's business.
        yield return new object?[]
        {
            "https://fhir.netsmartcloud.com/payer/patient-access/v2/Patient", (int)(ApiEvidence.SystemScopes | ApiEvidence.ClientCredentials),
            "https://fhir.netsmartcloud.com/payer/patient-access/v2 | this type uses system/ scopes and the client_credentials grant | Payer System Access | " +
                "https://fhir.netsmartcloud.com/payer/system-access/v2/{tenant-id}",
            "https://fhir.netsmartcloud.com/payer/system-access/v2/Patient",
        };
    }

    [Theory]
    [MemberData(nameof(SystemLevel))]
    public void DecideSystemLevel_moves_backend_patient_access_to_system_access(string value, int owningType, string arguments, string fixedValue)
    {
        NetsmartUrlMatch match = NetsmartUrlScanner.FindAll(value).Single();

        RuleDecision? decision = UrlRules.DecideSystemLevel(match, new FakeSurroundings(owningType: (ApiEvidence)owningType));

        Assert.NotNull(decision);
        Assert.Equal("NSM006", decision.RuleId);
        Assert.Equal(arguments, string.Join(" | ", decision.MessageArguments));
        Assert.False(decision.IsTentative);
        Assert.Equal(fixedValue, ValueEdits.Apply(value, decision.Edits));
    }

    [Theory]
    [InlineData(V1 + "/Patient", (int)(ApiEvidence.None))]
    [InlineData(V1 + "/Patient", (int)(ApiEvidence.SystemScopes | ApiEvidence.PatientFacing))]
    [InlineData(V1 + "/bulk-data/Group/1/$export", (int)(ApiEvidence.SystemScopes))]
    [InlineData("https://fhir.netsmartcloud.com/provider/system-access/v2/Patient", (int)(ApiEvidence.SystemScopes))]
    public void DecideSystemLevel_leaves_patient_facing_code_and_other_apis_alone(string value, int owningType)
    {
        NetsmartUrlMatch match = NetsmartUrlScanner.FindAll(value).Single();

        Assert.Null(UrlRules.DecideSystemLevel(match, new FakeSurroundings(owningType: (ApiEvidence)owningType)));
    }

    private static object?[] Row(
        string value, ValueSource source, ApiEvidence around, ApiEvidence owningType,
        string? rule, string? arguments, bool fixable, bool tentative, string? targetApi) =>
        new object?[] { value, (int)source, (int)around, (int)owningType, rule, arguments, fixable, tentative, targetApi };
}

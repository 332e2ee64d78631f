using System.Collections.Generic;
using System.Linq;
using Netsmart.Knowledge.Evidence;
using Netsmart.Knowledge.Rules;
using Netsmart.Knowledge.Scopes;

namespace Netsmart.Knowledge.Tests.Rules;

/// <summary>
/// The scope rules' one decision (NSM010, NSM011), as a table: the value, what surrounds it, and the rule ids,
/// message arguments, reported range, fix and tentativeness that come out, in order.
/// </summary>
public class ScopeRulesTests
{
    private const string SrProblem = "'patient/Patient.sr' (letters out of order (expected order c, r, u, d, s); use 'patient/Patient.rs')";

    public static IEnumerable<object?[]> Decisions()
    {
        // value, source, around, Netsmart use shown | per decision: "rule: arguments (joined by " | ") [fixable] [tentative] @start..end"
        yield return Row("openid patient/Patient.read user/Observation.write", ValueSource.CSharp, ApiEvidence.None, false,
            "NSM010: 'patient/Patient.read', 'user/Observation.write' | 'patient/Patient.rs', 'user/Observation.cud' fixable @7..50");
        // Only non-migrating APIs around (the /v4 documentation uses v1 scopes): no NSM010.
        yield return Row("openid patient/Patient.read", ValueSource.ConfigFile, ApiEvidence.NonCertified, true);
        // The value names a Certified URL: it decides alone, whatever is around.
        yield return Row("https://fhir.netsmartcloud.com/uscore/v1?scope=patient/Patient.read", ValueSource.CSharp, ApiEvidence.NonCertified, false,
            "NSM010: 'patient/Patient.read' | 'patient/Patient.rs' fixable @47..67");
        yield return Row("patient/Patient.sr", ValueSource.CSharp, ApiEvidence.None, true,
            "NSM011: " + SrProblem + " |  fixable @0..18");
        yield return Row("patient/Patient.sr", ValueSource.CSharp, ApiEvidence.None, false,
            "NSM011: " + SrProblem + " | ; no Netsmart use was found in this type, file or project, so this is information only tentative @0..18");
        yield return Row("patient/Patient.sr", ValueSource.ConfigFile, ApiEvidence.None, false,
            "NSM011: " + SrProblem + " | ; no Netsmart use was found in this file or project, so this is information only tentative @0..18");
        // A Netsmart URL in the value itself shows Netsmart use.
        yield return Row("https://fhir.netsmartcloud.com/v4?scope=patient/Patient.sr", ValueSource.CSharp, ApiEvidence.None, false,
            "NSM011: " + SrProblem + " |  fixable @40..58");
        yield return Row("patient/Patient.read patient/Patient.sr", ValueSource.CSharp, ApiEvidence.None, true,
            "NSM010: 'patient/Patient.read' | 'patient/Patient.rs' fixable @0..20",
            "NSM011: " + SrProblem + " |  fixable @21..39");
        yield return Row("openid profile patient/Patient.rs", ValueSource.CSharp, ApiEvidence.None, true);
    }

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Decide_gives_one_finding_per_rule_with_its_arguments_fix_and_tentativeness(
        string value, int source, int around, bool netsmartUse, string[] expected)
    {
        IReadOnlyList<RuleDecision> decisions = ScopeRules.Decide(value, ScopeScanner.Scan(value), new FakeSurroundings((ValueSource)source, (ApiEvidence)around, netsmartUse: netsmartUse));

        Assert.Equal(expected, decisions.Select(Describe));
    }

    [Fact]
    public void The_fix_edits_write_the_smart_2_form()
    {
        const string value = "openid patient/Patient.read user/Observation.write patient/Encounter.sr";

        IReadOnlyList<RuleDecision> decisions = ScopeRules.Decide(value, ScopeScanner.Scan(value), new FakeSurroundings(netsmartUse: true));

        Assert.Equal(
            "openid patient/Patient.rs user/Observation.cud patient/Encounter.rs",
            ValueEdits.Apply(value, decisions.SelectMany(d => d.Edits)));
    }

    [Fact]
    public void Netsmart_use_around_is_asked_only_when_the_value_does_not_show_it()
    {
        var surroundings = new FakeSurroundings();
        const string own = "https://fhir.netsmartcloud.com/v4?scope=patient/Patient.sr";
        ScopeRules.Decide(own, ScopeScanner.Scan(own), surroundings);
        Assert.Equal(0, surroundings.NetsmartUseCalls);

        ScopeRules.Decide("patient/Patient.sr", ScopeScanner.Scan("patient/Patient.sr"), surroundings);
        Assert.Equal(1, surroundings.NetsmartUseCalls);
    }

    [Theory]
    [InlineData("https://fhir.netsmartcloud.com/v4", (int)(ApiEvidence.CertifiedUrl), true)]
    [InlineData("scope=CCD", (int)(ApiEvidence.CertifiedUrl), true)]
    [InlineData("patient/Patient.read", (int)(ApiEvidence.NonCertified), true)]
    [InlineData("patient/Patient.read", (int)(ApiEvidence.NonCertified | ApiEvidence.CertifiedUrl), false)]
    [InlineData("patient/Patient.read", (int)(ApiEvidence.None), false)]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1", (int)(ApiEvidence.NonCertified), false)]
    public void TalksOnlyToNonMigratingApis_reads_the_value_then_what_is_around_it(string value, int around, bool expected)
    {
        Assert.Equal(expected, ScopeRules.TalksOnlyToNonMigratingApis(ApiEvidenceScanner.FromText(value), new FakeSurroundings(around: (ApiEvidence)around)));
    }

    private static object?[] Row(string value, ValueSource source, ApiEvidence around, bool netsmartUse, params string[] expected) =>
        new object?[] { value, (int)source, (int)around, netsmartUse, expected };

    private static string Describe(RuleDecision d) =>
        d.RuleId + ": " + string.Join(" | ", d.MessageArguments) + (d.IsFixable ? " fixable" : string.Empty) +
        (d.IsTentative ? " tentative" : string.Empty) + " @" + d.Start + ".." + d.End;
}

using System.Threading.Tasks;

namespace Netsmart.Analyzers.Tests.Rules;

public class NSM010Tests
{
    [Fact]
    public async Task One_diagnostic_per_string_lists_its_v1_scopes()
    {
        const string source = """
            class C
            {
                string Scopes() => {|#0:"launch/patient openid fhirUser offline_access patient/Patient.read patient/Observation.read"|};
            }
            """;

        await VerifyScope.VerifyAnalyzerAsync(source,
            VerifyScope.Diagnostic("NSM010").WithLocation(0).WithArguments(
                "'patient/Patient.read', 'patient/Observation.read'",
                "'patient/Patient.rs', 'patient/Observation.rs'"));
    }

    [Fact]
    public async Task Every_form_is_converted_and_nothing_else_changes()
    {
        const string source = """"
            using System.Collections.Generic;

            class C
            {
                static readonly string[] Array = { {|NSM010:"patient/Patient.read"|}, {|NSM010:"user/*.write"|}, "openid" };
                static readonly List<string> List = new() { {|NSM010:"system/Observation.*"|} };
                static readonly Dictionary<string, string> Form = new() { ["scope"] = {|NSM010:"launch/patient  patient/Patient.read patient/Patient.write"|} };

                string Query(string state) => {|NSM010:$"scope=launch%2Fpatient+openid+patient%2FObservation.read&state={state}"|};
                string Encoded() => {|NSM010:"aud=x&scope=patient%2FPatient.read%20patient%2FCondition.read"|};
                string Concat() => {|NSM010:"patient/Patient.read " + "user/Practitioner.read"|};
                string Raw() => {|NSM010:"""system/*.read"""|};
                string Verbatim() => {|NSM010:@"patient/Patient.read"|};
                const string Const = {|NSM010:"patient/Patient.read"|};
                string FromConst() => Const + " openid";
            }
            """";
        const string fixedSource = """"
            using System.Collections.Generic;

            class C
            {
                static readonly string[] Array = { "patient/Patient.rs", "user/*.cud", "openid" };
                static readonly List<string> List = new() { "system/Observation.cruds" };
                static readonly Dictionary<string, string> Form = new() { ["scope"] = "launch/patient  patient/Patient.rs patient/Patient.cud" };

                string Query(string state) => $"scope=launch%2Fpatient+openid+patient%2FObservation.rs&state={state}";
                string Encoded() => "aud=x&scope=patient%2FPatient.rs%20patient%2FCondition.rs";
                string Concat() => "patient/Patient.rs " + "user/Practitioner.rs";
                string Raw() => """system/*.rs""";
                string Verbatim() => @"patient/Patient.rs";
                const string Const = "patient/Patient.rs";
                string FromConst() => Const + " openid";
            }
            """";

        await VerifyScope.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Paths_non_smart_scopes_and_v2_scopes_are_not_reported()
    {
        const string source = """
            class C
            {
                string A() => "exports/patient/Patient.read.json";
                string B() => "https://example.org/patient/Patient.read";
                string C2() => "CCD";
                string D() => "launch/patient openid fhirUser offline_access patient/Patient.rs patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory";
            }
            """;

        await VerifyScope.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Code_that_only_talks_to_the_non_migrating_apis_is_left_alone()
    {
        const string source = """
            class GeneralPurposeClient
            {
                const string Base = "https://fhir.netsmartcloud.com/v4";
                string Scopes() => "user/Patient.write user/Patient.*";
            }
            """;

        await VerifyScope.VerifyAnalyzerAsync(source);
    }
}

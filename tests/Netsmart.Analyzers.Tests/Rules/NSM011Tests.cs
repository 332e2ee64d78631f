using System.Threading.Tasks;

namespace Netsmart.Analyzers.Tests.Rules;

public class NSM011Tests
{
    [Fact]
    public async Task Malformed_permissions_are_reported_with_the_reason_and_normalised_when_unambiguous()
    {
        const string source = """
            class C
            {
                string A() => {|#0:"patient/Patient.sr patient/Observation.rrs"|};
            }
            """;
        const string fixedSource = """
            class C
            {
                string A() => "patient/Patient.rs patient/Observation.rs";
            }
            """;

        await VerifyScope.VerifyCodeFixAsync(source, fixedSource,
            VerifyScope.Diagnostic("NSM011").WithLocation(0).WithArguments(
                "'patient/Patient.sr' (letters out of order (expected order c, r, u, d, s); use 'patient/Patient.rs'), " +
                "'patient/Observation.rrs' (repeated letter(s) 'r'; use 'patient/Observation.rs')"));
    }

    [Fact]
    public async Task Unknown_letters_are_reported_without_a_fix()
    {
        const string source = """
            class C
            {
                string A() => {|#0:"patient/Patient.rx"|};
            }
            """;

        await VerifyScope.VerifyCodeFixAsync(source, source,
            VerifyScope.Diagnostic("NSM011").WithLocation(0).WithArguments("'patient/Patient.rx' (unknown letter(s) 'x')"));
    }
}

using System.Threading.Tasks;

namespace Netsmart.Analyzers.Tests.Rules;

/// <summary>
/// Constant operands of scope concatenations and interpolations that are read from syntax or ruled out without binding
/// (const locals, sums in holes, members of instances): the findings stay where they were.
/// </summary>
public class ScopeConstantOperandTests
{
    [Fact]
    public async Task A_const_local_holding_the_context_joins_the_literal_after_it()
    {
        const string source = """
            // A const initialized with a scope context ("patient", "user") opens the rule for this compilation.
            class C
            {
                string S()
                {
                    const string context = "patient";
                    return {|#0:context + "/Observation.read"|};
                }
            }
            """;

        await VerifyScope.VerifyAnalyzerAsync(source,
            VerifyScope.Diagnostic("NSM010").WithLocation(0).WithArguments("'patient/Observation.read'", "'patient/Observation.rs'"));
    }

    [Fact]
    public async Task A_const_field_holding_the_context_joins_the_literal_after_it()
    {
        // Missed before: a const field's value had to hold a scope by itself ("patient" does not). A field whose value
        // only ends with a piece of a context ("pat") or starts a scope's tail is still not followed (see NSM010.md).
        const string source = """
            // A const initialized with a scope context ("patient", "user") opens the rule for this compilation.
            static class Contexts
            {
                public const string Patient = "patient";
                public const string User = "us" + "er";
                public const string Pat = "pat";
                public const string ObservationRead = "/Observation.read";
            }

            class C
            {
                string S() => {|#0:Contexts.Patient + "/Observation.read"|};
                string T() => {|#1:$"{Contexts.User}/Patient.write"|};
                string U() => Contexts.Pat + "ient/Observation.read";
                string V() => "patient" + Contexts.ObservationRead;
            }
            """;

        await VerifyScope.VerifyAnalyzerAsync(source,
            VerifyScope.Diagnostic("NSM010").WithLocation(0).WithArguments("'patient/Observation.read'", "'patient/Observation.rs'"),
            VerifyScope.Diagnostic("NSM010").WithLocation(1).WithArguments("'user/Patient.write'", "'user/Patient.cud'"));
    }

    [Fact]
    public async Task A_scope_whose_context_is_a_const_field_is_fixed_in_the_literal_after_it()
    {
        const string source = """
            // A const initialized with a scope context ("patient", "user") opens the rule for this compilation.
            static class Contexts { public const string Patient = "patient"; }
            class C
            {
                string S() => {|NSM010:Contexts.Patient + "/Observation.read"|};
                string T() => {|NSM010:$"{Contexts.Patient}/Patient.write"|};
            }
            """;
        const string fixedSource = """
            // A const initialized with a scope context ("patient", "user") opens the rule for this compilation.
            static class Contexts { public const string Patient = "patient"; }
            class C
            {
                string S() => Contexts.Patient + "/Observation.rs";
                string T() => $"{Contexts.Patient}/Patient.cud";
            }
            """;

        await VerifyScope.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task A_const_local_typed_with_a_string_alias_of_its_file_or_a_global_one_joins_the_literal_after_it()
    {
        const string source = """
            // A const initialized with a scope context ("patient", "user") opens the rule for this compilation.
            using Text = System.String;
            enum Kind { Patient }

            class C
            {
                string S()
                {
                    const Text context = "patient";
                    return {|#0:context + "/Observation.read"|};
                }

                string T()
                {
                    const Words user = "user";
                    return {|#1:user + "/Patient.write"|};
                }

                string U()
                {
                    const Kind kind = Kind.Patient;
                    return kind + "/Patient.read";
                }
            }
            """;
        const string globals = "global using System;\nglobal using Words = string;\nusing System.Text;";

        var test = new VerifyScope.AnalyzerTest { TestCode = source };
        test.TestState.Sources.Add(("Globals.cs", globals));
        test.ExpectedDiagnostics.Add(VerifyScope.Diagnostic("NSM010").WithLocation(0).WithArguments("'patient/Observation.read'", "'patient/Observation.rs'"));
        test.ExpectedDiagnostics.Add(VerifyScope.Diagnostic("NSM010").WithLocation(1).WithArguments("'user/Patient.write'", "'user/Patient.cud'"));
        await test.RunAsync(System.Threading.CancellationToken.None);
    }

    [Fact]
    public async Task An_empty_const_local_between_two_pieces_of_a_context_joins_them()
    {
        const string source = """
            class C
            {
                // The start of a scope in a string: the rule registers for this compilation (a comment would not do).
                const string Requested = "patient/";

                string S()
                {
                    const string nothing = "";
                    return {|#0:"pat" + nothing + "ient/Observation.read"|};
                }
            }
            """;

        await VerifyScope.VerifyAnalyzerAsync(source,
            VerifyScope.Diagnostic("NSM010").WithLocation(0).WithArguments("'patient/Observation.read'", "'patient/Observation.rs'"));
    }

    [Fact]
    public async Task A_const_local_with_a_literal_value_is_read_inside_a_scope()
    {
        const string source = """
            class C
            {
                string S()
                {
                    const string resource = "Observation";
                    return {|#0:"patient/" + resource + ".read"|};
                }
            }
            """;

        await VerifyScope.VerifyAnalyzerAsync(source,
            VerifyScope.Diagnostic("NSM010").WithLocation(0).WithArguments("'patient/Observation.read'", "'patient/Observation.rs'"));
    }

    [Fact]
    public async Task Const_locals_that_are_no_strings_or_hold_no_piece_of_a_context_make_no_scope()
    {
        const string source = """
            enum Kind { Patient }

            class C
            {
                string S()
                {
                    const Kind kind = Kind.Patient;
                    const int count = 3;
                    const string id = "123";
                    return $"{kind}/{id}.read" + count + "/Observation.read" + id;
                }
            }
            """;

        await VerifyScope.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task A_constant_sum_in_a_hole_is_read_and_a_runtime_sum_is_a_hole()
    {
        const string source = """
            class C
            {
                const string Context = "patient/";

                string S() => {|#0:$"{Context + "Observation"}.read launch/patient"|};

                string T(int retry) => $"user{retry + 1}/Observation.read";
            }
            """;

        await VerifyScope.VerifyAnalyzerAsync(source,
            VerifyScope.Diagnostic("NSM010").WithLocation(0).WithArguments("'patient/Observation.read'", "'patient/Observation.rs'"));
    }

    [Fact]
    public async Task A_constant_of_a_nested_type_is_read_and_a_member_of_an_instance_is_not()
    {
        const string source = """
            static class Outer
            {
                public static class Inner
                {
                    public const string Context = "user/";
                }
            }

            class Holder
            {
                public Holder Next;
                public string Context = "user/";
            }

            class C
            {
                string S() => {|#0:Outer.Inner.Context + "Practitioner.read launch/patient"|};

                string T(Holder holder) => holder.Next.Context + "Patient.read";
            }
            """;

        await VerifyScope.VerifyAnalyzerAsync(source,
            VerifyScope.Diagnostic("NSM010").WithLocation(0).WithArguments("'user/Practitioner.read'", "'user/Practitioner.rs'"));
    }
}

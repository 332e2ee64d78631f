using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace Netsmart.Analyzers.Tests.Rules;

/// <summary>
/// A simple name in a concatenation is resolved from syntax alone (no binding) to a const local, whose literal value
/// is read from its declaration, or to a local or parameter, which is no constant: each kind of scope that declares
/// names, with a name that shadows an outer const local where the language allows it.
/// </summary>
public class LocalNameScopeTests
{
    [Fact]
    public async Task A_const_local_declared_in_a_switch_section_joins_the_literal_after_it()
    {
        const string source = """
            // A const initialized with a scope context ("patient", "user") opens the rule for this compilation.
            class C
            {
                string S(int kind)
                {
                    switch (kind)
                    {
                        case 1:
                            const string context = "patient";
                            return {|#0:context + "/Observation.read"|};
                        default:
                            return "";
                    }
                }
            }
            """;

        await VerifyScope.VerifyAnalyzerAsync(source,
            VerifyScope.Diagnostic("NSM010").WithLocation(0).WithArguments("'patient/Observation.read'", "'patient/Observation.rs'"));
    }

    [Fact]
    public async Task A_const_local_declared_by_a_top_level_statement_joins_the_literal_after_it()
    {
        const string source = """
            // A const initialized with a scope context ("patient", "user") opens the rule for this compilation.
            const string context = "patient";
            System.Console.WriteLine({|#0:context + "/Observation.read"|});
            """;

        var test = new VerifyScope.AnalyzerTest { TestCode = source };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(
            VerifyScope.Diagnostic("NSM010").WithLocation(0).WithArguments("'patient/Observation.read'", "'patient/Observation.rs'"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_parameter_of_a_local_function_lambda_or_anonymous_method_hides_the_outer_const_local()
    {
        const string source = """
            // A const initialized with a scope context ("patient", "user") opens the rule for this compilation.
            using System;

            class C
            {
                string S()
                {
                    const string context = "patient";
                    string Local(string context) => context + "/Observation.read";
                    Func<string, string> simple = context => context + "/Observation.read";
                    Func<string, int, string> parenthesized = (context, n) => context + "/Observation.read";
                    Func<string, string> anonymous = delegate (string context) { return context + "/Observation.read"; };
                    return {|#0:context + "/Observation.read"|};
                }
            }
            """;

        await VerifyScope.VerifyAnalyzerAsync(source,
            VerifyScope.Diagnostic("NSM010").WithLocation(0).WithArguments("'patient/Observation.read'", "'patient/Observation.rs'"));
    }

    [Fact]
    public async Task A_foreach_for_using_or_catch_variable_in_a_lambda_hides_the_outer_const_local()
    {
        const string source = """
            // A const initialized with a scope context ("patient", "user") opens the rule for this compilation.
            using System;
            using System.IO;

            class C
            {
                string S()
                {
                    const string context = "patient";
                    Func<string[], string> inForEach = items =>
                    {
                        foreach (string context in items)
                        {
                            return context + "/Observation.read";
                        }

                        return "";
                    };
                    Func<string[], string> inFor = items =>
                    {
                        for (string context = items[0]; ;)
                        {
                            return context + "/Observation.read";
                        }
                    };
                    Func<string, string> inUsing = path =>
                    {
                        using (StringReader context = new StringReader(path))
                        {
                            return context + "/Observation.read";
                        }
                    };
                    Func<string> inCatch = () =>
                    {
                        try
                        {
                            return "";
                        }
                        catch (Exception context)
                        {
                            return context + "/Observation.read";
                        }
                    };
                    return {|#0:context + "/Observation.read"|};
                }
            }
            """;

        await VerifyScope.VerifyAnalyzerAsync(source,
            VerifyScope.Diagnostic("NSM010").WithLocation(0).WithArguments("'patient/Observation.read'", "'patient/Observation.rs'"));
    }
}

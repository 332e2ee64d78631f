using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit.Sdk;

namespace Netsmart.Analyzers.Tests.Robustness;

/// <summary>
/// Property-based robustness of the analyzers and fixes on generated programs (Netsmart URLs and scopes in every
/// literal form and context, plus noise). Fixed seed and bounded counts, so CI is deterministic and fast;
/// NETSMART_PROPERTY_COUNT raises the counts (e.g. 2000 for a long run).
/// </summary>
public class AnalyzerRobustnessTests
{
    private static readonly TimeSpan SlowAnalysis = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_analyzers_never_throw_nor_hang_on_any_input_and_ignore_generated_files()
    {
        TestProgram[] programs = PropertySample.Sample(CodeGen.Noisy, PropertySample.Count(120));
        using var workspace = new AdhocWorkspace();
        foreach (TestProgram program in programs)
        {
            await Check(program, async () =>
            {
                Analysis analysis = await FixRunner.AnalyzeAsync(FixRunner.Create(workspace, program));
                Assert.Empty(analysis.Exceptions);
                Assert.True(analysis.Elapsed < SlowAnalysis, "analysis took " + analysis.Elapsed);
                Assert.DoesNotContain(analysis.Nsm, d => IsGenerated(d.Location.SourceTree!));
            });
        }
    }

    [Fact]
    public async Task Fixes_leave_no_new_error_are_idempotent_and_fix_all_equals_one_by_one()
    {
        TestProgram[] programs = PropertySample.Sample(CodeGen.Valid, PropertySample.Count(120) / 4);
        using var workspace = new AdhocWorkspace();
        int fixedPrograms = 0;
        foreach (TestProgram program in programs)
        {
            await Check(program, async () =>
            {
                Solution original = FixRunner.Create(workspace, program);
                Analysis before = await FixRunner.AnalyzeAsync(original);

                // Fix-All, then Fix-All again: no new compiler error, and the second pass changes nothing.
                Solution all = await FixRunner.FixAllAsync(original);
                Analysis afterAll = await FixRunner.AnalyzeAsync(all);
                Assert.Empty(FixRunner.NewErrors(before, afterAll));
                Assert.Empty(afterAll.Exceptions);
                Solution again = await FixRunner.FixAllAsync(all);
                Assert.Equal(FixRunner.Texts(all), FixRunner.Texts(again));

                // One by one, each on a fresh analysis, until no fix changes anything: each leaves no new error,
                // and the end is what Fix-All gave.
                Solution oneByOne = original;
                for (int step = 0; step < 200; step++)
                {
                    Analysis current = await FixRunner.AnalyzeAsync(oneByOne);
                    Assert.Empty(FixRunner.NewErrors(before, current));
                    Solution? next = null;
                    foreach (Diagnostic diagnostic in current.Nsm.Where(d => d.Properties.ContainsKey("Fixable")))
                    {
                        Solution? changed = await FixRunner.FixOneAsync(oneByOne, diagnostic);
                        if (changed != null && !FixRunner.Texts(changed).SequenceEqual(FixRunner.Texts(oneByOne)))
                        {
                            next = changed;
                            break;
                        }
                    }

                    if (next is null)
                    {
                        break;
                    }

                    oneByOne = next;
                }

                Assert.Equal(FixRunner.Texts(all), FixRunner.Texts(oneByOne));
                if (!FixRunner.Texts(all).SequenceEqual(FixRunner.Texts(original)))
                {
                    fixedPrograms++;
                }
            });
        }

        Assert.True(fixedPrograms >= programs.Length / 3, "only " + fixedPrograms + " of " + programs.Length + " programs had anything to fix: the generator lost its teeth");
    }

    [Fact]
    public async Task Fixed_format_calls_and_log_templates_compile_run_and_format_the_v2_url()
    {
        FormatProgram[] programs = PropertySample.Sample(CodeGen.FormatPrograms, PropertySample.Count(120) / 8);
        using var workspace = new AdhocWorkspace();
        foreach (FormatProgram program in programs)
        {
            await Check(program.Program, async () =>
            {
                Solution original = FixRunner.Create(workspace, program.Program, Runner.References, OutputKind.DynamicallyLinkedLibrary);
                await Runner.RunAsync(original); // the program runs before the fix

                Solution all = await FixRunner.FixAllAsync(original);
                Assert.Equal(program.ExpectedOutput, await Runner.RunAsync(all));
                Assert.Equal(FixRunner.Texts(all), FixRunner.Texts(await FixRunner.FixAllAsync(all)));
                Assert.Equal(FixRunner.Texts(all), FixRunner.Texts(await FixRunner.FixOneByOneAsync(original)));
            });
        }
    }

    [Fact]
    public async Task Fix_all_on_noisy_input_leaves_no_new_error_and_is_idempotent()
    {
        TestProgram[] programs = PropertySample.Sample(CodeGen.Noisy, PropertySample.Count(120) / 3);
        using var workspace = new AdhocWorkspace();
        foreach (TestProgram program in programs)
        {
            await Check(program, async () =>
            {
                Solution original = FixRunner.Create(workspace, program);
                Analysis before = await FixRunner.AnalyzeAsync(original);
                Solution all = await FixRunner.FixAllAsync(original);
                Analysis after = await FixRunner.AnalyzeAsync(all);
                Assert.Empty(FixRunner.NewErrors(before, after));
                Assert.Empty(after.Exceptions);
                Assert.Equal(FixRunner.Texts(all), FixRunner.Texts(await FixRunner.FixAllAsync(all)));
            });
        }
    }

    [Fact]
    public async Task Diagnostics_are_stable_under_reformatting()
    {
        TestProgram[] programs = PropertySample.Sample(CodeGen.Valid, PropertySample.Count(120) / 3);
        using var workspace = new AdhocWorkspace();
        int withDiagnostics = 0;
        foreach (TestProgram program in programs)
        {
            await Check(program, async () =>
            {
                Solution original = FixRunner.Create(workspace, program);
                IReadOnlyList<string> expected = (await FixRunner.AnalyzeAsync(original)).Signature;
                withDiagnostics += expected.Count > 0 ? 1 : 0;
                Assert.Equal(expected, (await FixRunner.AnalyzeAsync(await FixRunner.FormatAsync(original, normalize: false))).Signature);
                Assert.Equal(expected, (await FixRunner.AnalyzeAsync(await FixRunner.FormatAsync(original, normalize: true))).Signature);
            });
        }

        Assert.True(withDiagnostics >= programs.Length / 2, "only " + withDiagnostics + " programs had diagnostics");
    }

    private static bool IsGenerated(SyntaxTree tree) =>
        tree.FilePath.EndsWith(".g.cs", StringComparison.OrdinalIgnoreCase) || tree.GetText().ToString().StartsWith("// <auto-generated", StringComparison.Ordinal);

    /// <summary>Runs one property case; a failure names the generated program that broke it.</summary>
    private static async Task Check(TestProgram program, Func<Task> property)
    {
        try
        {
            await property();
        }
        catch (Exception ex) when (ex is XunitException || ex is InvalidOperationException || ex is ArgumentException || ex is NullReferenceException || ex is FormatException)
        {
            throw new XunitException("Failing program:\n" + program + "\n\n" + ex);
        }
    }
}

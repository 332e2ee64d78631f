using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Netsmart.Analyzers.Tests.Verifiers;

/// <summary>What a user sees of a code action (its title) and what Fix-All groups it by (its equivalence key).</summary>
public sealed record FixAction(string Title, string EquivalenceKey);

/// <summary>Analyzer + code-fix verification on top of Microsoft.CodeAnalysis.Testing with <see cref="DefaultVerifier"/>.</summary>
public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(string diagnosticId) =>
        CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(diagnosticId);

    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAnalyzerAsync(source, editorConfig: null, expected);

    public static async Task VerifyAnalyzerAsync(string source, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest(editorConfig) { TestCode = TestDefaults.Normalize(source) };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    public static Task VerifyCodeFixAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
        VerifyCodeFixAsync(source, fixedSource, editorConfig: null, expected);

    public static async Task VerifyCodeFixAsync(string source, string fixedSource, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new Test(editorConfig)
        {
            TestCode = TestDefaults.Normalize(source),
            FixedCode = TestDefaults.Normalize(fixedSource),
        };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// The fix (one by one and Fix-All in every scope) is the code action with <paramref name="action"/>'s equivalence key,
    /// and every applied action has its title.
    /// </summary>
    public static async Task VerifyCodeFixAsync(string source, string fixedSource, FixAction action, string? editorConfig = null, params DiagnosticResult[] expected)
    {
        var test = new Test(editorConfig)
        {
            TestCode = TestDefaults.Normalize(source),
            FixedCode = TestDefaults.Normalize(fixedSource),
            CodeActionEquivalenceKey = action.EquivalenceKey,
            CodeActionVerifier = (codeAction, verifier) =>
            {
                verifier.Equal(action.EquivalenceKey, codeAction.EquivalenceKey);
                verifier.Equal(action.Title, codeAction.Title);
            },
        };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>Diagnostics only: no code fix is applied.</summary>
    public class AnalyzerTest : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public AnalyzerTest(string? editorConfig = null)
        {
            ReferenceAssemblies = TestDefaults.ReferenceAssemblies;
            TestDefaults.Apply(TestState, editorConfig);
            SolutionTransforms.Add(TestDefaults.UseLatestLanguage);
            MarkupOptions = MarkupOptions.TreatPositionIndicatorsAsCode;
        }
    }

    public class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test(string? editorConfig = null)
        {
            ReferenceAssemblies = TestDefaults.ReferenceAssemblies;
            TestDefaults.Apply(TestState, editorConfig);
            SolutionTransforms.Add(TestDefaults.UseLatestLanguage);

            // "$$" opens raw interpolated strings in test code; it is not a caret here.
            MarkupOptions = MarkupOptions.TreatPositionIndicatorsAsCode;

            // Diagnostics left in the fixed code (e.g. NSM005 for a placeholder) are written as markup there too.
            FixedState.MarkupHandling = MarkupMode.Allow;
            BatchFixedState.MarkupHandling = MarkupMode.Allow;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Netsmart.Analyzers.Benchmarks;

/// <summary>
/// Runs an analyzer's syntax-node actions without the analyzer driver: one thread, every node of the registered
/// kinds in every tree, in document order. No scheduling, no telemetry overhead, no other analyzer: the cost of the
/// analyzer's own code (semantic-model binding it asks for included), to compare with the floor's.
/// </summary>
internal static class DirectDispatch
{
    /// <summary>NETSMART_PROBE=kinds: time per analyzer and node kind, printed after the run (a diagnostic aid).</summary>
    public static Dictionary<string, (long T, int N)>? PerKind = Environment.GetEnvironmentVariable("NETSMART_PROBE") == "kinds" ? new() : null;

    /// <summary>False in the real-codebase run (a baseline build may throw where this one does not): exceptions are counted.</summary>
    public static bool ThrowOnAnalyzerException = true;

    private static int _exceptions;

    /// <summary>Analyzer exceptions caught since the last call (when <see cref="ThrowOnAnalyzerException"/> is false).</summary>
    public static int TakeExceptions() => Interlocked.Exchange(ref _exceptions, 0);

    public static (double Milliseconds, int Calls, int Diagnostics) Run(Compilation compilation, DiagnosticAnalyzer analyzer)
    {
        var registration = new Registration(compilation);
        analyzer.Initialize(registration);
        var start = new StartContext(compilation);
        long started = Stopwatch.GetTimestamp();
        foreach (Action<CompilationStartAnalysisContext> action in registration.StartActions)
        {
            action(start);
        }

        if (PerKind != null)
        {
            // The compilation-start actions (in driver exec, not in the direct figures): their cost on this compilation.
            string key = analyzer.GetType().Name + " compilation start";
            PerKind.TryGetValue(key, out (long T, int N) seen);
            PerKind[key] = (seen.T + Stopwatch.GetTimestamp() - started, seen.N + 1);
        }

        if (PerKind != null)
        {
            string registered = analyzer.GetType().Name + " registered kinds: " +
                (start.NodeActions.Count == 0 ? "none" : string.Join(",", start.NodeActions.SelectMany(a => a.Kinds).Select(k => k.ToString().Replace("Expression", ""))));
            PerKind.TryGetValue(registered, out (long T, int N) seen);
            PerKind[registered] = (seen.T, seen.N + 1);
        }

        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
        int calls = 0, diagnostics = 0;
        Action<Diagnostic> report = _ => diagnostics++;
        Func<Diagnostic, bool> supported = _ => true;
        var nodes = new List<SyntaxNode>();
        var sw = new Stopwatch();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            nodes.Clear();
            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
            {
                nodes.Add(node);
            }

            SemanticModel model = compilation.GetSemanticModel(tree);
            sw.Start();
            foreach (SyntaxNode node in nodes)
            {
                foreach ((Action<SyntaxNodeAnalysisContext> action, ImmutableArray<SyntaxKind> kinds) in start.NodeActions)
                {
                    if (kinds.Contains((SyntaxKind)node.RawKind))
                    {
                        calls++;
                        long t0 = PerKind is null ? 0 : Stopwatch.GetTimestamp();
                        try
                        {
#pragma warning disable CS0618 // the public constructor is what a test host uses
                            action(new SyntaxNodeAnalysisContext(node, model, options, report, supported, CancellationToken.None));
#pragma warning restore CS0618
                        }
                        catch (Exception) when (!ThrowOnAnalyzerException)
                        {
                            Interlocked.Increment(ref _exceptions); // an AD0001 in a build: counted, the run goes on
                        }
                        if (PerKind != null)
                        {
                            string key = analyzer.GetType().Name + " " + node.Kind() + (node.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.BinaryExpressionSyntax ? " (in +)" : string.Empty);
                            PerKind.TryGetValue(key, out (long T, int N) v);
                            PerKind[key] = (v.T + Stopwatch.GetTimestamp() - t0, v.N + 1);
                        }
                    }
                }
            }

            sw.Stop();
        }

        return (sw.Elapsed.TotalMilliseconds, calls, diagnostics);
    }

    private sealed class Registration : AnalysisContext
    {
        private readonly Compilation _compilation;

        public Registration(Compilation compilation) => _compilation = compilation;

        public List<Action<CompilationStartAnalysisContext>> StartActions { get; } = new();

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => StartActions.Add(action);

        public override void EnableConcurrentExecution()
        {
        }

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
        {
        }

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => Unsupported();

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => Unsupported();

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => Unsupported();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => Unsupported();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => Unsupported();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => Unsupported();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => Unsupported();

        private void Unsupported() => throw new NotSupportedException("direct dispatch supports compilation-start + syntax-node actions only (" + _compilation.AssemblyName + ")");
    }

    private sealed class StartContext : CompilationStartAnalysisContext
    {
        public StartContext(Compilation compilation)
            : base(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), CancellationToken.None)
        {
        }

        public List<(Action<SyntaxNodeAnalysisContext> Action, ImmutableArray<SyntaxKind> Kinds)> NodeActions { get; } = new();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
            NodeActions.Add((action, syntaxKinds.Select(k => (SyntaxKind)(object)k).ToImmutableArray()));

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action)
        {
        }

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw new NotSupportedException();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw new NotSupportedException();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw new NotSupportedException();
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Netsmart.Migrate.Analysis.Host;

/// <summary>
/// What an analyzer's <c>Initialize</c> registered, captured once per analyzer instance (as the driver's analyzer manager
/// does): syntax-node and additional-file actions, compilation-start actions, generated-code flags, concurrency. Any other
/// registration throws <see cref="UnsupportedAnalyzerRegistrationException"/>.
/// </summary>
internal sealed class AnalyzerRegistrations
{
    private static readonly ConditionalWeakTable<DiagnosticAnalyzer, AnalyzerRegistrations> Captured = new();

    public List<Action<CompilationStartAnalysisContext>> CompilationStartActions { get; } = new();

    public List<(Action<SyntaxNodeAnalysisContext> Action, ImmutableArray<SyntaxKind> Kinds)> NodeActions { get; } = new();

    public List<Action<AdditionalFileAnalysisContext>> AdditionalFileActions { get; } = new();

    /// <summary>The driver's default when an analyzer does not configure it.</summary>
    public GeneratedCodeAnalysisFlags GeneratedCode { get; set; } = GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics;

    public bool Concurrent { get; set; }

    public ImmutableHashSet<string> SupportedIds { get; private set; } = ImmutableHashSet<string>.Empty;

    public Exception? InitializeFailure { get; private set; }

    /// <summary>The registrations of this analyzer instance; <c>Initialize</c> runs on the first call only.</summary>
    public static AnalyzerRegistrations Of(DiagnosticAnalyzer analyzer) => Captured.GetValue(analyzer, Initialize);

    private static AnalyzerRegistrations Initialize(DiagnosticAnalyzer analyzer)
    {
        var registrations = new AnalyzerRegistrations();
        try
        {
            registrations.SupportedIds = analyzer.SupportedDiagnostics.Select(d => d.Id).ToImmutableHashSet(StringComparer.Ordinal);
            analyzer.Initialize(new CapturingAnalysisContext(analyzer, registrations));
        }
        catch (Exception e) when (e is not UnsupportedAnalyzerRegistrationException)
        {
            registrations.InitializeFailure = e;
        }

        return registrations;
    }

    internal static ImmutableArray<SyntaxKind> CSharpKinds<TLanguageKindEnum>(DiagnosticAnalyzer analyzer, ImmutableArray<TLanguageKindEnum> kinds)
        where TLanguageKindEnum : struct
    {
        if (typeof(TLanguageKindEnum) != typeof(SyntaxKind))
        {
            throw Unsupported(analyzer, "RegisterSyntaxNodeAction<" + typeof(TLanguageKindEnum).Name + ">");
        }

        return kinds.Select(k => (SyntaxKind)(object)k).ToImmutableArray();
    }

    internal static UnsupportedAnalyzerRegistrationException Unsupported(DiagnosticAnalyzer analyzer, string registration) =>
        new(analyzer, registration);

    private sealed class CapturingAnalysisContext : AnalysisContext
    {
        private readonly DiagnosticAnalyzer _analyzer;
        private readonly AnalyzerRegistrations _registrations;

        public CapturingAnalysisContext(DiagnosticAnalyzer analyzer, AnalyzerRegistrations registrations)
        {
            _analyzer = analyzer;
            _registrations = registrations;
        }

        public override void EnableConcurrentExecution() => _registrations.Concurrent = true;

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => _registrations.GeneratedCode = analysisMode;

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => _registrations.CompilationStartActions.Add(action);

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
            _registrations.NodeActions.Add((action, CSharpKinds(_analyzer, syntaxKinds)));

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => _registrations.AdditionalFileActions.Add(action);

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw Unsupported(_analyzer, nameof(RegisterCompilationAction));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported(_analyzer, nameof(RegisterSemanticModelAction));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw Unsupported(_analyzer, nameof(RegisterSymbolAction));

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => throw Unsupported(_analyzer, nameof(RegisterSymbolStartAction));

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported(_analyzer, nameof(RegisterCodeBlockStartAction));

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported(_analyzer, nameof(RegisterCodeBlockAction));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported(_analyzer, nameof(RegisterSyntaxTreeAction));

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw Unsupported(_analyzer, nameof(RegisterOperationBlockStartAction));

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => throw Unsupported(_analyzer, nameof(RegisterOperationBlockAction));

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => throw Unsupported(_analyzer, nameof(RegisterOperationAction));
    }
}

/// <summary>What one compilation-start action of an analyzer registered for one compilation.</summary>
internal sealed class CapturingCompilationStartContext : CompilationStartAnalysisContext
{
    private readonly DiagnosticAnalyzer _analyzer;

    public CapturingCompilationStartContext(DiagnosticAnalyzer analyzer, Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
        : base(compilation, options, cancellationToken)
    {
        _analyzer = analyzer;
    }

    public List<(Action<SyntaxNodeAnalysisContext> Action, ImmutableArray<SyntaxKind> Kinds)> NodeActions { get; } = new();

    public List<Action<AdditionalFileAnalysisContext>> AdditionalFileActions { get; } = new();

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
        NodeActions.Add((action, AnalyzerRegistrations.CSharpKinds(_analyzer, syntaxKinds)));

    public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => AdditionalFileActions.Add(action);

    public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => throw Unsupported(nameof(RegisterCompilationEndAction));

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported(nameof(RegisterSemanticModelAction));

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw Unsupported(nameof(RegisterSymbolAction));

    public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => throw Unsupported(nameof(RegisterSymbolStartAction));

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported(nameof(RegisterCodeBlockStartAction));

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported(nameof(RegisterCodeBlockAction));

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported(nameof(RegisterSyntaxTreeAction));

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw Unsupported(nameof(RegisterOperationBlockStartAction));

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => throw Unsupported(nameof(RegisterOperationBlockAction));

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => throw Unsupported(nameof(RegisterOperationAction));

    private UnsupportedAnalyzerRegistrationException Unsupported(string registration) => AnalyzerRegistrations.Unsupported(_analyzer, registration);
}

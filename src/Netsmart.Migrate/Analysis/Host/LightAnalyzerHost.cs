using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Netsmart.Migrate.Analysis.Host;

/// <summary>
/// A light analyzer host for the package's syntax-driven analyzers. Roslyn's <c>CompilationWithAnalyzers</c>, even
/// for one file, compiles every method body of the file (<c>GetCompilationEventsForSingleFileAnalysis</c>) before it
/// runs a syntax-node action; our rules only ask the semantic model about the constant operands of a few
/// concatenations. This host captures what <see cref="DiagnosticAnalyzer.Initialize"/> and the compilation-start
/// actions register (<see cref="AnalyzerRegistrations"/>), visits each tree's nodes of the registered kinds (from the shared
/// <see cref="StringNodeIndex"/>) and invokes the actions with the tree's semantic model (binding happens only where an
/// analyzer asks), then filters the diagnostics as the driver does:
/// <list type="bullet">
/// <item>generated code (<see cref="GeneratedCode"/>) per <see cref="GeneratedCodeAnalysisFlags"/>;</item>
/// <item>the compiler's filter (<see cref="CompilerDiagnosticFilter"/>: configured severities, <c>#pragma warning</c>
/// through <see cref="PragmaWarningStates"/>, bulk severities).</item>
/// </list>
/// What only removes diagnostics and is rare — <c>[SuppressMessage]</c>, <c>[GeneratedCode]</c>, <c>#line hidden</c>
/// regions, and trees with syntax errors (whose nodes may lie outside any declaration the driver visits) — is not
/// reproduced: a tree that has findings and one of these (the attributes anywhere in the compilation) is handed back
/// (<see cref="NeedsDriver"/>) and analysed again by the real driver. JSON additional files go through the driver too
/// (<see cref="AdditionalFileAnalysisContext"/> has no public constructor; analysing an additional file compiles no C#).
/// </summary>
internal sealed class LightAnalyzerHost
{
    /// <summary>Expression kinds that cannot occur in structured trivia (directives, doc comments): no need to walk trivia for them.</summary>
    private static readonly HashSet<SyntaxKind> NeverInTrivia = new()
    {
        SyntaxKind.StringLiteralExpression, SyntaxKind.Utf8StringLiteralExpression, SyntaxKind.InterpolatedStringExpression,
        SyntaxKind.AddExpression, SyntaxKind.InterpolatedStringText, SyntaxKind.Interpolation,
        SyntaxKind.InvocationExpression, SyntaxKind.ObjectCreationExpression,
    };

    private readonly Compilation _compilation;
    private readonly AnalyzerOptions _options;
    private readonly CompilerDiagnosticFilter _filter;
    private readonly List<AnalyzerSession> _sessions;
    private readonly List<(AnalyzerSession Session, Action<SyntaxNodeAnalysisContext> Action)>?[] _actionsByKind;
    private readonly bool _walkTrivia;
    private readonly bool _indexCoversKinds;
    private readonly List<Diagnostic> _startFailures = new();

    private LightAnalyzerHost(Compilation compilation, AnalyzerOptions options, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _options = options;
        _filter = new CompilerDiagnosticFilter(compilation.Options, options);
        _sessions = new List<AnalyzerSession>(analyzers.Length);
        _actionsByKind = new List<(AnalyzerSession, Action<SyntaxNodeAnalysisContext>)>?[ushort.MaxValue + 1];
        var kinds = new HashSet<SyntaxKind>();
        foreach (DiagnosticAnalyzer analyzer in analyzers)
        {
            AnalyzerRegistrations registered = AnalyzerRegistrations.Of(analyzer);
            var session = new AnalyzerSession(analyzer, registered, _sessions.Count);
            _sessions.Add(session);
            if (registered.InitializeFailure is { } initializeFailure)
            {
                _startFailures.Add(AnalyzerSession.CreateAnalyzerFailure(analyzer, initializeFailure));
                continue;
            }

            session.NodeActions.AddRange(registered.NodeActions);
            session.AdditionalFileActions.AddRange(registered.AdditionalFileActions);
            foreach (Action<CompilationStartAnalysisContext> start in registered.CompilationStartActions)
            {
                var context = new CapturingCompilationStartContext(analyzer, compilation, options, cancellationToken);
                try
                {
                    start(context);
                }
                catch (Exception e) when (e is not UnsupportedAnalyzerRegistrationException and not OperationCanceledException)
                {
                    _startFailures.Add(AnalyzerSession.CreateAnalyzerFailure(analyzer, e));
                    continue;
                }

                session.NodeActions.AddRange(context.NodeActions);
                session.AdditionalFileActions.AddRange(context.AdditionalFileActions);
            }

            foreach ((Action<SyntaxNodeAnalysisContext> action, ImmutableArray<SyntaxKind> actionKinds) in session.NodeActions)
            {
                // Each listed kind once: the driver runs an action twice for a kind listed twice (a deliberate difference,
                // named by RegistrationSideBySideTests; no package rule lists a kind twice).
                foreach (SyntaxKind kind in actionKinds.Distinct())
                {
                    (_actionsByKind[(int)kind] ??= new()).Add((session, action));
                    kinds.Add(kind);
                }
            }
        }

        _walkTrivia = kinds.Any(k => !NeverInTrivia.Contains(k));
        _indexCoversKinds = kinds.IsSubsetOf(StringNodeIndex.Kinds);
    }

    /// <summary>True when some analyzer registered an additional-file action (the JSON files need the driver).</summary>
    public bool HasAdditionalFileActions => _sessions.Any(s => s.AdditionalFileActions.Count > 0);

    /// <summary>Failures of <c>Initialize</c> or a compilation-start action, as AD0001 diagnostics.</summary>
    public IReadOnlyList<Diagnostic> StartFailures => _startFailures;

    /// <summary>Captures the analyzers' registrations (Initialize once per analyzer instance, compilation-start actions now).</summary>
    public static LightAnalyzerHost Start(Compilation compilation, AnalyzerOptions options, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken) =>
        new(compilation, options, analyzers, cancellationToken);

    /// <summary>The outcome for one tree.</summary>
    public sealed class TreeResult
    {
        public TreeResult(ImmutableArray<Diagnostic> diagnostics, bool mayNeedDriver)
        {
            Diagnostics = diagnostics;
            MayNeedDriver = mayNeedDriver;
        }

        /// <summary>The diagnostics, filtered as the driver filters them (severity, pragmas, generated code).</summary>
        public ImmutableArray<Diagnostic> Diagnostics { get; }

        /// <summary>The tree has something this host does not reproduce (<c>#line hidden</c>, syntax errors).</summary>
        public bool MayNeedDriver { get; }
    }

    /// <summary>
    /// True when the driver must analyse this tree again: it has findings (or analyzer failures), and an attribute of the
    /// compilation may remove some of them (<see cref="SuppressingAttributes.ReachOf"/>: a suppression that may name a
    /// package rule, <c>[GeneratedCode]</c> on a partial declaration or in this tree), or the tree has <c>#line hidden</c>
    /// regions or syntax errors. Those only ever remove findings, so a tree without findings is exact.
    /// </summary>
    public static bool NeedsDriver(TreeResult result, bool attributesReachTree) =>
        !result.Diagnostics.IsEmpty && (attributesReachTree || result.MayNeedDriver);

    public TreeResult AnalyzeTree(SyntaxTree tree, CancellationToken cancellationToken)
    {
        SemanticModel? model = null;
        var raw = new List<(AnalyzerSession Session, Diagnostic Diagnostic, bool Failure)>();
        var reporters = new Action<Diagnostic>?[_sessions.Count];
        foreach (SyntaxNode node in NodesToAnalyze(tree, cancellationToken))
        {
            var actions = _actionsByKind[node.RawKind];
            if (actions is null)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            model ??= _compilation.GetSemanticModel(tree);
            foreach ((AnalyzerSession session, Action<SyntaxNodeAnalysisContext> action) in actions)
            {
                // The containing symbol is not computed (it would cost a declaration lookup per node): the package's
                // rules do not read it. ContainingSymbol is null here; a rule that needs it must extend this host.
                Action<Diagnostic> report = reporters[session.Index] ??= d => raw.Add((session, d, false));

                // Obsolete "use CompilationWithAnalyzers instead" (roslyn#63440): that is the point of this host.
#pragma warning disable CS0618
                var context = new SyntaxNodeAnalysisContext(node, containingSymbol: null, model, _options, report, session.IsSupportedDiagnostic, cancellationToken);
#pragma warning restore CS0618
                session.Invoke(action, context, raw);
            }
        }

        if (raw.Count == 0)
        {
            return new TreeResult(ImmutableArray<Diagnostic>.Empty, mayNeedDriver: false);
        }

        // Generated code: the driver does not run an analyzer without GeneratedCodeAnalysisFlags.Analyze there, nor
        // report its diagnostics without ReportDiagnostics. Running it and dropping what it found is the same outcome;
        // the test (editorconfig options, file name, header) is made only for trees with something to drop.
        bool isGenerated = GeneratedCode.IsGenerated(tree, _options, cancellationToken);
        bool mayNeedDriver = tree.GetRoot(cancellationToken).ContainsDiagnostics || tree.HasHiddenRegions();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        PragmaWarningStates? pragmas = null;
        foreach ((AnalyzerSession session, Diagnostic diagnostic, bool failure) in raw)
        {
            if (isGenerated && (session.Registrations.GeneratedCode & GeneratedCodeAnalysisFlags.Analyze) == 0)
            {
                continue; // the driver does not run this analyzer here
            }

            if (failure)
            {
                diagnostics.Add(diagnostic);
                continue;
            }

            if (isGenerated && (session.Registrations.GeneratedCode & GeneratedCodeAnalysisFlags.ReportDiagnostics) == 0 && diagnostic.Location.SourceTree == tree)
            {
                continue;
            }

            if (_filter.Filter(diagnostic, tree, ref pragmas, cancellationToken) is { } filtered)
            {
                diagnostics.Add(filtered);
            }
        }

        return new TreeResult(diagnostics.ToImmutable(), mayNeedDriver);
    }

    /// <summary>The nodes to visit: the shared string-node index when it covers the registered kinds, else every node.</summary>
    private IEnumerable<SyntaxNode> NodesToAnalyze(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (_indexCoversKinds)
        {
            return StringNodeIndex.Of(tree, cancellationToken).Nodes;
        }

        SyntaxNode root = tree.GetRoot(cancellationToken);
        return root.DescendantNodesAndSelf(descendIntoTrivia: _walkTrivia && root.HasStructuredTrivia);
    }
}

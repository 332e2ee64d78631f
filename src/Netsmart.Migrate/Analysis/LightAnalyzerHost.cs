using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Netsmart.Migrate.Analysis;

/// <summary>
/// Thrown when an analyzer registers an action kind the light host does not run. Never swallowed (not an AD0001):
/// a rule must not be skipped silently. <c>NETSMART_MIGRATE_HOST=driver</c> runs the real analyzer driver instead.
/// </summary>
internal sealed class UnsupportedAnalyzerRegistrationException : Exception
{
    public UnsupportedAnalyzerRegistrationException(DiagnosticAnalyzer analyzer, string registration)
        : base($"internal error: analyzer '{analyzer.GetType().FullName}' calls {registration}, which netsmart-migrate's light analyzer host " +
               $"does not run (it runs syntax-node and additional-file actions). Run with {AnalyzerHosts.EnvironmentVariable}=driver to use " +
               "Roslyn's analyzer driver, and extend Analysis/LightAnalyzerHost.cs.")
    {
    }
}

/// <summary>
/// A light analyzer host for the package's syntax-driven analyzers. Roslyn's <c>CompilationWithAnalyzers</c>, even
/// for one file, compiles every method body of the file (<c>GetCompilationEventsForSingleFileAnalysis</c>) before it
/// runs a syntax-node action; our rules only ask the semantic model about the constant operands of a few
/// concatenations. This host captures what <see cref="DiagnosticAnalyzer.Initialize"/> and the compilation-start
/// actions register, visits each tree's nodes of the registered kinds (from the shared <see cref="StringNodeIndex"/>) and
/// invokes the actions with the tree's semantic model (binding happens only where an analyzer asks), then filters the
/// diagnostics as the driver does:
/// <list type="bullet">
/// <item>generated code (<c>generated_code</c> option, generated file names, <c>&lt;auto-generated&gt;</c> header) per <see cref="GeneratedCodeAnalysisFlags"/>;</item>
/// <item>the compiler's filter (<c>CSharpDiagnosticFilter</c>, internal, reproduced: <c>.editorconfig</c> / global config
/// severities via <see cref="SyntaxTreeOptionsProvider"/>, <c>none</c>, <c>#pragma warning disable/restore</c>), then the
/// bulk <c>dotnet_analyzer_diagnostic[.category-X].severity</c> options; an analyzer's own effective severity (NSM003
/// info) stays when nothing overrides it.</item>
/// </list>
/// What only removes diagnostics and is rare — <c>[SuppressMessage]</c>, <c>[GeneratedCode]</c>, <c>#line hidden</c>
/// regions, and trees with syntax errors (whose nodes may lie outside any declaration the driver visits) — is not
/// reproduced: a tree that has findings and one of these (the attributes anywhere in the compilation) is handed back
/// (<see cref="NeedsDriver"/>) and analysed again by the real driver. JSON additional files go through the driver too
/// (<see cref="AdditionalFileAnalysisContext"/> has no public constructor; analysing an additional file compiles no C#).
/// </summary>
internal sealed class LightAnalyzerHost
{
    private static readonly ConditionalWeakTable<DiagnosticAnalyzer, AnalyzerRegistrations> Registrations = new();

    public const string AnalyzerFailureId = "AD0001";

    /// <summary>Expression kinds that cannot occur in structured trivia (directives, doc comments): no need to walk trivia for them.</summary>
    private static readonly HashSet<SyntaxKind> NeverInTrivia = new()
    {
        SyntaxKind.StringLiteralExpression, SyntaxKind.Utf8StringLiteralExpression, SyntaxKind.InterpolatedStringExpression,
        SyntaxKind.AddExpression, SyntaxKind.InterpolatedStringText, SyntaxKind.Interpolation,
        SyntaxKind.InvocationExpression, SyntaxKind.ObjectCreationExpression,
    };

    private readonly Compilation compilation;
    private readonly AnalyzerOptions options;
    private readonly List<AnalyzerSession> sessions;
    private readonly List<(AnalyzerSession Session, Action<SyntaxNodeAnalysisContext> Action)>?[] actionsByKind;
    private readonly bool walkTrivia;
    private readonly bool indexCoversKinds;
    private readonly List<Diagnostic> startFailures = new();

    private LightAnalyzerHost(Compilation compilation, AnalyzerOptions options, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken)
    {
        this.compilation = compilation;
        this.options = options;
        sessions = new List<AnalyzerSession>(analyzers.Length);
        actionsByKind = new List<(AnalyzerSession, Action<SyntaxNodeAnalysisContext>)>?[ushort.MaxValue + 1];
        var kinds = new HashSet<SyntaxKind>();
        foreach (DiagnosticAnalyzer analyzer in analyzers)
        {
            AnalyzerRegistrations registered = Registrations.GetValue(analyzer, a => AnalyzerRegistrations.Initialize(a));
            var session = new AnalyzerSession(analyzer, registered, sessions.Count);
            sessions.Add(session);
            if (registered.InitializeFailure is { } initializeFailure)
            {
                startFailures.Add(CreateAnalyzerFailure(analyzer, initializeFailure));
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
                    startFailures.Add(CreateAnalyzerFailure(analyzer, e));
                    continue;
                }

                session.NodeActions.AddRange(context.NodeActions);
                session.AdditionalFileActions.AddRange(context.AdditionalFileActions);
            }

            foreach ((Action<SyntaxNodeAnalysisContext> action, ImmutableArray<SyntaxKind> actionKinds) in session.NodeActions)
            {
                foreach (SyntaxKind kind in actionKinds.Distinct())
                {
                    (actionsByKind[(int)kind] ??= new()).Add((session, action));
                    kinds.Add(kind);
                }
            }
        }

        walkTrivia = kinds.Any(k => !NeverInTrivia.Contains(k));
        indexCoversKinds = kinds.IsSubsetOf(StringNodeIndex.Kinds);
    }

    /// <summary>True when some analyzer registered an additional-file action (the JSON files need the driver).</summary>
    public bool HasAdditionalFileActions => sessions.Any(s => s.AdditionalFileActions.Count > 0);

    /// <summary>Failures of <c>Initialize</c> or a compilation-start action, as AD0001 diagnostics.</summary>
    public IReadOnlyList<Diagnostic> StartFailures => startFailures;

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
    /// True when the driver must analyse this tree again: it has findings (or analyzer failures), and the compilation
    /// holds <c>SuppressMessage</c> or <c>GeneratedCode</c> attributes (which may apply to it from any file), or the tree
    /// has <c>#line hidden</c> regions or syntax errors. Those only ever remove findings, so a tree without findings is exact.
    /// </summary>
    public static bool NeedsDriver(TreeResult result, bool compilationHasAttributeSuppressions) =>
        !result.Diagnostics.IsEmpty && (compilationHasAttributeSuppressions || result.MayNeedDriver);

    /// <summary>True when the text names an attribute that suppresses or marks code as generated (SuppressMessage, UnconditionalSuppressMessage, GeneratedCode).</summary>
    public static bool MentionsSuppressingAttribute(SyntaxTree tree, CancellationToken cancellationToken)
    {
        SourceText text = tree.GetText(cancellationToken);
        string content = text.ToString();
        return content.Contains("SuppressMessage", StringComparison.Ordinal) || content.Contains("GeneratedCode", StringComparison.Ordinal);
    }

    public TreeResult AnalyzeTree(SyntaxTree tree, CancellationToken cancellationToken)
    {
        SemanticModel? model = null;
        var raw = new List<(AnalyzerSession Session, Diagnostic Diagnostic, bool Failure)>();
        var reporters = new Action<Diagnostic>?[sessions.Count];
        foreach (SyntaxNode node in NodesToAnalyze(tree, cancellationToken))
        {
            var actions = actionsByKind[node.RawKind];
            if (actions is null)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            model ??= compilation.GetSemanticModel(tree);
            foreach ((AnalyzerSession session, Action<SyntaxNodeAnalysisContext> action) in actions)
            {
                // The containing symbol is not computed (it would cost a declaration lookup per node): the package's
                // rules do not read it. ContainingSymbol is null here; a rule that needs it must extend this host.
                Action<Diagnostic> report = reporters[session.Index] ??= d => raw.Add((session, d, false));

                // Obsolete "use CompilationWithAnalyzers instead" (roslyn#63440): that is the point of this host.
#pragma warning disable CS0618
                var context = new SyntaxNodeAnalysisContext(node, containingSymbol: null, model, options, report, session.IsSupportedDiagnostic, cancellationToken);
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
        bool isGenerated = IsGeneratedCode(tree, cancellationToken);
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

            if (Filter(diagnostic, tree, ref pragmas, cancellationToken) is { } filtered)
            {
                diagnostics.Add(filtered);
            }
        }

        return new TreeResult(diagnostics.ToImmutable(), mayNeedDriver);
    }

    /// <summary>The nodes to visit: the shared string-node index when it covers the registered kinds, else every node.</summary>
    private IEnumerable<SyntaxNode> NodesToAnalyze(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (indexCoversKinds)
        {
            return StringNodeIndex.Of(tree, cancellationToken).Nodes;
        }

        SyntaxNode root = tree.GetRoot(cancellationToken);
        return root.DescendantNodesAndSelf(descendIntoTrivia: walkTrivia && root.HasStructuredTrivia);
    }

    /// <summary>
    /// As the driver's diagnostic sink: the compiler's filter (<c>CSharpDiagnosticFilter</c>, internal in Roslyn; here for an
    /// analyzer diagnostic without command-line options: tree then global config severity, <c>#pragma warning</c>), then the
    /// bulk analyzer-severity options. Null when the diagnostic is not reported (<c>none</c>, or suppressed by a pragma).
    /// </summary>
    private Diagnostic? Filter(Diagnostic diagnostic, SyntaxTree tree, ref PragmaWarningStates? pragmas, CancellationToken cancellationToken)
    {
        if (diagnostic.Location.SourceTree != tree)
        {
            return Filter(diagnostic, diagnostic.Location.SourceTree, cancellationToken);
        }

        ReportDiagnostic report = CompilerReport(diagnostic, tree, cancellationToken);
        if (report == ReportDiagnostic.Suppress)
        {
            return null;
        }

        pragmas ??= new PragmaWarningStates(tree, cancellationToken);
        if (pragmas.IsDisabled(diagnostic.Id, diagnostic.Location.SourceSpan.Start))
        {
            return null;
        }

        return ApplyBulkSeverity(WithReport(diagnostic, report), tree, cancellationToken);
    }

    private Diagnostic? Filter(Diagnostic diagnostic, SyntaxTree? tree, CancellationToken cancellationToken)
    {
        ReportDiagnostic report = CompilerReport(diagnostic, tree, cancellationToken);
        if (report == ReportDiagnostic.Suppress ||
            (tree != null && new PragmaWarningStates(tree, cancellationToken).IsDisabled(diagnostic.Id, diagnostic.Location.SourceSpan.Start)))
        {
            return null;
        }

        return tree is null ? WithReport(diagnostic, report) : ApplyBulkSeverity(WithReport(diagnostic, report), tree, cancellationToken);
    }

    private ReportDiagnostic CompilerReport(Diagnostic diagnostic, SyntaxTree? tree, CancellationToken cancellationToken)
    {
        CompilationOptions compilationOptions = compilation.Options;
        if (diagnostic.WarningLevel > compilationOptions.WarningLevel)
        {
            return ReportDiagnostic.Suppress;
        }

        bool isSpecified = compilationOptions.SpecificDiagnosticOptions.TryGetValue(diagnostic.Id, out ReportDiagnostic report);
        bool warnAsErrorMinus = isSpecified && report == ReportDiagnostic.Default;
        SyntaxTreeOptionsProvider? provider = compilationOptions.SyntaxTreeOptionsProvider;
        if (provider != null && (!isSpecified || warnAsErrorMinus) &&
            ((tree != null && provider.TryGetDiagnosticValue(tree, diagnostic.Id, cancellationToken, out ReportDiagnostic configured)) ||
             provider.TryGetGlobalDiagnosticValue(diagnostic.Id, cancellationToken, out configured)) &&
            !(warnAsErrorMinus && diagnostic.Severity == DiagnosticSeverity.Warning && configured == ReportDiagnostic.Error))
        {
            isSpecified = true;
            report = configured;
            if (!warnAsErrorMinus && report == ReportDiagnostic.Warn && compilationOptions.GeneralDiagnosticOption == ReportDiagnostic.Error)
            {
                report = ReportDiagnostic.Error;
            }
        }

        if (!isSpecified)
        {
            report = diagnostic.Descriptor.IsEnabledByDefault ? ReportDiagnostic.Default : ReportDiagnostic.Suppress;
        }

        if (report == ReportDiagnostic.Default)
        {
            // The compilation's general option (/warnaserror, /nowarn): never set by this tool, kept for completeness.
            if (compilationOptions.GeneralDiagnosticOption == ReportDiagnostic.Error && diagnostic.Severity == DiagnosticSeverity.Warning && !isSpecified)
            {
                report = ReportDiagnostic.Error;
            }
            else if (compilationOptions.GeneralDiagnosticOption == ReportDiagnostic.Suppress &&
                     diagnostic.Severity is DiagnosticSeverity.Warning or DiagnosticSeverity.Info)
            {
                report = ReportDiagnostic.Suppress;
            }
        }

        return report;
    }

    private Diagnostic? ApplyBulkSeverity(Diagnostic? diagnostic, SyntaxTree tree, CancellationToken cancellationToken) =>
        diagnostic != null && TryGetSeverityFromBulkConfiguration(tree, diagnostic.Descriptor, cancellationToken, out ReportDiagnostic severity)
            ? WithReport(diagnostic, severity)
            : diagnostic;

    /// <summary>Roslyn's internal <c>Diagnostic.WithReportDiagnostic</c>, with public API only.</summary>
    private static Diagnostic? WithReport(Diagnostic diagnostic, ReportDiagnostic report)
    {
        DiagnosticSeverity? severity = report switch
        {
            ReportDiagnostic.Suppress => null,
            ReportDiagnostic.Error => DiagnosticSeverity.Error,
            ReportDiagnostic.Warn => DiagnosticSeverity.Warning,
            ReportDiagnostic.Info => DiagnosticSeverity.Info,
            ReportDiagnostic.Hidden => DiagnosticSeverity.Hidden,
            _ => diagnostic.Severity,
        };
        if (severity is null)
        {
            return null;
        }

        if (severity == diagnostic.Severity)
        {
            return diagnostic;
        }

        // Diagnostic.WithSeverity is internal: the same diagnostic (id, descriptor texts, message, location, properties)
        // with the configured severity.
        DiagnosticDescriptor descriptor = diagnostic.Descriptor;
        return Diagnostic.Create(
            diagnostic.Id,
            descriptor.Category,
            diagnostic.GetMessage(CultureInfo.InvariantCulture),
            severity.Value,
            descriptor.DefaultSeverity,
            descriptor.IsEnabledByDefault,
            severity == DiagnosticSeverity.Error ? 0 : 1,
            descriptor.Title,
            descriptor.Description,
            descriptor.HelpLinkUri,
            diagnostic.Location,
            diagnostic.AdditionalLocations,
            descriptor.CustomTags,
            diagnostic.Properties);
    }

    /// <summary>Roslyn's <c>AnalyzerOptionsExtensions.TryGetSeverityFromBulkConfiguration</c> (internal there).</summary>
    private bool TryGetSeverityFromBulkConfiguration(SyntaxTree tree, DiagnosticDescriptor descriptor, CancellationToken cancellationToken, out ReportDiagnostic severity)
    {
        severity = ReportDiagnostic.Default;
        if (!descriptor.IsEnabledByDefault || descriptor.CustomTags.Any(t => t is WellKnownDiagnosticTags.Compiler or WellKnownDiagnosticTags.NotConfigurable) ||
            compilation.Options.SpecificDiagnosticOptions.ContainsKey(descriptor.Id))
        {
            return false;
        }

        SyntaxTreeOptionsProvider? provider = compilation.Options.SyntaxTreeOptionsProvider;
        if (provider != null &&
            (provider.TryGetDiagnosticValue(tree, descriptor.Id, cancellationToken, out _) || provider.TryGetGlobalDiagnosticValue(descriptor.Id, cancellationToken, out _)))
        {
            return false;
        }

        AnalyzerConfigOptions treeOptions = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        return (treeOptions.TryGetValue("dotnet_analyzer_diagnostic.category-" + descriptor.Category + ".severity", out string? value) && TryParseSeverity(value, out severity)) ||
               (treeOptions.TryGetValue("dotnet_analyzer_diagnostic.severity", out value) && TryParseSeverity(value, out severity));
    }

    /// <summary>Roslyn's <c>AnalyzerConfigSet.TryParseSeverity</c>.</summary>
    internal static bool TryParseSeverity(string value, out ReportDiagnostic severity)
    {
        ReadOnlySpan<char> trimmed = value.AsSpan();
        int comment = trimmed.IndexOfAny(';', '#');
        if (comment >= 0)
        {
            trimmed = trimmed[..comment].Trim();
        }

        severity = trimmed.ToString().ToLowerInvariant() switch
        {
            "default" => ReportDiagnostic.Default,
            "error" => ReportDiagnostic.Error,
            "warning" => ReportDiagnostic.Warn,
            "suggestion" => ReportDiagnostic.Info,
            "silent" or "refactoring" => ReportDiagnostic.Hidden,
            "none" => ReportDiagnostic.Suppress,
            _ => (ReportDiagnostic)(-1),
        };
        return severity != (ReportDiagnostic)(-1);
    }

    /// <summary>The driver's generated-code test: <c>generated_code</c> from the options, else file name or header comment.</summary>
    internal bool IsGeneratedCode(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue("generated_code", out string? value) && bool.TryParse(value, out bool configured))
        {
            return configured;
        }

        return IsGeneratedCodeFile(tree.FilePath) || BeginsWithAutoGeneratedComment(tree, cancellationToken);
    }

    private static bool IsGeneratedCodeFile(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return false;
        }

        string fileName = Path.GetFileName(path);
        if (fileName.StartsWith("TemporaryGeneratedFile_", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.IsNullOrEmpty(Path.GetExtension(fileName)))
        {
            return false;
        }

        string stem = Path.GetFileNameWithoutExtension(fileName);
        return stem.EndsWith(".designer", StringComparison.OrdinalIgnoreCase) || stem.EndsWith(".generated", StringComparison.OrdinalIgnoreCase) ||
               stem.EndsWith(".g", StringComparison.OrdinalIgnoreCase) || stem.EndsWith(".g.i", StringComparison.OrdinalIgnoreCase);
    }

    private static bool BeginsWithAutoGeneratedComment(SyntaxTree tree, CancellationToken cancellationToken)
    {
        SyntaxNode root = tree.GetRoot(cancellationToken);
        if (!root.HasLeadingTrivia)
        {
            return false;
        }

        foreach (SyntaxTrivia trivia in root.GetLeadingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
            {
                string text = trivia.ToString();
                if (text.Contains("<autogenerated", StringComparison.Ordinal) || text.Contains("<auto-generated", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>An analyzer exception as the driver reports it (AD0001; the CLI turns it into an input problem).</summary>
    private static Diagnostic CreateAnalyzerFailure(DiagnosticAnalyzer analyzer, Exception exception) =>
        Diagnostic.Create(
            AnalyzerFailureId,
            "Compiler",
            string.Format(CultureInfo.InvariantCulture, "Analyzer '{0}' threw an exception of type '{1}' with message '{2}'.", analyzer.GetType().FullName, exception.GetType().FullName, exception.Message),
            DiagnosticSeverity.Warning,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            warningLevel: 1,
            title: "Analyzer Failure",
            customTags: new[] { "AnalyzerException" });

    /// <summary>
    /// The <c>#pragma warning disable/restore</c> state of a tree (Roslyn's <c>SyntaxTree.GetPragmaDirectiveWarningState</c>
    /// is internal): directives in order; one without ids sets every id and forgets the specific ones; the state at a
    /// position is the one after the last directive before it.
    /// </summary>
    private sealed class PragmaWarningStates
    {
        private readonly List<(int Position, bool GeneralDisabled, ImmutableDictionary<string, bool> Disabled)> entries = new();

        public PragmaWarningStates(SyntaxTree tree, CancellationToken cancellationToken)
        {
            SyntaxNode root = tree.GetRoot(cancellationToken);
            if (!root.ContainsDirectives)
            {
                return;
            }

            bool general = false;
            var noSpecific = ImmutableDictionary.Create<string, bool>(StringComparer.Ordinal); // "nsm001" is not NSM001, as in the compiler
            var specific = noSpecific;
            for (Microsoft.CodeAnalysis.CSharp.Syntax.DirectiveTriviaSyntax? directive = ((CSharpSyntaxNode)root).GetFirstDirective();
                 directive != null;
                 directive = directive.GetNextDirective())
            {
                if (directive is not Microsoft.CodeAnalysis.CSharp.Syntax.PragmaWarningDirectiveTriviaSyntax pragma || !pragma.IsActive)
                {
                    continue;
                }

                bool? disabled = pragma.DisableOrRestoreKeyword.Kind() switch
                {
                    SyntaxKind.DisableKeyword => true,
                    SyntaxKind.RestoreKeyword => false,
                    _ => null, // "enable": never changes what an analyzer diagnostic does here
                };
                if (disabled is null)
                {
                    continue;
                }

                if (pragma.ErrorCodes.Count == 0)
                {
                    general = disabled.Value;
                    specific = noSpecific;
                }
                else
                {
                    foreach (Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax code in pragma.ErrorCodes)
                    {
                        if (code.IsMissing || code.ContainsDiagnostics)
                        {
                            continue;
                        }

                        string id = code switch
                        {
                            Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax { Token.Value: int number } when code.IsKind(SyntaxKind.NumericLiteralExpression) =>
                                "CS" + number.ToString("0000", CultureInfo.InvariantCulture),
                            Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax name => name.Identifier.ValueText,
                            _ => string.Empty,
                        };
                        if (!string.IsNullOrWhiteSpace(id))
                        {
                            specific = specific.SetItem(id, disabled.Value);
                        }
                    }
                }

                entries.Add((directive.Span.End, general, specific));
            }
        }

        public bool IsDisabled(string id, int position)
        {
            for (int i = entries.Count - 1; i >= 0; i--)
            {
                if (entries[i].Position <= position)
                {
                    return entries[i].Disabled.TryGetValue(id, out bool disabled) ? disabled : entries[i].GeneralDisabled;
                }
            }

            return false;
        }
    }

    /// <summary>One analyzer in one compilation: its actions, and a gate when it did not enable concurrent execution.</summary>
    private sealed class AnalyzerSession
    {
        private readonly ImmutableHashSet<string> supportedIds;
        private readonly object? gate;

        public AnalyzerSession(DiagnosticAnalyzer analyzer, AnalyzerRegistrations registrations, int index)
        {
            Analyzer = analyzer;
            Index = index;
            Registrations = registrations;
            supportedIds = registrations.SupportedIds;
            gate = registrations.Concurrent ? null : new object();
            IsSupportedDiagnostic = d => supportedIds.Contains(d.Id);
        }

        public DiagnosticAnalyzer Analyzer { get; }

        public int Index { get; }

        public AnalyzerRegistrations Registrations { get; }

        public List<(Action<SyntaxNodeAnalysisContext> Action, ImmutableArray<SyntaxKind> Kinds)> NodeActions { get; } = new();

        public List<Action<AdditionalFileAnalysisContext>> AdditionalFileActions { get; } = new();

        public Func<Diagnostic, bool> IsSupportedDiagnostic { get; }

        /// <summary>Runs one action; an exception becomes an AD0001 diagnostic, as in the driver (the tool never crashes on it).</summary>
        public void Invoke(Action<SyntaxNodeAnalysisContext> action, SyntaxNodeAnalysisContext context, List<(AnalyzerSession, Diagnostic, bool)> sink)
        {
            try
            {
                if (gate is null)
                {
                    action(context);
                }
                else
                {
                    lock (gate)
                    {
                        action(context);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
            {
                sink.Add((this, CreateAnalyzerFailure(Analyzer, e), true));
            }
        }
    }

    /// <summary>What an analyzer's <c>Initialize</c> registered (once per analyzer instance, as the driver's analyzer manager does).</summary>
    private sealed class AnalyzerRegistrations
    {
        public List<Action<CompilationStartAnalysisContext>> CompilationStartActions { get; } = new();

        public List<(Action<SyntaxNodeAnalysisContext> Action, ImmutableArray<SyntaxKind> Kinds)> NodeActions { get; } = new();

        public List<Action<AdditionalFileAnalysisContext>> AdditionalFileActions { get; } = new();

        /// <summary>The driver's default when an analyzer does not configure it.</summary>
        public GeneratedCodeAnalysisFlags GeneratedCode { get; set; } = GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics;

        public bool Concurrent { get; set; }

        public ImmutableHashSet<string> SupportedIds { get; private set; } = ImmutableHashSet<string>.Empty;

        public Exception? InitializeFailure { get; private set; }

        public static AnalyzerRegistrations Initialize(DiagnosticAnalyzer analyzer)
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
    }

    private sealed class CapturingAnalysisContext : AnalysisContext
    {
        private readonly DiagnosticAnalyzer analyzer;
        private readonly AnalyzerRegistrations registrations;

        public CapturingAnalysisContext(DiagnosticAnalyzer analyzer, AnalyzerRegistrations registrations)
        {
            this.analyzer = analyzer;
            this.registrations = registrations;
        }

        public override void EnableConcurrentExecution() => registrations.Concurrent = true;

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => registrations.GeneratedCode = analysisMode;

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => registrations.CompilationStartActions.Add(action);

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
            registrations.NodeActions.Add((action, CSharpKinds(analyzer, syntaxKinds)));

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => registrations.AdditionalFileActions.Add(action);

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw Unsupported(analyzer, nameof(RegisterCompilationAction));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported(analyzer, nameof(RegisterSemanticModelAction));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw Unsupported(analyzer, nameof(RegisterSymbolAction));

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => throw Unsupported(analyzer, nameof(RegisterSymbolStartAction));

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported(analyzer, nameof(RegisterCodeBlockStartAction));

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported(analyzer, nameof(RegisterCodeBlockAction));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported(analyzer, nameof(RegisterSyntaxTreeAction));

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw Unsupported(analyzer, nameof(RegisterOperationBlockStartAction));

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => throw Unsupported(analyzer, nameof(RegisterOperationBlockAction));

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => throw Unsupported(analyzer, nameof(RegisterOperationAction));
    }

    private sealed class CapturingCompilationStartContext : CompilationStartAnalysisContext
    {
        private readonly DiagnosticAnalyzer analyzer;

        public CapturingCompilationStartContext(DiagnosticAnalyzer analyzer, Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
            : base(compilation, options, cancellationToken)
        {
            this.analyzer = analyzer;
        }

        public List<(Action<SyntaxNodeAnalysisContext> Action, ImmutableArray<SyntaxKind> Kinds)> NodeActions { get; } = new();

        public List<Action<AdditionalFileAnalysisContext>> AdditionalFileActions { get; } = new();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
            NodeActions.Add((action, CSharpKinds(analyzer, syntaxKinds)));

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => AdditionalFileActions.Add(action);

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => throw Unsupported(analyzer, nameof(RegisterCompilationEndAction));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported(analyzer, nameof(RegisterSemanticModelAction));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw Unsupported(analyzer, nameof(RegisterSymbolAction));

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => throw Unsupported(analyzer, nameof(RegisterSymbolStartAction));

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported(analyzer, nameof(RegisterCodeBlockStartAction));

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported(analyzer, nameof(RegisterCodeBlockAction));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported(analyzer, nameof(RegisterSyntaxTreeAction));

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw Unsupported(analyzer, nameof(RegisterOperationBlockStartAction));

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => throw Unsupported(analyzer, nameof(RegisterOperationBlockAction));

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => throw Unsupported(analyzer, nameof(RegisterOperationAction));
    }

    private static ImmutableArray<SyntaxKind> CSharpKinds<TLanguageKindEnum>(DiagnosticAnalyzer analyzer, ImmutableArray<TLanguageKindEnum> kinds)
        where TLanguageKindEnum : struct
    {
        if (typeof(TLanguageKindEnum) != typeof(SyntaxKind))
        {
            throw Unsupported(analyzer, "RegisterSyntaxNodeAction<" + typeof(TLanguageKindEnum).Name + ">");
        }

        return kinds.Select(k => (SyntaxKind)(object)k).ToImmutableArray();
    }

    private static UnsupportedAnalyzerRegistrationException Unsupported(DiagnosticAnalyzer analyzer, string registration) =>
        new(analyzer, registration);
}

/// <summary>Which analyzer host runs the rules: the light one (default) or Roslyn's driver (<c>NETSMART_MIGRATE_HOST=driver</c>).</summary>
internal static class AnalyzerHosts
{
    public const string EnvironmentVariable = "NETSMART_MIGRATE_HOST";

    private static readonly AsyncLocal<bool?> OverrideUseDriver = new();

    /// <summary>For tests: the host of the current async flow (null: from the environment).</summary>
    public static bool? UseDriverOverride
    {
        get => OverrideUseDriver.Value;
        set => OverrideUseDriver.Value = value;
    }

    private static readonly AsyncLocal<StrongBox<int>?> FallbackCounter = new();

    /// <summary>For tests: counts, in the current async flow, the trees the light host handed to the driver.</summary>
    public static StrongBox<int> StartCountingFallbacks() => FallbackCounter.Value = new StrongBox<int>();

    public static void CountFallback(int trees)
    {
        if (FallbackCounter.Value is { } counter)
        {
            Interlocked.Add(ref counter.Value, trees);
        }
    }

    public static bool UseDriver =>
        UseDriverOverride ?? string.Equals(Environment.GetEnvironmentVariable(EnvironmentVariable), "driver", StringComparison.OrdinalIgnoreCase);
}

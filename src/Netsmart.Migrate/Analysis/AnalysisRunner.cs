using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Netsmart.Knowledge.Config;
using Netsmart.Migrate.Analysis.Host;
using Netsmart.Migrate.Cli;
using Netsmart.Migrate.Input;

namespace Netsmart.Migrate.Analysis;

/// <summary>The findings of one analysis, and the problems met on the way.</summary>
internal sealed class AnalysisOutcome
{
    public AnalysisOutcome(ImmutableArray<Finding> findings, IReadOnlyList<InputProblem> problems)
    {
        Findings = findings;
        Problems = problems;
    }

    public ImmutableArray<Finding> Findings { get; }

    /// <summary>Malformed JSON files and analyzer failures found by this analysis.</summary>
    public IReadOnlyList<InputProblem> Problems { get; }
}

/// <summary>
/// Runs the package's analyzers over a (possibly already fixed) solution with Roslyn's concurrent analysis,
/// one compilation per project, and turns their diagnostics into findings.
/// </summary>
internal static class AnalysisRunner
{
    public static async Task<AnalysisOutcome> AnalyzeAsync(
        LoadedSolution loaded,
        Solution solution,
        string? tenantOverride,
        IReadOnlyCollection<string>? onlyIds,
        ProgressReporter progress,
        CancellationToken cancellationToken)
    {
        ImmutableArray<DiagnosticAnalyzer> analyzers = onlyIds is null
            ? PackageRules.Analyzers
            : onlyIds.SelectMany(PackageRules.AnalyzersFor).Distinct().ToImmutableArray();
        var findings = new List<Finding>();
        var problems = new List<InputProblem>();
        var projects = solution.Projects.ToList();
        int totalFiles = projects.Where(p => !loaded.ReferenceOnlyProjects.Contains(p.Id)).Sum(p => p.DocumentIds.Count);
        int doneFiles = 0;
        void TreeDone() => progress.Report("Analysing files", Interlocked.Increment(ref doneFiles), totalFiles);
        for (int i = 0; i < projects.Count; i++)
        {
            Project project = projects[i];
            if (analyzers.IsEmpty || loaded.ReferenceOnlyProjects.Contains(project.Id) || (!project.Documents.Any() && !project.AdditionalDocuments.Any()))
            {
                continue;
            }

            Compilation? compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (compilation is null)
            {
                continue;
            }

            loaded.Settings.TryGetValue(project.Id, out ProjectSettings? settings);
            AnalyzerOptions options = TenantOptionsProvider.For(project, tenantOverride, settings?.TenantIdExpressionProperty);
            ImmutableArray<Diagnostic> diagnostics = await AnalyzeTreesAsync(
                compilation, analyzers, options, loaded.AnalyzerHost, cancellationToken, loaded.Budget, TreeDone, tree => !loaded.NotAnalysed.Contains(tree.FilePath)).ConfigureAwait(false);
            PhaseTimings.Mark("analyse: analyzers of " + project.Name);
            var configScans = new Dictionary<string, ConfigScanResult>(StringComparer.Ordinal);
            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (diagnostic.Id == "AD0001")
                {
                    problems.Add(new InputProblem(project.FilePath ?? project.Name, "an analyzer failed: " + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
                    continue;
                }

                if (diagnostic.IsSuppressed || diagnostic.Severity == DiagnosticSeverity.Hidden ||
                    (onlyIds != null && !onlyIds.Contains(diagnostic.Id)) || !PackageRules.Descriptors.ContainsKey(diagnostic.Id))
                {
                    continue;
                }

                Finding? finding = await CreateFindingAsync(loaded, solution, project, diagnostic, configScans, cancellationToken).ConfigureAwait(false);
                if (finding != null)
                {
                    findings.Add(finding);
                }
            }

            PhaseTimings.Mark("analyse: findings and code fixes of " + project.Name);
            foreach (TextDocument json in project.AdditionalDocuments)
            {
                ConfigScanResult scan = await ScanConfigAsync(json, configScans, cancellationToken).ConfigureAwait(false);
                if (scan.Error is { } error)
                {
                    problems.Add(new InputProblem(json.FilePath!, $"not valid JSON at ({error.Line},{error.Column}): {error.Message}; skipped"));
                }
            }
        }

        return new AnalysisOutcome(
            findings
                .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
                .ThenBy(f => f.Line)
                .ThenBy(f => f.Column)
                .ThenBy(f => f.RuleId, StringComparer.Ordinal)
                .ToImmutableArray(),
            problems);
    }

    /// <summary>
    /// Runs the analyzers tree by tree, in parallel, and over each additional file. By default the light host runs the
    /// syntax-node actions (<see cref="LightAnalyzerHost"/>): no method body is compiled unless an analyzer asks the
    /// semantic model about it. Trees the light host does not reproduce exactly (findings next to
    /// <c>[SuppressMessage]</c>/<c>[GeneratedCode]</c>, <c>#line hidden</c>, syntax errors) and the JSON files go through
    /// Roslyn's <see cref="CompilationWithAnalyzers"/>, as does everything when <paramref name="hostOptions"/> asks for the driver.
    /// </summary>
    /// <remarks><paramref name="mayHoldFindings"/>: the trees to analyse (default: all); the others are in the compilation for what is read from them.</remarks>
    internal static async Task<ImmutableArray<Diagnostic>> AnalyzeTreesAsync(
        Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options, AnalyzerHostOptions hostOptions, CancellationToken cancellationToken, FileBudget? budget = null, Action? treeDone = null,
        Func<SyntaxTree, bool>? mayHoldFindings = null)
    {
        mayHoldFindings ??= _ => true;
        treeDone ??= () => { };
        budget ??= FileBudget.Unlimited;
        CompilationWithAnalyzers? lazyDriver = null;
        CompilationWithAnalyzers Driver() => lazyDriver ??= compilation.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));

        var diagnostics = new ConcurrentBag<Diagnostic>();
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        IEnumerable<SyntaxTree> driverTrees = compilation.SyntaxTrees.Where(t => !budget.IsExceeded(t.FilePath) && mayHoldFindings(t));
        bool additionalFiles = true;
        if (!hostOptions.UseDriver)
        {
            LightAnalyzerHost host = LightAnalyzerHost.Start(compilation, options, analyzers, cancellationToken);
            foreach (Diagnostic failure in host.StartFailures)
            {
                diagnostics.Add(failure);
            }

            SyntaxTree[] all = compilation.SyntaxTrees.Where(t => !budget.IsExceeded(t.FilePath)).ToArray();
            SyntaxTree[] trees = all.Where(mayHoldFindings).ToArray();
            var results = new LightAnalyzerHost.TreeResult?[trees.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, trees.Length), parallel, async (i, ct) =>
            {
                results[i] = await budget.RunAsync(trees[i].FilePath, token => host.AnalyzeTree(trees[i], token), ct).ConfigureAwait(false);
                treeDone();
            }).ConfigureAwait(false);

            // [SuppressMessage] that may name a package rule (assembly-level ones, or on a partial type, reach other files)
            // and [GeneratedCode] can only remove findings: looked for only when there are findings.
            var reach = new Dictionary<SyntaxTree, SuppressingAttributes.Reach>();
            if (results.Any(r => r != null && !r.Diagnostics.IsEmpty))
            {
                // A plain parallel loop, not PLINQ: PLINQ's generic operators over these types have no precompiled code, and the
                // JIT compiled about 130 methods of them per run.
                var reaches = new SuppressingAttributes.Reach[all.Length];
                Parallel.For(0, all.Length, parallel, i => reaches[i] = SuppressingAttributes.ReachOf(all[i], cancellationToken));
                for (int i = 0; i < all.Length; i++)
                {
                    if (reaches[i] != SuppressingAttributes.Reach.None)
                    {
                        reach[all[i]] = reaches[i];
                    }
                }
            }

            bool anyTree = reach.ContainsValue(SuppressingAttributes.Reach.AnyTree);
            var fallback = new List<SyntaxTree>();
            for (int i = 0; i < trees.Length; i++)
            {
                if (results[i] is not { } treeResult)
                {
                    continue; // over its time budget: reported as skipped
                }

                if (LightAnalyzerHost.NeedsDriver(treeResult, anyTree || reach.ContainsKey(trees[i])))
                {
                    fallback.Add(trees[i]);
                    continue;
                }

                foreach (Diagnostic diagnostic in treeResult.Diagnostics)
                {
                    diagnostics.Add(diagnostic);
                }
            }

            driverTrees = fallback;
            hostOptions.TreesHandedToDriver?.Invoke(fallback.Count);
            PhaseTimings.Mark($"analyse: light host ({fallback.Count} trees for the driver)");
            additionalFiles = host.HasAdditionalFileActions;
        }

        await Parallel.ForEachAsync(
            driverTrees,
            parallel,
            async (tree, ct) =>
            {
                // The tree's diagnostics, and the analyzer exceptions met on the way (AD0001, kept with the compilation's).
                SemanticModel model = compilation.GetSemanticModel(tree);
                Diagnostic[]? found = await budget.RunAsync(
                    tree.FilePath,
                    token => Driver().GetAnalysisResultAsync(model, filterSpan: null, token).GetAwaiter().GetResult().GetAllDiagnostics().ToArray(),
                    ct).ConfigureAwait(false);
                foreach (Diagnostic diagnostic in found ?? Array.Empty<Diagnostic>())
                {
                    diagnostics.Add(diagnostic);
                }

                if (hostOptions.UseDriver)
                {
                    treeDone();
                }
            }).ConfigureAwait(false);

        if (additionalFiles)
        {
            int handed = 0;
            foreach (AdditionalText file in options.AdditionalFiles)
            {
                // The configuration rule's own first test (it reads nothing else of a file that fails it): such a file gets no
                // diagnostic, and the driver, whose start runs every analyzer's compilation-start work, is not made for it.
                if (file.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) &&
                    !ConfigFileScanner.MayHoldFinding(file.GetText(cancellationToken)?.ToString()))
                {
                    continue;
                }

                handed++;
                AnalysisResult result = await Driver().GetAnalysisResultAsync(file, analyzers, cancellationToken).ConfigureAwait(false);
                foreach (Diagnostic diagnostic in result.GetAllDiagnostics())
                {
                    diagnostics.Add(diagnostic);
                }
            }

            hostOptions.ConfigFilesHandedToDriver?.Invoke(handed);
        }

        return diagnostics.ToImmutableArray();
    }

    private static async Task<Finding?> CreateFindingAsync(
        LoadedSolution loaded, Solution solution, Project project, Diagnostic diagnostic, Dictionary<string, ConfigScanResult> configScans, CancellationToken cancellationToken)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        if (!span.IsValid || string.IsNullOrEmpty(span.Path))
        {
            return null;
        }

        FindingSeverity severity = diagnostic.Severity switch
        {
            DiagnosticSeverity.Error => FindingSeverity.Error,
            DiagnosticSeverity.Warning => FindingSeverity.Warning,
            _ => FindingSeverity.Info,
        };
        string relative = loaded.RelativePath(span.Path);
        if (diagnostic.Location.SourceTree is { } tree)
        {
            Document? document = solution.GetDocument(tree);
            if (document is null || !loaded.Files.ContainsKey(document.Id))
            {
                return null; // the generated global usings
            }

            bool fixable = !loaded.Unfixable.Contains(document.Id) && await HasCodeFixAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
            return new Finding(diagnostic, severity, span.Path, relative, span, fixable, inConfigFile: false);
        }

        // A JSON configuration file (additional document): fixable when the knowledge core has an edit for that value.
        TextDocument? json = project.AdditionalDocuments.FirstOrDefault(d => string.Equals(d.FilePath, span.Path, StringComparison.Ordinal));
        bool jsonFixable = false;
        if (json != null)
        {
            ConfigScanResult scan = await ScanConfigAsync(json, configScans, cancellationToken).ConfigureAwait(false);
            int start = diagnostic.Location.SourceSpan.Start;
            jsonFixable = scan.Findings.Any(f => f.Start == start && f.Edits.Count > 0 && f.RuleId == diagnostic.Id);
        }

        return new Finding(diagnostic, severity, span.Path, relative, span, jsonFixable, inConfigFile: true);
    }

    private static async Task<ConfigScanResult> ScanConfigAsync(TextDocument json, Dictionary<string, ConfigScanResult> cache, CancellationToken cancellationToken)
    {
        string path = json.FilePath!;
        if (!cache.TryGetValue(path, out ConfigScanResult? scan))
        {
            var text = await json.GetTextAsync(cancellationToken).ConfigureAwait(false);
            scan = ConfigFileScanner.Scan(text.ToString());
            cache[path] = scan;
        }

        return scan;
    }

    /// <summary>Asks the package's code fix whether it offers a fix for this diagnostic here.</summary>
    public static async Task<bool> HasCodeFixAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        await FirstCodeActionAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) != null;

    public static async Task<CodeAction?> FirstCodeActionAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        CodeFixProvider? fixer = PackageRules.FixerFor(diagnostic.Id);
        if (fixer is null)
        {
            return null;
        }

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        return actions.FirstOrDefault();
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Netsmart.Migrate.Analysis;
using Netsmart.Migrate.Cli;
using Netsmart.Migrate.Input;

namespace Netsmart.Migrate.Fixing;

/// <summary>One file the fix changes.</summary>
internal sealed record FileChange(DocumentId Id, TextFile Original, string RelativePath, string NewText, bool IsJson, int Fixed);

/// <summary>What the fix did (or, in a dry run, would do).</summary>
internal sealed class FixOutcome
{
    public List<FileChange> Changes { get; } = new();

    /// <summary>Fixed C# diagnostics per rule id.</summary>
    public SortedDictionary<string, int> FixedByRule { get; } = new(StringComparer.Ordinal);

    /// <summary>What is left after the fix (C#: a new analysis of the fixed code; JSON: a new scan of the fixed values).</summary>
    public ImmutableArray<Finding> Remaining { get; set; } = ImmutableArray<Finding>.Empty;

    public int RemainingJson { get; set; }

    public List<InputProblem> Problems { get; } = new();
}

/// <summary>
/// Applies the package's code fixes the way <c>dotnet format analyzers</c> does: one rule id at a time, through
/// the fixer's Fix-All provider in solution scope with the equivalence key of the first registered action,
/// analysing again before each id; repeated (at most three passes) while a pass still changes something.
/// JSON configuration files are rewritten with the knowledge core.
/// </summary>
internal static class FixEngine
{
    private const int MaxPasses = 3;

    public static async Task<FixOutcome> RunAsync(LoadedSolution loaded, string? tenantExpression, string? tenantId, ProgressReporter progress, CancellationToken cancellationToken)
    {
        var outcome = new FixOutcome();
        Solution solution = loaded.Solution;
        AnalysisOutcome full = await AnalysisRunner.AnalyzeAsync(loaded, solution, tenantExpression, null, progress, cancellationToken).ConfigureAwait(false);
        outcome.Problems.AddRange(full.Problems);
        for (int pass = 0; pass < MaxPasses; pass++)
        {
            var ids = FixableCSharp(full.Findings).Select(f => f.RuleId).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();
            if (ids.Count == 0)
            {
                break;
            }

            bool changed = false;
            foreach (string id in ids)
            {
                progress.Status("Fixing " + id);
                ImmutableArray<Finding> findings = changed
                    ? (await AnalysisRunner.AnalyzeAsync(loaded, solution, tenantExpression, new[] { id }, ProgressReporter.Silent, cancellationToken).ConfigureAwait(false)).Findings
                    : full.Findings;
                var fixable = FixableCSharp(findings).Where(f => f.RuleId == id).ToList();
                Solution? fixedSolution = await FixAllAsync(solution, id, fixable, cancellationToken).ConfigureAwait(false);
                if (fixedSolution != null && fixedSolution != solution)
                {
                    solution = fixedSolution;
                    changed = true;
                    outcome.FixedByRule[id] = (outcome.FixedByRule.TryGetValue(id, out int n) ? n : 0) + fixable.Count;
                }
            }

            full = await AnalysisRunner.AnalyzeAsync(loaded, solution, tenantExpression, null, ProgressReporter.Silent, cancellationToken).ConfigureAwait(false);
            if (!changed)
            {
                break;
            }
        }

        outcome.Remaining = full.Findings.Where(f => !f.InConfigFile).ToImmutableArray();
        await CollectCSharpChangesAsync(loaded, solution, outcome, cancellationToken).ConfigureAwait(false);
        CollectJsonChanges(loaded, tenantId, outcome);
        return outcome;
    }

    private static IEnumerable<Finding> FixableCSharp(IEnumerable<Finding> findings) =>
        findings.Where(f => f.Fixable && !f.InConfigFile);

    private static async Task<Solution?> FixAllAsync(Solution solution, string id, List<Finding> fixable, CancellationToken cancellationToken)
    {
        CodeFixProvider? fixer = PackageRules.FixerFor(id);
        FixAllProvider? fixAll = fixer?.GetFixAllProvider();
        if (fixer is null || fixAll is null || !fixAll.GetSupportedFixAllScopes().Contains(FixAllScope.Solution))
        {
            return null;
        }

        // Like dotnet format: the first diagnostic that gets an action gives the equivalence key.
        foreach (Finding first in fixable)
        {
            Document? document = solution.GetDocument(first.Diagnostic.Location.SourceTree);
            if (document is null)
            {
                continue;
            }

            CodeAction? action = await AnalysisRunner.FirstCodeActionAsync(document, first.Diagnostic, cancellationToken).ConfigureAwait(false);
            if (action is null)
            {
                continue;
            }

            var byDocument = fixable
                .Select(f => (Document: solution.GetDocument(f.Diagnostic.Location.SourceTree), f.Diagnostic))
                .Where(x => x.Document != null)
                .GroupBy(x => x.Document!.Id)
                .ToImmutableDictionary(g => g.Key, g => g.Select(x => x.Diagnostic).ToImmutableArray());
            var context = new FixAllContext(document, fixer, FixAllScope.Solution, action.EquivalenceKey, new[] { id }, new Diagnostics(byDocument), cancellationToken);
            CodeAction? fix = await fixAll.GetFixAsync(context).ConfigureAwait(false);
            if (fix is null)
            {
                return null;
            }

            ImmutableArray<CodeActionOperation> operations = await fix.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
            return operations.OfType<ApplyChangesOperation>().FirstOrDefault()?.ChangedSolution;
        }

        return null;
    }

    private static async Task CollectCSharpChangesAsync(LoadedSolution loaded, Solution solution, FixOutcome outcome, CancellationToken cancellationToken)
    {
        foreach ((DocumentId id, TextFile original) in loaded.Files.OrderBy(f => f.Value.Path, StringComparer.Ordinal))
        {
            Document? document = solution.GetDocument(id);
            if (document is null || loaded.Unfixable.Contains(id) || loaded.Budget.IsExceeded(original.Path))
            {
                continue;
            }

            string newText = (await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
            if (!string.Equals(newText, original.Text, StringComparison.Ordinal))
            {
                outcome.Changes.Add(new FileChange(id, original, loaded.RelativePath(original.Path), newText, IsJson: false, Fixed: 0));
            }
        }
    }

    private static void CollectJsonChanges(LoadedSolution loaded, string? tenantId, FixOutcome outcome)
    {
        foreach ((DocumentId id, TextFile original) in loaded.Files.OrderBy(f => f.Value.Path, StringComparer.Ordinal))
        {
            if (loaded.Solution.GetAdditionalDocument(id) is null)
            {
                continue;
            }

            JsonFixResult result = JsonConfigFixer.Fix(original.Text, tenantId);
            if (result.Error != null)
            {
                continue; // reported by the analysis as not valid JSON
            }

            outcome.RemainingJson += result.Remaining;
            if (!string.Equals(result.NewText, original.Text, StringComparison.Ordinal))
            {
                outcome.Changes.Add(new FileChange(id, original, loaded.RelativePath(original.Path), result.NewText, IsJson: true, result.Fixed));
            }
        }
    }

    /// <summary>Hands the Fix-All provider the diagnostics of the latest analysis.</summary>
    private sealed class Diagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableDictionary<DocumentId, ImmutableArray<Diagnostic>> _byDocument;

        public Diagnostics(ImmutableDictionary<DocumentId, ImmutableArray<Diagnostic>> byDocument)
        {
            _byDocument = byDocument;
        }

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_byDocument.TryGetValue(document.Id, out var diagnostics) ? diagnostics : ImmutableArray<Diagnostic>.Empty);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(ImmutableArray<Diagnostic>.Empty);

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_byDocument.Where(e => e.Key.ProjectId == project.Id).SelectMany(e => e.Value).ToList());
    }
}

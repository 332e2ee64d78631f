using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Netsmart.Migrate.Analysis;
using Netsmart.Migrate.Fixing;
using Netsmart.Migrate.Input;
using Netsmart.Migrate.Reporting;

namespace Netsmart.Migrate.Cli;

/// <summary><c>netsmart-migrate fix</c>.</summary>
internal static class FixCommand
{
    public sealed record Options(string? Path, string? TenantExpression, string? TenantId, bool DryRun, double FileTimeoutSeconds = 60, IReadOnlyList<string>? Define = null);

    public static async Task<int> RunAsync(Options options, CliEnvironment environment, CancellationToken cancellationToken)
    {
        ProgressReporter progress = environment.Progress();
        InputSet input = InputResolver.Resolve(options.Path, environment.CurrentDirectory);
        LoadedSolution loaded;
        FixOutcome outcome;
        try
        {
            loaded = LoadedSolution.Load(input, progress, cancellationToken, preprocessorSymbols: options.Define);
            loaded.Budget = environment.Budget(options.FileTimeoutSeconds);
            loaded.AnalyzerHost = environment.Host();
            outcome = await FixEngine.RunAsync(loaded, options.TenantExpression, options.TenantId, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            progress.Clear();
        }

        TextWriter output = environment.Out;
        output.WriteLine($"netsmart-migrate fix {ScanCommand.DisplayPath(options.Path, input, environment.CurrentDirectory)}{(options.DryRun ? " (dry run: nothing is written)" : string.Empty)}");
        var problems = loaded.Problems.Concat(outcome.Problems).Concat(loaded.Budget.Problems()).ToList();
        WritePlan plan = WritePlan.For(outcome.Changes, input.RootDirectory, problems);
        int written = 0;
        if (options.DryRun)
        {
            foreach (FileChange change in plan.Writes)
            {
                output.WriteLine();
                UnifiedDiff.Write(output, change.RelativePath, change.Original.Text, change.NewText);
            }
        }
        else
        {
            foreach (FileChange change in plan.Writes)
            {
                if (TryWrite(change, plan.Targets[change], out string? error))
                {
                    written++;
                }
                else
                {
                    problems.Add(new InputProblem(change.Original.Path, error!));
                }
            }
        }

        output.WriteLine();
        string verb = options.DryRun ? "Would fix" : "Fixed";
        if (outcome.FixedByRule.Count > 0)
        {
            output.WriteLine($"{verb} in C#: " + string.Join(", ", outcome.FixedByRule.Select(r => $"{r.Key} x{r.Value}")));
        }

        int jsonValues = outcome.Changes.Where(c => c.IsJson).Sum(c => c.Fixed);
        if (jsonValues > 0)
        {
            output.WriteLine($"{verb} in JSON: {ScanReport.Plural(jsonValues, "value", "values")}");
        }

        output.WriteLine(options.DryRun
            ? $"Files that would change: {plan.Writes.Count}"
            : $"Files changed: {written}" + (written != plan.Writes.Count ? $" of {plan.Writes.Count}" : string.Empty));
        foreach (FileChange change in plan.Writes)
        {
            output.WriteLine(plan.LinkTargets.TryGetValue(change, out string? target)
                ? $"  {change.RelativePath} (a link: {(options.DryRun ? "would write" : "written")} through to {target})"
                : $"  {change.RelativePath}");
        }

        foreach ((FileChange change, FileChange first) in plan.SameFile)
        {
            output.WriteLine($"  {change.RelativePath} (a link to the same file as {first.RelativePath}: written once)");
        }

        var remaining = outcome.Remaining;
        int remainingTotal = remaining.Length + outcome.RemainingJson;
        if (remainingTotal > 0)
        {
            string byRule = string.Join(", ", remaining.GroupBy(f => f.RuleId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} x{g.Count()}"));
            var where = new System.Collections.Generic.List<string>();
            if (remaining.Length > 0)
            {
                where.Add($"{remaining.Length} in C# ({byRule})");
            }

            if (outcome.RemainingJson > 0)
            {
                where.Add($"{outcome.RemainingJson} in JSON");
            }

            output.WriteLine($"Left for a person: {ScanReport.Plural(remainingTotal, "finding", "findings")}, {string.Join(", ", where)}; run 'netsmart-migrate scan' for the details.");
        }
        else
        {
            output.WriteLine("Nothing left to fix.");
        }

        if (problems.Count > 0)
        {
            output.WriteLine($"Skipped ({problems.Count}):");
            foreach (InputProblem problem in problems.OrderBy(p => p.Path, StringComparer.Ordinal))
            {
                output.WriteLine($"  {loaded.RelativePath(problem.Path)}: {problem.Message}");
            }
        }

        return problems.Count > 0 || (options.DryRun && outcome.Changes.Count > 0) ? ExitCodes.Findings : ExitCodes.Clean;
    }

    /// <summary>Writes one fixed file (temp file + rename), unless it changed on disk since it was read.</summary>
    private static bool TryWrite(FileChange change, string target, out string? error)
    {
        try
        {
            TextFile current = TextFile.Read(target);
            if (!string.Equals(current.Text, change.Original.Text, StringComparison.Ordinal))
            {
                error = "the file changed on disk while the fix ran; left untouched";
                return false;
            }

            change.Original.WriteAtomically(change.NewText, target);
            error = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            error = "cannot write the file (" + e.Message + "); left untouched";
            return false;
        }
    }
}

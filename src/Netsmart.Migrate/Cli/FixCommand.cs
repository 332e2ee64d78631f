using System;
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
    public sealed record Options(string? Path, string? TenantExpression, string? TenantId, bool DryRun);

    public static async Task<int> RunAsync(Options options, CliEnvironment environment, CancellationToken cancellationToken)
    {
        ProgressReporter progress = environment.Interactive ? ProgressReporter.ForConsole(reportToFile: false) : ProgressReporter.Silent;
        InputSet input = InputResolver.Resolve(options.Path, environment.CurrentDirectory);
        LoadedSolution loaded;
        FixOutcome outcome;
        try
        {
            loaded = LoadedSolution.Load(input, progress, cancellationToken);
            outcome = await FixEngine.RunAsync(loaded, options.TenantExpression, options.TenantId, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            progress.Clear();
        }

        TextWriter output = environment.Out;
        output.WriteLine($"netsmart-migrate fix {ScanCommand.DisplayPath(options.Path, input, environment.CurrentDirectory)}{(options.DryRun ? " (dry run: nothing is written)" : string.Empty)}");
        var problems = loaded.Problems.Concat(outcome.Problems).ToList();
        int written = 0;
        if (options.DryRun)
        {
            foreach (FileChange change in outcome.Changes)
            {
                output.WriteLine();
                UnifiedDiff.Write(output, change.RelativePath, change.Original.Text, change.NewText);
            }
        }
        else
        {
            foreach (FileChange change in outcome.Changes)
            {
                if (TryWrite(change, out string? error))
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
            ? $"Files that would change: {outcome.Changes.Count}"
            : $"Files changed: {written}" + (written != outcome.Changes.Count ? $" of {outcome.Changes.Count}" : string.Empty));
        foreach (FileChange change in outcome.Changes)
        {
            output.WriteLine($"  {change.RelativePath}");
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
    private static bool TryWrite(FileChange change, out string? error)
    {
        try
        {
            TextFile current = TextFile.Read(change.Original.Path);
            if (!string.Equals(current.Text, change.Original.Text, StringComparison.Ordinal))
            {
                error = "the file changed on disk while the fix ran; left untouched";
                return false;
            }

            change.Original.WriteAtomically(change.NewText);
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

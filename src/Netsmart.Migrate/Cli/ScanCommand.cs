using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Netsmart.Migrate.Analysis;
using Netsmart.Migrate.Input;
using Netsmart.Migrate.Reporting;

namespace Netsmart.Migrate.Cli;

/// <summary><c>netsmart-migrate scan</c>.</summary>
internal static class ScanCommand
{
    public sealed record Options(string? Path, string Format, string? Output, FindingSeverity FailOn, string? TenantExpression);

    public static async Task<int> RunAsync(Options options, CliEnvironment environment, CancellationToken cancellationToken)
    {
        ProgressReporter progress = environment.Interactive ? ProgressReporter.ForConsole(options.Output != null) : ProgressReporter.Silent;
        ScanReport report;
        try
        {
            report = await ScanAsync(options.Path, environment.CurrentDirectory, options.FailOn, options.TenantExpression, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            progress.Clear();
        }

        var text = new StringWriter { NewLine = "\n" };
        switch (options.Format)
        {
            case "markdown":
                MarkdownReport.Write(report, text);
                break;
            case "json":
                JsonReport.Write(report, text);
                break;
            case "sarif":
                SarifReport.Write(report, text);
                break;
            default:
                TextReport.Write(report, text);
                break;
        }

        if (options.Output is null)
        {
            environment.Out.Write(text.ToString());
        }
        else
        {
            string path = System.IO.Path.GetFullPath(options.Output, environment.CurrentDirectory);
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
                TextFile.WriteBytesAtomically(path, Array.Empty<byte>(), new UTF8Encoding(false).GetBytes(text.ToString()));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputException($"cannot write the report to '{options.Output}': {e.Message}", e);
            }
        }

        return report.ExitCode;
    }

    public static async Task<ScanReport> ScanAsync(string? path, string currentDirectory, FindingSeverity failOn, string? tenantExpression, ProgressReporter progress, CancellationToken cancellationToken)
    {
        InputSet input = InputResolver.Resolve(path, currentDirectory);
        PhaseTimings.Mark("start, resolve input");
        LoadedSolution loaded = LoadedSolution.Load(input, progress, cancellationToken);
        PhaseTimings.Mark("load: rest");
        AnalysisResult analysis = await AnalysisRunner.AnalyzeAsync(loaded, loaded.Solution, tenantExpression, null, progress, cancellationToken).ConfigureAwait(false);
        PhaseTimings.Mark("analyse: rest");
        CodeFacts facts = await CodeFacts.CollectAsync(loaded, loaded.Solution, tenantExpression, cancellationToken).ConfigureAwait(false);
        PhaseTimings.Mark("checklist facts");
        var problems = loaded.Problems.Concat(analysis.Problems)
            .Select(p => p with { Path = loaded.RelativePath(p.Path) })
            .OrderBy(p => p.Path, StringComparer.Ordinal)
            .ToList();
        return new ScanReport(
            DisplayPath(path, input, currentDirectory),
            input.RootDirectory,
            input.Kind,
            input.Projects.Count,
            loaded.CSharpFileCount,
            loaded.JsonFileCount,
            loaded.LineCount,
            analysis.Findings,
            Checklist.Build(analysis.Findings, facts),
            problems,
            failOn);
    }

    internal static string DisplayPath(string? given, InputSet input, string currentDirectory) =>
        string.IsNullOrWhiteSpace(given) ? "." : System.IO.Path.GetRelativePath(currentDirectory, input.Path).Replace(System.IO.Path.DirectorySeparatorChar, '/');
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using AnalyzerOptions = Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions;
using Netsmart.Migrate.Analysis;
using Netsmart.Migrate.Analysis.Host;
using Netsmart.Migrate.Fixing;
using Netsmart.Migrate.Input;
using Netsmart.Migrate.Reporting;

namespace Netsmart.Migrate.Cli;

/// <summary><c>netsmart-migrate scan</c>.</summary>
internal static class ScanCommand
{
    public sealed record Options(
        string? Path,
        string Format,
        string? Output,
        FindingSeverity FailOn,
        string? TenantExpression,
        double FileTimeoutSeconds = 60,
        string? Baseline = null,
        string? WriteBaseline = null,
        IReadOnlyList<string>? Define = null);

    public static async Task<int> RunAsync(Options options, CliEnvironment environment, CancellationToken cancellationToken)
    {
        // The baseline is read first: a bad one is an input error before minutes of analysis.
        IReadOnlyList<BaselineEntry>? baseline = options.Baseline is null
            ? null
            : BaselineFile.Read(System.IO.Path.GetFullPath(options.Baseline, environment.CurrentDirectory), options.Baseline);
        ProgressReporter progress = environment.Progress();
        ScanReport report;
        try
        {
            report = await ScanAsync(options.Path, environment.CurrentDirectory, options.FailOn, options.TenantExpression, progress, cancellationToken, environment.Budget(options.FileTimeoutSeconds), proposeFixes: options.Format == "html", host: environment.Host(), prefilter: environment.Prefiltering(), define: options.Define).ConfigureAwait(false);
        }
        finally
        {
            progress.Clear();
        }

        if (baseline != null)
        {
            report.Baseline = new BaselineComparison(options.Baseline!, report.Findings, baseline);
        }

        if (options.WriteBaseline != null)
        {
            var baselineText = new StringWriter { NewLine = "\n" };
            BaselineFile.Write(report, baselineText);
            WriteFile(options.WriteBaseline, baselineText.ToString(), "the baseline", environment);
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
            case "html":
                HtmlReport.Write(report, text);
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
            WriteFile(options.Output, text.ToString(), "the report", environment);
        }

        return report.ExitCode;
    }

    private static void WriteFile(string given, string content, string what, CliEnvironment environment)
    {
        string path = System.IO.Path.GetFullPath(given, environment.CurrentDirectory);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            TextFile.WriteBytesAtomically(path, Array.Empty<byte>(), new UTF8Encoding(false).GetBytes(content));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot write {what} to '{given}': {e.Message}", e);
        }
    }

    public static async Task<ScanReport> ScanAsync(string? path, string currentDirectory, FindingSeverity failOn, string? tenantExpression, ProgressReporter progress, CancellationToken cancellationToken, FileBudget? budget = null, bool proposeFixes = false, AnalyzerHostOptions? host = null, PrefilterOptions? prefilter = null, IReadOnlyList<string>? define = null)
    {
        InputSet input = InputResolver.Resolve(path, currentDirectory);
        PhaseTimings.Mark("start, resolve input");
        // The prefilter leaves out files that cannot change this report; the HTML report's proposed fixes are the fix
        // engine's, which rewrites what it analyses: it gets every file.
        LoadedSolution loaded = LoadedSolution.Load(input, progress, cancellationToken, prefilter: proposeFixes ? null : prefilter ?? PrefilterOptions.FromEnvironment(), preprocessorSymbols: define);
        loaded.Budget = budget ?? FileBudget.Unlimited;
        loaded.AnalyzerHost = host ?? AnalyzerHostOptions.FromEnvironment();
        PhaseTimings.Mark("load: rest");
        AnalysisOutcome analysis = await AnalysisRunner.AnalyzeAsync(loaded, loaded.Solution, tenantExpression, null, progress, cancellationToken).ConfigureAwait(false);
        PhaseTimings.Mark("analyse: rest");
        CodeFacts facts = await CodeFacts.CollectAsync(loaded, loaded.Solution, tenantExpression, cancellationToken).ConfigureAwait(false);
        facts.TenantExpressions.UnionWith(SetAsideTenantExpressions(loaded, tenantExpression));
        PhaseTimings.Mark("checklist facts");
        // The files set aside hold no finding: their texts (not kept) are needed for no fingerprint and no source line.
        var texts = loaded.Files.Values.GroupBy(f => f.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Text, StringComparer.Ordinal);
        Fingerprints.Assign(analysis.Findings, p => texts.TryGetValue(p, out string? t) ? t : null);
        var problems = loaded.Problems.Concat(analysis.Problems).Concat(loaded.Budget.Problems())
            .Select(p => p with { Path = loaded.RelativePath(p.Path) })
            .OrderBy(p => p.Path, StringComparer.Ordinal)
            .ToList();
        IReadOnlyDictionary<string, ProposedChange>? proposed = null;
        if (proposeFixes)
        {
            // The same fixes as 'fix --dry-run', from the fix engine itself (in memory; nothing is written).
            FixOutcome outcome = await FixEngine.RunAsync(loaded, tenantExpression, tenantId: null, ProgressReporter.Silent, cancellationToken).ConfigureAwait(false);
            proposed = outcome.Changes.ToDictionary(c => c.Original.Path, c => new ProposedChange(c.Original.Text, c.NewText), StringComparer.Ordinal);
        }

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
            failOn)
        {
            FileTexts = texts,
            ProjectByFile = input.Projects
                .SelectMany(p => p.CSharpFiles.Concat(p.JsonFiles).Select(f => (File: f, p.Name)))
                .GroupBy(x => x.File, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal),
            ProposedChanges = proposed,
        };
    }

    /// <summary>
    /// The checklist's tenant expressions of the files the prefilter set aside: the option applies per file (an
    /// .editorconfig section), so each file's path is asked as <see cref="CodeFacts"/> asks it of an analysed file.
    /// </summary>
    private static IEnumerable<string> SetAsideTenantExpressions(LoadedSolution loaded, string? tenantOverride)
    {
        foreach ((ProjectId id, List<string> paths) in loaded.SetAsideByProject)
        {
            Project project = loaded.Solution.GetProject(id)!;
            loaded.Settings.TryGetValue(id, out ProjectSettings? settings);
            AnalyzerOptions options = TenantOptionsProvider.For(project, tenantOverride, settings?.TenantIdExpressionProperty);

            // Only an .editorconfig section can give one file an expression that another has not: when none of the
            // project's .editorconfig files names the key (or --tenant-expression overrides it), every file gets what the
            // first one gets, and the 1,855 lookups of fhir-server (50 ms, one thread) are one.
            bool perFile = tenantOverride is null && project.AnalyzerConfigDocuments.Any(d =>
                d.GetTextAsync().GetAwaiter().GetResult().ToString().Contains(Netsmart.Analyzers.NetsmartOptions.TenantIdExpressionKey, StringComparison.OrdinalIgnoreCase));
            foreach (string path in perFile ? paths : paths.Take(1))
            {
                SyntaxTree placeholder = CSharpSyntaxTree.ParseText(string.Empty, path: path);
                if (Netsmart.Analyzers.NetsmartOptions.GetTenantIdExpression(options, placeholder) is { } expression)
                {
                    yield return expression;
                }
            }
        }
    }

    internal static string DisplayPath(string? given, InputSet input, string currentDirectory) =>
        string.IsNullOrWhiteSpace(given) ? "." : System.IO.Path.GetRelativePath(currentDirectory, input.Path).Replace(System.IO.Path.DirectorySeparatorChar, '/');
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Netsmart.Migrate.Analysis;
using Netsmart.Migrate.Input;

namespace Netsmart.Migrate.Reporting;

/// <summary>One rule's line in the summary.</summary>
internal sealed record RuleSummary(string Id, string Title, string DefaultSeverity, string HelpUri, int Warnings, int Infos, int Errors, int Fixable)
{
    public int Total => Warnings + Infos + Errors;
}

/// <summary>Everything a scan report shows, in every format.</summary>
internal sealed class ScanReport
{
    public ScanReport(
        string displayPath,
        string rootDirectory,
        InputKind kind,
        int projects,
        int csharpFiles,
        int jsonFiles,
        long lines,
        ImmutableArray<Finding> findings,
        IReadOnlyList<ChecklistItem> checklist,
        IReadOnlyList<InputProblem> problems,
        FindingSeverity failOn)
    {
        DisplayPath = displayPath;
        RootDirectory = rootDirectory;
        Kind = kind;
        Projects = projects;
        CSharpFiles = csharpFiles;
        JsonFiles = jsonFiles;
        Lines = lines;
        Findings = findings;
        Checklist = checklist;
        Problems = problems;
        FailOn = failOn;
        Rules = findings
            .GroupBy(f => f.RuleId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RuleSummary(
                g.Key,
                g.First().Title,
                Finding.SeverityName(g.First().Diagnostic.Descriptor.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Info ? FindingSeverity.Info : FindingSeverity.Warning),
                g.First().HelpUri,
                g.Count(f => f.Severity == FindingSeverity.Warning),
                g.Count(f => f.Severity == FindingSeverity.Info),
                g.Count(f => f.Severity == FindingSeverity.Error),
                g.Count(f => f.Fixable)))
            .ToList();
    }

    /// <summary>The input as the user gave it, relative to the current folder.</summary>
    public string DisplayPath { get; }

    public string RootDirectory { get; }

    public InputKind Kind { get; }

    public int Projects { get; }

    public int CSharpFiles { get; }

    public int JsonFiles { get; }

    public long Lines { get; }

    public ImmutableArray<Finding> Findings { get; }

    public IReadOnlyList<RuleSummary> Rules { get; }

    public IReadOnlyList<ChecklistItem> Checklist { get; }

    /// <summary>Files skipped (unreadable, malformed) with relative paths.</summary>
    public IReadOnlyList<InputProblem> Problems { get; }

    public FindingSeverity FailOn { get; }

    /// <summary>The texts of the files read, by full path (for source lines).</summary>
    public IReadOnlyDictionary<string, string> FileTexts { get; set; } = new Dictionary<string, string>();

    /// <summary>The project each file belongs to, by full path.</summary>
    public IReadOnlyDictionary<string, string> ProjectByFile { get; set; } = new Dictionary<string, string>();

    /// <summary>What <c>fix</c> would change, by full path (the HTML report's proposed v2 text); null when not computed.</summary>
    public IReadOnlyDictionary<string, ProposedChange>? ProposedChanges { get; set; }

    public string ProjectOf(string path) => ProjectByFile.TryGetValue(path, out string? project) ? project : "(other)";

    /// <summary>The 1-based line of a file as read (without its line break); null when unknown.</summary>
    public string? SourceLine(string path, int line)
    {
        if (!FileTexts.TryGetValue(path, out string? text))
        {
            return null;
        }

        int start = 0;
        for (int i = 1; i < line; i++)
        {
            int next = text.IndexOf('\n', start);
            if (next < 0)
            {
                return null;
            }

            start = next + 1;
        }

        int end = text.IndexOf('\n', start);
        return (end < 0 ? text[start..] : text[start..end]).TrimEnd('\r');
    }

    /// <summary>The comparison with <c>--baseline</c>, when one was given.</summary>
    public BaselineComparison? Baseline { get; set; }

    public int Warnings => Findings.Count(f => f.Severity == FindingSeverity.Warning);

    public int Infos => Findings.Count(f => f.Severity == FindingSeverity.Info);

    public int Errors => Findings.Count(f => f.Severity == FindingSeverity.Error);

    public int FixableCount => Findings.Count(f => f.Fixable);

    /// <summary>0: nothing at or above <see cref="FailOn"/> (with a baseline: nothing new) and no skipped file; 1 otherwise.</summary>
    public int ExitCode => Findings.Any(f => f.Severity >= FailOn && (Baseline is null || Baseline.IsNew(f))) || Problems.Count > 0 ? ExitCodes.Findings : ExitCodes.Clean;

    public string KindName => Kind switch
    {
        InputKind.Project => "project",
        InputKind.Solution => "solution",
        _ => "folder",
    };

    public string InputLine =>
        $"{KindName}, {Plural(Projects, "project", "projects")}, {Plural(CSharpFiles, "C# file", "C# files")}, " +
        $"{Plural(JsonFiles, "JSON file", "JSON files")}, {Plural((int)Math.Min(Lines, int.MaxValue), "line", "lines")}";

    public string ResultLine
    {
        get
        {
            string counts = Findings.IsEmpty
                ? "no findings"
                : string.Join(", ", new[]
                    {
                        Errors > 0 ? Plural(Errors, "error", "errors") : null,
                        Warnings > 0 ? Plural(Warnings, "warning", "warnings") : null,
                        Infos > 0 ? $"{Infos} info" : null,
                    }.Where(s => s != null)) + $" ({FixableCount} fixable" + (FixableCount > 0 ? " with `netsmart-migrate fix`" : string.Empty) + ")";
            string skipped = Problems.Count > 0 ? $", {Plural(Problems.Count, "file", "files")} skipped" : string.Empty;
            string baseline = Baseline is null ? string.Empty : $"; {Baseline.Line}";
            return $"{counts}{skipped}{baseline}; exit code {ExitCode} (--fail-on {Finding.SeverityName(FailOn)}{(Baseline is null ? string.Empty : ", new findings only")})";
        }
    }

    public static string Plural(int n, string one, string many) => n == 1 ? "1 " + one : n + " " + many;
}

/// <summary>The process exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Nothing to report (scan), or done (fix).</summary>
    public const int Clean = 0;

    /// <summary>Findings at or above --fail-on, or skipped files (scan); changes pending in a dry run, or skipped files (fix).</summary>
    public const int Findings = 1;

    /// <summary>Bad command line, or an input that cannot be used at all.</summary>
    public const int UsageOrInputError = 2;
}

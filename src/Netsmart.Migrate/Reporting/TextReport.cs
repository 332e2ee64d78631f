using System.IO;
using System.Linq;
using Netsmart.Migrate.Analysis;

namespace Netsmart.Migrate.Reporting;

/// <summary>The plain-text report (the default format).</summary>
internal static class TextReport
{
    public static void Write(ScanReport report, TextWriter writer)
    {
        writer.WriteLine($"netsmart-migrate scan {report.DisplayPath}");
        writer.WriteLine($"Input: {report.InputLine}");
        writer.WriteLine();

        writer.WriteLine("Summary by rule");
        if (report.Rules.Count == 0)
        {
            writer.WriteLine("  no findings");
        }
        else
        {
            writer.WriteLine("  Rule     Warning  Info  Fixable  Title");
            foreach (RuleSummary rule in report.Rules)
            {
                writer.WriteLine($"  {rule.Id,-7} {rule.Warnings + rule.Errors,8} {rule.Infos,5} {rule.Fixable,8}  {rule.Title}");
            }

            writer.WriteLine($"  {"Total",-7} {report.Warnings + report.Errors,8} {report.Infos,5} {report.FixableCount,8}");
        }

        if (report.Baseline is { } baseline)
        {
            writer.WriteLine();
            writer.WriteLine($"Baseline {baseline.DisplayPath}: {baseline.Line}");
            WriteFindings(writer, "New findings (not in the baseline)", baseline.New);
            WriteFindings(writer, "Still open (in the baseline)", baseline.Unchanged);
            if (baseline.Fixed.Count > 0)
            {
                writer.WriteLine();
                writer.WriteLine($"Fixed since the baseline ({baseline.Fixed.Count})");
                foreach (BaselineEntry entry in baseline.Fixed)
                {
                    writer.WriteLine($"  {entry.File}({entry.Line},{entry.Column}): {entry.RuleId} {entry.Message}");
                }
            }
        }
        else
        {
            WriteFindings(writer, "Findings", report.Findings);
        }

        writer.WriteLine();
        writer.WriteLine("Validation checklist (migration guide; the last item is the tool's own)");
        int width = report.Checklist.Max(i => i.StatusText.Length);
        foreach (ChecklistItem item in report.Checklist)
        {
            string details = item.Details.Length == 0 ? string.Empty : ": " + item.Details;
            writer.WriteLine($"  {item.StatusText.PadRight(width)}  {item.Title}{details}");
        }

        if (report.Problems.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine($"Skipped ({report.Problems.Count})");
            foreach (var problem in report.Problems)
            {
                writer.WriteLine($"  {problem.Path}: {problem.Message}");
            }
        }

        writer.WriteLine();
        writer.WriteLine($"Result: {report.ResultLine}");
    }

    private static void WriteFindings(TextWriter writer, string heading, System.Collections.Generic.IReadOnlyCollection<Finding> findings)
    {
        if (findings.Count == 0)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine($"{heading} ({findings.Count})");
        foreach (Finding finding in findings)
        {
            writer.WriteLine($"  {finding.RelativePath}({finding.Line},{finding.Column}): {finding.RuleId} {finding.Message}");
        }
    }
}

using System.IO;
using Netsmart.Migrate.Analysis;

namespace Netsmart.Migrate.Reporting;

/// <summary>The report as GitHub-flavoured Markdown (for pull-request comments and job summaries).</summary>
internal static class MarkdownReport
{
    public static void Write(ScanReport report, TextWriter writer)
    {
        writer.WriteLine($"# netsmart-migrate scan `{report.DisplayPath}`");
        writer.WriteLine();
        writer.WriteLine($"Input: {report.InputLine}.");
        writer.WriteLine();
        writer.WriteLine("## Summary by rule");
        writer.WriteLine();
        if (report.Rules.Count == 0)
        {
            writer.WriteLine("No findings.");
        }
        else
        {
            writer.WriteLine("| Rule | Title | Warning | Info | Fixable |");
            writer.WriteLine("|---|---|---:|---:|---:|");
            foreach (RuleSummary rule in report.Rules)
            {
                writer.WriteLine($"| [{rule.Id}]({rule.HelpUri}) | {Escape(rule.Title)} | {rule.Warnings + rule.Errors} | {rule.Infos} | {rule.Fixable} |");
            }

            writer.WriteLine($"| **Total** | | {report.Warnings + report.Errors} | {report.Infos} | {report.FixableCount} |");
            writer.WriteLine();
            writer.WriteLine($"## Findings ({report.Findings.Length})");
            writer.WriteLine();
            if (report.Baseline is { } known)
            {
                writer.WriteLine("| Location | Rule | Severity | Fixable | Baseline | Message |");
                writer.WriteLine("|---|---|---|---|---|---|");
                foreach (Finding finding in report.Findings)
                {
                    writer.WriteLine($"| `{finding.RelativePath}({finding.Line},{finding.Column})` | {finding.RuleId} | {Finding.SeverityName(finding.Severity)} | {(finding.Fixable ? "yes" : "no")} | {(known.IsNew(finding) ? "**new**" : "still open")} | {Escape(finding.Message)} |");
                }
            }
            else
            {
                writer.WriteLine("| Location | Rule | Severity | Fixable | Message |");
                writer.WriteLine("|---|---|---|---|---|");
                foreach (Finding finding in report.Findings)
                {
                    writer.WriteLine($"| `{finding.RelativePath}({finding.Line},{finding.Column})` | {finding.RuleId} | {Finding.SeverityName(finding.Severity)} | {(finding.Fixable ? "yes" : "no")} | {Escape(finding.Message)} |");
                }
            }
        }

        if (report.Baseline is { } baseline)
        {
            writer.WriteLine();
            writer.WriteLine($"## Baseline `{baseline.DisplayPath}`");
            writer.WriteLine();
            writer.WriteLine(baseline.Line + ".");
            if (baseline.Fixed.Count > 0)
            {
                writer.WriteLine();
                writer.WriteLine($"Fixed since the baseline ({baseline.Fixed.Count}):");
                writer.WriteLine();
                foreach (BaselineEntry entry in baseline.Fixed)
                {
                    writer.WriteLine($"- `{entry.File}({entry.Line},{entry.Column})` {entry.RuleId} {Escape(entry.Message)}");
                }
            }
        }

        writer.WriteLine();
        writer.WriteLine("## Validation checklist");
        writer.WriteLine();
        writer.WriteLine("From the migration guide's Validation Checklist; the last item is the tool's own.");
        writer.WriteLine();
        writer.WriteLine("| Item | Status | What the code shows |");
        writer.WriteLine("|---|---|---|");
        foreach (ChecklistItem item in report.Checklist)
        {
            writer.WriteLine($"| {Escape(item.Title)} | {item.StatusText} | {(item.Details.Length == 0 ? "—" : Escape(item.Details))} |");
        }

        if (report.Problems.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine($"## Skipped ({report.Problems.Count})");
            writer.WriteLine();
            foreach (var problem in report.Problems)
            {
                writer.WriteLine($"- `{problem.Path}`: {Escape(problem.Message)}");
            }
        }

        writer.WriteLine();
        writer.WriteLine($"**Result:** {report.ResultLine}");
    }

    private static string Escape(string text) => text.Replace("|", "\\|", System.StringComparison.Ordinal).Replace("\r", " ", System.StringComparison.Ordinal).Replace("\n", " ", System.StringComparison.Ordinal);
}

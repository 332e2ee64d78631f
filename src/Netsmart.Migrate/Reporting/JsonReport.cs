using System.IO;
using Netsmart.Migrate.Analysis;

namespace Netsmart.Migrate.Reporting;

/// <summary>The report as one JSON document (schema described in docs/cli.md).</summary>
internal static class JsonReport
{
    public static void Write(ScanReport report, TextWriter writer) => JsonOutput.Write(writer, json =>
    {
        json.WriteStartObject();
        json.WriteString("tool", "netsmart-migrate");
        json.WriteString("version", JsonOutput.ToolVersion);
        json.WriteStartObject("input");
        json.WriteString("path", report.DisplayPath);
        json.WriteString("kind", report.KindName);
        json.WriteNumber("projects", report.Projects);
        json.WriteNumber("csharpFiles", report.CSharpFiles);
        json.WriteNumber("jsonFiles", report.JsonFiles);
        json.WriteNumber("lines", report.Lines);
        json.WriteEndObject();

        json.WriteStartObject("summary");
        json.WriteNumber("findings", report.Findings.Length);
        json.WriteNumber("errors", report.Errors);
        json.WriteNumber("warnings", report.Warnings);
        json.WriteNumber("info", report.Infos);
        json.WriteNumber("fixable", report.FixableCount);
        json.WriteNumber("skipped", report.Problems.Count);
        json.WriteString("failOn", Finding.SeverityName(report.FailOn));
        json.WriteNumber("exitCode", report.ExitCode);
        json.WriteStartArray("rules");
        foreach (RuleSummary rule in report.Rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("title", rule.Title);
            json.WriteString("defaultSeverity", rule.DefaultSeverity);
            json.WriteNumber("warnings", rule.Warnings + rule.Errors);
            json.WriteNumber("info", rule.Infos);
            json.WriteNumber("fixable", rule.Fixable);
            json.WriteString("helpUri", rule.HelpUri);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartArray("findings");
        foreach (Finding finding in report.Findings)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", finding.RuleId);
            json.WriteString("severity", Finding.SeverityName(finding.Severity));
            json.WriteString("file", finding.RelativePath);
            json.WriteNumber("line", finding.Line);
            json.WriteNumber("column", finding.Column);
            json.WriteNumber("endLine", finding.EndLine);
            json.WriteNumber("endColumn", finding.EndColumn);
            json.WriteString("message", finding.Message);
            json.WriteBoolean("fixable", finding.Fixable);
            if (report.Baseline is { } known)
            {
                json.WriteString("fingerprint", finding.Fingerprint);
                json.WriteString("baselineState", known.IsNew(finding) ? "new" : "unchanged");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();

        if (report.Baseline is { } baseline)
        {
            json.WriteStartObject("baseline");
            json.WriteString("file", baseline.DisplayPath);
            json.WriteNumber("new", baseline.New.Count);
            json.WriteNumber("stillOpen", baseline.Unchanged.Count);
            json.WriteNumber("fixed", baseline.Fixed.Count);
            json.WriteStartArray("fixedFindings");
            foreach (BaselineEntry entry in baseline.Fixed)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", entry.RuleId);
                json.WriteString("file", entry.File);
                json.WriteNumber("line", entry.Line);
                json.WriteNumber("column", entry.Column);
                json.WriteString("message", entry.Message);
                json.WriteString("fingerprint", entry.Fingerprint);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteStartArray("checklist");
        foreach (ChecklistItem item in report.Checklist)
        {
            json.WriteStartObject();
            json.WriteString("id", item.Id);
            json.WriteString("item", item.Title);
            json.WriteString("status", ChecklistItem.StatusKey(item.Status));
            json.WriteString("details", item.Details);
            json.WriteBoolean("fromGuide", item.FromGuide);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("skipped");
        foreach (var problem in report.Problems)
        {
            json.WriteStartObject();
            json.WriteString("file", problem.Path);
            json.WriteString("reason", problem.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using DiffPlex;
using DiffPlex.Model;
using Netsmart.Migrate.Analysis;
using Netsmart.Migrate.Input;

namespace Netsmart.Migrate.Reporting;

/// <summary>The changes <c>fix --dry-run</c> would make, by file (full path): original and fixed text.</summary>
internal sealed record ProposedChange(string OriginalText, string NewText);

/// <summary>
/// The report as one self-contained HTML page: inline CSS and SVG bar charts, no script, no external resource (a
/// Content-Security-Policy forbids loading any). Every text taken from the input is HTML-escaped. The proposed v2 text
/// of a finding is the fixed file's lines that replace the finding's line, from the fix engine's own changes.
/// </summary>
internal static class HtmlReport
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1b1f24;background:#fff;line-height:1.4}
        h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
        table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
        th{background:#f6f8fa}pre{margin:0;white-space:pre-wrap;word-break:break-all;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
        td.source,td.proposed{width:30%}td.source pre,td.proposed pre{word-break:normal;overflow-wrap:anywhere}
        .old{background:#ffebe9}.new{background:#dafbe1}.none{color:#57606a;font-style:italic}
        .chart svg{display:block}.chart text{font-size:12px;font-family:ui-monospace,Menlo,Consolas,monospace}
        .status-todo{color:#9a6700;font-weight:600}.status-ok{color:#1a7f37;font-weight:600}.status-new{color:#cf222e;font-weight:600}
        """;

    public static void Write(ScanReport report, TextWriter writer)
    {
        writer.WriteLine("<!DOCTYPE html>");
        writer.WriteLine("<html lang=\"en\">");
        writer.WriteLine("<head>");
        writer.WriteLine("<meta charset=\"utf-8\">");
        writer.WriteLine("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        writer.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        writer.WriteLine($"<title>netsmart-migrate scan {E(report.DisplayPath)}</title>");
        writer.WriteLine("<style>" + Style.Replace("\r", string.Empty, StringComparison.Ordinal) + "</style>");
        writer.WriteLine("</head>");
        writer.WriteLine("<body>");
        writer.WriteLine($"<h1>netsmart-migrate scan {E(report.DisplayPath)}</h1>");
        writer.WriteLine($"<p id=\"input\">Input: {E(report.InputLine)}</p>");
        writer.WriteLine($"<p id=\"result\"><strong>Result:</strong> {E(report.ResultLine)}</p>");

        writer.WriteLine("<section id=\"by-rule\">");
        writer.WriteLine("<h2>Findings by rule</h2>");
        BarChart(writer, "Findings by rule", report.Rules.Select(r => (r.Id + " " + r.Title, r.Total)).ToList());
        writer.WriteLine("</section>");

        writer.WriteLine("<section id=\"by-project\">");
        writer.WriteLine("<h2>Findings by project</h2>");
        BarChart(writer, "Findings by project", report.Findings
            .GroupBy(f => report.ProjectOf(f.Path), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))
            .ToList());
        writer.WriteLine("</section>");

        if (report.Baseline is { } baseline)
        {
            writer.WriteLine("<section id=\"burndown\">");
            writer.WriteLine($"<h2>Burndown against the baseline {E(baseline.DisplayPath)}</h2>");
            writer.WriteLine($"<p>{E(baseline.Line)}.</p>");
            BarChart(writer, "Burndown", new List<(string, int)> { ("fixed since the baseline", baseline.Fixed.Count), ("still open", baseline.Unchanged.Count), ("new", baseline.New.Count) });
            if (baseline.Fixed.Count > 0)
            {
                writer.WriteLine("<ul id=\"fixed\">");
                foreach (BaselineEntry entry in baseline.Fixed)
                {
                    writer.WriteLine($"<li><code>{E(entry.File)}({entry.Line},{entry.Column})</code> {E(entry.RuleId)} {E(entry.Message)}</li>");
                }

                writer.WriteLine("</ul>");
            }

            writer.WriteLine("</section>");
        }

        writer.WriteLine("<section id=\"checklist\">");
        writer.WriteLine("<h2>Validation checklist</h2>");
        writer.WriteLine("<table>");
        writer.WriteLine("<thead><tr><th>Item</th><th>Status</th><th>What the code shows</th></tr></thead>");
        writer.WriteLine("<tbody>");
        foreach (ChecklistItem item in report.Checklist)
        {
            string css = item.Status switch { ChecklistStatus.Ok => "status-ok", ChecklistStatus.ToDo => "status-todo", _ => string.Empty };
            writer.WriteLine($"<tr><td>{E(item.Title)}</td><td class=\"{css}\">{E(item.StatusText)}</td><td>{E(item.Details)}</td></tr>");
        }

        writer.WriteLine("</tbody>");
        writer.WriteLine("</table>");
        writer.WriteLine("</section>");

        writer.WriteLine("<section id=\"findings\">");
        writer.WriteLine($"<h2>Findings ({report.Findings.Length})</h2>");
        if (report.Findings.IsEmpty)
        {
            writer.WriteLine("<p>No findings.</p>");
        }
        else
        {
            writer.WriteLine("<table>");
            writer.WriteLine("<thead><tr><th>Location</th><th>Rule</th><th>Severity</th>" + (report.Baseline is null ? string.Empty : "<th>Baseline</th>") + "<th>Message</th><th>Source line</th><th>Proposed v2</th></tr></thead>");
            writer.WriteLine("<tbody>");
            var diffs = new Dictionary<string, LineMap>(StringComparer.Ordinal);
            foreach (Finding finding in report.Findings)
            {
                string? source = report.SourceLine(finding.Path, finding.Line);
                string? proposed = Proposed(report, finding, diffs);
                string state = report.Baseline is null ? string.Empty
                    : report.Baseline.IsNew(finding) ? "<td class=\"status-new\">new</td>" : "<td>still open</td>";
                writer.WriteLine(
                    $"<tr class=\"finding\"><td><code>{E(finding.RelativePath)}({finding.Line},{finding.Column})</code></td>" +
                    $"<td>{E(finding.RuleId)}</td><td>{E(Finding.SeverityName(finding.Severity))}</td>{state}<td>{E(finding.Message)}</td>" +
                    $"<td class=\"source\">{(source is null ? "<span class=\"none\">—</span>" : "<pre class=\"old\">" + E(source) + "</pre>")}</td>" +
                    $"<td class=\"proposed\">{(proposed is null ? "<span class=\"none\">no automatic fix</span>" : "<pre class=\"new\">" + E(proposed) + "</pre>")}</td></tr>");
            }

            writer.WriteLine("</tbody>");
            writer.WriteLine("</table>");
        }

        writer.WriteLine("</section>");

        if (report.Problems.Count > 0)
        {
            writer.WriteLine("<section id=\"skipped\">");
            writer.WriteLine($"<h2>Skipped ({report.Problems.Count})</h2>");
            writer.WriteLine("<ul>");
            foreach (InputProblem problem in report.Problems)
            {
                writer.WriteLine($"<li><code>{E(problem.Path)}</code>: {E(problem.Message)}</li>");
            }

            writer.WriteLine("</ul>");
            writer.WriteLine("</section>");
        }

        writer.WriteLine("</body>");
        writer.WriteLine("</html>");
    }

    /// <summary>The fixed lines that replace the finding's line, from the fix engine's change to its file; null when none.</summary>
    private static string? Proposed(ScanReport report, Finding finding, Dictionary<string, LineMap> diffs)
    {
        if (report.ProposedChanges is null || !report.ProposedChanges.TryGetValue(finding.Path, out ProposedChange? change))
        {
            return null;
        }

        if (!diffs.TryGetValue(finding.Path, out LineMap? map))
        {
            map = new LineMap(Differ.Instance.CreateLineDiffs(change.OriginalText, change.NewText, ignoreWhitespace: false, ignoreCase: false));
            diffs[finding.Path] = map;
        }

        return map.NewLinesFor(finding.Line - 1);
    }

    private static void BarChart(TextWriter writer, string title, IReadOnlyList<(string Label, int Count)> bars)
    {
        if (bars.Count == 0 || bars.All(b => b.Count == 0))
        {
            writer.WriteLine("<p>No findings.</p>");
            return;
        }

        const int LabelWidth = 420;
        const int BarWidth = 360;
        const int Row = 24;
        int max = Math.Max(1, bars.Max(b => b.Count));
        int height = bars.Count * Row;
        writer.WriteLine($"<div class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{E(title)}\" width=\"{LabelWidth + BarWidth + 60}\" height=\"{height}\" viewBox=\"0 0 {LabelWidth + BarWidth + 60} {height}\">");
        for (int i = 0; i < bars.Count; i++)
        {
            (string label, int count) = bars[i];
            int width = count == 0 ? 0 : Math.Max(2, (int)Math.Round(BarWidth * (double)count / max));
            int y = i * Row;
            string shown = label.Length > 58 ? label[..57] + "…" : label;
            writer.WriteLine(
                $"<g class=\"bar\"><title>{E(label)}: {count}</title><text x=\"0\" y=\"{y + 16}\">{E(shown)}</text>" +
                $"<rect x=\"{LabelWidth}\" y=\"{y + 4}\" width=\"{width}\" height=\"{Row - 8}\" fill=\"#0969da\"></rect>" +
                $"<text x=\"{LabelWidth + width + 6}\" y=\"{y + 16}\">{count.ToString(CultureInfo.InvariantCulture)}</text></g>");
        }

        writer.WriteLine("</svg></div>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Old line → the new lines that replace it, from a line diff.</summary>
    private sealed class LineMap
    {
        private readonly DiffResult _diff;

        public LineMap(DiffResult diff)
        {
            _diff = diff;
        }

        public string? NewLinesFor(int oldLine)
        {
            foreach (DiffBlock block in _diff.DiffBlocks)
            {
                if (oldLine >= block.DeleteStartA && oldLine < block.DeleteStartA + block.DeleteCountA)
                {
                    return block.InsertCountB == 0
                        ? "(the fix removes this line)"
                        : string.Join("\n", _diff.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB));
                }
            }

            return null;
        }
    }
}

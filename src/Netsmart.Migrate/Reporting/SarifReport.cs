using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Netsmart.Migrate.Analysis;

namespace Netsmart.Migrate.Reporting;

/// <summary>
/// The report as SARIF 2.1.0: one run, every rule of the package in the driver, file locations relative to the
/// <c>SRCROOT</c> base (the input's folder), skipped files as tool execution notifications and the validation
/// checklist in the run's property bag.
/// </summary>
internal static class SarifReport
{
    public const string InformationUri = "https://github.com/netsmart-analyzers/Netsmart.Analyzers";

    public static void Write(ScanReport report, TextWriter writer) => JsonOutput.Write(writer, json =>
    {
        var rules = PackageRules.Descriptors.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();

        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "netsmart-migrate");
        json.WriteString("semanticVersion", JsonOutput.ToolVersion);
        json.WriteString("informationUri", InformationUri);
        json.WriteStartArray("rules");
        foreach (DiagnosticDescriptor rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", rule.Description.ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteString("helpUri", rule.HelpLinkUri);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity == DiagnosticSeverity.Info ? FindingSeverity.Info : FindingSeverity.Warning));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("category", rule.Category);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject("SRCROOT");
        json.WriteString("uri", new Uri(Path.TrimEndingDirectorySeparator(report.RootDirectory) + Path.DirectorySeparatorChar).AbsoluteUri);
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", true);
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var problem in report.Problems)
        {
            json.WriteStartObject();
            json.WriteString("level", "warning");
            json.WriteStartObject("message");
            json.WriteString("text", "Skipped: " + problem.Message);
            json.WriteEndObject();
            json.WriteStartArray("locations");
            json.WriteStartObject();
            WritePhysical(json, problem.Path, region: null);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartArray("results");
        foreach (Finding finding in report.Findings)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", finding.RuleId);
            json.WriteNumber("ruleIndex", rules.FindIndex(r => r.Id == finding.RuleId));
            json.WriteString("level", Level(finding.Severity));
            json.WriteStartObject("message");
            json.WriteString("text", finding.Message);
            json.WriteEndObject();
            json.WriteStartArray("locations");
            json.WriteStartObject();
            WritePhysical(json, finding.RelativePath, finding);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("partialFingerprints");
            json.WriteString(Fingerprints.SarifKey, finding.Fingerprint);
            json.WriteEndObject();
            if (report.Baseline is { } baseline)
            {
                json.WriteString("baselineState", baseline.IsNew(finding) ? "new" : "unchanged");
            }

            json.WriteStartObject("properties");
            json.WriteBoolean("fixable", finding.Fixable);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        // Baseline findings no longer found: results in the "absent" state, where they were when the baseline was written.
        foreach (BaselineEntry entry in report.Baseline?.Fixed ?? new())
        {
            json.WriteStartObject();
            json.WriteString("ruleId", entry.RuleId);
            json.WriteNumber("ruleIndex", rules.FindIndex(r => r.Id == entry.RuleId));
            json.WriteString("level", Level(entry.Severity switch { "error" => FindingSeverity.Error, "info" => FindingSeverity.Info, _ => FindingSeverity.Warning }));
            json.WriteStartObject("message");
            json.WriteString("text", entry.Message);
            json.WriteEndObject();
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", string.Join("/", entry.File.Split('/').Select(Uri.EscapeDataString)));
            json.WriteString("uriBaseId", "SRCROOT");
            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", Math.Max(1, entry.Line));
            json.WriteNumber("startColumn", Math.Max(1, entry.Column));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("partialFingerprints");
            json.WriteString(Fingerprints.SarifKey, entry.Fingerprint);
            json.WriteEndObject();
            json.WriteString("baselineState", "absent");
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartObject("properties");
        json.WriteStartArray("checklist");
        foreach (ChecklistItem item in report.Checklist)
        {
            json.WriteStartObject();
            json.WriteString("id", item.Id);
            json.WriteString("item", item.Title);
            json.WriteString("status", ChecklistItem.StatusKey(item.Status));
            json.WriteString("details", item.Details);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WritePhysical(Utf8JsonWriter json, string relativePath, Finding? region)
    {
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", string.Join("/", relativePath.Split('/').Select(Uri.EscapeDataString)));
        json.WriteString("uriBaseId", "SRCROOT");
        json.WriteEndObject();
        if (region != null)
        {
            json.WriteStartObject("region");
            json.WriteNumber("startLine", region.Line);
            json.WriteNumber("startColumn", region.Column);
            json.WriteNumber("endLine", region.EndLine);
            json.WriteNumber("endColumn", region.EndColumn);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static string Level(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        _ => "note",
    };
}

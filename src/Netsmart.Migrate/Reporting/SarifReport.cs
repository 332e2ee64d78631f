using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Netsmart.Migrate.Analysis;
using Netsmart.Migrate.Input;

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
        WriteTool(json, rules);
        WriteSourceRoot(json, report.RootDirectory);
        WriteInvocation(json, report.Problems);
        json.WriteStartArray("results");
        foreach (Finding finding in report.Findings)
        {
            WriteResult(json, finding, rules.FindIndex(r => r.Id == finding.RuleId), report.Baseline);
        }

        foreach (BaselineEntry entry in report.Baseline?.Fixed ?? new())
        {
            WriteAbsentResult(json, entry, rules.FindIndex(r => r.Id == entry.RuleId));
        }

        json.WriteEndArray();
        WriteChecklist(json, report.Checklist);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>The tool's driver: its name, version and every rule of the package (results refer to them by index).</summary>
    private static void WriteTool(Utf8JsonWriter json, IEnumerable<DiagnosticDescriptor> rules)
    {
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
            json.WriteString("text", rule.Title.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", rule.Description.ToString(CultureInfo.InvariantCulture));
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
    }

    /// <summary>The <c>SRCROOT</c> base every location is relative to: the input's folder.</summary>
    private static void WriteSourceRoot(Utf8JsonWriter json, string rootDirectory)
    {
        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject("SRCROOT");
        json.WriteString("uri", new Uri(Path.TrimEndingDirectorySeparator(rootDirectory) + Path.DirectorySeparatorChar).AbsoluteUri);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The one invocation, with the skipped files as tool execution notifications.</summary>
    private static void WriteInvocation(Utf8JsonWriter json, IEnumerable<InputProblem> problems)
    {
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", true);
        json.WriteStartArray("toolExecutionNotifications");
        foreach (InputProblem problem in problems)
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
    }

    /// <summary>A finding: rule, level, message, location, fingerprint, baseline state when scanned against one, fixability.</summary>
    private static void WriteResult(Utf8JsonWriter json, Finding finding, int ruleIndex, BaselineComparison? baseline)
    {
        WriteResultCore(json, finding.RuleId, ruleIndex, finding.Severity, finding.Message, finding.RelativePath, finding.Fingerprint, region =>
        {
            region.WriteNumber("startLine", finding.Line);
            region.WriteNumber("startColumn", finding.Column);
            region.WriteNumber("endLine", finding.EndLine);
            region.WriteNumber("endColumn", finding.EndColumn);
        });
        if (baseline != null)
        {
            json.WriteString("baselineState", baseline.IsNew(finding) ? "new" : "unchanged");
        }

        json.WriteStartObject("properties");
        json.WriteBoolean("fixable", finding.Fixable);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>A baseline finding no longer found: a result in the "absent" state, where it was when the baseline was written.</summary>
    private static void WriteAbsentResult(Utf8JsonWriter json, BaselineEntry entry, int ruleIndex)
    {
        FindingSeverity severity = entry.Severity switch { "error" => FindingSeverity.Error, "info" => FindingSeverity.Info, _ => FindingSeverity.Warning };
        WriteResultCore(json, entry.RuleId, ruleIndex, severity, entry.Message, entry.File, entry.Fingerprint, region =>
        {
            region.WriteNumber("startLine", Math.Max(1, entry.Line));
            region.WriteNumber("startColumn", Math.Max(1, entry.Column));
        });
        json.WriteString("baselineState", "absent");
        json.WriteEndObject();
    }

    /// <summary>Opens a result and writes what every result has: rule, level, message, one location, fingerprint.</summary>
    private static void WriteResultCore(
        Utf8JsonWriter json, string ruleId, int ruleIndex, FindingSeverity severity, string message, string relativePath, string fingerprint, Action<Utf8JsonWriter> region)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", ruleId);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(severity));
        json.WriteStartObject("message");
        json.WriteString("text", message);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        WritePhysical(json, relativePath, region);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString(Fingerprints.SarifKey, fingerprint);
        json.WriteEndObject();
    }

    /// <summary>The validation checklist, in the run's property bag.</summary>
    private static void WriteChecklist(Utf8JsonWriter json, IEnumerable<ChecklistItem> checklist)
    {
        json.WriteStartObject("properties");
        json.WriteStartArray("checklist");
        foreach (ChecklistItem item in checklist)
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
    }

    /// <summary>A file location relative to <c>SRCROOT</c> (each path segment escaped), with its region when there is one.</summary>
    private static void WritePhysical(Utf8JsonWriter json, string relativePath, Action<Utf8JsonWriter>? region)
    {
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", string.Join("/", relativePath.Split('/').Select(Uri.EscapeDataString)));
        json.WriteString("uriBaseId", "SRCROOT");
        json.WriteEndObject();
        if (region != null)
        {
            json.WriteStartObject("region");
            region(json);
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

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Netsmart.Migrate.Analysis;
using Netsmart.Migrate.Input;

namespace Netsmart.Migrate.Reporting;

/// <summary>
/// Finding fingerprints that survive line moves: a hash of the rule id, the file's path relative to the input's folder,
/// the finding's literal text (whitespace runs collapsed) and the occurrence index among the findings of the same file
/// with the same rule and text (in file order). Like SARIF's <c>partialFingerprints</c>: the line is not part of it.
/// </summary>
internal static class Fingerprints
{
    /// <summary>The key of the fingerprint in SARIF <c>partialFingerprints</c>.</summary>
    public const string SarifKey = "netsmartFindingHash/v1";

    /// <summary>Computes the fingerprint of every finding; <paramref name="textOf"/> gives a file's text by its full path.</summary>
    public static void Assign(IEnumerable<Finding> findings, Func<string, string?> textOf)
    {
        var occurrences = new Dictionary<(string Rule, string Path, string Text), int>();
        foreach (Finding finding in findings.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ThenBy(f => f.Diagnostic.Location.SourceSpan.Start).ThenBy(f => f.RuleId, StringComparer.Ordinal))
        {
            string text = Normalize(LiteralText(finding, textOf(finding.Path)));
            var key = (finding.RuleId, finding.RelativePath, text);
            occurrences.TryGetValue(key, out int index);
            occurrences[key] = index + 1;
            finding.Fingerprint = Hash(finding.RuleId, finding.RelativePath, text, index);
        }
    }

    internal static string Hash(string ruleId, string relativePath, string normalizedText, int occurrence)
    {
        byte[] bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{ruleId}\n{relativePath}\n{normalizedText}\n{occurrence}"));
        return Convert.ToHexString(bytes, 0, 16).ToLowerInvariant();
    }

    private static string LiteralText(Finding finding, string? fileText)
    {
        var span = finding.Diagnostic.Location.SourceSpan;
        return fileText != null && span.End <= fileText.Length ? fileText.Substring(span.Start, span.Length) : finding.Message;
    }

    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}

/// <summary>One finding recorded in a baseline file.</summary>
internal sealed record BaselineEntry(string Fingerprint, string RuleId, string Severity, string File, int Line, int Column, string Message);

/// <summary>
/// A baseline file (<c>scan --write-baseline</c>): the findings a team accepts for now, by fingerprint, so that
/// <c>scan --baseline</c> fails only on new ones.
/// </summary>
internal static class BaselineFile
{
    public const int FormatVersion = 1;

    public static void Write(ScanReport report, TextWriter writer) => JsonOutput.Write(writer, json =>
    {
        json.WriteStartObject();
        json.WriteString("tool", "netsmart-migrate");
        json.WriteNumber("baselineVersion", FormatVersion);
        json.WriteStartArray("findings");
        foreach (Finding finding in report.Findings)
        {
            json.WriteStartObject();
            json.WriteString("fingerprint", finding.Fingerprint);
            json.WriteString("ruleId", finding.RuleId);
            json.WriteString("severity", Finding.SeverityName(finding.Severity));
            json.WriteString("file", finding.RelativePath);
            json.WriteNumber("line", finding.Line);
            json.WriteNumber("column", finding.Column);
            json.WriteString("message", finding.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>Reads a baseline file; an unreadable or malformed one is an input error (exit code 2).</summary>
    public static IReadOnlyList<BaselineEntry> Read(string path, string displayPath)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read the baseline '{displayPath}': {e.Message}", e);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !root.TryGetProperty("baselineVersion", out JsonElement version) || version.ValueKind != JsonValueKind.Number ||
                !root.TryGetProperty("findings", out JsonElement findings) || findings.ValueKind != JsonValueKind.Array)
            {
                throw new InputException($"'{displayPath}' is not a netsmart-migrate baseline (write one with 'scan --write-baseline FILE').");
            }

            if (version.GetInt32() != FormatVersion)
            {
                throw new InputException($"'{displayPath}' is a baseline of format {version.GetInt32()}; this tool reads format {FormatVersion}. Write it again with 'scan --write-baseline'.");
            }

            return findings.EnumerateArray().Select(f => new BaselineEntry(
                    f.GetProperty("fingerprint").GetString() ?? throw new InvalidOperationException("fingerprint"),
                    f.GetProperty("ruleId").GetString() ?? string.Empty,
                    f.TryGetProperty("severity", out var s) ? s.GetString() ?? "warning" : "warning",
                    f.TryGetProperty("file", out var file) ? file.GetString() ?? string.Empty : string.Empty,
                    f.TryGetProperty("line", out var line) ? line.GetInt32() : 1,
                    f.TryGetProperty("column", out var column) ? column.GetInt32() : 1,
                    f.TryGetProperty("message", out var message) ? message.GetString() ?? string.Empty : string.Empty))
                .ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new InputException($"'{displayPath}' is not a valid netsmart-migrate baseline: {e.Message}", e);
        }
    }
}

/// <summary>A scan compared with a baseline: new findings, known ones, and baseline findings no longer found.</summary>
internal sealed class BaselineComparison
{
    private readonly HashSet<Finding> _newSet = new();

    public BaselineComparison(string displayPath, IReadOnlyList<Finding> findings, IReadOnlyList<BaselineEntry> baseline)
    {
        DisplayPath = displayPath;
        var known = baseline.GroupBy(b => b.Fingerprint, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new Queue<BaselineEntry>(g), StringComparer.Ordinal);
        foreach (Finding finding in findings)
        {
            if (known.TryGetValue(finding.Fingerprint, out var entries) && entries.Count > 0)
            {
                entries.Dequeue();
                Unchanged.Add(finding);
            }
            else
            {
                New.Add(finding);
                _newSet.Add(finding);
            }
        }

        Fixed.AddRange(known.Values.SelectMany(q => q).OrderBy(b => b.File, StringComparer.Ordinal).ThenBy(b => b.Line).ThenBy(b => b.Column));
    }

    public string DisplayPath { get; }

    public List<Finding> New { get; } = new();

    /// <summary>Still open: in the baseline and found again.</summary>
    public List<Finding> Unchanged { get; } = new();

    /// <summary>In the baseline, not found any more.</summary>
    public List<BaselineEntry> Fixed { get; } = new();

    public bool IsNew(Finding finding) => _newSet.Contains(finding);

    public string Line =>
        $"{New.Count} new, {Unchanged.Count} still open from the baseline, {Fixed.Count} fixed since the baseline";
}

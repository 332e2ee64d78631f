using System.Collections.Generic;
using System.Linq;
using Netsmart.Knowledge.Config;
using Netsmart.Knowledge.Json;
using Netsmart.Knowledge.Rules;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Migrate.Fixing;

/// <summary>The outcome of rewriting one JSON configuration file.</summary>
internal sealed record JsonFixResult(string NewText, int Fixed, int Remaining, JsonError? Error);

/// <summary>
/// Rewrites the string values of a JSON configuration file with <see cref="ConfigFileScanner"/>: only the characters
/// of the edited values change, so comments, indentation, key order and line endings stay as they are. With a
/// tenant id, the <c>{tenant-id}</c> placeholder is written as that id, in new and in existing v2 URLs.
/// </summary>
internal static class JsonConfigFixer
{
    public static JsonFixResult Fix(string json, string? tenantId)
    {
        ConfigScanResult scan = ConfigFileScanner.Scan(json);
        if (scan.Error != null)
        {
            return new JsonFixResult(json, 0, 0, scan.Error);
        }

        var fixable = scan.Findings.Where(f => f.Edits.Count > 0).ToList();
        var edits = new List<ConfigFinding>(fixable.Count + 1);
        foreach (ConfigFinding finding in fixable)
        {
            edits.Add(tenantId is null ? finding : WithTenant(finding, tenantId));
        }

        int placeholders = 0;
        if (tenantId != null)
        {
            List<UrlEdit> existing = ExistingPlaceholders(json, tenantId);
            placeholders = existing.Count;
            if (existing.Count > 0)
            {
                edits.Add(new ConfigFinding(DiagnosticIds.V2UrlWithoutTenant, existing[0].Start, 0, string.Empty, new string[0], existing, isTentative: false));
            }
        }

        string newText = edits.Count == 0 ? json : ConfigFileScanner.ApplyFixes(json, edits);
        int remaining = newText == json ? scan.Findings.Count : ConfigFileScanner.Scan(newText).Findings.Count;
        // One fixed place per URL or scope list: NSM001 and NSM006 on the same v1 URL write the same edit once.
        int places = fixable.Select(f => f.Start).Distinct().Count();
        return new JsonFixResult(newText, places + placeholders, remaining, null);
    }

    private static ConfigFinding WithTenant(ConfigFinding finding, string tenantId) =>
        new(finding.RuleId, finding.Start, finding.Length, finding.Path, finding.MessageArguments,
            finding.Edits.Select(e => new UrlEdit(e.Start, e.Length, e.NewText.Replace(NetsmartTenantSegment.Placeholder, tenantId, System.StringComparison.Ordinal))).ToList(),
            finding.IsTentative);

    /// <summary>The tenant placeholders already in v2 URLs of the file's values, as edits that write <paramref name="tenantId"/>.</summary>
    private static List<UrlEdit> ExistingPlaceholders(string json, string tenantId)
    {
        var edits = new List<UrlEdit>();
        JsonTokenizeResult tokens = JsonStringTokenizer.Tokenize(json);
        foreach (JsonStringToken token in tokens.Strings)
        {
            if (token.IsPropertyName || !NetsmartUrlScanner.MayContainNetsmartUrl(token.Value))
            {
                continue;
            }

            foreach (NetsmartUrlMatch match in NetsmartUrlScanner.FindAll(token.Value))
            {
                if (match.TenantState == TenantSegmentState.Placeholder &&
                    token.TryMapToSource(match.TenantStart, match.TenantLength, out int start, out int length))
                {
                    edits.Add(new UrlEdit(start, length, tenantId));
                }
            }
        }

        return edits;
    }
}

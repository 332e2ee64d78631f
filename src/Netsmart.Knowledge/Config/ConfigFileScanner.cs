using System.Collections.Generic;
using System.Text;
using Netsmart.Knowledge.Evidence;
using Netsmart.Knowledge.Json;
using Netsmart.Knowledge.Rules;
using Netsmart.Knowledge.Scopes;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Knowledge.Config;

/// <summary>One finding in a JSON configuration file, with source offsets and ready-to-write edits.</summary>
internal sealed class ConfigFinding
{
    public ConfigFinding(string ruleId, int start, int length, string path, string[] messageArguments, IReadOnlyList<UrlEdit> edits, bool isTentative)
    {
        RuleId = ruleId;
        Start = start;
        Length = length;
        Path = path;
        MessageArguments = messageArguments;
        Edits = edits;
        IsTentative = isTentative;
    }

    /// <summary>The rule this finding reports under (<see cref="DiagnosticIds"/>), the same id the C# rule uses.</summary>
    public string RuleId { get; }

    /// <summary>Offset in the file of what the finding is about (the URL base, or the first to last scope).</summary>
    public int Start { get; }

    public int Length { get; }

    /// <summary>The JSON path of the value, e.g. <c>CareConnect:BaseUrl</c>.</summary>
    public string Path { get; }

    /// <summary>The message arguments, in the order of the rule's message format.</summary>
    public string[] MessageArguments { get; }

    /// <summary>Edits in file offsets, with JSON-escaped text; empty when the finding has no automatic fix.</summary>
    public IReadOnlyList<UrlEdit> Edits { get; }

    /// <summary>
    /// Information, no fix: NSM003 without clear evidence of Certified use in the file; NSM011 where neither the
    /// file nor (when the caller knows it) the project shows Netsmart use.
    /// </summary>
    public bool IsTentative { get; }
}

/// <summary>The result of scanning one configuration file.</summary>
internal sealed class ConfigScanResult
{
    public ConfigScanResult(IReadOnlyList<ConfigFinding> findings, JsonError? error)
    {
        Findings = findings;
        Error = error;
    }

    public IReadOnlyList<ConfigFinding> Findings { get; }

    /// <summary>Set when the file is not valid JSON (with comments and trailing commas allowed); the findings are then empty.</summary>
    public JsonError? Error { get; }
}

/// <summary>
/// Finds Certified v1 URLs, tenant-less v2 URLs and SMART scope problems in the string values of a JSON
/// configuration file (<c>appsettings*.json</c>), with the same knowledge the C# rules use. Keys and comments
/// are never reported; a malformed file yields no findings and an error.
/// </summary>
internal static class ConfigFileScanner
{
    private static readonly ConfigFinding[] NoFindings = new ConfigFinding[0];

    /// <summary>
    /// Scans one file. <paramref name="netsmartProject"/>: the project around it shows Netsmart use (a reference to
    /// Netsmart.CareConnect, the tenant option), so NSM011 is a warning even in a file without a Netsmart URL.
    /// </summary>
    public static ConfigScanResult Scan(string json, bool netsmartProject = false)
    {
        if (!MayHoldFinding(json))
        {
            return new ConfigScanResult(NoFindings, null);
        }

        JsonTokenizeResult tokens = JsonStringTokenizer.Tokenize(json);
        if (!tokens.Success)
        {
            return new ConfigScanResult(NoFindings, tokens.Error);
        }

        // File-level evidence, read with the same rules as the C# analyzers read a type or a file, and the
        // evidence of every object or array that holds some (the units that can own a URL, see AccessUnits).
        ApiEvidence evidence = ApiEvidence.None;
        var units = new AccessUnits();
        foreach (JsonStringToken token in tokens.Strings)
        {
            if (!token.IsPropertyName)
            {
                ApiEvidence own = ApiEvidenceScanner.FromText(token.Value);
                evidence |= own;
                units.Add(token, own);
            }
        }

        units.File = evidence;
        var surroundings = new FileSurroundings(evidence, netsmartProject, units);
        var findings = new List<ConfigFinding>();
        foreach (JsonStringToken token in tokens.Strings)
        {
            if (!token.IsPropertyName)
            {
                AddUrlFindings(token, surroundings, findings);
                AddScopeFindings(token, surroundings, findings);
            }
        }

        return new ConfigScanResult(findings, null);
    }

    /// <summary>
    /// False when <see cref="Scan"/> finds nothing in this file whatever the project: its text holds neither what may be a
    /// Netsmart URL nor a SMART scope context (the JSON is not even read then).
    /// </summary>
    public static bool MayHoldFinding(string? json) =>
        json != null && (NetsmartUrlScanner.MayContainNetsmartUrl(json) || ScopeScanner.MayMentionScope(json));

    /// <summary>Applies the edits of <paramref name="findings"/> to the file text (later findings that overlap are skipped).</summary>
    public static string ApplyFixes(string json, IEnumerable<ConfigFinding> findings)
    {
        var edits = new List<UrlEdit>();
        foreach (ConfigFinding finding in findings)
        {
            edits.AddRange(finding.Edits);
        }

        edits.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Length.CompareTo(b.Length));
        var sb = new StringBuilder(json.Length + 64);
        int position = 0;
        foreach (UrlEdit edit in edits)
        {
            if (edit.Start < position)
            {
                continue;
            }

            sb.Append(json, position, edit.Start - position).Append(edit.NewText);
            position = edit.End;
        }

        return sb.Append(json, position, json.Length - position).ToString();
    }

    /// <summary>
    /// The rules a configuration file is checked for. NSM005 (a tenant placeholder) is not one of them: in a file the
    /// placeholder is written by <c>netsmart-migrate fix --tenant-id</c>. NSM006 is, as in C#: a Patient Access URL
    /// whose owning unit (the nearest object, or the file, that shows a kind of access) shows only backend use.
    /// </summary>
    public static bool IsReported(string ruleId) =>
        ruleId == DiagnosticIds.V1PatientAccessUrl || ruleId == DiagnosticIds.V1BulkDataUrl ||
        ruleId == DiagnosticIds.V1AuthorizationServerUrl || ruleId == DiagnosticIds.V2UrlWithoutTenant ||
        ruleId == DiagnosticIds.SystemAccessThroughPatientAccess ||
        ruleId == DiagnosticIds.V1ScopeSyntax || ruleId == DiagnosticIds.MalformedV2Scope;

    private static void AddUrlFindings(JsonStringToken token, FileSurroundings surroundings, List<ConfigFinding> findings)
    {
        IValueSurroundings around = surroundings.For(token);
        foreach (NetsmartUrlMatch match in NetsmartUrlScanner.FindAll(token.Value))
        {
            Add(token, UrlRules.Decide(match, around), findings);
            if (UrlRules.IsPatientAccess(match))
            {
                Add(token, UrlRules.DecideSystemLevel(match, around), findings);
            }
        }
    }

    private static void AddScopeFindings(JsonStringToken token, FileSurroundings surroundings, List<ConfigFinding> findings)
    {
        if (!ScopeScanner.MayContainScope(token.Value))
        {
            return;
        }

        foreach (RuleDecision decision in ScopeRules.Decide(token.Value, ScopeScanner.Scan(token.Value), surroundings))
        {
            Add(token, decision, findings);
        }
    }

    private static void Add(JsonStringToken token, RuleDecision? decision, List<ConfigFinding> findings)
    {
        if (decision is null || !IsReported(decision.RuleId) ||
            !token.TryMapToSource(decision.Start, decision.End - decision.Start, out int start, out int length))
        {
            return;
        }

        findings.Add(new ConfigFinding(decision.RuleId, start, length, token.Path, decision.MessageArguments, MapEdits(token, decision.Edits), decision.IsTentative));
    }

    private static IReadOnlyList<UrlEdit> MapEdits(JsonStringToken token, IReadOnlyList<UrlEdit> valueEdits)
    {
        var edits = new List<UrlEdit>(valueEdits.Count);
        foreach (UrlEdit edit in valueEdits)
        {
            if (!token.TryMapToSource(edit.Start, edit.Length, out int start, out int length))
            {
                return new UrlEdit[0];
            }

            edits.Add(new UrlEdit(start, length, JsonStringEscaper.Escape(edit.NewText)));
        }

        return edits;
    }

    /// <summary>
    /// What surrounds a value in a configuration file: the file as a whole (which APIs, Netsmart use), the project
    /// when the caller knows it, and the unit that owns the value (backend or patient-facing use).
    /// </summary>
    private sealed class FileSurroundings : IValueSurroundings
    {
        private readonly ApiEvidence _file;
        private readonly bool _netsmartProject;
        private readonly AccessUnits _units;
        private readonly JsonPathSegment? _container;

        public FileSurroundings(ApiEvidence file, bool netsmartProject, AccessUnits units, JsonPathSegment? container = null)
        {
            _file = file;
            _netsmartProject = netsmartProject;
            _units = units;
            _container = container;
        }

        public ValueSource Source => ValueSource.ConfigFile;

        public ApiEvidence Around() => _file;

        /// <summary>The evidence of the nearest object (or array) around the value that shows backend or patient-facing use; else the file's.</summary>
        public ApiEvidence OwningType() => _units.Owning(_container);

        public bool ShowsNetsmartUse() => _netsmartProject || (_file & ApiEvidence.NetsmartUrl) != ApiEvidence.None;

        /// <summary>The same surroundings for one value: its owning unit starts at the object or array that holds it.</summary>
        public FileSurroundings For(JsonStringToken token) =>
            new FileSurroundings(_file, _netsmartProject, _units, token.PathSegment?.Parent);
    }

    /// <summary>
    /// The units of a configuration file that can own a URL, as the top-level type owns a literal in C#: the objects
    /// and arrays of the file, and the file itself. The unit that decides a value's kind of access is the nearest
    /// one around it that holds a string value (at any depth) with system-level or patient-facing evidence; its
    /// evidence is that of those values: the client's own object when a file holds several clients
    /// (<c>"Clients": { "A": {...}, "B": {...} }</c>), the whole file when the URL and the scopes or grant sit in
    /// sibling sections (<c>"CareConnect": {...}, "Auth": {...}</c>). Evidence of both kinds in that unit is mixed
    /// use, decided as in C#.
    /// </summary>
    private sealed class AccessUnits
    {
        private const ApiEvidence AccessKind = ApiEvidence.SystemLevel | ApiEvidence.PatientFacing;

        // Keyed by the path segment of the object or array (reference identity: every container has its own segment).
        private Dictionary<JsonPathSegment, ApiEvidence>? _containers;

        /// <summary>The whole file's evidence: the unit of last resort (and of a value at the root).</summary>
        public ApiEvidence File { get; set; }

        /// <summary>Adds a string value's evidence to every object and array around it (only values that show a kind of access count).</summary>
        public void Add(JsonStringToken token, ApiEvidence own)
        {
            if ((own & AccessKind) == ApiEvidence.None)
            {
                return;
            }

            // Every walk goes to the root, so a container that already holds this evidence has ancestors that
            // hold it too: stopping there keeps the work linear however deep the file is nested.
            _containers ??= new Dictionary<JsonPathSegment, ApiEvidence>();
            for (JsonPathSegment? container = token.PathSegment?.Parent; container != null; container = container.Parent)
            {
                _containers.TryGetValue(container, out ApiEvidence found);
                if ((found & own) == own)
                {
                    break;
                }

                _containers[container] = found | own;
            }
        }

        /// <summary>The evidence of the nearest unit, from <paramref name="container"/> outwards, that shows a kind of access.</summary>
        public ApiEvidence Owning(JsonPathSegment? container)
        {
            if (_containers != null)
            {
                for (; container != null; container = container.Parent)
                {
                    if (_containers.TryGetValue(container, out ApiEvidence found))
                    {
                        return found;
                    }
                }
            }

            return File;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Text;
using Netsmart.Knowledge.Evidence;
using Netsmart.Knowledge.Json;
using Netsmart.Knowledge.Scopes;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Knowledge.Config
{
    /// <summary>What a configuration-file finding is; the analyzer maps each kind to its rule.</summary>
    internal enum ConfigFindingKind
    {
        /// <summary>NSM001.</summary>
        V1PatientAccess,

        /// <summary>NSM002.</summary>
        V1BulkData,

        /// <summary>NSM003.</summary>
        V1AuthorizationServer,

        /// <summary>NSM004.</summary>
        V2WithoutTenant,

        /// <summary>NSM010.</summary>
        V1ScopeSyntax,

        /// <summary>NSM011.</summary>
        MalformedV2Scope,
    }

    /// <summary>One finding in a JSON configuration file, with source offsets and ready-to-write edits.</summary>
    internal sealed class ConfigFinding
    {
        public ConfigFinding(ConfigFindingKind kind, int start, int length, string path, string[] messageArguments, IReadOnlyList<UrlEdit> edits, bool isTentative)
        {
            Kind = kind;
            Start = start;
            Length = length;
            Path = path;
            MessageArguments = messageArguments;
            Edits = edits;
            IsTentative = isTentative;
        }

        public ConfigFindingKind Kind { get; }

        /// <summary>The rule this finding reports under (NSM001...), the same id the C# rule uses.</summary>
        public string RuleId => Kind switch
        {
            ConfigFindingKind.V1PatientAccess => "NSM001",
            ConfigFindingKind.V1BulkData => "NSM002",
            ConfigFindingKind.V1AuthorizationServer => "NSM003",
            ConfigFindingKind.V2WithoutTenant => "NSM004",
            ConfigFindingKind.V1ScopeSyntax => "NSM010",
            _ => "NSM011",
        };

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
            if (json is null || (!NetsmartUrlScanner.MayContainNetsmartUrl(json) && !ScopeScanner.MayContainScope(json)))
            {
                return new ConfigScanResult(NoFindings, null);
            }

            JsonTokenizeResult tokens = JsonStringTokenizer.Tokenize(json);
            if (!tokens.Success)
            {
                return new ConfigScanResult(NoFindings, tokens.Error);
            }

            // File-level evidence, read with the same rules as the C# analyzers read a type or a file.
            ApiEvidence evidence = ApiEvidence.None;
            foreach (JsonStringToken token in tokens.Strings)
            {
                if (!token.IsPropertyName)
                {
                    evidence |= ApiEvidenceScanner.FromText(token.Value);
                }
            }

            var findings = new List<ConfigFinding>();
            foreach (JsonStringToken token in tokens.Strings)
            {
                if (!token.IsPropertyName)
                {
                    AddUrlFindings(token, evidence, findings);
                    AddScopeFindings(token, evidence, netsmartProject, findings);
                }
            }

            return new ConfigScanResult(findings, null);
        }

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

        private static void AddUrlFindings(JsonStringToken token, ApiEvidence fileEvidence, List<ConfigFinding> findings)
        {
            foreach (NetsmartUrlMatch match in NetsmartUrlScanner.FindAll(token.Value))
            {
                ConfigFindingKind kind;
                string[] args;
                bool fix = true;
                bool tentative = false;
                switch (match.Kind)
                {
                    case NetsmartUrlKind.V1PatientAccess:
                        kind = ConfigFindingKind.V1PatientAccess;
                        args = new[] { match.BaseText, NetsmartV2Urls.ApiDisplayName(NetsmartV2Api.ProviderPatientAccess), NetsmartV2Urls.RewriteBase(match) };
                        break;
                    case NetsmartUrlKind.V1BulkData:
                        kind = ConfigFindingKind.V1BulkData;
                        fix = !match.IsExportPollStatus;
                        args = new[] { match.BaseText, NetsmartUrlAdvice.BulkData(match) };
                        break;
                    case NetsmartUrlKind.V1AuthorizationServer:
                        // The same decision as the C# rule: the value itself, then the file.
                        ApiEvidence apis = ApiEvidenceScanner.Apis(ApiEvidenceScanner.FromText(token.Value, match), fileEvidence);
                        if (apis == ApiEvidence.NonCertified)
                        {
                            continue; // CCD, PatientImage, /v4, /fhir configuration
                        }

                        kind = ConfigFindingKind.V1AuthorizationServer;
                        tentative = apis != ApiEvidence.Certified;
                        fix = !tentative;
                        args = new[]
                        {
                            match.BaseText,
                            tentative
                                ? NetsmartUrlAdvice.TentativeAuthorizationServer(match, apis, "file")
                                : NetsmartUrlAdvice.CertifiedAuthorizationServer(match),
                        };
                        break;
                    case NetsmartUrlKind.V2Fhir:
                    case NetsmartUrlKind.V2Authorization:
                        if (match.TenantState != TenantSegmentState.Missing && match.TenantState != TenantSegmentState.Malformed)
                        {
                            continue;
                        }

                        kind = ConfigFindingKind.V2WithoutTenant;
                        args = new[]
                        {
                            match.BaseText,
                            NetsmartUrlAdvice.TenantProblem(match),
                            NetsmartV2Urls.RewriteBase(match),
                        };
                        break;
                    default:
                        continue;
                }

                if (!token.TryMapToSource(match.Start, match.BaseEnd - match.Start, out int start, out int length))
                {
                    continue;
                }

                findings.Add(new ConfigFinding(kind, start, length, token.Path, args, fix ? MapEdits(token, NetsmartV2Urls.GetEdits(match)) : new UrlEdit[0], tentative));
            }
        }

        private static void AddScopeFindings(JsonStringToken token, ApiEvidence fileEvidence, bool netsmartProject, List<ConfigFinding> findings)
        {
            if (!ScopeScanner.MayContainScope(token.Value))
            {
                return;
            }

            var v1 = new List<ScopeMatch>();
            var malformed = new List<ScopeMatch>();
            foreach (ScopeMatch match in ScopeScanner.Scan(token.Value))
            {
                if (match.Syntax == ScopeSyntax.V1)
                {
                    v1.Add(match);
                }
                else if (match.Syntax == ScopeSyntax.V2 && match.Problems != PermissionProblems.None)
                {
                    malformed.Add(match);
                }
            }

            // The /v4, /fhir and /ccd documentation still uses v1 scopes: a file that only configures those is left alone.
            if (v1.Count > 0 && ApiEvidenceScanner.Apis(ApiEvidenceScanner.FromText(token.Value), fileEvidence) != ApiEvidence.NonCertified)
            {
                AddScopeFinding(token, ConfigFindingKind.V1ScopeSyntax, v1, new[] { ScopeText.List(v1, converted: false), ScopeText.List(v1, converted: true) }, findings, tentative: false);
            }

            if (malformed.Count > 0)
            {
                // A warning where the file (a Netsmart URL) or the project shows Netsmart use; elsewhere information, no fix.
                bool netsmart = netsmartProject || (fileEvidence & ApiEvidence.NetsmartUrl) != ApiEvidence.None;
                AddScopeFinding(token, ConfigFindingKind.MalformedV2Scope, malformed, new[] { ScopeText.Problems(malformed), ScopeText.NetsmartContext(netsmart, "file or project") }, findings, tentative: !netsmart);
            }
        }

        private static void AddScopeFinding(JsonStringToken token, ConfigFindingKind kind, List<ScopeMatch> matches, string[] args, List<ConfigFinding> findings, bool tentative)
        {
            int first = matches[0].Start;
            int last = matches[matches.Count - 1].End;
            if (!token.TryMapToSource(first, last - first, out int start, out int length))
            {
                return;
            }

            var edits = new List<UrlEdit>();
            foreach (ScopeMatch match in matches)
            {
                if (match.Edit is ScopeEdit edit && !tentative)
                {
                    edits.Add(new UrlEdit(edit.Offset, edit.Length, edit.NewText));
                }
            }

            findings.Add(new ConfigFinding(kind, start, length, token.Path, args, MapEdits(token, edits), tentative));
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
    }
}

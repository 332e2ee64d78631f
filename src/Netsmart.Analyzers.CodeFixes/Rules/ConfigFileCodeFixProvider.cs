using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Netsmart.Knowledge.Config;

namespace Netsmart.Analyzers.CodeFixes.Rules
{
    /// <summary>
    /// IDE-only fix for the rules inside JSON configuration files (additional documents): rewrites the value
    /// with the same edits <c>netsmart-migrate fix</c> makes. <c>dotnet format</c> never applies fixes to
    /// additional files; the command-line tool is the supported way to rewrite them in bulk.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConfigFileCodeFixProvider),
        DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) },
        DocumentExtensions = new[] { ".json" }), Shared]
    public sealed class ConfigFileCodeFixProvider : CodeFixProvider
    {
        public const string FixValueKey = "NSM.ConfigFile.FixValue";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            DiagnosticIds.V1PatientAccessUrl,
            DiagnosticIds.V1BulkDataUrl,
            DiagnosticIds.V1AuthorizationServerUrl,
            DiagnosticIds.V2UrlWithoutTenant,
            DiagnosticIds.V1ScopeSyntax,
            DiagnosticIds.MalformedV2Scope);

        public override FixAllProvider GetFixAllProvider() => new ConfigFileFixAllProvider();

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            TextDocument document = context.TextDocument;
            if (document.Project.GetAdditionalDocument(document.Id) is null)
            {
                return;
            }

            SourceText text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
            ConfigScanResult scan = ConfigFileScanner.Scan(text.ToString());
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                ConfigFinding? finding = Find(scan, diagnostic);
                if (finding is null || finding.Edits.Count == 0)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Rewrite the value for Certified v2",
                        ct => ApplyAsync(document, new[] { finding }, ct),
                        FixValueKey),
                    diagnostic);
            }
        }

        internal static ConfigFinding? Find(ConfigScanResult scan, Diagnostic diagnostic)
        {
            TextSpan span = diagnostic.Location.SourceSpan;
            return scan.Findings.FirstOrDefault(f => f.Start == span.Start && f.Length == span.Length && Matches(f.Kind, diagnostic.Id));
        }

        internal static async Task<Solution> ApplyAsync(TextDocument document, IEnumerable<ConfigFinding> findings, CancellationToken cancellationToken)
        {
            SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            string fixedText = ConfigFileScanner.ApplyFixes(text.ToString(), findings);
            return document.Project.Solution.WithAdditionalDocumentText(document.Id, SourceText.From(fixedText, text.Encoding, text.ChecksumAlgorithm));
        }

        private static bool Matches(ConfigFindingKind kind, string id) => id switch
        {
            DiagnosticIds.V1PatientAccessUrl => kind == ConfigFindingKind.V1PatientAccess,
            DiagnosticIds.V1BulkDataUrl => kind == ConfigFindingKind.V1BulkData,
            DiagnosticIds.V1AuthorizationServerUrl => kind == ConfigFindingKind.V1AuthorizationServer,
            DiagnosticIds.V2UrlWithoutTenant => kind == ConfigFindingKind.V2WithoutTenant,
            DiagnosticIds.V1ScopeSyntax => kind == ConfigFindingKind.V1ScopeSyntax,
            _ => kind == ConfigFindingKind.MalformedV2Scope,
        };

        /// <summary>Fix-All for one or more JSON files: all edits of a file in one text change, one file at a time.</summary>
        private sealed class ConfigFileFixAllProvider : FixAllProvider
        {
            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
                new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

            public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext) =>
                Task.FromResult<CodeAction?>(CodeAction.Create(
                    "Rewrite the values for Certified v2",
                    ct => FixAllAsync(fixAllContext, ct),
                    FixValueKey));

            private static async Task<Solution> FixAllAsync(FixAllContext context, CancellationToken cancellationToken)
            {
                Solution solution = context.Solution;
                IEnumerable<Project> projects = context.Scope == FixAllScope.Solution ? solution.Projects : new[] { context.Project };
                foreach (Project project in projects)
                {
                    foreach (TextDocument document in project.AdditionalDocuments)
                    {
                        if (context.Scope == FixAllScope.Document && document.Id != context.Document?.Id)
                        {
                            continue;
                        }

                        if (document.FilePath is null || !document.FilePath.EndsWith(".json", System.StringComparison.OrdinalIgnoreCase))
                        {
                            continue;
                        }

                        SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                        ConfigScanResult scan = ConfigFileScanner.Scan(text.ToString());
                        var findings = scan.Findings.Where(f => f.Edits.Count > 0 && context.DiagnosticIds.Any(id => Matches(f.Kind, id))).ToList();
                        if (findings.Count > 0)
                        {
                            string fixedText = ConfigFileScanner.ApplyFixes(text.ToString(), findings);
                            solution = solution.WithAdditionalDocumentText(document.Id, SourceText.From(fixedText, text.Encoding, text.ChecksumAlgorithm));
                        }
                    }
                }

                return solution;
            }
        }
    }
}

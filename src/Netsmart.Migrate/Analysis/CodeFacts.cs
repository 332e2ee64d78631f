using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Netsmart.Analyzers;
using Netsmart.Knowledge.Json;
using Netsmart.Knowledge.Scopes;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Migrate.Analysis;

/// <summary>A place in a file, for the checklist's evidence.</summary>
internal sealed record FactLocation(string RelativePath, int Line, int Column);

/// <summary>
/// What the string literals and JSON values show beyond the findings, for the validation checklist: v2 URLs
/// already in place (asked of the knowledge core, as the analyzers do), discovery and CapabilityStatement
/// requests, SMART scope strings and the configured tenant expressions.
/// </summary>
internal sealed class CodeFacts
{
    public int V2FhirWithTenant { get; private set; }

    public int V2AuthWithTenant { get; private set; }

    public int TenantPlaceholders { get; private set; }

    public int ScopeStrings { get; private set; }

    public int PreviewUrls { get; private set; }

    public List<FactLocation> SmartConfiguration { get; } = new();

    public List<FactLocation> Metadata { get; } = new();

    /// <summary>Tenant expressions from .editorconfig, the MSBuild property or <c>--tenant-expression</c>.</summary>
    public SortedSet<string> TenantExpressions { get; } = new(StringComparer.Ordinal);

    public static async Task<CodeFacts> CollectAsync(LoadedSolution loaded, Solution solution, string? tenantOverride, CancellationToken cancellationToken)
    {
        var perFile = new ConcurrentBag<CodeFacts>();
        var work = new List<Func<CodeFacts>>();
        foreach (Project project in solution.Projects)
        {
            loaded.Settings.TryGetValue(project.Id, out var settings);
            AnalyzerOptions options = TenantOptionsProvider.For(project, tenantOverride, settings?.TenantIdExpressionProperty);
            foreach (Document document in project.Documents.Where(d => loaded.Files.ContainsKey(d.Id) && !loaded.Budget.IsExceeded(d.FilePath)))
            {
                work.Add(() =>
                {
                    SyntaxTree tree = document.GetSyntaxTreeAsync(cancellationToken).GetAwaiter().GetResult()!;
                    var facts = new CodeFacts();
                    // A file kept only for its declarations (the prefilter tested its text) holds no string the checklist lists.
                    facts.AddCSharp(tree, loaded.RelativePath(document.FilePath!), options, !loaded.DeclarationsOnly.Contains(document.FilePath!), cancellationToken);
                    return facts;
                });
            }

            foreach (TextDocument json in project.AdditionalDocuments.Where(d => loaded.Files.ContainsKey(d.Id)))
            {
                work.Add(() =>
                {
                    SourceText text = json.GetTextAsync(cancellationToken).GetAwaiter().GetResult();
                    var facts = new CodeFacts();
                    facts.AddJson(text, loaded.RelativePath(json.FilePath!));
                    return facts;
                });
            }
        }

        await Task.Run(() => Parallel.ForEach(work, new ParallelOptions { CancellationToken = cancellationToken }, w => perFile.Add(w())), cancellationToken).ConfigureAwait(false);
        var total = new CodeFacts();
        foreach (CodeFacts facts in perFile)
        {
            total.Merge(facts);
        }

        total.SmartConfiguration.Sort(Compare);
        total.Metadata.Sort(Compare);
        return total;
    }

    private static int Compare(FactLocation a, FactLocation b)
    {
        int byPath = string.CompareOrdinal(a.RelativePath, b.RelativePath);
        return byPath != 0 ? byPath : a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column);
    }

    private void AddCSharp(SyntaxTree tree, string relativePath, AnalyzerOptions options, bool walkStrings, CancellationToken cancellationToken)
    {
        if (NetsmartOptions.GetTenantIdExpression(options, tree) is { } expression)
        {
            TenantExpressions.Add(expression);
        }

        if (!walkStrings)
        {
            return;
        }

        // Every string token outside trivia is the token of a string literal expression: the shared string-node index
        // (one walk per tree, the analyzer host's too) finds them all; a location is computed only for the strings the
        // checklist lists.
        foreach (SyntaxNode node in StringNodeIndex.Of(tree, cancellationToken).Nodes)
        {
            if (node is InterpolatedStringExpressionSyntax interpolated)
            {
                // Holes read as {0}: the knowledge core takes that as a tenant filled at run time.
                string text = string.Concat(interpolated.Contents.Select(c => c is InterpolatedStringTextSyntax t ? LiteralTextMap.UnescapedValueText(t.TextToken) : "{0}"));
                AddString(text, interpolated.SpanStart, tree, relativePath);
                continue;
            }

            if (node is not LiteralExpressionSyntax literal)
            {
                continue;
            }

            SyntaxToken token = literal.Token;
            if (LiteralTextMap.IsStringToken(token))
            {
                AddString(token.ValueText, token.SpanStart, tree, relativePath);
            }
        }
    }

    private void AddString(string value, int position, SyntaxTree tree, string relativePath) =>
        AddString(value, () =>
        {
            LinePosition where = tree.GetLineSpan(new TextSpan(position, 0)).StartLinePosition;
            return new FactLocation(relativePath, where.Line + 1, where.Character + 1);
        });

    private void AddJson(SourceText text, string relativePath)
    {
        JsonTokenizeResult tokens = JsonStringTokenizer.Tokenize(text.ToString());
        foreach (JsonStringToken token in tokens.Strings)
        {
            if (!token.IsPropertyName)
            {
                LinePosition position = text.Lines.GetLinePosition(token.Start);
                AddString(token.Value, () => new FactLocation(relativePath, position.Line + 1, position.Character + 1));
            }
        }
    }

    private void AddString(string value, Func<FactLocation> location)
    {
        if (value.Contains(".well-known/smart-configuration", StringComparison.OrdinalIgnoreCase))
        {
            SmartConfiguration.Add(location());
        }

        if (value.Contains("/metadata", StringComparison.Ordinal))
        {
            Metadata.Add(location());
        }

        if (SmartScopes.ContainsClinicalScope(value))
        {
            ScopeStrings++;
        }

        if (!NetsmartUrlScanner.MayContainNetsmartUrl(value))
        {
            return;
        }

        foreach (NetsmartUrlMatch match in NetsmartUrlScanner.FindAll(value))
        {
            if (match.Environment == NetsmartEnvironment.Preview && match.IsCertifiedApi)
            {
                PreviewUrls++;
            }

            bool hasTenant = match.TenantState is TenantSegmentState.Present or TenantSegmentState.Dynamic;
            if (match.TenantState == TenantSegmentState.Placeholder)
            {
                TenantPlaceholders++;
            }
            else if (hasTenant && match.Kind == NetsmartUrlKind.V2Fhir)
            {
                V2FhirWithTenant++;
            }
            else if (hasTenant && match.Kind == NetsmartUrlKind.V2Authorization)
            {
                V2AuthWithTenant++;
            }
        }
    }

    private void Merge(CodeFacts other)
    {
        V2FhirWithTenant += other.V2FhirWithTenant;
        V2AuthWithTenant += other.V2AuthWithTenant;
        TenantPlaceholders += other.TenantPlaceholders;
        ScopeStrings += other.ScopeStrings;
        PreviewUrls += other.PreviewUrls;
        SmartConfiguration.AddRange(other.SmartConfiguration);
        Metadata.AddRange(other.Metadata);
        TenantExpressions.UnionWith(other.TenantExpressions);
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Netsmart.Analyzers.CodeFixes.Editing;

namespace Netsmart.Analyzers.CodeFixes.Rules;

/// <summary>
/// Applies the literal edits the analyzers computed (see <see cref="FixProperties"/>), for one diagnostic or
/// for all of a document's diagnostics in one batch, choosing how to write the tenant at each literal.
/// </summary>
internal static class LiteralEditFixer
{
    internal static async Task<string?> ResolveTenantForDiagnosticAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        List<SourceEdit> edits = FixProperties.ReadEdits(diagnostic.Properties);
        if (root is null || model is null || edits.Count == 0)
        {
            return null;
        }

        SyntaxToken token = LiteralTokenFinder.FindInTree(root, edits[0].Span);
        LiteralTextMap? map = token == default ? null : LiteralTextMap.Create(token);
        if (map is null || map.IsUtf8 || await FormatStringContext.IsFormatStringAsync(document, model, token, cancellationToken).ConfigureAwait(false))
        {
            return null; // in a format string or message template the tenant is never interpolated
        }

        return ResolveTenant(model, token, diagnostic);
    }

    private static string? ResolveTenant(SemanticModel model, SyntaxToken token, Diagnostic diagnostic)
    {
        SyntaxNode node = token.Parent!;
        if (TenantExpressionResolver.IsInConstantContext(node))
        {
            return null;
        }

        diagnostic.Properties.TryGetValue(FixProperties.TenantExpression, out string? configured);
        return TenantExpressionResolver.ValidConfiguredExpression(configured) ?? TenantExpressionResolver.FindTenantSymbol(model, node);
    }

    /// <summary>Applies the fixes of <paramref name="diagnostics"/> (one document) in one batch of text changes.</summary>
    internal static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        SemanticModel? model = null;
        var byToken = new Dictionary<SyntaxToken, TokenWork>();
        var work = new List<(Diagnostic Diagnostic, List<SourceEdit> Edits)>();
        foreach (Diagnostic diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (diagnostic.Properties.ContainsKey(FixProperties.Fixable))
            {
                work.Add((diagnostic, FixProperties.ReadEdits(diagnostic.Properties)));
            }
        }

        var finder = new LiteralTokenFinder(root, work.SelectMany(w => w.Edits).Select(e => e.Span).ToList());
        foreach ((Diagnostic diagnostic, List<SourceEdit> diagnosticEdits) in work)
        {
            bool placeholderOnly = diagnostic.Properties.ContainsKey(FixProperties.NeedsTenantExpression);
            foreach (SourceEdit edit in diagnosticEdits)
            {
                SyntaxToken token = finder.Find(edit.Span);
                if (token == default)
                {
                    continue;
                }

                if (!byToken.TryGetValue(token, out TokenWork? tokenWork))
                {
                    tokenWork = new TokenWork(diagnostic);
                    byToken.Add(token, tokenWork);
                }

                tokenWork.PlaceholderOnly &= placeholderOnly;
                tokenWork.Edits.Add(edit);
            }
        }

        var changes = new List<TextChange>();
        var chainRoots = new Dictionary<SyntaxNode, SyntaxNode>();
        var tenantByChain = new Dictionary<(SyntaxNode Chain, string? Configured), string?>();
        var formatByChain = new Dictionary<SyntaxNode, bool>();
        foreach (KeyValuePair<SyntaxToken, TokenWork> entry in byToken.OrderBy(e => e.Key.SpanStart))
        {
            LiteralTextMap? map = LiteralTextMap.Create(entry.Key);
            if (map is null)
            {
                continue;
            }

            // The tenant is only written where an edit writes the placeholder: no semantic work for the others.
            List<SourceEdit> edits = Normalize(entry.Value.Edits);
            string? tenant = null;
            if (!map.IsUtf8 && (entry.Value.PlaceholderOnly || WritesPlaceholder(edits)))
            {
                model ??= await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                // Once per concatenation, at its first token: its operands share one scope and one use (a format
                // argument or not), so what holds for one literal token holds for the others.
                entry.Value.Diagnostic.Properties.TryGetValue(FixProperties.TenantExpression, out string? configured);
                SyntaxNode chainRoot = LiteralTokenFinder.ConcatenationRoot(entry.Key, chainRoots);
                if (!formatByChain.TryGetValue(chainRoot, out bool isFormat))
                {
                    isFormat = model != null && await FormatStringContext.IsFormatStringAsync(document, model, entry.Key, cancellationToken).ConfigureAwait(false);
                    formatByChain.Add(chainRoot, isFormat);
                }

                if (isFormat)
                {
                    // A format string or message template: a bare {tenant-id} would be a format item (FormatException,
                    // or a named hole in a log template), and a tenant value with braces would be one too.
                    if (entry.Value.PlaceholderOnly)
                    {
                        continue;
                    }

                    edits = EscapePlaceholder(edits);
                }
                else if (!tenantByChain.TryGetValue((chainRoot, configured), out tenant))
                {
                    tenant = model is null ? null : ResolveTenant(model, entry.Key, entry.Value.Diagnostic);
                    tenantByChain.Add((chainRoot, configured), tenant);
                }
            }

            if (entry.Value.PlaceholderOnly && tenant is null)
            {
                continue;
            }

            string? newText = LiteralRewriter.Rewrite(map, edits, tenant);
            if (newText != null && newText != entry.Key.Text)
            {
                changes.Add(new TextChange(entry.Key.Span, newText));
            }
        }

        return changes.Count == 0 ? document : document.WithText(text.WithChanges(changes));
    }

    private static bool WritesPlaceholder(List<SourceEdit> edits)
    {
        foreach (SourceEdit edit in edits)
        {
            if (edit.NewValueText.IndexOf(Knowledge.Urls.NetsmartTenantSegment.Placeholder, System.StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The edits with the placeholder written as the format-string escape <c>{{tenant-id}}</c>, which formats to <c>{tenant-id}</c>.</summary>
    private static List<SourceEdit> EscapePlaceholder(List<SourceEdit> edits)
    {
        const string placeholder = Knowledge.Urls.NetsmartTenantSegment.Placeholder;
        return edits.Select(e => new SourceEdit(e.Span, e.NewValueText.Replace(placeholder, "{" + placeholder + "}"))).ToList();
    }

    /// <summary>Sorts edits and drops duplicates and overlaps (two diagnostics never need the same characters).</summary>
    private static List<SourceEdit> Normalize(List<SourceEdit> edits)
    {
        var result = new List<SourceEdit>(edits.Count);
        foreach (SourceEdit edit in edits.OrderBy(e => e.Span.Start).ThenBy(e => e.Span.Length))
        {
            if (result.Count > 0)
            {
                SourceEdit previous = result[result.Count - 1];
                if (previous.Span == edit.Span && previous.NewValueText == edit.NewValueText)
                {
                    continue;
                }

                if (edit.Span.Start < previous.Span.End || (edit.Span.Start == previous.Span.Start && edit.Span.Length == 0 && previous.Span.Length == 0))
                {
                    continue;
                }
            }

            result.Add(edit);
        }

        return result;
    }

    private sealed class TokenWork
    {
        public TokenWork(Diagnostic diagnostic)
        {
            Diagnostic = diagnostic;
        }

        public Diagnostic Diagnostic { get; }

        public List<SourceEdit> Edits { get; } = new List<SourceEdit>();

        public bool PlaceholderOnly { get; set; } = true;
    }
}

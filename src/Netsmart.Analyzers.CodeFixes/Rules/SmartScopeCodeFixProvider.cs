using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Netsmart.Knowledge.Rules;

namespace Netsmart.Analyzers.CodeFixes.Rules;

/// <summary>
/// Fixes NSM010 (v1 scopes to SMART 2.0: read→rs, write→cud, *→cruds) and NSM011 (reorders and de-duplicates
/// permission letters when the intent is clear). Only permission letters change; every other character stays.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SmartScopeCodeFixProvider)), Shared]
public sealed class SmartScopeCodeFixProvider : CodeFixProvider
{
    public const string ConvertToV2Key = DiagnosticIds.V1ScopeSyntax + ".ConvertToSmartV2";
    public const string NormalizeKey = DiagnosticIds.MalformedV2Scope + ".NormalizePermissions";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.V1ScopeSyntax,
        DiagnosticIds.MalformedV2Scope);

    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) =>
            (Document?)await LiteralEditFixer.FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(FixProperties.Fixable))
            {
                continue;
            }

            bool v1 = diagnostic.Id == DiagnosticIds.V1ScopeSyntax;
            Document document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    v1 ? "Use SMART 2.0 scope syntax" : "Normalize the scope permissions",
                    ct => LiteralEditFixer.FixAsync(document, ImmutableArray.Create(diagnostic), ct),
                    v1 ? ConvertToV2Key : NormalizeKey),
                diagnostic);
        }

        return Task.CompletedTask;
    }
}

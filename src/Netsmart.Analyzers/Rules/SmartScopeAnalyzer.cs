using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Netsmart.Analyzers.Strings;
using Netsmart.Knowledge.Rules;
using Netsmart.Knowledge.Scopes;
using Netsmart.Analyzers.Evidence;
using Netsmart.Analyzers.Reporting;

namespace Netsmart.Analyzers.Rules;

/// <summary>
/// NSM010 (SMART 1.0 scope syntax) and NSM011 (malformed SMART 2.0 scope) in every kind of string:
/// whole scopes, scope lists, URL-encoded <c>scope=</c> parameters, interpolations and concatenations.
/// One diagnostic per string, listing the scopes it holds.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SmartScopeAnalyzer : StringExpressionAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.NSM010_V1ScopeSyntax,
        Descriptors.NSM011_MalformedV2Scope);

    private protected override bool MayMatch(string text) => ScopeScanner.MayContainScope(text);

    private protected override bool MayBePieceOfMatch(string text) => ScopeScanner.MayBePieceOfScope(text);

    private protected override bool ConstantFieldMayMatch(string text) => ScopeScanner.MayStartScope(text);

    /// <summary>
    /// A file may hold a scope's start only in a string token, or a scope context in a constant that a scope's rest
    /// written elsewhere completes (<see cref="ScopeMentions"/>): comments, directives, excluded code, and strings no
    /// scope can start in (<c>"/api/user/{id}"</c>, <c>"user/org"</c>) leave the rule without work for the compilation.
    /// </summary>
    private protected override SourceMention MayMatchInSource(SyntaxTree tree, string text) => ScopeMentions.Find(tree, text, MayMatch);

    private protected override bool MayStartMatchInSource(SyntaxTree tree, string text) => ScopeMentions.FindHead(tree, text);

    private protected override void Analyze(SyntaxNodeAnalysisContext context, StringExpression expression, ApiEvidenceCache evidence)
    {
        IReadOnlyList<ScopeMatch> matches = ScopeScanner.Scan(expression.Text);
        if (matches.Count == 0)
        {
            return;
        }

        var reported = new List<ScopeMatch>(matches.Count);
        foreach (ScopeMatch match in matches)
        {
            if (!expression.IsInsideOneOpaquePart(match.Start, match.End))
            {
                reported.Add(match); // else written in a constant declared elsewhere: reported there
            }
        }

        foreach (RuleDecision decision in ScopeRules.Decide(expression.Text, reported, new CodeSurroundings(context, expression, evidence)))
        {
            DecisionDiagnostics.Report(context, expression, decision, tenantExpression: null);
        }
    }
}

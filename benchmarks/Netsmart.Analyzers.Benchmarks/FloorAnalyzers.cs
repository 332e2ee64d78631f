using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Netsmart.Analyzers.Benchmarks;

/// <summary>
/// The floor: what any literal analyzer must pay. Registers exactly the actions our analyzers register (one
/// compilation-start action, one syntax-node action on the same four kinds, same configuration) and only does the
/// cheapest possible test on the literal text of the node: an ordinal case-insensitive search for
/// <c>netsmartcloud</c> (<see cref="FloorUrlAnalyzer"/>) or for <c>/</c> (<see cref="FloorScopeAnalyzer"/>).
/// It never reports; <see cref="Hits"/> keeps the JIT from dropping the test.
/// </summary>
public abstract class FloorAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new DiagnosticDescriptor(
        "FLOOR001", "Floor", "Floor", "Performance", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    private int _hits;

    public int Hits => _hits;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
            start.RegisterSyntaxNodeAction(
                Analyze,
                SyntaxKind.StringLiteralExpression,
                SyntaxKind.Utf8StringLiteralExpression,
                SyntaxKind.InterpolatedStringExpression,
                SyntaxKind.AddExpression));
    }

    protected abstract bool Test(string text);

    private void Analyze(SyntaxNodeAnalysisContext context)
    {
        bool hit = false;
        switch (context.Node)
        {
            case LiteralExpressionSyntax literal:
                hit = Test(literal.Token.ValueText);
                break;
            case InterpolatedStringExpressionSyntax interpolated:
                foreach (InterpolatedStringContentSyntax content in interpolated.Contents)
                {
                    if (content is InterpolatedStringTextSyntax text && Test(text.TextToken.ValueText))
                    {
                        hit = true;
                        break;
                    }
                }

                break;
            case BinaryExpressionSyntax binary:
                // The literal operands of a concatenation (each also gets its own literal action).
                hit = (binary.Left is LiteralExpressionSyntax left && Test(left.Token.ValueText)) ||
                      (binary.Right is LiteralExpressionSyntax right && Test(right.Token.ValueText));
                break;
        }

        if (hit)
        {
            System.Threading.Interlocked.Increment(ref _hits);
        }
    }
}

/// <summary>Floor of <c>NetsmartUrlAnalyzer</c>: is "netsmartcloud" in the text?</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FloorUrlAnalyzer : FloorAnalyzer
{
    protected override bool Test(string text) => text.IndexOf("netsmartcloud", StringComparison.OrdinalIgnoreCase) >= 0;
}

/// <summary>Floor of <c>SmartScopeAnalyzer</c>: is "/" in the text?</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FloorScopeAnalyzer : FloorAnalyzer
{
    protected override bool Test(string text) => text.IndexOf('/') >= 0;
}

/// <summary>
/// The literal floor of issue #14: one analyzer registered on string literals, UTF-8 string literals and interpolated
/// strings only (no <c>+</c>), doing one ordinal <c>IndexOf("netsmartcloud")</c> per literal text and nothing else: the
/// least any literal rule can cost. The real-codebase targets are judged against it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LiteralFloorAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new DiagnosticDescriptor(
        "FLOOR002", "Literal floor", "Literal floor", "Performance", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    private int _hits;

    public int Hits => _hits;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
            start.RegisterSyntaxNodeAction(
                Analyze,
                SyntaxKind.StringLiteralExpression,
                SyntaxKind.Utf8StringLiteralExpression,
                SyntaxKind.InterpolatedStringExpression));
    }

    private void Analyze(SyntaxNodeAnalysisContext context)
    {
        bool hit = false;
        if (context.Node is LiteralExpressionSyntax literal)
        {
            hit = literal.Token.ValueText.IndexOf("netsmartcloud", StringComparison.Ordinal) >= 0;
        }
        else if (context.Node is InterpolatedStringExpressionSyntax interpolated)
        {
            foreach (InterpolatedStringContentSyntax content in interpolated.Contents)
            {
                if (content is InterpolatedStringTextSyntax text && text.TextToken.ValueText.IndexOf("netsmartcloud", StringComparison.Ordinal) >= 0)
                {
                    hit = true;
                    break;
                }
            }
        }

        if (hit)
        {
            System.Threading.Interlocked.Increment(ref _hits);
        }
    }
}

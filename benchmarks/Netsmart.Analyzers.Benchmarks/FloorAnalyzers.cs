using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Netsmart.Analyzers.Benchmarks;

/// <summary>
/// A floor: what any literal analyzer must pay. One compilation-start action registering one syntax-node action on
/// string literals, UTF-8 string literals and interpolated strings (and, for the floors of our two analyzers, on
/// <c>+</c> as well: exactly the actions and configuration our analyzers register), doing only the cheapest possible
/// <see cref="Test"/> on the literal text of the node. It never reports; <see cref="Hits"/> keeps the JIT from dropping
/// the test.
/// </summary>
public abstract class FloorAnalyzer : DiagnosticAnalyzer
{
    private protected static readonly DiagnosticDescriptor Floor = new DiagnosticDescriptor(
        "FLOOR001", "Floor", "Floor", "Performance", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    private protected static readonly DiagnosticDescriptor LiteralFloor = new DiagnosticDescriptor(
        "FLOOR002", "Literal floor", "Literal floor", "Performance", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    private static readonly ImmutableArray<SyntaxKind> LiteralKinds = ImmutableArray.Create(
        SyntaxKind.StringLiteralExpression, SyntaxKind.Utf8StringLiteralExpression, SyntaxKind.InterpolatedStringExpression);

    private static readonly ImmutableArray<SyntaxKind> LiteralAndConcatenationKinds = LiteralKinds.Add(SyntaxKind.AddExpression);

    private readonly ImmutableArray<SyntaxKind> _kinds;

    private int _hits;

    private protected FloorAnalyzer(DiagnosticDescriptor never, bool concatenations)
    {
        SupportedDiagnostics = ImmutableArray.Create(never);
        _kinds = concatenations ? LiteralAndConcatenationKinds : LiteralKinds;
    }

    public int Hits => _hits;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start => start.RegisterSyntaxNodeAction(Analyze, _kinds));
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
    public FloorUrlAnalyzer()
        : base(Floor, concatenations: true)
    {
    }

    protected override bool Test(string text) => text.IndexOf("netsmartcloud", StringComparison.OrdinalIgnoreCase) >= 0;
}

/// <summary>Floor of <c>SmartScopeAnalyzer</c>: is "/" in the text?</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FloorScopeAnalyzer : FloorAnalyzer
{
    public FloorScopeAnalyzer()
        : base(Floor, concatenations: true)
    {
    }

    protected override bool Test(string text) => text.IndexOf('/') >= 0;
}

/// <summary>
/// The literal floor of issue #14: one analyzer registered on string literals, UTF-8 string literals and interpolated
/// strings only (no <c>+</c>), doing one ordinal <c>IndexOf("netsmartcloud")</c> per literal text and nothing else: the
/// least any literal rule can cost. The real-codebase targets are judged against it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LiteralFloorAnalyzer : FloorAnalyzer
{
    public LiteralFloorAnalyzer()
        : base(LiteralFloor, concatenations: false)
    {
    }

    protected override bool Test(string text) => text.IndexOf("netsmartcloud", StringComparison.Ordinal) >= 0;
}

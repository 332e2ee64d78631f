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

    private static readonly ImmutableArray<SyntaxKind> AllRuleKinds =
        LiteralAndConcatenationKinds.Add(SyntaxKind.InvocationExpression).Add(SyntaxKind.ObjectCreationExpression);

    private readonly ImmutableArray<SyntaxKind> _kinds;

    private int _hits;

    /// <param name="never">The descriptor it never reports.</param>
    /// <param name="concatenations">Also on <c>+</c>.</param>
    /// <param name="calls">
    /// Also on invocations and object creations (implies <paramref name="concatenations"/>), as the URL rule follows
    /// <c>string.Concat</c> and <c>new Uri(…)</c>: a name test on the callee or the created type.
    /// </param>
    private protected FloorAnalyzer(DiagnosticDescriptor never, bool concatenations, bool calls = false)
    {
        SupportedDiagnostics = ImmutableArray.Create(never);
        _kinds = calls ? AllRuleKinds : concatenations ? LiteralAndConcatenationKinds : LiteralKinds;
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
            case InvocationExpressionSyntax call:
                hit = call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Concat" };
                break;
            case ObjectCreationExpressionSyntax creation:
                hit = creation.Type is IdentifierNameSyntax { Identifier.ValueText: "Uri" or "UriBuilder" } or QualifiedNameSyntax { Right.Identifier.ValueText: "Uri" or "UriBuilder" };
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

/// <summary>
/// The least a compilation-start check that reads every file costs (<c>--lower-bounds</c>): one case-insensitive
/// <c>IndexOf("netsmartcloud")</c> over each source file's text, as our URL rule's start does first, and no node action.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StartReadFloorAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new DiagnosticDescriptor(
        "FLOOR003", "Start read floor", "Start read floor", "Performance", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    private int _hits;

    public int Hits => _hits;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            foreach (SyntaxTree tree in start.Compilation.SyntaxTrees)
            {
                if (tree.GetText(start.CancellationToken).ToString().IndexOf("netsmartcloud", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    // As a rule's start would: register only where a file may hold a match (none in the codebases measured).
                    System.Threading.Interlocked.Increment(ref _hits);
                    start.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.StringLiteralExpression);
                    return;
                }
            }
        });
    }
}

/// <summary>The second analyzer of a lower-bound set that has only one (<c>--lower-bounds</c>): registers nothing.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IdleScopeFloorAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new DiagnosticDescriptor(
        "FLOOR004", "Idle floor", "Idle floor", "Performance", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
    }
}

/// <summary>
/// The least one analyzer for both rules pays with no compilation-start check and today's recall (<c>--lower-bounds</c>):
/// the node kinds our rules register (literals, interpolated strings, <c>+</c>, invocations for <c>string.Concat</c>,
/// object creations for <c>new Uri(…)</c>/<c>new UriBuilder(…)</c>), each with the cheapest test both rules need (a
/// case-insensitive <c>IndexOf("netsmartcloud")</c> and a <c>'/'</c> on literal text; the callee's or type's name).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MergedFloorAnalyzer : FloorAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new DiagnosticDescriptor(
        "FLOOR005", "Merged floor", "Merged floor", "Performance", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public MergedFloorAnalyzer()
        : base(Never, concatenations: true, calls: true)
    {
    }

    protected override bool Test(string text) =>
        text.IndexOf("netsmartcloud", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf('/') >= 0;
}

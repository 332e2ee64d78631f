using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Netsmart.Analyzers.Strings;
using Netsmart.Analyzers.Evidence;

namespace Netsmart.Analyzers.Rules;

/// <summary>
/// The shared shape of the analyzers that read string values: one syntax-node action for literals,
/// interpolated strings and concatenations; the outermost concatenation is analyzed as a whole; a cheap
/// text precheck runs before anything is built; API evidence is cached per compilation.
/// </summary>
public abstract class StringExpressionAnalyzer : DiagnosticAnalyzer
{
    private readonly System.Func<string, bool> _mayMatch;
    private readonly System.Func<string, bool> _mayMatchSplitPart;
    private readonly System.Func<SyntaxTree, string, SourceMention> _mayMatchInSource;
    private readonly System.Func<SyntaxTree, string, bool> _mayStartMatchInSource;
    private readonly System.Func<string, bool> _mayBePieceOfMatch;
    private readonly System.Func<string, bool> _constantFieldMayMatch;

    private protected StringExpressionAnalyzer()
    {
        _mayMatch = MayMatch; // one delegate per analyzer, not one per node
        _mayMatchSplitPart = MayMatchSplitPart;
        _mayMatchInSource = MayMatchInSource;
        _mayStartMatchInSource = MayStartMatchInSource;
        _mayBePieceOfMatch = MayBePieceOfMatch;
        _constantFieldMayMatch = ConstantFieldMayMatch;
    }

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var hints = new ConstantHints(start.Compilation, GetType().FullName, _mayMatch, _mayMatchInSource, _mayBePieceOfMatch, _constantFieldMayMatch, _mayStartMatchInSource);
            if (!hints.AnyValueMayHoldHint)
            {
                // No literal, interpolated text or constant of this compilation or its references passes the cheap
                // test, and every match needs one that does: nothing to register (the common case of a build that
                // never mentions Netsmart). An edit that adds one makes a new compilation, which registers.
                return;
            }

            ApiEvidenceCache evidence = ApiEvidenceCache.For(start.Compilation, start.Options);
            start.RegisterSyntaxNodeAction(
                c => AnalyzeNode(c, hints, evidence),
                SyntaxKind.StringLiteralExpression,
                SyntaxKind.Utf8StringLiteralExpression,
                SyntaxKind.InterpolatedStringExpression,
                SyntaxKind.AddExpression);
            if (FollowsSplitArguments)
            {
                // Every invocation reaches this action: it bails out on the callee's name (syntax) before anything else.
                start.RegisterSyntaxNodeAction(c => AnalyzeConcatCall(c, hints, evidence), SyntaxKind.InvocationExpression);

                // Likewise every object creation: it bails out on the type's name (syntax) and on the relative literal's text.
                start.RegisterSyntaxNodeAction(c => AnalyzeUriCreation(c, hints, evidence), SyntaxKind.ObjectCreationExpression);
            }
        });
    }

    /// <summary>The cheapest test that a text can hold what this analyzer looks for (no allocation).</summary>
    private protected abstract bool MayMatch(string text);

    /// <summary>
    /// What a source file (<paramref name="text"/>, the text of <paramref name="tree"/>, read once per file at compilation
    /// start) holds for this analyzer: a string value that may pass <see cref="MayMatch"/> (<see cref="SourceMention.Hint"/>),
    /// or the tail of a match that a constant of another file may start (<see cref="SourceMention.Tail"/>, see
    /// <see cref="MayStartMatchInSource"/>). By default <see cref="MayMatch"/> of the whole text, comments included.
    /// </summary>
    private protected virtual SourceMention MayMatchInSource(SyntaxTree tree, string text) => MayMatch(text) ? SourceMention.Hint : SourceMention.None;

    /// <summary>
    /// Whether a constant of a source file may start a match that a tail completes: asked only when some file of the
    /// compilation holds a tail and none a hint. Never by default.
    /// </summary>
    private protected virtual bool MayStartMatchInSource(SyntaxTree tree, string text) => false;

    /// <summary>
    /// False only when <paramref name="text"/> can neither pass <see cref="MayMatch"/> nor be a piece of a text that
    /// passes it once joined with whatever comes before and after (a const local's value next to other operands).
    /// Conservative by default.
    /// </summary>
    private protected virtual bool MayBePieceOfMatch(string text) => true;

    /// <summary>
    /// The test for a source const field's value next to other operands (fields are looked up by name across the
    /// compilation, so a cheap and narrow test): <see cref="MayMatch"/> by default.
    /// </summary>
    private protected virtual bool ConstantFieldMayMatch(string text) => MayMatch(text);

    /// <summary>
    /// For a literal argument of <c>string.Concat</c> that fails <see cref="MayMatch"/>: whether it can still be the part of a
    /// match that sits in one argument of <c>string.Concat</c> (a path written apart from its host). False when this
    /// analyzer does not follow <c>string.Concat</c>.
    /// </summary>
    private protected virtual bool MayMatchSplitPart(string text) => false;

    /// <summary>
    /// True when the arguments of <c>string.Concat(a, b, …)</c> are read as one value, like <c>a + b + …</c>, and
    /// <c>new Uri(new Uri(base), "relative")</c> as the resolved URI.
    /// </summary>
    private protected virtual bool FollowsSplitArguments => false;

    private protected abstract void Analyze(SyntaxNodeAnalysisContext context, StringExpression expression, ApiEvidenceCache evidence);

    private void AnalyzeNode(SyntaxNodeAnalysisContext context, ConstantHints hints, ApiEvidenceCache evidence)
    {
        var node = (ExpressionSyntax)context.Node;

        // Cheapest test first: a plain literal that cannot match is done with.
        if (node is LiteralExpressionSyntax literal && !MayMatch(literal.Token.ValueText))
        {
            return;
        }

        if (StringExpression.IsInsideConcatenation(node) || (FollowsSplitArguments && ConcatCall.Of(node) != null))
        {
            return; // the outermost concatenation (or the string.Concat call) is analyzed as a whole
        }

        StringExpression? expression = StringExpression.Create(
            node, node is LiteralExpressionSyntax ? null : context.SemanticModel, hints, context.CancellationToken);
        if (expression != null && MayMatch(expression.Text))
        {
            Analyze(context, expression, evidence);
        }
    }

    /// <summary>
    /// A string.Concat call is analyzed as a whole (its diagnostics then lie inside the analyzed node): only when the
    /// callee reads <c>string.Concat</c> with 2+ positional arguments and an argument is a literal that may hold a
    /// match or a split part of one, an interpolated string or a concatenation; the semantic model is asked nothing before.
    /// </summary>
    private void AnalyzeConcatCall(SyntaxNodeAnalysisContext context, ConstantHints hints, ApiEvidenceCache evidence)
    {
        var call = (InvocationExpressionSyntax)context.Node;
        if (!ConcatCall.IsConcatSyntax(call))
        {
            return;
        }

        bool any = false;
        foreach (ArgumentSyntax argument in call.ArgumentList.Arguments)
        {
            ExpressionSyntax value = ConcatCall.Unparenthesized(argument.Expression);
            if (value is LiteralExpressionSyntax literal
                    ? literal.IsKind(SyntaxKind.StringLiteralExpression) && (MayMatch(literal.Token.ValueText) || MayMatchSplitPart(literal.Token.ValueText))
                    : value is InterpolatedStringExpressionSyntax || value.IsKind(SyntaxKind.AddExpression))
            {
                any = true;
                break;
            }
        }

        if (!any)
        {
            return;
        }

        if (!ConcatCall.IsStringConcat(call, context.SemanticModel, context.CancellationToken))
        {
            // Not System.String.Concat (a type of its own named String, or a call that does not bind): its arguments
            // are analyzed one by one, as they would be in any other call.
            foreach (ArgumentSyntax argument in call.ArgumentList.Arguments)
            {
                ExpressionSyntax value = ConcatCall.Unparenthesized(argument.Expression);
                bool literal = value is LiteralExpressionSyntax;
                if (literal ? value.IsKind(SyntaxKind.StringLiteralExpression) && MayMatch(((LiteralExpressionSyntax)value).Token.ValueText)
                            : value is InterpolatedStringExpressionSyntax || value.IsKind(SyntaxKind.AddExpression))
                {
                    StringExpression? alone = StringExpression.Create(value, literal ? null : context.SemanticModel, hints, context.CancellationToken);
                    if (alone != null && MayMatch(alone.Text))
                    {
                        Analyze(context, alone, evidence);
                    }
                }
            }

            return;
        }

        StringExpression? expression = StringExpression.Create(call, context.SemanticModel, hints, context.CancellationToken);
        if (expression != null && MayMatch(expression.Text))
        {
            Analyze(context, expression, evidence);
        }
    }

    /// <summary>
    /// <c>new Uri(new Uri(Base), "uscore/v1/…")</c>: analyzed as the RFC 3986 resolution of the relative literal against
    /// the constant base, only when the relative literal may hold a Certified path and the base a Netsmart URL.
    /// </summary>
    private void AnalyzeUriCreation(SyntaxNodeAnalysisContext context, ConstantHints hints, ApiEvidenceCache evidence)
    {
        var creation = (ObjectCreationExpressionSyntax)context.Node;
        if (UriBuilderShape.TryGet(creation, out UriBuilderShape builder))
        {
            AnalyzeUriBuilder(context, hints, evidence, creation, builder);
            return;
        }

        if (!UriResolution.TryGetParts(creation, out ExpressionSyntax baseExpression, out LiteralExpressionSyntax relative) ||
            !MayMatchSplitPart(relative.Token.ValueText))
        {
            return;
        }

        string relativeText = relative.Token.ValueText;
        if (!(context.SemanticModel.GetConstantValue(baseExpression, context.CancellationToken) is { HasValue: true, Value: string baseUri }) ||
            !MayMatch(baseUri) ||
            !UriResolution.TryResolve(baseUri, relativeText, out int keep, out bool insertSlash) ||
            !UriResolution.IsSystemUri(creation, context.SemanticModel, context.CancellationToken))
        {
            return;
        }

        StringExpression expression = StringExpression.CreateResolved(creation, baseExpression, baseUri.Substring(0, keep), insertSlash, relative);
        if (MayMatch(expression.Text))
        {
            Analyze(context, expression, evidence);
        }
    }

    /// <summary>
    /// <c>new UriBuilder("https", "fhir.netsmartcloud.com") { Path = "uscore/v1/…" + id }</c>: analyzed as
    /// scheme://host/path, only when a literal of the path may hold a Certified path and the host is a Netsmart constant.
    /// </summary>
    private void AnalyzeUriBuilder(SyntaxNodeAnalysisContext context, ConstantHints hints, ApiEvidenceCache evidence, ObjectCreationExpressionSyntax creation, UriBuilderShape builder)
    {
        if (!StringExpression.AnyLiteralMatches(builder.Path, _mayMatchSplitPart) ||
            !(context.SemanticModel.GetConstantValue(builder.Host, context.CancellationToken) is { HasValue: true, Value: string host }) ||
            !MayMatch(host) || host.IndexOfAny(new[] { '/', '?', '#', ':', '@' }) >= 0 ||
            !UriBuilderShape.IsSystemUriBuilder(creation, context.SemanticModel, context.CancellationToken))
        {
            return;
        }

        // The builder writes scheme "://" host, then '/' unless the path starts with one; an unknown scheme is left out.
        string? scheme = builder.SchemeText(context.SemanticModel, context.CancellationToken);
        int colon = scheme?.IndexOf(':') ?? -1;
        string prefix = (scheme is null ? string.Empty : (colon >= 0 ? scheme.Substring(0, colon) : scheme) + "://") + host;
        StringExpression? expression = StringExpression.CreateComposite(creation, prefix + "/", builder.Host, builder.Path, context.SemanticModel, hints, context.CancellationToken);
        if (expression != null && expression.Text.Length > prefix.Length + 1 && expression.Text[prefix.Length + 1] == '/')
        {
            expression = StringExpression.CreateComposite(creation, prefix, builder.Host, builder.Path, context.SemanticModel, hints, context.CancellationToken);
        }

        if (expression != null && MayMatch(expression.Text))
        {
            Analyze(context, expression, evidence);
        }
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Netsmart.Analyzers.Strings;

namespace Netsmart.Analyzers.Rules
{
    /// <summary>
    /// The shared shape of the analyzers that read string values: one syntax-node action for literals,
    /// interpolated strings and concatenations; the outermost concatenation is analyzed as a whole; a cheap
    /// text precheck runs before anything is built; API evidence is cached per compilation.
    /// </summary>
    public abstract class StringExpressionAnalyzer : DiagnosticAnalyzer
    {
        private readonly System.Func<string, bool> _mayMatch;

        private protected StringExpressionAnalyzer()
        {
            _mayMatch = MayMatch; // one delegate per analyzer, not one per node
        }

        public sealed override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                CertifiedContext evidence = CertifiedContext.For(start.Compilation, start.Options);
                var hints = new ConstantHints(start.Compilation, GetType().FullName, _mayMatch);
                start.RegisterSyntaxNodeAction(
                    c => AnalyzeNode(c, hints, evidence),
                    SyntaxKind.StringLiteralExpression,
                    SyntaxKind.Utf8StringLiteralExpression,
                    SyntaxKind.InterpolatedStringExpression,
                    SyntaxKind.AddExpression);
                if (FollowsConcatCalls)
                {
                    // Every invocation reaches this action: it bails out on the callee's name (syntax) before anything else.
                    start.RegisterSyntaxNodeAction(c => AnalyzeConcatCall(c, hints, evidence), SyntaxKind.InvocationExpression);
                }
            });
        }

        /// <summary>The cheapest test that a text can hold what this analyzer looks for (no allocation).</summary>
        private protected abstract bool MayMatch(string text);

        /// <summary>
        /// For a literal argument of <c>string.Concat</c> that fails <see cref="MayMatch"/>: whether it can still be the part of a
        /// match that sits in one argument of <c>string.Concat</c> (a path written apart from its host). False when this
        /// analyzer does not follow <c>string.Concat</c>.
        /// </summary>
        private protected virtual bool MayMatchSplitPart(string text) => false;

        /// <summary>True when the arguments of <c>string.Concat(a, b, …)</c> are read as one value, like <c>a + b + …</c>.</summary>
        private protected virtual bool FollowsConcatCalls => false;

        private protected abstract void Analyze(SyntaxNodeAnalysisContext context, StringExpression expression, CertifiedContext evidence);

        private void AnalyzeNode(SyntaxNodeAnalysisContext context, ConstantHints hints, CertifiedContext evidence)
        {
            var node = (ExpressionSyntax)context.Node;

            // Cheapest test first: a plain literal that cannot match is done with.
            if (node is LiteralExpressionSyntax literal && !MayMatch(literal.Token.ValueText))
            {
                return;
            }

            if (StringExpression.IsInsideConcatenation(node) || (FollowsConcatCalls && ConcatCall.Of(node) != null))
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
        private void AnalyzeConcatCall(SyntaxNodeAnalysisContext context, ConstantHints hints, CertifiedContext evidence)
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

            StringExpression? expression = StringExpression.Create(call, context.SemanticModel, hints, context.CancellationToken);
            if (expression != null && MayMatch(expression.Text) &&
                ConcatCall.IsStringConcat(call, context.SemanticModel, context.CancellationToken))
            {
                Analyze(context, expression, evidence);
            }
        }
    }
}

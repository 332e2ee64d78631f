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
            });
        }

        /// <summary>The cheapest test that a text can hold what this analyzer looks for (no allocation).</summary>
        private protected abstract bool MayMatch(string text);

        private protected abstract void Analyze(SyntaxNodeAnalysisContext context, StringExpression expression, CertifiedContext evidence);

        private void AnalyzeNode(SyntaxNodeAnalysisContext context, ConstantHints hints, CertifiedContext evidence)
        {
            var node = (ExpressionSyntax)context.Node;

            // Cheapest test first: a plain literal that cannot match is done with.
            if (node is LiteralExpressionSyntax literal && !MayMatch(literal.Token.ValueText))
            {
                return;
            }

            if (StringExpression.IsInsideConcatenation(node))
            {
                return; // the outermost concatenation is analyzed as a whole
            }

            StringExpression? expression = StringExpression.Create(
                node, node is LiteralExpressionSyntax ? null : context.SemanticModel, hints, context.CancellationToken);
            if (expression != null && MayMatch(expression.Text))
            {
                Analyze(context, expression, evidence);
            }
        }
    }
}

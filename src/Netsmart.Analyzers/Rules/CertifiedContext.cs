using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Netsmart.Knowledge.Evidence;

namespace Netsmart.Analyzers.Rules
{
    /// <summary>
    /// Evidence about the APIs a piece of code uses, from its string literals: in the expression itself, its
    /// top-level type, or its file. Computed once per type (or file) and per compilation.
    /// </summary>
    internal sealed class CertifiedContext
    {
        private readonly ConcurrentDictionary<SyntaxNode, ApiEvidence> _cache = new ConcurrentDictionary<SyntaxNode, ApiEvidence>();

        /// <summary>The evidence of the top-level type holding <paramref name="node"/> (of the file, for top-level code).</summary>
        public ApiEvidence OfType(SyntaxNode node, CancellationToken cancellationToken) =>
            Of(TopLevelScope(node), cancellationToken);

        /// <summary>The evidence of the top-level type holding <paramref name="node"/>, or of its file when the type shows no API use.</summary>
        public ApiEvidence OfTypeOrFile(SyntaxNode node, CancellationToken cancellationToken)
        {
            SyntaxNode scope = TopLevelScope(node);
            ApiEvidence evidence = Of(scope, cancellationToken);
            if ((evidence & (ApiEvidence.Certified | ApiEvidence.NonCertified)) == ApiEvidence.None && !(scope is CompilationUnitSyntax))
            {
                evidence |= Of(node.SyntaxTree.GetRoot(cancellationToken), cancellationToken);
            }

            return evidence;
        }

        private ApiEvidence Of(SyntaxNode scope, CancellationToken cancellationToken)
        {
            if (_cache.TryGetValue(scope, out ApiEvidence cached))
            {
                return cached;
            }

            ApiEvidence evidence = Scan(scope, cancellationToken);
            _cache.TryAdd(scope, evidence);
            return evidence;
        }

        private static SyntaxNode TopLevelScope(SyntaxNode node)
        {
            SyntaxNode? type = null;
            for (SyntaxNode? current = node.Parent; current != null; current = current.Parent)
            {
                if (current is BaseTypeDeclarationSyntax)
                {
                    type = current;
                }
            }

            return type ?? node.SyntaxTree.GetRoot();
        }

        private static ApiEvidence Scan(SyntaxNode scope, CancellationToken cancellationToken)
        {
            ApiEvidence evidence = ApiEvidence.None;
            foreach (SyntaxToken token in scope.DescendantTokens())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (LiteralTextMap.IsStringToken(token))
                {
                    evidence |= ApiEvidenceScanner.FromText(LiteralTextMap.UnescapedValueText(token));
                }
            }

            return evidence;
        }

    }
}

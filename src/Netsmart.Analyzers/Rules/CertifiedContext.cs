using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Analyzers.Rules
{
    /// <summary>What the code around a literal says about the APIs it talks to.</summary>
    [Flags]
    internal enum ApiEvidence
    {
        None = 0,

        /// <summary>Certified v1/v2 URLs, SMART clinical scopes, an <c>aud</c> naming <c>uscore/v1</c>.</summary>
        Certified = 1,

        /// <summary>The APIs that stay on the original authorization server: <c>/v4</c>, <c>/fhir</c>, <c>/ccd</c>, PatientImage, <c>scope=CCD</c>.</summary>
        NonCertified = 2,
    }

    /// <summary>
    /// Decides whether code that names the original authorization server is Certified code. The
    /// evidence is looked for in the expression itself, then in its top-level type, then in its file.
    /// </summary>
    internal static class CertifiedContext
    {
        public static ApiEvidence FromText(string text, NetsmartUrlMatch? exclude = null)
        {
            ApiEvidence evidence = ApiEvidence.None;
            if (NetsmartUrlScanner.MayContainNetsmartUrl(text))
            {
                foreach (NetsmartUrlMatch match in NetsmartUrlScanner.FindAll(text))
                {
                    if (exclude != null && match.Start == exclude.Start)
                    {
                        continue;
                    }

                    if (match.IsCertifiedApi)
                    {
                        evidence |= ApiEvidence.Certified;
                    }
                    else if (match.Kind == NetsmartUrlKind.NotMigrating && IsNonCertifiedApi(match.NonMigratingApi))
                    {
                        evidence |= ApiEvidence.NonCertified;
                    }
                }
            }

            if (ScopeEvidence.HasClinicalScope(text))
            {
                evidence |= ApiEvidence.Certified;
            }

            if (ScopeEvidence.HasCcdScope(text))
            {
                evidence |= ApiEvidence.NonCertified;
            }

            return evidence;
        }

        /// <summary>Evidence in the top-level type that holds <paramref name="node"/>, or in its file when the type shows none.</summary>
        public static ApiEvidence Around(SyntaxNode node, CancellationToken cancellationToken)
        {
            SyntaxNode? type = null;
            for (SyntaxNode? current = node.Parent; current != null; current = current.Parent)
            {
                if (current is BaseTypeDeclarationSyntax)
                {
                    type = current;
                }
            }

            ApiEvidence evidence = type is null ? ApiEvidence.None : Scan(type, cancellationToken);
            if (evidence == ApiEvidence.None)
            {
                evidence = Scan(node.SyntaxTree.GetRoot(cancellationToken), cancellationToken);
            }

            return evidence;
        }

        private static ApiEvidence Scan(SyntaxNode scope, CancellationToken cancellationToken)
        {
            ApiEvidence evidence = ApiEvidence.None;
            foreach (SyntaxToken token in scope.DescendantTokens())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch ((SyntaxKind)token.RawKind)
                {
                    case SyntaxKind.StringLiteralToken:
                    case SyntaxKind.Utf8StringLiteralToken:
                    case SyntaxKind.SingleLineRawStringLiteralToken:
                    case SyntaxKind.MultiLineRawStringLiteralToken:
                    case SyntaxKind.Utf8SingleLineRawStringLiteralToken:
                    case SyntaxKind.Utf8MultiLineRawStringLiteralToken:
                    case SyntaxKind.InterpolatedStringTextToken:
                        evidence |= FromText(token.ValueText);
                        if (evidence == (ApiEvidence.Certified | ApiEvidence.NonCertified))
                        {
                            return evidence;
                        }

                        break;
                }
            }

            return evidence;
        }

        private static bool IsNonCertifiedApi(NonMigratingApi api) =>
            api == NonMigratingApi.GeneralPurposeR4 || api == NonMigratingApi.GeneralPurposeStu3 ||
            api == NonMigratingApi.PatientImage || api == NonMigratingApi.Ccd;
    }
}

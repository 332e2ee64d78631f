using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Netsmart.Knowledge.Scopes;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Analyzers.Rules
{
    /// <summary>What the code around a literal says about the APIs it talks to.</summary>
    [Flags]
    internal enum ApiEvidence
    {
        None = 0,

        /// <summary>Certified v1/v2 URLs (an <c>aud</c> naming <c>uscore/v1</c> included).</summary>
        CertifiedUrl = 1,

        /// <summary>The APIs that stay on the original authorization server: <c>/v4</c>, <c>/fhir</c>, <c>/ccd</c>, PatientImage, <c>scope=CCD</c>.</summary>
        NonCertified = 2,

        /// <summary><c>system/</c> clinical scopes: backend (system-level) access.</summary>
        SystemScopes = 4,

        /// <summary>The <c>client_credentials</c> grant: backend (system-level) access.</summary>
        ClientCredentials = 8,

        /// <summary>SMART clinical scopes (<c>patient/Patient.read</c>...) and the SMART launch scopes.</summary>
        ClinicalScopes = 16,

        /// <summary>Patient-facing SMART use: <c>patient/</c> or <c>user/</c> scopes, launch scopes, <c>fhirUser</c>, the <c>authorization_code</c> grant.</summary>
        PatientFacing = 32,

        /// <summary>Any sign of Certified use.</summary>
        Certified = CertifiedUrl | ClinicalScopes,

        /// <summary>Either sign of system-level access.</summary>
        SystemLevel = SystemScopes | ClientCredentials,
    }

    /// <summary>
    /// Evidence about the APIs a piece of code uses, from its string literals: in the expression itself, its
    /// top-level type, or its file. Computed once per type (or file) and per compilation.
    /// </summary>
    internal sealed class CertifiedContext
    {
        private readonly ConcurrentDictionary<SyntaxNode, ApiEvidence> _cache = new ConcurrentDictionary<SyntaxNode, ApiEvidence>();

        /// <summary>The evidence in one string value (a match of <paramref name="exclude"/> itself does not count).</summary>
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
                        evidence |= ApiEvidence.CertifiedUrl;
                    }
                    else if (match.Kind == NetsmartUrlKind.NotMigrating && IsNonCertifiedApi(match.NonMigratingApi))
                    {
                        evidence |= ApiEvidence.NonCertified;
                    }
                }
            }

            if (ScopeScanner.MayContainScope(text) || text.IndexOf("fhirUser", StringComparison.Ordinal) >= 0)
            {
                if (ScopeEvidence.HasLaunchScope(text))
                {
                    evidence |= ApiEvidence.ClinicalScopes | ApiEvidence.PatientFacing;
                }

                foreach (ScopeMatch scope in ScopeScanner.Scan(text))
                {
                    evidence |= ApiEvidence.ClinicalScopes |
                        (scope.Context == ScopeContext.System ? ApiEvidence.SystemScopes : ApiEvidence.PatientFacing);
                }
            }

            if (text.IndexOf("authorization_code", StringComparison.Ordinal) >= 0 && ScopeEvidence.IsGrant(text, "authorization_code"))
            {
                evidence |= ApiEvidence.PatientFacing;
            }

            if (ScopeEvidence.HasCcdScope(text))
            {
                evidence |= ApiEvidence.NonCertified;
            }

            if (text.IndexOf("client_credentials", StringComparison.Ordinal) >= 0 && ScopeEvidence.IsGrant(text, "client_credentials"))
            {
                evidence |= ApiEvidence.ClientCredentials;
            }

            return evidence;
        }

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

        /// <summary>Reduces evidence to the question "which APIs": Certified, NonCertified, both, or None.</summary>
        public static ApiEvidence Kind(ApiEvidence evidence) =>
            ((evidence & ApiEvidence.Certified) != 0 ? ApiEvidence.Certified : ApiEvidence.None) | (evidence & ApiEvidence.NonCertified);

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
                    evidence |= FromText(LiteralTextMap.UnescapedValueText(token));
                }
            }

            return evidence;
        }

        private static bool IsNonCertifiedApi(NonMigratingApi api) =>
            api == NonMigratingApi.GeneralPurposeR4 || api == NonMigratingApi.GeneralPurposeStu3 ||
            api == NonMigratingApi.PatientImage || api == NonMigratingApi.Ccd;
    }
}

using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Netsmart.Knowledge.Evidence;

namespace Netsmart.Analyzers.Evidence;

/// <summary>
/// Evidence about the APIs a piece of code uses, from its string literals: in the expression itself, its
/// top-level type, or its file. Computed once per type (or file) and per compilation.
/// </summary>
internal sealed class ApiEvidenceCache
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, ApiEvidenceCache> PerCompilation =
        new System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, ApiEvidenceCache>();

    /// <summary>The runtime library: a project that references it uses Netsmart.</summary>
    internal const string CareConnectAssemblyName = "Netsmart.CareConnect";

    /// <summary>Beyond this many trigger hits in one scope, the string tokens are listed in one walk and searched (a tree search per hit is quadratic in a deep chain).</summary>
    private const int MaxTokenSearches = 256;

    private readonly ConcurrentDictionary<SyntaxNode, ApiEvidence> _cache = new ConcurrentDictionary<SyntaxNode, ApiEvidence>();

    private ApiEvidenceCache(bool isNetsmartProject)
    {
        IsNetsmartProject = isNetsmartProject;
    }

    /// <summary>
    /// The project shows Netsmart use as a whole: it references Netsmart.CareConnect (or is it), or sets the tenant
    /// expression for every file (MSBuild <c>NetsmartTenantIdExpression</c>, or a global config). Read once, when the
    /// compilation's instance is made.
    /// </summary>
    public bool IsNetsmartProject { get; }

    /// <summary>
    /// The one instance of a compilation, shared by every analyzer (each type is read once, not once per rule);
    /// the project facts are read when it is made, at compilation start.
    /// </summary>
    public static ApiEvidenceCache For(Compilation compilation, AnalyzerOptions options) =>
        PerCompilation.GetValue(compilation, c => new ApiEvidenceCache(ReadProject(c, options)));

    /// <summary>
    /// Whether the code around <paramref name="node"/> shows Netsmart use: the project (<see cref="IsNetsmartProject"/>),
    /// the tenant option for its file, or a Netsmart URL in its top-level type or its file.
    /// </summary>
    public bool ShowsNetsmartUse(SyntaxNode node, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        if (IsNetsmartProject || NetsmartOptions.GetTenantIdExpression(options, node.SyntaxTree) != null)
        {
            return true;
        }

        SyntaxNode scope = TopLevelScope(node);
        if ((Of(scope, cancellationToken) & ApiEvidence.NetsmartUrl) != ApiEvidence.None)
        {
            return true;
        }

        return !(scope is CompilationUnitSyntax) &&
            (Of(node.SyntaxTree.GetRoot(cancellationToken), cancellationToken) & ApiEvidence.NetsmartUrl) != ApiEvidence.None;
    }

    private static bool ReadProject(Compilation compilation, AnalyzerOptions options)
    {
        if (NetsmartOptions.HasProjectTenantIdExpression(options) ||
            string.Equals(compilation.AssemblyName, CareConnectAssemblyName, StringComparison.Ordinal))
        {
            return true;
        }

        foreach (AssemblyIdentity reference in compilation.ReferencedAssemblyNames)
        {
            if (string.Equals(reference.Name, CareConnectAssemblyName, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The evidence of the top-level type holding <paramref name="node"/> (of the file, for top-level code).</summary>
    public ApiEvidence OfType(SyntaxNode node, CancellationToken cancellationToken) =>
        Of(TopLevelScope(node), cancellationToken);

    /// <summary>
    /// The evidence of the top-level type holding <paramref name="node"/>, joined by that of its file when the type
    /// names no API (no Certified or non-migrating URL, no <c>scope=CCD</c>): scopes alone do not tell which APIs a
    /// type serves, the URLs elsewhere in its file do.
    /// </summary>
    public ApiEvidence OfTypeOrFile(SyntaxNode node, CancellationToken cancellationToken)
    {
        SyntaxNode scope = TopLevelScope(node);
        ApiEvidence evidence = Of(scope, cancellationToken);
        if ((evidence & (ApiEvidence.CertifiedUrl | ApiEvidence.NonCertified)) == ApiEvidence.None && !(scope is CompilationUnitSyntax))
        {
            evidence |= Of(node.SyntaxTree.GetRoot(cancellationToken), cancellationToken);
        }

        return evidence;
    }

    /// <summary>The evidence of a type or a file, read once per compilation.</summary>
    internal ApiEvidence Of(SyntaxNode scope, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(scope, out ApiEvidence cached))
        {
            return cached;
        }

        ApiEvidence evidence = scope is CompilationUnitSyntax file ? OfFile(file, cancellationToken) : Scan(scope, cancellationToken);
        _cache.TryAdd(scope, evidence);
        return evidence;
    }

    /// <summary>
    /// A file's evidence: that of its top-level types (cached: a type is read once, whether asked for itself or as part
    /// of its file) joined with that of everything else in it (assembly attributes, top-level statements, delegates).
    /// Evidence is a union over string tokens and each token lies in one of these parts, so this equals <see cref="Scan"/>
    /// of the whole file.
    /// </summary>
    private ApiEvidence OfFile(CompilationUnitSyntax file, CancellationToken cancellationToken)
    {
        ApiEvidence evidence = ApiEvidence.None;
        foreach (AttributeListSyntax attributes in file.AttributeLists)
        {
            evidence |= Scan(attributes, cancellationToken);
        }

        return evidence | OfMembers(file.Members, cancellationToken);
    }

    private ApiEvidence OfMembers(SyntaxList<MemberDeclarationSyntax> members, CancellationToken cancellationToken)
    {
        ApiEvidence evidence = ApiEvidence.None;
        foreach (MemberDeclarationSyntax member in members)
        {
            evidence |= member switch
            {
                BaseNamespaceDeclarationSyntax ns => OfMembers(ns.Members, cancellationToken),
                BaseTypeDeclarationSyntax type => Of(type, cancellationToken),
                _ => Scan(member, cancellationToken),
            };
        }

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

    /// <summary>
    /// The evidence of the string tokens of <paramref name="scope"/>. Only tokens that hold one of
    /// <see cref="ApiEvidenceScanner.Triggers"/> can carry any: they are found by searching the source text of the
    /// scope, not by walking its tokens. Escapes that could spell a trigger (<c>\u</c>, <c>\U</c>, <c>\x</c>) send
    /// the scope through the walk over every token (<see cref="ScanAllTokens"/>), which gives the same result.
    /// </summary>
    internal static ApiEvidence Scan(SyntaxNode scope, CancellationToken cancellationToken)
    {
        string text = scope.SyntaxTree.GetText(cancellationToken).ToString();
        int start = scope.Span.Start;
        int length = scope.Span.Length;
        if (LiteralTextMap.MayHaveSpellingEscape(text, start, length))
        {
            return ScanAllTokens(scope, cancellationToken);
        }

        ApiEvidence evidence = ApiEvidence.None;
        int end = start + length;
        int searches = 0;
        System.Collections.Generic.List<SyntaxToken>? stringTokens = null;
        System.Collections.Generic.HashSet<int>? read = null; // tokens already read (by start): several triggers hit one token
        foreach ((string trigger, StringComparison comparison) in ApiEvidenceScanner.Triggers)
        {
            int from = start;
            while (from < end)
            {
                int hit = text.IndexOf(trigger, from, end - from, comparison);
                if (hit < 0)
                {
                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                // Each tree search descends the tree; in a chain of thousands of URLs that is quadratic. Past a
                // number of hits, the string tokens of the scope are listed once (one walk) and searched instead.
                SyntaxToken token = ++searches <= MaxTokenSearches
                    ? scope.FindToken(hit)
                    : StringTokenAt(stringTokens ??= StringTokens(scope, cancellationToken), hit);
                if (LiteralTextMap.IsStringToken(token) && token.Span.Contains(hit))
                {
                    if ((read ??= new System.Collections.Generic.HashSet<int>()).Add(token.SpanStart))
                    {
                        evidence |= ApiEvidenceScanner.FromText(LiteralTextMap.UnescapedValueText(token));
                    }

                    from = Math.Max(hit + 1, token.Span.End);
                }
                else
                {
                    from = hit + 1;
                }
            }
        }

        return evidence;
    }

    private static System.Collections.Generic.List<SyntaxToken> StringTokens(SyntaxNode scope, CancellationToken cancellationToken)
    {
        var tokens = new System.Collections.Generic.List<SyntaxToken>();
        foreach (SyntaxToken token in scope.DescendantTokens())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (LiteralTextMap.IsStringToken(token))
            {
                tokens.Add(token);
            }
        }

        return tokens;
    }

    /// <summary>The string token whose span holds <paramref name="position"/>, or default (binary search of tokens in text order).</summary>
    private static SyntaxToken StringTokenAt(System.Collections.Generic.List<SyntaxToken> tokens, int position)
    {
        int low = 0;
        int high = tokens.Count;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (tokens[middle].Span.Start <= position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low > 0 && tokens[low - 1].Span.Contains(position) ? tokens[low - 1] : default;
    }

    /// <summary>The evidence of every string token of <paramref name="scope"/>, read one by one.</summary>
    internal static ApiEvidence ScanAllTokens(SyntaxNode scope, CancellationToken cancellationToken)
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

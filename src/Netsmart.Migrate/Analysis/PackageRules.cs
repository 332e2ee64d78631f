using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Netsmart.Analyzers.CodeFixes.Rules;
using Netsmart.Analyzers.Rules;

namespace Netsmart.Migrate.Analysis;

/// <summary>
/// The package's own analyzers and code fixes: every exported <see cref="DiagnosticAnalyzer"/> of the analyzer
/// assembly and every exported <see cref="CodeFixProvider"/> of the code-fix assembly, as the compiler and
/// <c>dotnet format</c> would load them from the NuGet package.
/// </summary>
internal static class PackageRules
{
    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> LazyAnalyzers = new(() =>
        Create<DiagnosticAnalyzer>(typeof(NetsmartUrlAnalyzer).Assembly, typeof(DiagnosticAnalyzerAttribute)));

    /// <summary>
    /// The fixers for C# documents. A fixer exported for other document kinds only (an IDE fix for JSON
    /// additional documents) would be left out: the tool rewrites JSON with the knowledge core's ConfigFileScanner.
    /// </summary>
    private static readonly Lazy<ImmutableArray<CodeFixProvider>> LazyFixers = new(() =>
        Create<CodeFixProvider>(typeof(NetsmartUrlCodeFixProvider).Assembly, typeof(ExportCodeFixProviderAttribute))
            .Where(f => f.GetType().GetCustomAttribute<ExportCodeFixProviderAttribute>()!.DocumentKinds is not { Length: > 0 } kinds ||
                        kinds.Contains(nameof(TextDocumentKind.Document)))
            .ToImmutableArray());

    private static readonly Lazy<ImmutableDictionary<string, DiagnosticDescriptor>> LazyDescriptors = new(() =>
        Analyzers.SelectMany(a => a.SupportedDiagnostics)
            .GroupBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers => LazyAnalyzers.Value;

    public static ImmutableArray<CodeFixProvider> Fixers => LazyFixers.Value;

    /// <summary>Every rule of the package by id (NSM001...).</summary>
    public static ImmutableDictionary<string, DiagnosticDescriptor> Descriptors => LazyDescriptors.Value;

    public static IEnumerable<DiagnosticAnalyzer> AnalyzersFor(string id) =>
        Analyzers.Where(a => a.SupportedDiagnostics.Any(d => d.Id == id));

    public static CodeFixProvider? FixerFor(string id) => Fixers.FirstOrDefault(f => f.FixableDiagnosticIds.Contains(id));

    private static ImmutableArray<T> Create<T>(Assembly assembly, Type exportAttribute)
        where T : class =>
        assembly.GetTypes()
            .Where(t => typeof(T).IsAssignableFrom(t) && !t.IsAbstract && t.IsDefined(exportAttribute, inherit: false))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (T)Activator.CreateInstance(t)!)
            .ToImmutableArray();
}

using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Netsmart.Analyzers.Tests.Verifiers;

/// <summary>Runs an analyzer over a hand-built compilation (several files, metadata references), as the compiler's driver does.</summary>
internal static class CompilationAnalysis
{
    /// <summary>A referenced assembly built from <paramref name="source"/> (emitted: its constants are read from metadata).</summary>
    public static MetadataReference Library(string source)
    {
        CSharpCompilation library = CSharpCompilation.Create(
            "Vendor" + Guid.NewGuid().ToString("N"), new[] { CSharpSyntaxTree.ParseText(source) }, TestDefaults.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    /// <summary>The NSM diagnostics of <paramref name="analyzer"/> over <paramref name="compilation"/>; fails on an AD0001 (an analyzer exception).</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(DiagnosticAnalyzer analyzer, Compilation compilation)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> all = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options).GetAllDiagnosticsAsync();
        Assert.DoesNotContain(all, d => d.Id == "AD0001");
        return all.Where(d => d.Id.StartsWith("NSM", StringComparison.Ordinal)).ToImmutableArray();
    }
}

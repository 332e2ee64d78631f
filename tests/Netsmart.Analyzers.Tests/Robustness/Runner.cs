using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;

namespace Netsmart.Analyzers.Tests.Robustness;

/// <summary>Compiles a solution's single project in memory, loads it and calls a static method: fixed code must run, not only compile.</summary>
internal static class Runner
{
    /// <summary>The .NET 10 reference assemblies plus Microsoft.Extensions.Logging.Abstractions (its implementation assembly, loaded by the test host too).</summary>
    public static IReadOnlyList<MetadataReference> References { get; } = Basic.Reference.Assemblies.Net100.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location))
        .ToList();

    /// <summary>The source generators of Microsoft.Extensions.Logging.Abstractions ([LoggerMessage]), from the restored package.</summary>
    private static readonly Lazy<ImmutableArray<ISourceGenerator>> LoggingGenerators = new(() =>
    {
        string path = typeof(Runner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LoggingGenerator").Value!;
        return new AnalyzerFileReference(path, new Loader()).GetGenerators(LanguageNames.CSharp);
    });

    /// <summary>Emits the project, with the [LoggerMessage] generator run first; throws with the errors when it does not compile.</summary>
    public static async Task<byte[]> EmitAsync(Solution solution)
    {
        Compilation compilation = (await solution.Projects.Single().GetCompilationAsync())!;
        CSharpGeneratorDriver.Create(LoggingGenerators.Value.ToArray())
            .WithUpdatedParseOptions((CSharpParseOptions)compilation.SyntaxTrees.First().Options)
            .RunGeneratorsAndUpdateCompilation(compilation, out compilation, out ImmutableArray<Diagnostic> generatorDiagnostics);
        if (generatorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            throw new InvalidOperationException("The generator rejects the code:\n" + string.Join("\n", generatorDiagnostics) + "\n" + FixRunner.Show(solution));
        }

        using var stream = new MemoryStream();
        EmitResult result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException("The code does not compile:\n" +
                string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)) + "\n" + FixRunner.Show(solution));
        }

        return stream.ToArray();
    }

    /// <summary>Loads the compiled project in a collectible context and returns what <c>typeName.method()</c> returns (exceptions unwrapped).</summary>
    public static async Task<string?> RunAsync(Solution solution, string typeName = "P", string method = "Run")
    {
        byte[] image = await EmitAsync(solution);
        var context = new AssemblyLoadContext("netsmart-fixed-code", isCollectible: true);
        try
        {
            Assembly assembly = context.LoadFromStream(new MemoryStream(image));
            MethodInfo entry = assembly.GetType(typeName, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;
            try
            {
                return (string?)entry.Invoke(null, null);
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }
        finally
        {
            context.Unload();
        }
    }

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}

using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace Netsmart.Analyzers.Tests.Verifiers;

/// <summary>Settings every analyzer and code-fix test shares: offline references, language version, editorconfig.</summary>
internal static class TestDefaults
{
    /// <summary>
    /// No reference package at all (nothing is resolved or downloaded at test time); the .NET 10
    /// reference assemblies come from Basic.Reference.Assemblies, restored with the test project.
    /// </summary>
    public static ReferenceAssemblies ReferenceAssemblies { get; } = new ReferenceAssemblies("net10.0");

    public static IReadOnlyList<MetadataReference> References { get; } = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().ToList();

    public const string EditorConfig = "root = true\n\n[*]\nindent_style = space\nindent_size = 4\nend_of_line = lf\n";

    public static void Apply(SolutionState state, string? extraEditorConfig)
    {
        state.AdditionalReferences.AddRange(References);
        state.AnalyzerConfigFiles.Add(("/.editorconfig", EditorConfig + (extraEditorConfig ?? string.Empty)));
    }

    public static Solution UseLatestLanguage(Solution solution, ProjectId projectId)
    {
        var parseOptions = (CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!;
        return solution.WithProjectParseOptions(projectId, parseOptions.WithLanguageVersion(LanguageVersion.Preview));
    }

    /// <summary>Test sources are written with \n; keep them that way whatever the platform.</summary>
    public static string Normalize(string source) => source.Replace("\r\n", "\n");
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Netsmart.Migrate.Analysis;
using Netsmart.Migrate.Analysis.Host;

namespace Netsmart.Migrate.Tests.Host;

/// <summary>
/// Runs the same project through Roslyn's <see cref="CompilationWithAnalyzers"/> and through the light host, with the
/// package's own analyzers (or given ones). The project lives in an <see cref="AdhocWorkspace"/>, so its
/// <c>.editorconfig</c> files reach the compilation's severity options and the analyzer options as in a real build.
/// </summary>
internal static class SideBySide
{
    public const string V1 = "https://fhir.netsmartcloud.com/uscore/v1";
    public const string Bulk = "https://fhir.netsmartcloud.com/uscore/v1/bulk-data";
    public const string Token = "https://oauth.netsmartcloud.com/token";

    /// <summary>Where the test projects live; every path given to <see cref="Project"/> is relative to it.</summary>
    public const string Root = "/hosttest/";

    private static readonly MetadataReference[] References = RuntimeReferences();

    /// <summary>A project of C# files (".cs") and analyzer config files (".editorconfig", ".globalconfig"), by relative path.</summary>
    public static Project Project(params (string Path, string Text)[] files)
    {
        var workspace = new AdhocWorkspace();
        ProjectId id = ProjectId.CreateNewId();
        Solution solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            id, VersionStamp.Default, "HostTest", "HostTest", LanguageNames.CSharp,
            filePath: Root + "HostTest.csproj",
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
            parseOptions: new CSharpParseOptions(LanguageVersion.Preview),
            metadataReferences: References));
        foreach ((string path, string text) in files)
        {
            string full = Root + path;
            DocumentId document = DocumentId.CreateNewId(id);
            solution = path.EndsWith(".cs", StringComparison.Ordinal)
                ? solution.AddDocument(document, Path.GetFileName(full), SourceText.From(text), filePath: full)
                : solution.AddAnalyzerConfigDocument(document, Path.GetFileName(full), SourceText.From(text), filePath: full);
        }

        return solution.GetProject(id)!;
    }

    /// <summary>The driver's diagnostics (after the compiler's filter) as comparable lines, in order.</summary>
    public static async Task<string[]> DriverAsync(Project project, ImmutableArray<DiagnosticAnalyzer>? analyzers = null)
    {
        Compilation compilation = (await project.GetCompilationAsync())!;
        CompilationWithAnalyzers driver = compilation.WithAnalyzers(
            analyzers ?? PackageRules.Analyzers,
            new CompilationWithAnalyzersOptions(project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        return Lines(await driver.GetAnalyzerDiagnosticsAsync(CancellationToken.None));
    }

    /// <summary>The light host's diagnostics, tree by tree, as comparable lines, in order.</summary>
    public static async Task<string[]> LightAsync(Project project, ImmutableArray<DiagnosticAnalyzer>? analyzers = null) =>
        Lines((await LightResultsAsync(project, analyzers)).SelectMany(r => r.Diagnostics));

    public static async Task<LightAnalyzerHost.TreeResult[]> LightResultsAsync(Project project, ImmutableArray<DiagnosticAnalyzer>? analyzers = null)
    {
        Compilation compilation = (await project.GetCompilationAsync())!;
        LightAnalyzerHost host = LightAnalyzerHost.Start(compilation, project.AnalyzerOptions, analyzers ?? PackageRules.Analyzers, CancellationToken.None);
        Assert.Empty(host.StartFailures);
        return compilation.SyntaxTrees.Select(t => host.AnalyzeTree(t, CancellationToken.None)).ToArray();
    }

    /// <summary>Runs both and requires the same diagnostics; returns them (for the test to check it exercised something).</summary>
    public static async Task<string[]> AssertSameAsync(Project project, ImmutableArray<DiagnosticAnalyzer>? analyzers = null)
    {
        string[] driver = await DriverAsync(project, analyzers);
        string[] light = await LightAsync(project, analyzers);
        Assert.Equal(driver, light);
        return light;
    }

    /// <summary>"file(line,col)-(line,col): ID severity", sorted: what the two hosts must agree on.</summary>
    public static string[] Lines(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .Where(d => !d.IsSuppressed)
            .Select(Line)
            .OrderBy(l => l, StringComparer.Ordinal)
            .ToArray();

    private static string Line(Diagnostic d)
    {
        FileLinePositionSpan span = d.Location.GetLineSpan();
        string file = span.Path is { } path && path.StartsWith(Root, StringComparison.Ordinal) ? path[Root.Length..] : span.Path ?? string.Empty;
        return $"{file}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1}): {d.Id} {d.Severity}";
    }

    private static MetadataReference[] RuntimeReferences()
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == runtime && Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll" or "System.Private.Uri.dll" or "System.Net.Http.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray();
    }
}

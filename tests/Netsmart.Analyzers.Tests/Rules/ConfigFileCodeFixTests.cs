using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Netsmart.Analyzers.CodeFixes.Rules;
using Netsmart.Analyzers.Rules;
using Netsmart.Analyzers.Tests.Verifiers;

namespace Netsmart.Analyzers.Tests.Rules;

/// <summary>
/// The IDE fix for diagnostics inside JSON additional documents. Microsoft.CodeAnalysis.Testing never offers
/// fixes for additional files, so this drives the provider through the public TextDocument API by hand.
/// </summary>
public class ConfigFileCodeFixTests
{
    private const string Json = "{\n  // settings\n  \"BaseUrl\": \"https://fhir.netsmartcloud.com/uscore/v1\",\n  \"Scopes\": \"openid patient/Patient.read\"\n}\n";

    [Fact]
    public async Task Each_diagnostic_gets_a_fix_that_rewrites_only_its_value()
    {
        (TextDocument json, ImmutableArray<Diagnostic> diagnostics) = await SetUpAsync(Json);
        Diagnostic nsm001 = diagnostics.Single(d => d.Id == "NSM001");

        Solution changed = await ApplyAsync(json, nsm001);

        SourceText text = await changed.GetAdditionalDocument(json.Id)!.GetTextAsync();
        Assert.Equal(
            "{\n  // settings\n  \"BaseUrl\": \"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}\",\n  \"Scopes\": \"openid patient/Patient.read\"\n}\n",
            text.ToString());
    }

    [Fact]
    public async Task Fix_all_rewrites_every_value_of_the_rule_in_the_project_json_files()
    {
        (TextDocument json, ImmutableArray<Diagnostic> diagnostics) = await SetUpAsync(Json);
        var provider = new ConfigFileCodeFixProvider();
        Diagnostic nsm010 = diagnostics.Single(d => d.Id == "NSM010");
        var context = new FixAllContext(
            json.Project, provider, FixAllScope.Project, ConfigFileCodeFixProvider.FixValueKey, new[] { "NSM010" },
            new DiagnosticProvider(diagnostics), CancellationToken.None);

        CodeAction? action = await provider.GetFixAllProvider().GetFixAsync(context);
        Solution changed = await Changed(action!);

        SourceText text = await changed.GetAdditionalDocument(json.Id)!.GetTextAsync();
        Assert.Equal(Json.Replace("patient/Patient.read", "patient/Patient.rs"), text.ToString());
        Assert.Contains(nsm010.Id, provider.FixableDiagnosticIds);
    }

    private static async Task<(TextDocument Json, ImmutableArray<Diagnostic> Diagnostics)> SetUpAsync(string json)
    {
        var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject("P", LanguageNames.CSharp)
            .WithMetadataReferences(TestDefaults.References)
            .AddDocument("C.cs", "class C { }").Project;
        TextDocument additional = project.AddAdditionalDocument("appsettings.json", SourceText.From(json), filePath: "/p/appsettings.json");
        project = additional.Project;
        Compilation compilation = (await project.GetCompilationAsync())!;
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ConfigFileAnalyzer()), project.AnalyzerOptions)
            .GetAnalyzerDiagnosticsAsync();
        return (additional, diagnostics);
    }

    private static async Task<Solution> ApplyAsync(TextDocument document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new ConfigFileCodeFixProvider().RegisterCodeFixesAsync(context);
        CodeAction action = Assert.Single(actions);
        Assert.Equal(ConfigFileCodeFixProvider.FixValueKey, action.EquivalenceKey);
        return await Changed(action);
    }

    private static async Task<Solution> Changed(CodeAction action)
    {
        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        return Assert.IsType<ApplyChangesOperation>(Assert.Single(operations)).ChangedSolution;
    }

    private sealed class DiagnosticProvider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;
using Netsmart.Analyzers.CodeFixes.Rules;
using Netsmart.Analyzers.Rules;

namespace Netsmart.Analyzers.Tests.Robustness;

/// <summary>One analysis of a solution: compiler errors, NSM diagnostics, and any analyzer exception.</summary>
internal sealed record Analysis(ImmutableArray<Diagnostic> Errors, ImmutableArray<Diagnostic> Nsm, IReadOnlyList<Exception> Exceptions, TimeSpan Elapsed)
{
    /// <summary>Error ids and their counts (positions move when a fix edits a file).</summary>
    public Dictionary<string, int> ErrorCounts => Errors.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The NSM diagnostics as (id, message, file) with multiplicity: what reformatting must not change.</summary>
    public IReadOnlyList<string> Signature => Nsm
        .Select(d => d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture) + " @" + d.Location.SourceTree?.FilePath)
        .OrderBy(s => s, StringComparer.Ordinal)
        .ToList();
}

/// <summary>Builds workspaces for generated programs, runs the analyzers, one fix, or the Fix-All of each fixer.</summary>
internal static class FixRunner
{
    private static readonly MetadataReference[] References =
    {
        Basic.Reference.Assemblies.Net100.References.SystemRuntime,
        Basic.Reference.Assemblies.Net100.References.SystemConsole,
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
    };

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers =
        ImmutableArray.Create<DiagnosticAnalyzer>(new NetsmartUrlAnalyzer(), new SmartScopeAnalyzer());

    private static readonly CodeFixProvider[] Fixers = { new NetsmartUrlCodeFixProvider(), new SmartScopeCodeFixProvider() };

    public static Solution Create(AdhocWorkspace workspace, TestProgram program) =>
        Create(workspace, program, References, OutputKind.ConsoleApplication);

    public static Solution Create(AdhocWorkspace workspace, TestProgram program, IEnumerable<MetadataReference> references, OutputKind outputKind)
    {
        ProjectId projectId = ProjectId.CreateNewId();
        Solution solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId, VersionStamp.Default, "Gen", "Gen", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Disable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Preview),
            metadataReferences: references));
        foreach ((string path, string text) in program.Files)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), System.IO.Path.GetFileName(path), SourceText.From(text), filePath: path);
        }

        return solution;
    }

    public static async Task<Analysis> AnalyzeAsync(Solution solution)
    {
        var sw = Stopwatch.StartNew();
        Project project = solution.Projects.Single();
        Compilation compilation = (await project.GetCompilationAsync())!;
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (ex, _, _) => { lock (exceptions) { exceptions.Add(ex); } },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> all = await compilation.WithAnalyzers(Analyzers, options).GetAllDiagnosticsAsync();
        exceptions.AddRange(all.Where(d => d.Id == "AD0001").Select(d => new InvalidOperationException(d.ToString())));
        return new Analysis(
            all.Where(d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("NSM", StringComparison.Ordinal)).ToImmutableArray(),
            all.Where(d => d.Id.StartsWith("NSM", StringComparison.Ordinal)).OrderBy(d => d.Location.SourceTree?.FilePath).ThenBy(d => d.Location.SourceSpan.Start).ToImmutableArray(),
            exceptions,
            sw.Elapsed);
    }

    /// <summary>The Fix-All (solution scope) of each fixer in turn, each on a fresh analysis.</summary>
    public static async Task<Solution> FixAllAsync(Solution solution)
    {
        foreach (CodeFixProvider fixer in Fixers)
        {
            Analysis analysis = await AnalyzeAsync(solution);
            ImmutableArray<Diagnostic> diagnostics = analysis.Nsm.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id)).ToImmutableArray();
            if (diagnostics.IsEmpty)
            {
                continue;
            }

            var context = new FixAllContext(
                solution.Projects.Single().Documents.First(), fixer, FixAllScope.Solution, null, fixer.FixableDiagnosticIds,
                new Provider(diagnostics), CancellationToken.None);
            CodeAction? action = await fixer.GetFixAllProvider()!.GetFixAsync(context);
            if (action != null)
            {
                solution = await ApplyAsync(action);
            }
        }

        return solution;
    }

    /// <summary>The Fix-All (solution scope) of each fixer for diagnostics already computed on <paramref name="solution"/> (no analysis in between).</summary>
    public static async Task<Solution> FixAllAsync(Solution solution, ImmutableArray<Diagnostic> analyzed)
    {
        Solution result = solution;
        foreach (CodeFixProvider fixer in Fixers)
        {
            ImmutableArray<Diagnostic> diagnostics = analyzed.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id)).ToImmutableArray();
            if (diagnostics.IsEmpty)
            {
                continue;
            }

            var context = new FixAllContext(
                solution.Projects.Single().Documents.First(), fixer, FixAllScope.Solution, null, fixer.FixableDiagnosticIds,
                new Provider(diagnostics), CancellationToken.None);
            CodeAction? action = await fixer.GetFixAllProvider()!.GetFixAsync(context);
            if (action != null)
            {
                Solution changed = await ApplyAsync(action);
                foreach (DocumentId id in changed.GetChanges(solution).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()))
                {
                    result = result.WithDocumentText(id, await changed.GetDocument(id)!.GetTextAsync());
                }
            }
        }

        return result;
    }

    /// <summary>The first code action registered for <paramref name="diagnostic"/>, applied; null when none is offered.</summary>
    public static async Task<Solution?> FixOneAsync(Solution solution, Diagnostic diagnostic)
    {
        Document document = solution.GetDocument(diagnostic.Location.SourceTree)!;
        foreach (CodeFixProvider fixer in Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            var actions = new List<CodeAction>();
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
            if (actions.Count > 0)
            {
                return await ApplyAsync(actions[0]);
            }
        }

        return null;
    }

    /// <summary>Fixes one diagnostic at a time, each on a fresh analysis, until no fix changes anything.</summary>
    public static async Task<Solution> FixOneByOneAsync(Solution solution, int maxSteps = 200)
    {
        for (int step = 0; step < maxSteps; step++)
        {
            Analysis current = await AnalyzeAsync(solution);
            Solution? next = null;
            foreach (Diagnostic diagnostic in current.Nsm.Where(d => d.Properties.ContainsKey("Fixable")))
            {
                Solution? changed = await FixOneAsync(solution, diagnostic);
                if (changed != null && !Texts(changed).SequenceEqual(Texts(solution)))
                {
                    next = changed;
                    break;
                }
            }

            if (next is null)
            {
                return solution;
            }

            solution = next;
        }

        return solution;
    }

    public static async Task<Solution> FormatAsync(Solution solution, bool normalize)
    {
        foreach (DocumentId id in solution.Projects.Single().DocumentIds)
        {
            Document document = solution.GetDocument(id)!;
            if (normalize)
            {
                SyntaxNode root = (await document.GetSyntaxRootAsync())!;
                solution = solution.WithDocumentSyntaxRoot(id, root.NormalizeWhitespace(indentation: "\t", eol: "\r\n"));
            }
            else
            {
                solution = (await Formatter.FormatAsync(document)).Project.Solution;
            }
        }

        return solution;
    }

    public static IReadOnlyList<string> Texts(Solution solution) =>
        solution.Projects.Single().Documents.OrderBy(d => d.FilePath).Select(d => d.GetTextAsync().Result.ToString()).ToList();

    public static string Show(Solution solution) =>
        string.Join("\n", solution.Projects.Single().Documents.OrderBy(d => d.FilePath).Select(d => "// ---- " + d.FilePath + "\n" + d.GetTextAsync().Result));

    /// <summary>Error ids whose count grew from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static IEnumerable<string> NewErrors(Analysis before, Analysis after)
    {
        Dictionary<string, int> old = before.ErrorCounts;
        foreach (IGrouping<string, Diagnostic> group in after.Errors.GroupBy(d => d.Id))
        {
            if (group.Count() > old.GetValueOrDefault(group.Key))
            {
                yield return group.First().ToString();
            }
        }
    }

    private static async Task<Solution> ApplyAsync(CodeAction action)
    {
        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
    }

    private sealed class Provider : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public Provider(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            SyntaxTree? tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return _diagnostics.Where(d => d.Location.SourceTree == tree);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Netsmart.Analyzers.CodeFixes.Rules;
using Netsmart.Analyzers.Rules;

namespace Netsmart.Analyzers.Benchmarks;

/// <summary>Figures of one analysis benchmark (one corpus), medians over the rounds, in milliseconds.</summary>
internal sealed record AnalysisResult(
    string Corpus, int Files, int Lines, int NetsmartLiterals, int Diagnostics, int Rounds,
    double CompilerMs, double OursExecMs, double OursUrlExecMs, double OursScopeExecMs, double OursWallMs,
    double FloorExecMs, double FloorWallMs, double OursDirectMs, double FloorDirectMs, int DirectCalls)
{
    public double DirectOursOverFloor => OursDirectMs / FloorDirectMs;

    public double OursOverFloor => OursExecMs / FloorExecMs;

    public double OursOverCompiler => OursExecMs / CompilerMs;

    public double WallOursOverFloor => OursWallMs / FloorWallMs;
}

/// <summary>Figures of one Fix-All benchmark, medians over the rounds.</summary>
internal sealed record FixAllResult(
    string Corpus, int Files, int FixableDiagnostics, int FixedLiterals, int ChangedDocuments, int Rounds,
    double FixAllMs, double AnalysisPassMs)
{
    public double MicrosecondsPerLiteral => FixAllMs * 1000 / Math.Max(1, FixedLiterals);
}

internal static class Harness
{
    public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Preview);

    public static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(
        OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: true);

    public static readonly IReadOnlyList<MetadataReference> References =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().ToList();

    public static ImmutableArray<DiagnosticAnalyzer> Ours() =>
        ImmutableArray.Create<DiagnosticAnalyzer>(new NetsmartUrlAnalyzer(), new SmartScopeAnalyzer());

    public static ImmutableArray<DiagnosticAnalyzer> Floor() =>
        ImmutableArray.Create<DiagnosticAnalyzer>(new FloorUrlAnalyzer(), new FloorScopeAnalyzer());

    public static CSharpCompilation Compile(Corpus corpus)
    {
        var trees = new SyntaxTree[corpus.Files.Count];
        Parallel.For(0, trees.Length, i =>
            trees[i] = CSharpSyntaxTree.ParseText(SourceText.From(corpus.Files[i].Text), ParseOptions, corpus.Files[i].Path));
        return CSharpCompilation.Create("Corpus", trees, References, CompilationOptions);
    }

    /// <summary>
    /// Compiler cost, ours and the floor, interleaved round by round (so drift and noise hit all three alike);
    /// each measurement on a fresh clone of the compilation (no bound state carried over), after a warm-up round.
    /// </summary>
    public static async Task<AnalysisResult> MeasureAnalysisAsync(Corpus corpus, int rounds, int warmup, Action<string> log)
    {
        CSharpCompilation compilation = Compile(corpus);
        compilation.GetDeclarationDiagnostics(); // metadata loaded once, as in any build
        var compiler = new List<double>();
        var oursExec = new List<double>();
        var oursUrl = new List<double>();
        var oursScope = new List<double>();
        var oursWall = new List<double>();
        var floorExec = new List<double>();
        var floorWall = new List<double>();
        var oursDirect = new List<double>();
        var floorDirect = new List<double>();
        int diagnostics = 0, directCalls = 0;
        for (int round = -warmup; round < rounds; round++)
        {
            if (round == 0)
            {
                DirectDispatch.PerKind?.Clear();
            }

            Collect();
            var sw = Stopwatch.StartNew();
            ImmutableArray<Diagnostic> errors = compilation.Clone().GetDiagnostics();
            double compilerMs = sw.Elapsed.TotalMilliseconds;

            (double wall, double[] exec, ImmutableArray<Diagnostic> found) ours = await RunAsync(compilation.Clone(), Ours());
            (double wall, double[] exec, ImmutableArray<Diagnostic> found) floor = await RunAsync(compilation.Clone(), Floor());
            (double ms, int calls) directOurs = Direct(compilation.Clone(), Ours());
            (double ms, int calls) directFloor = Direct(compilation.Clone(), Floor());
            if (round < 0)
            {
                int compilerErrors = errors.Count(d => d.Severity == DiagnosticSeverity.Error);
                log($"  warm-up: compiler {compilerMs:0} ms ({compilerErrors} errors), ours {ours.wall:0} ms wall, floor {floor.wall:0} ms wall");
                if (compilerErrors > 0)
                {
                    log("  note: the corpus has compile errors, e.g. " + errors.First(d => d.Severity == DiagnosticSeverity.Error));
                }

                continue;
            }

            diagnostics = ours.found.Length;
            compiler.Add(compilerMs);
            oursExec.Add(ours.exec.Sum());
            oursUrl.Add(ours.exec[0]);
            oursScope.Add(ours.exec[1]);
            oursWall.Add(ours.wall);
            floorExec.Add(floor.exec.Sum());
            floorWall.Add(floor.wall);
            oursDirect.Add(directOurs.ms);
            floorDirect.Add(directFloor.ms);
            directCalls = directOurs.calls;
            log($"  round {round + 1}/{rounds}: compiler {compilerMs:0} ms | ours exec {ours.exec.Sum():0.0} ms, wall {ours.wall:0} ms, direct {directOurs.ms:0.0} ms | floor exec {floor.exec.Sum():0.0} ms, wall {floor.wall:0} ms, direct {directFloor.ms:0.0} ms");
        }

        return new AnalysisResult(corpus.Name, corpus.Files.Count, corpus.Lines, corpus.NetsmartLiterals, diagnostics, rounds,
            Median(compiler), Median(oursExec), Median(oursUrl), Median(oursScope), Median(oursWall), Median(floorExec), Median(floorWall),
            Median(oursDirect), Median(floorDirect), directCalls);
    }

    private static (double Milliseconds, int Calls) Direct(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        double total = 0;
        int calls = 0;
        foreach (DiagnosticAnalyzer analyzer in analyzers)
        {
            (double ms, int n, _) = DirectDispatch.Run(compilation, analyzer);
            total += ms;
            calls += n;
        }

        return (total, calls);
    }

    internal static async Task<(double Wall, double[] Exec, ImmutableArray<Diagnostic> Found)> RunAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (ex, _, _) => { lock (exceptions) { exceptions.Add(ex); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false);
        CompilationWithAnalyzers withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var sw = Stopwatch.StartNew();
        ImmutableArray<Diagnostic> found = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        double wall = sw.Elapsed.TotalMilliseconds;
        if (exceptions.Count > 0 && DirectDispatch.ThrowOnAnalyzerException)
        {
            throw new InvalidOperationException("An analyzer threw: " + exceptions[0]);
        }

        foreach (Exception ex in exceptions)
        {
            Console.WriteLine("  analyzer exception (AD0001 in a build): " + ex.GetType().Name + ": " + ex.Message + " at " + ex.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Netsmart.Analyzers.", StringComparison.Ordinal))?.Trim());
        }

        var exec = new double[analyzers.Length];
        for (int i = 0; i < analyzers.Length; i++)
        {
            exec[i] = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzers[i], CancellationToken.None)).ExecutionTime.TotalMilliseconds;
        }

        return (wall, exec, found);
    }

    /// <summary>
    /// The solution-scope Fix-All of every NSM diagnostic (both fixers), on a fresh workspace each round whose
    /// compilation and diagnostics exist already (as in the IDE or <c>dotnet format</c> after analysis).
    /// </summary>
    public static async Task<FixAllResult> MeasureFixAllAsync(Corpus corpus, int rounds, int warmup, Action<string> log)
    {
        var times = new List<double>();
        var analysis = new List<double>();
        int fixable = 0, literals = 0, changed = 0;
        for (int round = -warmup; round < rounds; round++)
        {
            using var workspace = new AdhocWorkspace();
            Solution solution = CreateSolution(workspace, corpus, out ProjectId projectId);
            Project project = solution.GetProject(projectId)!;
            Compilation compilation = (await project.GetCompilationAsync())!;
            Collect();
            var sw = Stopwatch.StartNew();
            ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(Ours(), project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
            double analysisMs = sw.Elapsed.TotalMilliseconds;
            fixable = diagnostics.Count(d => d.Properties.ContainsKey(FixProperties.Fixable));
            literals = CountLiterals(diagnostics);

            Collect();
            sw.Restart();
            Solution fixedSolution = solution;
            int changedDocuments = 0;
            foreach (CodeFixProvider fixer in new CodeFixProvider[] { new NetsmartUrlCodeFixProvider(), new SmartScopeCodeFixProvider() })
            {
                Solution result = await FixAllAsync(solution, fixer, diagnostics);
                changedDocuments += result.GetChanges(solution).GetProjectChanges().Sum(p => p.GetChangedDocuments().Count());
            }

            double fixMs = sw.Elapsed.TotalMilliseconds;
            changed = changedDocuments;
            if (round < 0)
            {
                log($"  warm-up: analysis {analysisMs:0} ms, Fix-All {fixMs:0} ms ({fixable} fixable diagnostics, {literals} literals, {changed} document changes)");
                continue;
            }

            times.Add(fixMs);
            analysis.Add(analysisMs);
            log($"  round {round + 1}/{rounds}: analysis {analysisMs:0} ms, Fix-All {fixMs:0} ms");
        }

        return new FixAllResult(corpus.Name, corpus.Files.Count, fixable, literals, changed, rounds, Median(times), Median(analysis));
    }

    /// <summary>The Fix-All of one fixer over the whole solution: the changed solution, computed, not applied.</summary>
    public static async Task<Solution> FixAllAsync(Solution solution, CodeFixProvider fixer, ImmutableArray<Diagnostic> diagnostics)
    {
        ImmutableArray<string> ids = fixer.FixableDiagnosticIds;
        var provider = new FixedDiagnosticProvider(diagnostics.Where(d => ids.Contains(d.Id)).ToImmutableArray());
        Document document = solution.Projects.First().Documents.First();
        var context = new FixAllContext(document, fixer, FixAllScope.Solution, null, ids, provider, CancellationToken.None);
        CodeAction? action = await fixer.GetFixAllProvider()!.GetFixAsync(context);
        if (action is null)
        {
            return solution;
        }

        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
    }

    public static Solution CreateSolution(AdhocWorkspace workspace, Corpus corpus, out ProjectId projectId)
    {
        projectId = ProjectId.CreateNewId();
        Solution solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Corpus", "Corpus", LanguageNames.CSharp,
                compilationOptions: CompilationOptions, parseOptions: ParseOptions, metadataReferences: References));
        foreach ((string path, string text) in corpus.Files)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), System.IO.Path.GetFileName(path), SourceText.From(text), filePath: path);
        }

        return solution;
    }

    /// <summary>Distinct literal tokens that the fixable diagnostics edit.</summary>
    private static int CountLiterals(ImmutableArray<Diagnostic> diagnostics)
    {
        var tokens = new HashSet<(SyntaxTree?, int)>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(FixProperties.Fixable) || diagnostic.Location.SourceTree is not SyntaxTree tree)
            {
                continue;
            }

            SyntaxNode root = tree.GetRoot();
            foreach (SourceEdit edit in FixProperties.ReadEdits(diagnostic.Properties))
            {
                tokens.Add((tree, root.FindToken(edit.Span.Start).SpanStart));
            }
        }

        return tokens.Count;
    }

    /// <summary>A full collection between measurements, so no garbage of one is collected inside the next.</summary>
    internal static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    internal static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.OrderBy(v => v).ToList();
        int mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private sealed class FixedDiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public FixedDiagnosticProvider(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            SyntaxTree? tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            return _diagnostics.Where(d => d.Location.SourceTree == tree);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
    }
}

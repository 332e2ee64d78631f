using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.PortableExecutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;
using Netsmart.Migrate.Analysis.Host;
using Netsmart.Migrate.Cli;
using Netsmart.Migrate.Input;

namespace Netsmart.Migrate.Analysis;

/// <summary>
/// The input as an in-memory Roslyn solution: one project per input project, its C# files as documents, its
/// appsettings*.json files as additional documents and its .editorconfig files as analyzer config documents,
/// all with their real paths. References are the running runtime's own assemblies: nothing is restored or built.
/// </summary>
internal sealed class LoadedSolution
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> RuntimeReferences = new(LoadRuntimeReferences);

    /// <summary>The workspace's MEF composition (Roslyn's default host): a few hundred milliseconds of reflection, made once.</summary>
    private static readonly Lazy<MefHostServices> Host = new(() => MefHostServices.DefaultHost);

    private static readonly string[] SdkImplicitUsings =
    {
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
    };

    private LoadedSolution(InputSet input, AdhocWorkspace workspace, Dictionary<DocumentId, TextFile> files, List<InputProblem> problems,
        HashSet<DocumentId> unfixable, ProjectSettingsById settings)
    {
        Input = input;
        Workspace = workspace;
        Files = files;
        Problems = problems;
        Unfixable = unfixable;
        Settings = settings;
    }

    public InputSet Input { get; }

    public AdhocWorkspace Workspace { get; }

    public Solution Solution => Workspace.CurrentSolution;

    /// <summary>The files read from disk (C# documents and JSON additional documents) by document id.</summary>
    public Dictionary<DocumentId, TextFile> Files { get; }

    /// <summary>Files that could not be read or parsed, and projects that could not be used.</summary>
    public List<InputProblem> Problems { get; }

    /// <summary>C# documents with syntax errors: analysed as far as they go, never rewritten.</summary>
    public HashSet<DocumentId> Unfixable { get; }

    public ProjectSettingsById Settings { get; }

    public int CSharpFileCount => Files.Keys.Count(id => Solution.GetDocument(id) != null) + SetAsideCount;

    public int JsonFileCount => Files.Count - Files.Keys.Count(id => Solution.GetDocument(id) != null);

    /// <summary>
    /// How many C# files the prefilter left out of the solution (<see cref="SourcePrefilter"/>): read and counted, never
    /// analysed, and parsed only where the prefilter needed their declarations; their texts are not kept. 0 unless the load
    /// was asked to prefilter.
    /// </summary>
    public int SetAsideCount { get; private set; }

    /// <summary>
    /// C# files in the solution that the prefilter kept for what is read from them (declarations, evidence, checklist
    /// strings, attributes) and that cannot hold a finding: the analyzers need not visit them.
    /// </summary>
    public HashSet<string> NotAnalysed { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The files of <see cref="NotAnalysed"/> that the prefilter kept only for their declarations: their text holds neither
    /// what may be a finding nor context (it tested that), so nothing reads their strings.
    /// </summary>
    public HashSet<string> DeclarationsOnly { get; } = new(StringComparer.Ordinal);

    /// <summary>The projects loaded only for the input's code to bind to (<see cref="InputProject.ReferenceOnly"/>): not analysed.</summary>
    public HashSet<ProjectId> ReferenceOnlyProjects { get; } = new();

    /// <summary>The texts of the documents of <see cref="ReferenceOnlyProjects"/> (not in <see cref="Files"/>): parsed with the others.</summary>
    private Dictionary<DocumentId, TextFile> ReferenceFiles { get; } = new();

    /// <summary>The paths of the files set aside (<see cref="SetAsideCount"/>) by the project they belong to.</summary>
    public Dictionary<ProjectId, List<string>> SetAsideByProject { get; } = new();

    public long LineCount { get; private set; }

    /// <summary>The symbols <c>--define</c> gave, for every project.</summary>
    public IReadOnlyList<string> DefinedSymbols { get; private set; } = Array.Empty<string>();

    /// <summary>The per-file time budget of the analysis (<c>--file-timeout</c>), and the files that went over it.</summary>
    public FileBudget Budget { get; set; } = FileBudget.Unlimited;

    /// <summary>Which analyzer host runs the rules on this solution.</summary>
    public AnalyzerHostOptions AnalyzerHost { get; set; } = AnalyzerHostOptions.Light;

    public string RelativePath(string path) =>
        Path.GetRelativePath(Input.RootDirectory, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>
    /// Composes the workspace's MEF host, and resolves the exports a C# workspace takes from it, on the side, while the
    /// command line is parsed, the input resolved and the files read (mostly one core's work): called by the tool's entry point.
    /// </summary>
    public static void StartWarmUp() => _ = Task.Run(() =>
    {
        // A workspace with a C# project resolves the exports the real one needs (about 0.1 s of MEF lookups on the main
        // thread otherwise, after the prefilter): the composition keeps them.
        using var workspace = new AdhocWorkspace(Host.Value);
        _ = workspace.AddProject("warm-up", LanguageNames.CSharp);
    });

    /// <remarks>
    /// <paramref name="prefilter"/>: when enabled, leave out of the solution the C# files that cannot change the scan's report (<see cref="SourcePrefilter"/>);
    /// they are still read and counted, but parsed only when the prefilter needs their declarations, and their syntax errors
    /// are not reported (they can change no finding). For <c>scan</c> only (null: off): <c>fix</c> rewrites what
    /// it analyses. <paramref name="preprocessorSymbols"/>: the symbols defined for <c>#if</c> (<c>--define</c>); none by default.
    /// </remarks>
    public static LoadedSolution Load(InputSet input, ProgressReporter progress, CancellationToken cancellationToken, PrefilterOptions? prefilter = null,
        IReadOnlyList<string>? preprocessorSymbols = null)
    {
        var problems = new List<InputProblem>(input.Problems);
        var projects = input.Projects.Concat(input.ReferencedProjects).ToList();
        var referenceOnlyFiles = new HashSet<string>(input.ReferencedProjects.SelectMany(p => p.CSharpFiles), StringComparer.Ordinal);
        var allFiles = projects.SelectMany(p => p.CSharpFiles.Concat(p.JsonFiles).Concat(p.EditorConfigFiles)).Distinct(StringComparer.Ordinal).ToArray();
        var read = new ConcurrentDictionary<string, TextFile>(StringComparer.Ordinal);
        var failed = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        int done = 0;
        Parallel.ForEach(allFiles, new ParallelOptions { CancellationToken = cancellationToken }, file =>
        {
            try
            {
                read[file] = TextFile.Read(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                failed[file] = "cannot read the file (" + e.Message + "); skipped";
            }

            progress.Report("Reading files", Interlocked.Increment(ref done), allFiles.Length);
        });
        PhaseTimings.Mark("read files");
        // FileBasedProgram: the #: directives of a .NET 10 file-based program (#:package, #:project) are part of the language
        // there; without it they are syntax errors, and such a file was reported as broken and never rewritten.
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.None, preprocessorSymbols: preprocessorSymbols)
            .WithFeatures(new[] { new KeyValuePair<string, string>("FileBasedProgram", "true") });

        // Each project parses with its own DefineConstants (R4, LEGACY…) and the --define symbols, as its build does; a file
        // two projects list is read by the prefilter as the first one reads it.
        var projectOptions = projects.ToDictionary(p => p, p => ProjectSymbols(p.Settings) is { Count: > 0 } symbols
            ? parseOptions.WithPreprocessorSymbols(parseOptions.PreprocessorSymbolNames.Concat(symbols).Distinct(StringComparer.Ordinal))
            : parseOptions);
        HashSet<string>? setAside = null;
        var notAnalysed = new HashSet<string>(StringComparer.Ordinal);
        var declarationsOnly = new HashSet<string>(StringComparer.Ordinal);
        long setAsideLines = 0;
        long sourceChars = read.Values.Sum(f => (long)f.Text.Length);
        if (prefilter is { Enabled: true })
        {
            CollectionBudget.BeforePrefilter(sourceChars);
            var fileOptions = new Dictionary<string, CSharpParseOptions>(StringComparer.Ordinal);
            foreach (InputProject project in projects)
            {
                foreach (string path in project.CSharpFiles)
                {
                    fileOptions.TryAdd(path, projectOptions[project]);
                }
            }

            setAside = SetAsideFiles(projects, referenceOnlyFiles, read, parseOptions, fileOptions, notAnalysed, declarationsOnly, progress, cancellationToken);
            prefilter.FilesSetAside?.Invoke(setAside.Count);

            // The texts of the files set aside are counted now and dropped: nothing after this reads them, and the
            // collection below returns their memory before the kept files are loaded.
            foreach (string path in setAside)
            {
                if (read.TryRemove(path, out TextFile? dropped) && !referenceOnlyFiles.Contains(path))
                {
                    setAsideLines += CountLines(dropped.Text);
                }
            }

            PhaseTimings.Mark($"prefilter: {setAside.Count} C# files set aside");
        }

        // The no-GC region pays off when every tree stays alive to the end; after the prefilter most parsed trees are garbage
        // and the kept ones are few: the usual collections (peak memory on the 296,557-line tree: 396 MB with, 314 without),
        // the first one made now, while little is alive.
        if (setAside is null)
        {
            CollectionBudget.Reserve(sourceChars);
        }
        else
        {
            CollectionBudget.CollectAfterPrefilter(sourceChars);
            PhaseTimings.Mark("prefilter: collection");
        }
        problems.AddRange(failed.Where(f => !referenceOnlyFiles.Contains(f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new InputProblem(f.Key, f.Value)));

        // Binding the ~160 runtime references (reading each assembly's identity and references, creating its symbols) is
        // serial work of a few hundred milliseconds. Done now on the side, while files are parsed; the compilations reuse
        // the assembly symbols cached on the same metadata references.
        Task bindReferences = Task.Run(() => CSharpCompilation.Create("netsmart-migrate-references", references: RuntimeReferences.Value).GetSpecialType(SpecialType.System_Object), cancellationToken);
        var workspace = new AdhocWorkspace(Host.Value);
        var files = new Dictionary<DocumentId, TextFile>();
        var projectInfos = new List<ProjectInfo>();
        var settings = new ProjectSettingsById();
        long lines = 0;
        int setAsideFiles = 0;
        var setAsideByProject = new Dictionary<ProjectId, List<string>>();
        // Ids first: a project's references to the other projects of the input (a solution's) are known before its info.
        var ids = projects.ToDictionary(p => p, p => ProjectId.CreateNewId(p.Name));
        Dictionary<ProjectId, List<ProjectId>> references = ProjectReferences(projects, ids);
        var referenceOnly = new HashSet<ProjectId>();
        var referenceFiles = new Dictionary<DocumentId, TextFile>();
        foreach (InputProject project in projects)
        {
            ProjectId projectId = ids[project];
            settings[projectId] = project.Settings;
            var documents = new List<DocumentInfo>();
            if (project.ReferenceOnly)
            {
                referenceOnly.Add(projectId);
            }

            foreach (string path in project.CSharpFiles)
            {
                if (setAside != null && setAside.Contains(path))
                {
                    if (!project.ReferenceOnly)
                    {
                        setAsideFiles++;
                        (setAsideByProject.TryGetValue(projectId, out List<string>? aside) ? aside : setAsideByProject[projectId] = new List<string>()).Add(path);
                    }

                    continue;
                }

                if (read.TryGetValue(path, out TextFile? file))
                {
                    DocumentInfo info = CreateDocument(projectId, path, file.ToSourceText(), isGenerated: false);
                    documents.Add(info);
                    if (project.ReferenceOnly)
                    {
                        // Compiled for the input's code to bind to, never read for anything else.
                        referenceFiles[info.Id] = file;
                        notAnalysed.Add(path);
                    }
                    else
                    {
                        files[info.Id] = file;
                    }
                }
            }

            if (GlobalUsings(project.Settings) is { } usings)
            {
                string generated = Path.Combine(project.Directory, "obj", "netsmart-migrate", project.Name + ".GlobalUsings.g.cs");
                documents.Add(CreateDocument(projectId, generated, SourceText.From(usings), isGenerated: true));
            }

            var additional = new List<DocumentInfo>();
            foreach (string path in project.JsonFiles)
            {
                if (read.TryGetValue(path, out TextFile? file))
                {
                    DocumentInfo info = CreateDocument(projectId, path, file.ToSourceText(), isGenerated: false);
                    additional.Add(info);
                    files[info.Id] = file;
                }
            }

            var editorConfigs = project.EditorConfigFiles
                .Where(read.ContainsKey)
                .Select(path => CreateDocument(projectId, path, read[path].ToSourceText(), isGenerated: false))
                .ToList();

            var compilationOptions = new CSharpCompilationOptions(
                project.Settings.IsExecutable ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                concurrentBuild: true);
            projectInfos.Add(ProjectInfo.Create(
                    projectId,
                    VersionStamp.Default,
                    project.Name,
                    project.Name,
                    LanguageNames.CSharp,
                    filePath: project.ProjectFile ?? Path.Combine(project.Directory, project.Name + ".csproj"),
                    compilationOptions: compilationOptions,
                    parseOptions: projectOptions[project],
                    documents: documents,
                    metadataReferences: RuntimeReferences.Value,
                    projectReferences: references[projectId].Select(id => new ProjectReference(id)),
                    additionalDocuments: additional)
                .WithAnalyzerConfigDocuments(editorConfigs));
        }

        PhaseTimings.Mark("runtime references, project infos");
        workspace.AddSolution(SolutionInfo.Create(SolutionId.CreateNewId(), VersionStamp.Default, input.Path, projectInfos));
        PhaseTimings.Mark("workspace");
        var loaded = new LoadedSolution(input, workspace, files, problems, new HashSet<DocumentId>(), settings);
        loaded.ReferenceOnlyProjects.UnionWith(referenceOnly);
        foreach ((DocumentId id, TextFile file) in referenceFiles)
        {
            loaded.ReferenceFiles[id] = file;
        }
        loaded.SetAsideCount = setAsideFiles;
        loaded.NotAnalysed.UnionWith(notAnalysed);
        loaded.DeclarationsOnly.UnionWith(declarationsOnly);
        foreach ((ProjectId id, List<string> paths) in setAsideByProject)
        {
            loaded.SetAsideByProject[id] = paths;
        }

        lines += setAsideLines;
        foreach (TextFile file in files.Values)
        {
            lines += CountLines(file.Text);
        }

        loaded.LineCount = lines;
        loaded.DefinedSymbols = preprocessorSymbols ?? Array.Empty<string>();
        loaded.ParseInParallel(bindReferences, progress, cancellationToken);
        return loaded;
    }

    /// <summary>
    /// Reads every C# file's text for what it may hold (all cores), parses the files <c>SourcePrefilter.Closure</c> asks for
    /// (all cores; the others never), and returns the files it does not keep. Each tree is dropped once read: the workspace
    /// parses the kept files again (a tree given to it loses its text, which the analyzers then rebuild at a higher cost).
    /// </summary>
    private static HashSet<string> SetAsideFiles(
        List<InputProject> projects, HashSet<string> referenceOnlyFiles, ConcurrentDictionary<string, TextFile> read, CSharpParseOptions parseOptions, Dictionary<string, CSharpParseOptions> fileOptions,
        HashSet<string> notAnalysed, HashSet<string> declarationsOnly, ProgressReporter progress, CancellationToken cancellationToken)
    {
        string[] paths = projects.SelectMany(p => p.CSharpFiles).Distinct(StringComparer.Ordinal).Where(read.ContainsKey).ToArray();
        var summaries = new SourcePrefilter.FileSummary[paths.Length];
        int scanned = 0;
        Parallel.For(0, paths.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            summaries[i] = new SourcePrefilter.FileSummary(read[paths[i]].Text) { DeclarationsOnly = referenceOnlyFiles.Contains(paths[i]) };
            progress.Report("Scanning C# files", Interlocked.Increment(ref scanned), paths.Length);
        });
        PhaseTimings.Mark("prefilter: texts");

        long parsedChars = 0;
        int parsed = 0;
        void Parse(IReadOnlyList<int> indexes)
        {
            int total = parsed + indexes.Count;
            // Largest first, one file at a time: no core waits at the end on a large file the other took last.
            int[] bySize = indexes.OrderByDescending(i => read[paths[i]].Text.Length).ToArray();
            Parallel.ForEach(Partitioner.Create(bySize, EnumerablePartitionerOptions.NoBuffering), new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                TextFile file = read[paths[i]];
                SyntaxTree tree = CSharpSyntaxTree.ParseText(file.ToSourceText(), fileOptions[paths[i]], paths[i], cancellationToken);
                summaries[i].Read(tree.GetRoot(cancellationToken));
                CollectionBudget.AfterPrefilterParse(Interlocked.Add(ref parsedChars, file.Text.Length), file.Text.Length);
                progress.Report("Parsing C# files", Interlocked.Increment(ref parsed), total);
            });
        }

        // The global usings the tool writes from the project files (<Using Include="App.Model.Holder" Alias="H" />) bind in
        // every file too: their summaries join the closure (after the files, which keep their indexes), as no file to keep.
        var all = new List<SourcePrefilter.FileSummary>(summaries);
        foreach (string? usings in projects.Select(p => GlobalUsings(p.Settings)).Distinct(StringComparer.Ordinal))
        {
            if (usings != null)
            {
                all.Add(new SourcePrefilter.FileSummary(usings, CSharpSyntaxTree.ParseText(usings, parseOptions, cancellationToken: cancellationToken).GetRoot(cancellationToken)));
            }
        }

        bool[] keep = SourcePrefilter.Closure(all, Parse, out var counts, out bool[] mayHoldFindings);
        PhaseTimings.Mark($"prefilter: parse and closure ({counts.Seeds} seeds, {counts.Users} users, {counts.Declarations} declarations of {paths.Length} C# files; {parsed} parsed)");
        var setAside = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < paths.Length; i++)
        {
            if (!keep[i])
            {
                setAside.Add(paths[i]);
                continue;
            }

            if (!mayHoldFindings[i])
            {
                notAnalysed.Add(paths[i]);
                if (!summaries[i].HasContext && !summaries[i].MayHoldFinding)
                {
                    declarationsOnly.Add(paths[i]);
                }
            }
        }

        return setAside;
    }

    /// <summary>The problem reported for a C# file with a syntax error (the first one), or null.</summary>
    private static string? SyntaxErrorMessage(SyntaxTree tree, CancellationToken cancellationToken)
    {
        Diagnostic? error = tree.GetDiagnostics(cancellationToken).FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error && d.Id != ErrorDirectiveId);
        if (error is null)
        {
            return null;
        }

        LinePosition position = error.Location.GetLineSpan().StartLinePosition;
        return $"C# syntax error at ({position.Line + 1},{position.Character + 1}): {error.Id} {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}; analysed as far as it parses, never rewritten";
    }

    /// <summary>
    /// CS1029, the author's own <c>#error</c> directive. Files are parsed without the project's preprocessor symbols, so
    /// an <c>#if R4 … #else #error … #endif</c> chain lands on its <c>#error</c> here; the tree itself is whole.
    /// </summary>
    private const string ErrorDirectiveId = "CS1029";

    /// <summary>Parses every C# document on all cores up front (the compilation then reuses the trees) and notes syntax errors.</summary>
    private void ParseInParallel(Task bindReferences, ProgressReporter progress, CancellationToken cancellationToken)
    {
        // The referenced projects' documents too (only parsed: their compilations are made with the others).
        Document[] documents = Solution.Projects.SelectMany(p => p.Documents).Where(d => Files.ContainsKey(d.Id) || ReferenceFiles.ContainsKey(d.Id)).ToArray();
        var broken = new ConcurrentBag<(DocumentId Id, string Path, string Message)>();
        var left = new ConcurrentBag<(string Path, string Message)>();
        var trees = new SyntaxTree[documents.Length];
        int done = 0;
        int[] bySize = Enumerable.Range(0, documents.Length)
            .OrderByDescending(i => (Files.TryGetValue(documents[i].Id, out TextFile? file) ? file : ReferenceFiles[documents[i].Id]).Text.Length).ToArray();
        Parallel.ForEach(Partitioner.Create(bySize, EnumerablePartitionerOptions.NoBuffering), new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            SyntaxTree tree = documents[i].GetSyntaxTreeAsync(cancellationToken).GetAwaiter().GetResult()!;
            trees[i] = tree;
            if (Files.TryGetValue(documents[i].Id, out TextFile? own))
            {
                if (!NotAnalysed.Contains(tree.FilePath))
                {
                    _ = StringNodeIndex.Of(tree, cancellationToken); // while the tree is hot in the cache; analysis and checklist reuse it
                }
                if (SyntaxErrorMessage(tree, cancellationToken) is { } message)
                {
                    broken.Add((documents[i].Id, documents[i].FilePath!, message));
                }

                if (InactiveFindingMessage(tree, own.Text, () => DescribeSymbols(DefinedSymbols, Settings.GetValueOrDefault(documents[i].Project.Id)), cancellationToken) is { } inactive)
                {
                    left.Add((documents[i].FilePath!, inactive));
                }
            }

            progress.Report("Parsing C# files", Interlocked.Increment(ref done), documents.Length);
        });

        PhaseTimings.Mark("parse");

        // The compilations take the parsed trees now, so the analysis does not parse again.
        bindReferences.GetAwaiter().GetResult();
        foreach (Project project in Solution.Projects)
        {
            _ = project.GetCompilationAsync(cancellationToken).GetAwaiter().GetResult();
        }

        GC.KeepAlive(trees);
        PhaseTimings.Mark("compilations");
        foreach ((DocumentId id, string path, string message) in broken.OrderBy(b => b.Path, StringComparer.Ordinal))
        {
            Unfixable.Add(id);
            Problems.Add(new InputProblem(path, message));
        }

        foreach ((string path, string message) in left.OrderBy(b => b.Path, StringComparer.Ordinal))
        {
            Problems.Add(new InputProblem(path, message));
        }
    }

    /// <summary>
    /// The problem reported for a file whose code that <c>#if</c> leaves out (with the symbols defined) holds text that may
    /// be a finding: the analyzers never see it and the fixes never rewrite it, so it is said, never silently passed over.
    /// Null when there is none. Only directives are walked, and only in a file whose text may hold a finding at all.
    /// </summary>
    private static string? InactiveFindingMessage(SyntaxTree tree, string text, Func<string> symbols, CancellationToken cancellationToken)
    {
        SyntaxNode root = tree.GetRoot(cancellationToken);
        if (!root.ContainsDirectives || !SourcePrefilter.FileMayHoldFinding(text))
        {
            return null;
        }

        for (DirectiveTriviaSyntax? directive = root.GetFirstDirective(); directive != null; directive = directive.GetNextDirective())
        {
            if (directive is not BranchingDirectiveTriviaSyntax { BranchTaken: false })
            {
                continue;
            }

            SyntaxTriviaList trivia = directive.ParentTrivia.Token.LeadingTrivia;
            int index = trivia.IndexOf(directive.ParentTrivia);
            if (index >= 0 && index + 1 < trivia.Count && trivia[index + 1] is { } disabled && disabled.IsKind(SyntaxKind.DisabledTextTrivia) &&
                SourcePrefilter.MayHoldFinding(disabled.ToString()))
            {
                LinePosition position = disabled.GetLocation().GetLineSpan().StartLinePosition;
                return $"code at ({position.Line + 1},{position.Character + 1}) that '{directive.ToString().Trim()}' leaves out may hold a finding: " +
                    $"not analysed, never rewritten (symbols defined: {symbols()}; --define chooses them)";
            }
        }

        return null;
    }

    /// <summary>A project's own preprocessor symbols: its DefineConstants, then its target framework's.</summary>
    private static List<string> ProjectSymbols(ProjectSettings settings) =>
        settings.DefineConstants.Concat(settings.TargetFramework is { } tfm ? InputResolver.TargetFrameworkSymbols(tfm) : Enumerable.Empty<string>()).ToList();

    /// <summary>
    /// The symbols a project's code is parsed with, as the left-out-code problem names them: <c>--define</c>'s and the
    /// DefineConstants' by name, the target framework's as a whole (<c>LEGACY and those of net8.0</c>), or <c>none</c>.
    /// </summary>
    private static string DescribeSymbols(IEnumerable<string> defined, ProjectSettings? settings)
    {
        var named = defined.Concat(settings?.DefineConstants ?? Array.Empty<string>()).Distinct(StringComparer.Ordinal).ToList();
        string? framework = settings?.TargetFramework is { } tfm ? "those of " + tfm : null;
        return (named.Count, framework) switch
        {
            (0, null) => "none",
            (0, _) => framework!,
            (_, null) => string.Join(";", named),
            _ => string.Join(";", named) + " and " + framework,
        };
    }

    private static DocumentInfo CreateDocument(ProjectId projectId, string path, SourceText text, bool isGenerated) =>
        DocumentInfo.Create(
            DocumentId.CreateNewId(projectId, path),
            Path.GetFileName(path),
            loader: TextLoader.From(TextAndVersion.Create(text, VersionStamp.Default, path)),
            filePath: path,
            isGenerated: isGenerated);

    /// <summary>
    /// The references between the loaded projects that their project files list (<c>&lt;ProjectReference&gt;</c>): a
    /// constant of a referenced project is then seen where it is used, as in a build. A referenced project outside the input
    /// is loaded for that alone (<see cref="InputProject.ReferenceOnly"/>), and a reference that would close a cycle (which
    /// MSBuild refuses too) is left out.
    /// </summary>
    private static Dictionary<ProjectId, List<ProjectId>> ProjectReferences(IReadOnlyList<InputProject> projects, Dictionary<InputProject, ProjectId> ids)
    {
        var byFile = new Dictionary<string, ProjectId>(StringComparer.Ordinal);
        foreach (InputProject project in projects)
        {
            if (project.ProjectFile != null)
            {
                byFile.TryAdd(Path.GetFullPath(project.ProjectFile), ids[project]);
            }
        }

        var references = projects.ToDictionary(p => ids[p], _ => new List<ProjectId>());
        foreach (InputProject project in projects)
        {
            ProjectId from = ids[project];
            foreach (string file in project.Settings.ProjectReferences)
            {
                if (byFile.TryGetValue(file, out ProjectId? to) && to != from && !references[from].Contains(to) && !Reaches(references, to, from))
                {
                    references[from].Add(to);
                }
            }
        }

        return references;
    }

    /// <summary>True when <paramref name="target"/> is reachable from <paramref name="start"/> through the references so far.</summary>
    private static bool Reaches(Dictionary<ProjectId, List<ProjectId>> references, ProjectId start, ProjectId target)
    {
        var seen = new HashSet<ProjectId>();
        var pending = new Stack<ProjectId>();
        pending.Push(start);
        while (pending.Count > 0)
        {
            ProjectId current = pending.Pop();
            if (current == target)
            {
                return true;
            }

            if (seen.Add(current))
            {
                foreach (ProjectId next in references[current])
                {
                    pending.Push(next);
                }
            }
        }

        return false;
    }

    /// <summary>The global usings the tool writes for a project (the SDK's implicit ones and the project's <c>&lt;Using&gt;</c> items), or null.</summary>
    internal static string? GlobalUsings(ProjectSettings settings)
    {
        IEnumerable<string> implicitUsings = settings.ImplicitUsings
            ? SdkImplicitUsings.Where(u => !settings.RemovedUsings.Contains(u)).Select(u => "global::" + u)
            : Enumerable.Empty<string>();
        string[] all = implicitUsings.Concat(settings.ExtraUsings).Distinct(StringComparer.Ordinal).ToArray();
        return all.Length == 0 ? null : "// <auto-generated/>\n" + string.Concat(all.Select(u => "global using " + u + ";\n"));
    }

    private static long CountLines(string text)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        long count = 1 + text.AsSpan().Count('\n');
        return text[^1] == '\n' ? count - 1 : count;
    }

    /// <summary>The runtime's framework assemblies (trusted platform assemblies in the folder of System.Private.CoreLib).</summary>
    private static ImmutableArray<MetadataReference> LoadRuntimeReferences()
    {
        string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string[] paths = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => string.Equals(Path.GetDirectoryName(p), runtimeDirectory, StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToArray();
        // MetadataReference.CreateFromFile reads every image whole (~70 MB for the runtime's ~160 assemblies). The same
        // metadata read through a memory-mapped stream is paged in only where the compiler looks (assembly identities,
        // the few types a constant operand names): same references, same results, a fraction of the I/O.
        var references = new MetadataReference[paths.Length];
        Parallel.For(0, paths.Length, i =>
        {
            FileStream stream = new(paths[i], FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            try
            {
                references[i] = AssemblyMetadata.Create(ModuleMetadata.CreateFromStream(stream, PEStreamOptions.Default)).GetReference(filePath: paths[i]);
            }
            catch (BadImageFormatException)
            {
                stream.Dispose();
                references[i] = MetadataReference.CreateFromFile(paths[i]);
            }
        });
        return references.ToImmutableArray();
    }
}

/// <summary>The settings read from each project file, by project id.</summary>
internal sealed class ProjectSettingsById : Dictionary<ProjectId, ProjectSettings>
{
}

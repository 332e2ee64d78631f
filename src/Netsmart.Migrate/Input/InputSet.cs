using System.Collections.Generic;

namespace Netsmart.Migrate.Input;

/// <summary>What the user pointed the tool at.</summary>
internal enum InputKind
{
    Folder,
    Project,
    Solution,
}

/// <summary>The few project settings the tool reads from a .csproj without evaluating it.</summary>
internal sealed class ProjectSettings
{
    public static readonly ProjectSettings Default = new();

    /// <summary><c>OutputType</c> Exe/WinExe: top-level statements are legal.</summary>
    public bool IsExecutable { get; init; }

    /// <summary><c>ImplicitUsings</c> enable/true: the SDK's global usings are added.</summary>
    public bool ImplicitUsings { get; init; }

    /// <summary>
    /// <c>&lt;Using Include="..."/&gt;</c> items, each as the text after <c>global using</c>: <c>global::App.Model</c>, with
    /// <c>Static="true"</c> <c>static global::App.Model.Keys</c>, with <c>Alias="H"</c> <c>H = global::App.Model.Holder</c>.
    /// </summary>
    public IReadOnlyList<string> ExtraUsings { get; init; } = new List<string>();

    /// <summary><c>&lt;Using Remove="..."/&gt;</c> items: namespaces taken out of the SDK's implicit usings.</summary>
    public IReadOnlyCollection<string> RemovedUsings { get; init; } = new HashSet<string>();

    /// <summary>
    /// <c>&lt;ProjectReference Include="..."/&gt;</c> items: the full paths of the referenced project files (a path with a
    /// property or a wildcard is not evaluated and left out).
    /// </summary>
    public IReadOnlyList<string> ProjectReferences { get; init; } = new List<string>();

    /// <summary>
    /// <c>&lt;Compile Include="..."/&gt;</c> items that name one file (no wildcard, no property): full paths. A file outside the
    /// project's folder (a linked shared file) is compiled with the project, so it is analysed with it.
    /// </summary>
    public IReadOnlyList<string> CompileIncludes { get; init; } = new List<string>();

    /// <summary>
    /// <c>&lt;Compile Include="..\Shared\**\*.cs"/&gt;</c> items with a wildcard (MSBuild globs, relative to the project's folder,
    /// '/' between folders), each with the globs of its <c>Exclude</c>: the files they match outside the project's folder are
    /// compiled with the project.
    /// </summary>
    public IReadOnlyList<(string Glob, IReadOnlyList<string> Excludes)> CompileIncludeGlobs { get; init; } = new List<(string, IReadOnlyList<string>)>();

    /// <summary><c>&lt;Compile Remove="..."/&gt;</c> patterns (MSBuild globs, relative to the project's folder): files the build does not compile.</summary>
    public IReadOnlyList<string> CompileRemoves { get; init; } = new List<string>();

    /// <summary>
    /// The preprocessor symbols the project's unconditional <c>&lt;DefineConstants&gt;</c> write literally (<c>R4</c>,
    /// <c>$(DefineConstants);LEGACY</c>): code under <c>#if</c> of these symbols is what its build compiles.
    /// </summary>
    public IReadOnlyList<string> DefineConstants { get; init; } = new List<string>();

    /// <summary>
    /// The target framework whose SDK symbols the project's code is parsed with (<c>TargetFramework</c>, or the first of
    /// <c>TargetFrameworks</c>; <see cref="InputResolver.TargetFrameworkSymbols"/>); null when none is known or the project
    /// disables them.
    /// </summary>
    public string? TargetFramework { get; init; }

    /// <summary>The MSBuild property <c>NetsmartTenantIdExpression</c>, when the project sets it.</summary>
    public string? TenantIdExpressionProperty { get; init; }
}

/// <summary>One project to analyse: a real .csproj, or a folder taken as one project.</summary>
internal sealed class InputProject
{
    public InputProject(string name, string directory, string? projectFile, ProjectSettings settings)
    {
        Name = name;
        Directory = directory;
        ProjectFile = projectFile;
        Settings = settings;
    }

    public string Name { get; }

    public string Directory { get; }

    public string? ProjectFile { get; }

    public ProjectSettings Settings { get; }

    /// <summary>
    /// A project that a project of the input references (transitively) and that the input does not hold: its C# files are
    /// compiled so that the input's code binds to its types and constants, as in a build, and are never analysed, counted,
    /// reported or rewritten.
    /// </summary>
    public bool ReferenceOnly { get; init; }

    public List<string> CSharpFiles { get; } = new();

    public List<string> JsonFiles { get; } = new();

    /// <summary>Every .editorconfig that applies to the project's files: inside its folder and above it up to <c>root = true</c>.</summary>
    public List<string> EditorConfigFiles { get; } = new();
}

/// <summary>A file (or project) that could not be used, and why. It is reported and left untouched.</summary>
internal sealed record InputProblem(string Path, string Message);

/// <summary>The resolved input: where it is, which projects and files it holds.</summary>
internal sealed class InputSet
{
    public InputSet(InputKind kind, string path, string rootDirectory, IReadOnlyList<InputProject> projects, IReadOnlyList<InputProblem> problems)
    {
        Kind = kind;
        Path = path;
        RootDirectory = rootDirectory;
        Projects = projects;
        Problems = problems;
    }

    public InputKind Kind { get; }

    /// <summary>The full path of the folder, .csproj or .sln.</summary>
    public string Path { get; }

    /// <summary>Report paths are relative to this folder.</summary>
    public string RootDirectory { get; }

    public IReadOnlyList<InputProject> Projects { get; }

    /// <summary>The projects <see cref="Projects"/> reference that the input does not hold (<see cref="InputProject.ReferenceOnly"/>).</summary>
    public IReadOnlyList<InputProject> ReferencedProjects { get; init; } = new List<InputProject>();

    public IReadOnlyList<InputProblem> Problems { get; }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace Netsmart.Migrate.Input;

/// <summary>
/// Turns a path (folder, .csproj, .sln or .slnx) into projects and files, without MSBuild: a project is its
/// folder's <c>*.cs</c> and <c>appsettings*.json</c> files, recursively, skipping <c>bin</c>, <c>obj</c>,
/// <c>node_modules</c> and hidden folders.
/// </summary>
internal static partial class InputResolver
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules" };

    public static InputSet Resolve(string? path, string currentDirectory)
    {
        string full = Path.GetFullPath(string.IsNullOrWhiteSpace(path) ? "." : path, currentDirectory);
        var problems = new List<InputProblem>();
        if (Directory.Exists(full))
        {
            full = Path.TrimEndingDirectorySeparator(full);
            string? single = SingleProjectFile(full);
            var project = new InputProject(
                Path.GetFileName(full) is { Length: > 0 } name ? name : "root",
                full,
                single,
                ReadSettings(single, full, problems));
            return Build(InputKind.Folder, full, full, new List<InputProject> { project }, problems);
        }

        if (!File.Exists(full))
        {
            throw new InputException($"'{path}' does not exist.");
        }

        string extension = Path.GetExtension(full);
        string directory = Path.GetDirectoryName(full)!;
        if (extension.Equals(".csproj", StringComparison.OrdinalIgnoreCase))
        {
            var project = new InputProject(Path.GetFileNameWithoutExtension(full), directory, full, ReadSettings(full, directory, problems));
            return Build(InputKind.Project, full, directory, new List<InputProject> { project }, problems);
        }

        if (extension.Equals(".sln", StringComparison.OrdinalIgnoreCase) || extension.Equals(".slnx", StringComparison.OrdinalIgnoreCase))
        {
            var projects = new List<InputProject>();
            foreach (string relative in ReadSolutionProjects(full))
            {
                string projectPath = Path.GetFullPath(relative.Replace('\\', Path.DirectorySeparatorChar), directory);
                if (!projectPath.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!File.Exists(projectPath))
                {
                    problems.Add(new InputProblem(projectPath, "the solution lists this project but the file does not exist; skipped"));
                    continue;
                }

                projects.Add(new InputProject(Path.GetFileNameWithoutExtension(projectPath), Path.GetDirectoryName(projectPath)!, projectPath, ReadSettings(projectPath, Path.GetDirectoryName(projectPath)!, problems)));
            }

            return Build(InputKind.Solution, full, directory, projects, problems);
        }

        throw new InputException($"'{path}' is not a folder, a .csproj, a .sln or a .slnx file.");
    }

    /// <summary>The project paths a solution lists: classic .sln text or .slnx XML.</summary>
    public static IReadOnlyList<string> ReadSolutionProjects(string solutionPath)
    {
        string text;
        try
        {
            text = File.ReadAllText(solutionPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"Cannot read '{solutionPath}': {e.Message}", e);
        }

        if (solutionPath.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase))
        {
            XDocument document;
            try
            {
                document = XDocument.Parse(text);
            }
            catch (XmlException e)
            {
                throw new InputException($"'{solutionPath}' is not a valid .slnx file: {e.Message}", e);
            }

            if (document.Root?.Name.LocalName != "Solution")
            {
                throw new InputException($"'{solutionPath}' is not a valid .slnx file: its root element is <{document.Root?.Name.LocalName}>, not <Solution>.");
            }

            return NotEmpty(solutionPath, document.Descendants()
                .Where(e => e.Name.LocalName == "Project")
                .Select(e => (string?)e.Attribute("Path"))
                .Where(p => !string.IsNullOrWhiteSpace(p))
                .Select(p => p!)
                .ToList());
        }

        if (!text.Contains("Microsoft Visual Studio Solution File", StringComparison.Ordinal))
        {
            throw new InputException($"'{solutionPath}' is not a Visual Studio solution file.");
        }

        // Every Project line must parse and be closed by EndProject: a damaged file is not read as "fewer projects".
        var paths = new List<string>();
        string[] lines = text.Split('\n');
        bool open = false;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.StartsWith("Project(", StringComparison.Ordinal))
            {
                Match match = SolutionProjectLine().Match(line);
                if (!match.Success || open)
                {
                    throw new InputException($"'{solutionPath}' is not a valid solution file: line {i + 1} is not a complete Project line{(open ? " (the project above it has no EndProject)" : string.Empty)}.");
                }

                paths.Add(match.Groups["path"].Value);
                open = true;
            }
            else if (line.Equals("EndProject", StringComparison.Ordinal))
            {
                if (!open)
                {
                    throw new InputException($"'{solutionPath}' is not a valid solution file: line {i + 1} closes no project (EndProject).");
                }

                open = false;
            }
        }

        if (open)
        {
            throw new InputException($"'{solutionPath}' is not a valid solution file: its last project has no EndProject (the file may be cut short).");
        }

        return NotEmpty(solutionPath, paths);
    }

    private static IReadOnlyList<string> NotEmpty(string solutionPath, List<string> projects)
    {
        if (!projects.Any(p => p.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)))
        {
            throw new InputException(projects.Count == 0
                ? $"'{solutionPath}' lists no projects: nothing to scan. Pass a folder or a .csproj instead, or add the projects to the solution."
                : $"'{solutionPath}' lists no C# project (.csproj): nothing to scan.");
        }

        return projects;
    }

    [GeneratedRegex(@"^Project\(""\{[0-9A-Fa-f-]+\}""\)\s*=\s*""[^""]*""\s*,\s*""(?<path>[^""]+)""", RegexOptions.Multiline)]
    private static partial Regex SolutionProjectLine();

    // Generated at build time, as the others: a pattern parsed at run time costs its first use a few milliseconds of the start.
    [GeneratedRegex(@"^net(\d{1,2})\.(\d{1,2})$")]
    private static partial Regex NetVersion();

    [GeneratedRegex(@"^netcoreapp(\d)\.(\d)$")]
    private static partial Regex NetCoreAppVersion();

    [GeneratedRegex(@"^netstandard(\d)\.(\d)$")]
    private static partial Regex NetStandardVersion();

    [GeneratedRegex(@"^net(\d{2,3})$")]
    private static partial Regex NetFrameworkVersion();

    [GeneratedRegex(@"\$\(\s*MSBuildThisFileDirectory\s*\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ThisFileDirectory();

    private static string? SingleProjectFile(string directory)
    {
        try
        {
            string[] projects = Directory.GetFiles(directory, "*.csproj");
            return projects.Length == 1 ? projects[0] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads OutputType, ImplicitUsings, Using, ProjectReference and Compile items and NetsmartTenantIdExpression from the project file and from the
    /// <c>Directory.Build.props</c> and <c>Directory.Build.targets</c> that MSBuild imports around it (the nearest in the project's
    /// folder or above; their imports of a literal path or of the next such file above), in MSBuild's order: the props, the
    /// project (and what it imports the same way), the targets, a later value winning. No evaluation: conditions are not read.
    /// </summary>
    /// <param name="projectFile">The .csproj; null for a folder read as one project (the Directory.Build files still apply).</param>
    /// <param name="directory">The project's folder, where the search for the Directory.Build files starts.</param>
    /// <param name="problems">Where a file that cannot be read is reported.</param>
    internal static ProjectSettings ReadSettings(string? projectFile, string directory, List<InputProblem> problems)
    {
        var groups = new List<XElement>(); // PropertyGroup and ItemGroup elements, in evaluation order
        var visited = new HashSet<string>(StringComparer.Ordinal);
        if (FileAbove(directory, "Directory.Build.props") is { } props)
        {
            AddGroups(props, groups, visited, problems);
        }

        // The SDK adds its default Compile items after Directory.Build.props: a Remove written there finds nothing to remove.
        int propsGroups = groups.Count;

        if (projectFile != null)
        {
            XDocument document;
            try
            {
                document = LoadXml(projectFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
            {
                problems.Add(new InputProblem(projectFile, "cannot read the project file (" + e.Message + "); its sources are analysed with default settings"));
                return ProjectSettings.Default;
            }

            visited.Add(Path.GetFullPath(projectFile));
            AddGroups(document, Path.GetDirectoryName(Path.GetFullPath(projectFile))!, groups, visited, problems);
        }

        if (FileAbove(directory, "Directory.Build.targets") is { } targets)
        {
            AddGroups(targets, groups, visited, problems);
        }

        string? Property(string name) => groups
            .Where(g => g.Name.LocalName == "PropertyGroup")
            .SelectMany(g => g.Elements().Where(e => e.Name.LocalName == name))
            .Select(e => e.Value.Trim())
            .LastOrDefault(v => v.Length > 0);

        // Using items in order: an Include adds, a Remove takes out what is there (the SDK's implicit usings included).
        var usings = new List<(string Name, string Body)>();
        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (XElement item in Items(groups, "Using"))
        {
            foreach (string name in Names(item, "Include"))
            {
                usings.Add((name, UsingDirectiveBody(name, Metadata(item, "Alias"), Metadata(item, "Static"))));
            }

            foreach (string name in Names(item, "Remove"))
            {
                usings.RemoveAll(u => u.Name == name);
                removed.Add(name);
            }
        }

        // Project references: an item's path is relative to the project's folder, wherever the item is written.
        var references = new List<string>();
        foreach (XElement item in Items(groups, "ProjectReference"))
        {
            references.AddRange(Names(item, "Include").Where(IsLiteralPath).Select(name => ProjectPath(name, directory)));
            foreach (string name in Names(item, "Remove").Where(IsLiteralPath))
            {
                references.Remove(ProjectPath(name, directory));
            }
        }

        // Compile items: files added (a linked shared file, a glob of a shared folder; less their Exclude), and globs the build
        // removes (after the SDK's defaults).
        var compileIncludes = new List<string>();
        var compileIncludeGlobs = new List<(string, IReadOnlyList<string>)>();
        var compileRemoves = new List<string>();
        foreach (XElement item in Items(groups, "Compile"))
        {
            var excludes = Names(item, "Exclude").Where(name => name.IndexOfAny(EvaluatedChars) < 0).Select(name => name.Replace('\\', '/')).ToList();
            foreach (string name in Names(item, "Include").Where(name => name.IndexOfAny(EvaluatedChars) < 0 && name.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)))
            {
                if (IsLiteralPath(name))
                {
                    if (!excludes.Any(exclude => GlobPattern(RelativeGlob(exclude, directory)).IsMatch(RelativeGlob(name.Replace('\\', '/'), directory))))
                    {
                        compileIncludes.Add(ProjectPath(name, directory));
                    }
                }
                else
                {
                    compileIncludeGlobs.Add((name.Replace('\\', '/'), excludes));
                }
            }
        }

        // A Remove under a condition (the item's or its group's) is left out: conditions are not evaluated, and a file that
        // some build compiles (another target framework, another configuration) is analysed.
        foreach (XElement item in Items(groups.Skip(propsGroups).ToList(), "Compile").Where(item => item.Attribute("Condition") is null && item.Parent?.Attribute("Condition") is null))
        {
            compileRemoves.AddRange(Names(item, "Remove").Where(name => name.IndexOfAny(EvaluatedChars) < 0).Select(name => name.Replace('\\', '/')));
        }

        // DefineConstants in order, unconditional ones only (conditions are not evaluated): a value that names
        // $(DefineConstants) adds its symbols, any other replaces them. Only literal identifiers are read.
        var defines = new List<string>();
        foreach (XElement define in groups.Where(g => g.Name.LocalName == "PropertyGroup" && g.Attribute("Condition") is null)
            .SelectMany(g => g.Elements().Where(e => e.Name.LocalName == "DefineConstants" && e.Attribute("Condition") is null)))
        {
            if (!define.Value.Contains("$(DefineConstants)", StringComparison.OrdinalIgnoreCase))
            {
                defines.Clear();
            }

            defines.AddRange(define.Value.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(symbol => SyntaxFacts.IsValidIdentifier(symbol) && symbol is not ("true" or "false")));
        }

        // The SDK adds the target framework's symbols whatever DefineConstants says (NET8_0, NET8_0_OR_GREATER, NETSTANDARD2_0…):
        // of TargetFramework, or of the first of TargetFrameworks (the one an IDE shows).
        string? targetFramework = Property("TargetFramework") ?? Property("TargetFrameworks")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (string.Equals(Property("DisableImplicitFrameworkDefines"), "true", StringComparison.OrdinalIgnoreCase) ||
            (targetFramework != null && !TargetFrameworkSymbols(targetFramework).Any()))
        {
            targetFramework = null;
        }

        string outputType = Property("OutputType") ?? string.Empty;
        string implicitUsings = Property("ImplicitUsings") ?? string.Empty;
        return new ProjectSettings
        {
            CompileIncludes = compileIncludes.Distinct(StringComparer.Ordinal).ToList(),
            CompileIncludeGlobs = compileIncludeGlobs,
            CompileRemoves = compileRemoves,
            ProjectReferences = references.Distinct(StringComparer.Ordinal).ToList(),
            IsExecutable = outputType.Equals("Exe", StringComparison.OrdinalIgnoreCase) || outputType.Equals("WinExe", StringComparison.OrdinalIgnoreCase),
            ImplicitUsings = implicitUsings.Equals("enable", StringComparison.OrdinalIgnoreCase) || implicitUsings.Equals("true", StringComparison.OrdinalIgnoreCase),
            ExtraUsings = usings.Select(u => u.Body).ToList(),
            RemovedUsings = removed,
            TenantIdExpressionProperty = Property("NetsmartTenantIdExpression"),
            DefineConstants = defines.Distinct(StringComparer.Ordinal).ToList(),
            TargetFramework = targetFramework,
        };
    }

    private static readonly string[] NetCoreVersions = { "1_0", "1_1", "2_0", "2_1", "2_2", "3_0", "3_1" };
    private static readonly string[] NetStandardVersions = { "1_0", "1_1", "1_2", "1_3", "1_4", "1_5", "1_6", "2_0", "2_1" };
    private static readonly string[] NetFrameworkVersions = { "20", "30", "35", "40", "45", "451", "452", "46", "461", "462", "47", "471", "472", "48", "481" };

    /// <summary>
    /// The preprocessor symbols the .NET SDK defines for a target framework moniker, in its order (`dotnet msbuild
    /// -getProperty:DefineConstants -t:AddImplicitDefineConstants` shows them, after the configuration's TRACE and DEBUG):
    /// <c>net8.0</c> gives NET, NET8_0, NETCOREAPP, NET5_0_OR_GREATER … NET8_0_OR_GREATER and NETCOREAPP1_0_OR_GREATER …
    /// NETCOREAPP3_1_OR_GREATER; <c>net8.0-windows</c> adds WINDOWS (not its versions); <c>netstandard2.0</c>,
    /// <c>netcoreapp3.1</c> and <c>net48</c> theirs. None for a moniker it does not know.
    /// </summary>
    internal static IEnumerable<string> TargetFrameworkSymbols(string moniker)
    {
        string tfm = moniker.Trim().ToLowerInvariant();
        string? platform = null;
        int dash = tfm.IndexOf('-');
        if (dash > 0)
        {
            platform = new string(tfm.Substring(dash + 1).TakeWhile(char.IsLetter).ToArray()).ToUpperInvariant();
            tfm = tfm.Substring(0, dash);
        }

        var symbols = new List<string>();
        Match match;
        if ((match = NetVersion().Match(tfm)).Success && int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is int major and >= 5)
        {
            symbols.AddRange(new[] { "NET", $"NET{major}_{match.Groups[2].Value}", "NETCOREAPP" });
            if (!string.IsNullOrEmpty(platform))
            {
                symbols.Add(platform); // not its versions (WINDOWS7_0_OR_GREATER…)
            }

            symbols.AddRange(Enumerable.Range(5, major - 4).Select(v => $"NET{v}_0_OR_GREATER"));
            symbols.AddRange(NetCoreVersions.Select(v => $"NETCOREAPP{v}_OR_GREATER"));
        }
        else if ((match = NetCoreAppVersion().Match(tfm)).Success)
        {
            string version = match.Groups[1].Value + "_" + match.Groups[2].Value;
            symbols.AddRange(new[] { "NETCOREAPP", "NETCOREAPP" + version });
            symbols.AddRange(NetCoreVersions.TakeWhile(v => string.CompareOrdinal(v, version) <= 0).Select(v => $"NETCOREAPP{v}_OR_GREATER"));
        }
        else if ((match = NetStandardVersion().Match(tfm)).Success)
        {
            string version = match.Groups[1].Value + "_" + match.Groups[2].Value;
            symbols.AddRange(new[] { "NETSTANDARD", "NETSTANDARD" + version });
            symbols.AddRange(NetStandardVersions.TakeWhile(v => string.CompareOrdinal(v, version) <= 0).Select(v => $"NETSTANDARD{v}_OR_GREATER"));
        }
        else if ((match = NetFrameworkVersion().Match(tfm)).Success && Array.IndexOf(NetFrameworkVersions, match.Groups[1].Value) is int index and >= 0)
        {
            symbols.AddRange(new[] { "NETFRAMEWORK", "NET" + match.Groups[1].Value });
            symbols.AddRange(NetFrameworkVersions.Take(index + 1).Select(v => $"NET{v}_OR_GREATER"));
        }

        return symbols;
    }

    /// <summary>The nearest file of this name in <paramref name="directory"/> or a folder above it, as MSBuild looks for it; null when none.</summary>
    private static string? FileAbove(string? directory, string name)
    {
        for (string? current = directory; !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            string candidate = Path.Combine(current, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The property and item groups of an imported file, with those of the files it imports at their place.</summary>
    private static void AddGroups(string path, List<XElement> groups, HashSet<string> visited, List<InputProblem> problems)
    {
        if (visited.Count >= 32 || !visited.Add(Path.GetFullPath(path)))
        {
            return; // an import cycle, or a chain longer than any real one
        }

        XDocument document;
        try
        {
            document = LoadXml(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
        {
            problems.Add(new InputProblem(path, "cannot read this imported MSBuild file (" + e.Message + "); its settings are not applied"));
            return;
        }

        AddGroups(document, Path.GetDirectoryName(Path.GetFullPath(path))!, groups, visited, problems);
    }

    /// <summary>The property and item groups of a loaded MSBuild file in <paramref name="folder"/>, with those of the files it imports at their place.</summary>
    private static void AddGroups(XDocument document, string folder, List<XElement> groups, HashSet<string> visited, List<InputProblem> problems)
    {
        foreach (XElement element in document.Descendants())
        {
            switch (element.Name.LocalName)
            {
                case "PropertyGroup":
                    groups.Add(element);
                    break;
                case "ItemGroup":
                    // A shared project's .projitems lists its files as $(MSBuildThisFileDirectory)Name.cs: that property is the
                    // one a file's items can use without evaluation (the folder of the file that writes it).
                    foreach (XAttribute path in element.Elements().Attributes().Where(a => a.Name.LocalName is "Include" or "Remove" or "Exclude"))
                    {
                        path.Value = WithThisFileDirectory(path.Value, folder);
                    }

                    groups.Add(element);
                    break;
                case "Import" when ImportedFile(WithThisFileDirectory((string?)element.Attribute("Project") ?? string.Empty, folder), folder) is { } imported:
                    AddGroups(imported, groups, visited, problems);
                    break;
            }
        }
    }

    /// <summary>
    /// An MSBuild file as XML, read from a stream: <see cref="XDocument.Load(string)"/> resolves the path as a URI first,
    /// which cost the start of every run about 15 ms.
    /// </summary>
    private static XDocument LoadXml(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return XDocument.Load(stream);
    }

    /// <summary><c>$(MSBuildThisFileDirectory)</c> replaced by <paramref name="folder"/> (with its trailing separator, as MSBuild gives it).</summary>
    private static string WithThisFileDirectory(string value, string folder) =>
        value.Contains("$(", StringComparison.Ordinal)
            ? ThisFileDirectory().Replace(value, (folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar).Replace("$", "$$", StringComparison.Ordinal))
            : value;

    /// <summary>
    /// The file an <c>&lt;Import Project="…"/&gt;</c> names, when it can be told without evaluation: a literal path, or the next
    /// <c>Directory.Build.props</c>/<c>.targets</c> above (<c>GetPathOfFileAbove</c>, <c>GetDirectoryNameOfFileAbove</c>).
    /// </summary>
    private static string? ImportedFile(string? project, string folder)
    {
        if (string.IsNullOrWhiteSpace(project))
        {
            return null;
        }

        // $([MSBuild]::GetPathOfFileAbove('Directory.Build.props', …)), or the older
        // $([MSBuild]::GetDirectoryNameOfFileAbove(…, Directory.Build.props))\Directory.Build.props.
        if (project.Contains("GetPathOfFileAbove", StringComparison.Ordinal) || project.Contains("GetDirectoryNameOfFileAbove", StringComparison.Ordinal))
        {
            foreach (string name in new[] { "Directory.Build.props", "Directory.Build.targets" })
            {
                if (project.Contains(name, StringComparison.OrdinalIgnoreCase))
                {
                    return FileAbove(Path.GetDirectoryName(folder), name);
                }
            }

            return null;
        }

        if (project.Contains('$', StringComparison.Ordinal) || project.Contains('*', StringComparison.Ordinal))
        {
            return null; // a property or a wildcard: not evaluated
        }

        string full = ProjectPath(project.Trim(), folder);
        return File.Exists(full) ? full : null;
    }

    /// <summary>The items of this type (Using, Compile…) in the item groups, in order.</summary>
    private static IEnumerable<XElement> Items(List<XElement> groups, string type) =>
        groups.Where(g => g.Name.LocalName == "ItemGroup").SelectMany(g => g.Elements().Where(e => e.Name.LocalName == type));

    /// <summary>What MSBuild would evaluate in an item's path: a property, an item or metadata reference, an escape.</summary>
    private static readonly char[] EvaluatedChars = { '$', '@', '%' };

    /// <summary>A path that names one file as written: nothing to evaluate, no wildcard.</summary>
    private static bool IsLiteralPath(string name) => name.IndexOfAny(EvaluatedChars) < 0 && name.IndexOfAny(Wildcards) < 0;

    /// <summary>An item's path, relative to the project's folder wherever the item is written, as a full path.</summary>
    private static string ProjectPath(string name, string directory) => Path.GetFullPath(name.Replace('\\', Path.DirectorySeparatorChar), directory);

    /// <summary>The names of an item's <paramref name="operation"/> attribute (Include, Remove): a list separated by semicolons.</summary>
    private static IEnumerable<string> Names(XElement item, string operation) =>
        ((string?)item.Attribute(operation) ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>An item's metadata, written as an attribute or as a child element.</summary>
    private static string? Metadata(XElement item, string name) =>
        ((string?)item.Attribute(name) ?? item.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value)?.Trim() is { Length: > 0 } value ? value : null;

    /// <summary>What the SDK writes after <c>global using</c> for a <c>&lt;Using&gt;</c> item: an alias, a static import or a namespace.</summary>
    internal static string UsingDirectiveBody(string name, string? alias, string? isStatic) =>
        alias != null ? alias + " = global::" + name
        : string.Equals(isStatic, "true", StringComparison.OrdinalIgnoreCase) ? "static global::" + name
        : "global::" + name;

    private static InputSet Build(InputKind kind, string path, string root, List<InputProject> projects, List<InputProblem> problems)
    {
        // Each file belongs to the deepest project folder that holds it (nested projects are not analysed twice).
        var owners = projects.OrderByDescending(p => p.Directory.Length).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (InputProject project in projects.DistinctBy(p => p.Directory, StringComparer.Ordinal))
        {
            foreach (string file in EnumerateFiles(project.Directory, problems))
            {
                InputProject owner = owners.First(p => IsUnder(file, p.Directory));
                string name = Path.GetFileName(file);
                if (name.Equals(".editorconfig", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (InputProject p in projects.Where(p => IsUnder(file, p.Directory) || IsUnder(p.Directory, Path.GetDirectoryName(file)!)))
                    {
                        p.EditorConfigFiles.Add(file);
                    }

                    continue;
                }

                if (!seen.Add(file))
                {
                    continue;
                }

                if (name.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
                {
                    owner.CSharpFiles.Add(file);
                }
                else
                {
                    owner.JsonFiles.Add(file);
                }
            }
        }

        foreach (InputProject project in projects)
        {
            ApplyCompileItems(project, root, seen, problems);
        }

        foreach (InputProject project in projects)
        {
            project.EditorConfigFiles.AddRange(EditorConfigsAbove(project.Directory));
            var distinct = project.EditorConfigFiles.Distinct(StringComparer.Ordinal).ToList();
            project.EditorConfigFiles.Clear();
            project.EditorConfigFiles.AddRange(distinct);
            project.CSharpFiles.Sort(StringComparer.Ordinal);
            project.JsonFiles.Sort(StringComparer.Ordinal);
        }

        return new InputSet(kind, path, root, projects, problems) { ReferencedProjects = ReferencedProjects(projects, seen, root) };
    }

    /// <summary>
    /// The projects that the input's projects reference, directly or through each other, and that the input does not hold,
    /// with their C# files (as a project's files are found: its folder, the deepest project folder owning a file, its
    /// <c>Compile</c> items), less the files the input holds. Their own problems (a file that cannot be read) are not the
    /// input's and are not reported; a referenced project that does not exist, or whose folder holds the input, is left out.
    /// </summary>
    private static List<InputProject> ReferencedProjects(List<InputProject> projects, HashSet<string> claimed, string root)
    {
        var known = new HashSet<string>(projects.Where(p => p.ProjectFile != null).Select(p => Path.GetFullPath(p.ProjectFile!)), StringComparer.Ordinal);
        var pending = new Queue<string>(projects.SelectMany(p => p.Settings.ProjectReferences));
        var referenced = new List<InputProject>();
        var scratch = new List<InputProblem>();
        while (pending.TryDequeue(out string? file))
        {
            string directory = Path.GetDirectoryName(file)!;
            if (!file.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || !known.Add(file) || !File.Exists(file) || IsUnder(root, directory) || root == directory)
            {
                continue;
            }

            var project = new InputProject(Path.GetFileNameWithoutExtension(file), directory, file, ReadSettings(file, directory, scratch)) { ReferenceOnly = true };
            referenced.Add(project);
            foreach (string next in project.Settings.ProjectReferences)
            {
                pending.Enqueue(next);
            }
        }

        var owners = projects.Concat(referenced).OrderByDescending(p => p.Directory.Length).ToList();
        foreach (InputProject project in referenced.DistinctBy(p => p.Directory, StringComparer.Ordinal))
        {
            foreach (string file in EnumerateFiles(project.Directory, scratch))
            {
                if (file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) && !claimed.Contains(file) &&
                    owners.First(p => IsUnder(file, p.Directory)) is { ReferenceOnly: true } owner && claimed.Add(file))
                {
                    owner.CSharpFiles.Add(file);
                }
            }
        }

        foreach (InputProject project in referenced)
        {
            ApplyCompileItems(project, root, claimed, scratch);
            project.CSharpFiles.Sort(StringComparer.Ordinal);
        }

        return referenced;
    }

    /// <summary>
    /// What a project file changes in the files its folder gives: the files its <c>Compile</c> items add (one outside the
    /// folder once: the first project that lists it owns it, <paramref name="claimed"/>), then less the files the build does
    /// not compile.
    /// </summary>
    private static void ApplyCompileItems(InputProject project, string root, HashSet<string> claimed, List<InputProblem> problems)
    {
        foreach (string file in project.Settings.CompileIncludes.Concat(GlobbedFiles(project, root, problems)))
        {
            if (File.Exists(file) && !project.CSharpFiles.Contains(file) && (IsUnder(file, project.Directory) || claimed.Add(file)))
            {
                project.CSharpFiles.Add(file);
            }
        }

        if (project.Settings.CompileRemoves.Count > 0)
        {
            Regex[] removed = project.Settings.CompileRemoves.Select(r => GlobPattern(RelativeGlob(r, project.Directory))).ToArray();
            project.CSharpFiles.RemoveAll(file => removed.Any(r => r.IsMatch(RelativeTo(project.Directory, file))));
        }
    }

    /// <summary>
    /// An MSBuild glob as a regular expression over a path relative to the project's folder ('/' between folders):
    /// <c>**</c> any folders, <c>*</c> and <c>?</c> within a name. Case as the file system compares names.
    /// </summary>
    internal static Regex GlobPattern(string glob)
    {
        var pattern = new System.Text.StringBuilder("^");
        string text = glob.Trim();
        if (text.StartsWith("./", StringComparison.Ordinal))
        {
            text = text.Substring(2);
        }

        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '*' && i + 1 < text.Length && text[i + 1] == '*')
            {
                bool folder = i + 2 < text.Length && text[i + 2] == '/';
                pattern.Append(folder ? "(?:.*/)?" : ".*");
                i += folder ? 2 : 1;
            }
            else
            {
                pattern.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(pattern.Append('$').ToString(), (OperatingSystem.IsWindows() ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant);
    }

    /// <summary>
    /// The C# files outside <paramref name="project"/>'s folder that its <c>Compile Include</c> globs match (inside it the
    /// SDK's own glob already has them): each glob's folder before its first wildcard is walked as the input's folders are
    /// (bin, obj, node_modules and hidden folders skipped), and the path relative to the project's folder is matched.
    /// </summary>
    private static IEnumerable<string> GlobbedFiles(InputProject project, string inputRoot, List<InputProblem> problems)
    {
        foreach ((string glob, IReadOnlyList<string> excludes) in project.Settings.CompileIncludeGlobs)
        {
            (string folder, _) = SplitGlob(glob);
            string root = folder.Length == 0 ? project.Directory : Path.GetFullPath(folder, project.Directory);
            if (root == project.Directory || IsUnder(root, project.Directory) || !Directory.Exists(root))
            {
                continue;
            }

            if (root == inputRoot || IsUnder(inputRoot, root))
            {
                // ..\**\*.cs: a folder that holds the whole input (up to the disk's root), never a shared folder of its own.
                problems.Add(new InputProblem(project.ProjectFile ?? project.Directory,
                    $"<Compile Include=\"{glob}\"> reaches '{root}', a folder that holds the whole input: not followed, its files are not analysed with this project"));
                continue;
            }

            Regex included = GlobPattern(RelativeGlob(glob, project.Directory));
            Regex[] excluded = excludes.Select(e => GlobPattern(RelativeGlob(e, project.Directory))).ToArray();
            foreach (string file in EnumerateFiles(root, problems).Where(f => f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)))
            {
                string relative = RelativeTo(project.Directory, file);
                if (included.IsMatch(relative) && !excluded.Any(e => e.IsMatch(relative)))
                {
                    yield return file;
                }
            }
        }
    }

    /// <summary>A glob's folders before its first wildcard, and the rest ('/' between folders; the rest is empty for a literal path).</summary>
    private static (string Folder, string Pattern) SplitGlob(string glob)
    {
        string[] segments = glob.Split('/');
        int literal = Array.FindIndex(segments, s => s.IndexOfAny(Wildcards) >= 0);
        return literal < 0
            ? (glob, string.Empty)
            : (string.Join('/', segments.Take(literal)), string.Join('/', segments.Skip(literal)));
    }

    private static readonly char[] Wildcards = { '*', '?' };

    /// <summary>A path relative to a folder, '/' between folders: what <see cref="GlobPattern"/> matches.</summary>
    private static string RelativeTo(string directory, string path) =>
        Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>A glob made relative to the project's folder when it is a full path (<c>$(MSBuildThisFileDirectory)Old/**</c>).</summary>
    private static string RelativeGlob(string glob, string projectDirectory)
    {
        if (!Path.IsPathRooted(glob))
        {
            return glob;
        }

        (string folder, string pattern) = SplitGlob(glob);
        string relative = RelativeTo(projectDirectory, folder.Length == 0 ? "/" : folder);
        return pattern.Length == 0 ? relative : relative == "." ? pattern : relative + "/" + pattern;
    }

    private static bool IsUnder(string path, string directory) =>
        path.Length > directory.Length &&
        path.StartsWith(directory, StringComparison.Ordinal) &&
        (path[directory.Length] == Path.DirectorySeparatorChar || directory.EndsWith(Path.DirectorySeparatorChar));

    /// <summary>*.cs, appsettings*.json and .editorconfig files under <paramref name="directory"/>, pruning skipped folders.</summary>
    private static IEnumerable<string> EnumerateFiles(string directory, List<InputProblem> problems)
    {
        var pending = new Stack<string>();
        pending.Push(directory);
        while (pending.Count > 0)
        {
            string current = pending.Pop();
            string[] files;
            string[] folders;
            try
            {
                files = Directory.GetFiles(current);
                folders = Directory.GetDirectories(current);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(new InputProblem(current, "cannot list the folder (" + e.Message + "); skipped"));
                continue;
            }

            foreach (string file in files)
            {
                string name = Path.GetFileName(file);
                if (name.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) ||
                    name.Equals(".editorconfig", StringComparison.OrdinalIgnoreCase) ||
                    (name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
                {
                    yield return file;
                }
            }

            foreach (string folder in folders.OrderByDescending(f => f, StringComparer.Ordinal))
            {
                string name = Path.GetFileName(folder);
                if (!SkippedFolders.Contains(name) && !name.StartsWith('.'))
                {
                    pending.Push(folder);
                }
            }
        }
    }

    /// <summary>The .editorconfig files above a project folder, nearest first, up to the one that says <c>root = true</c>.</summary>
    private static IEnumerable<string> EditorConfigsAbove(string directory)
    {
        // The project folder's own file was found by the enumeration; check it for root = true first.
        string own = Path.Combine(directory, ".editorconfig");
        if (File.Exists(own) && IsRoot(own))
        {
            yield break;
        }

        for (DirectoryInfo? current = Directory.GetParent(directory); current != null; current = current.Parent)
        {
            string candidate = Path.Combine(current.FullName, ".editorconfig");
            if (File.Exists(candidate))
            {
                yield return candidate;
                if (IsRoot(candidate))
                {
                    yield break;
                }
            }
        }
    }

    private static bool IsRoot(string editorConfig)
    {
        try
        {
            foreach (string raw in File.ReadLines(editorConfig))
            {
                string line = raw.Trim();
                if (line.StartsWith('['))
                {
                    return false; // root = true only counts in the preamble
                }

                int equals = line.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0 && line[..equals].Trim().Equals("root", StringComparison.OrdinalIgnoreCase))
                {
                    return line[(equals + 1)..].Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return false;
    }
}

using System.Linq;
using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Netsmart.Migrate.Analysis;
using Netsmart.Migrate.Input;
using Netsmart.Migrate.Tests.Infrastructure;

namespace Netsmart.Migrate.Tests;

/// <summary>Folders, projects and solutions (.sln and .slnx), without MSBuild; .editorconfig files honoured.</summary>
public sealed class InputTests
{
    private const string ClassicSolution = """
        Microsoft Visual Studio Solution File, Format Version 12.00
        # Visual Studio Version 17
        Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "App", "App\App.csproj", "{11111111-1111-1111-1111-111111111111}"
        EndProject
        Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Clean", "src\Clean\Clean.csproj", "{22222222-2222-2222-2222-222222222222}"
        EndProject
        Project("{2150E333-8FDC-42A3-9474-1A3956D46DE8}") = "docs", "docs", "{33333333-3333-3333-3333-333333333333}"
        EndProject
        Global
        EndGlobal
        """;

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public async Task Lines_are_counted_as_the_editor_numbers_them(string prefilter)
    {
        using var tree = new TempFolder();
        tree.Write("App/Crlf.cs", "class A\r\n{\r\n}\r\n");           // 3 lines, the last one ended
        tree.Write("App/Open.cs", "class B\n{\n}");                     // 3 lines, the last one open
        tree.Write("App/Empty.cs", string.Empty);                         // 0
        tree.Write("App/Blank.cs", "\n\n");                              // 2 empty lines
        tree.Write("App/appsettings.json", "{ \"A\": 1 }");              // 1

        ToolResult result = await Tool.RunAsync(
            tree.Root, environment => environment with { Prefilter = prefilter == "on" ? PrefilterOptions.On : PrefilterOptions.Off }, "scan", "App", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(9, (int)JsonNode.Parse(result.Output)!["input"]!["lines"]!);
    }

    [Theory]
    [InlineData("All.sln")]
    [InlineData("All.slnx")]
    public async Task A_solution_lists_its_projects_and_skips_bin_and_obj(string solution)
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);
        Fixtures.WriteCleanApp(tree, "src/Clean");
        tree.Write("App/obj/Generated.cs", "class G { const string U = \"https://fhir.netsmartcloud.com/uscore/v1\"; }\n");
        tree.Write("App/bin/Debug/appsettings.json", "{ \"U\": \"https://fhir.netsmartcloud.com/uscore/v1\" }\n");
        tree.Write("Other/Outside.cs", "class O { const string U = \"https://fhir.netsmartcloud.com/uscore/v1\"; }\n");
        tree.Write("All.sln", ClassicSolution.Replace("\n", "\r\n"));
        tree.Write("All.slnx", """
            <Solution>
              <Folder Name="/src/">
                <Project Path="src/Clean/Clean.csproj" />
              </Folder>
              <Project Path="App/App.csproj" />
            </Solution>
            """);

        ToolResult result = await Tool.RunAsync(tree.Root, "scan", solution);

        Assert.Contains("Input: solution, 2 projects, 3 C# files, 1 JSON file,", result.Output);
        Assert.Contains("App/FhirClient.cs(8,29): NSM001", result.Output);
        Assert.DoesNotContain("Generated.cs", result.Output);
        Assert.DoesNotContain("Outside.cs", result.Output);
        Assert.DoesNotContain("bin/", result.Output);
    }

    [Fact]
    public async Task A_missing_project_in_a_solution_is_reported_and_skipped()
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);
        tree.Write("All.sln", ClassicSolution);

        ToolResult result = await Tool.RunAsync(tree.Root, "scan", "All.sln");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("src/Clean/Clean.csproj: the solution lists this project but the file does not exist; skipped", result.Output);
        Assert.Contains("Input: solution, 1 project,", result.Output);
    }

    [Fact]
    public async Task The_editorconfig_tenant_expression_reaches_the_checklist_and_the_override_wins()
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);

        ToolResult configured = await Tool.RunAsync(tree.Root, "scan", "App/App.csproj");
        ToolResult overridden = await Tool.RunAsync(tree.Root, "scan", "App/App.csproj", "--tenant-expression", "Tenant.Id");

        Assert.Contains("tenant expression 'TenantSettings.Current.TenantId'", configured.Output);
        Assert.Contains("tenant expression 'Tenant.Id'", overridden.Output);
        Assert.DoesNotContain("TenantSettings.Current.TenantId", overridden.Output);
    }

    [Fact]
    public async Task A_malformed_json_file_an_unreadable_file_and_a_cs_file_with_syntax_errors_are_reported()
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);
        tree.Write("App/appsettings.Development.json", "{ \"Url\": \"https://fhir.netsmartcloud.com/uscore/v1\" ");
        tree.Write("App/Broken.cs", "class Broken { const string U = \"https://fhir.netsmartcloud.com/uscore/v1\" }\n");
        System.IO.File.CreateSymbolicLink(tree.PathOf("App/Missing.cs"), tree.PathOf("App/nowhere.cs"));

        ToolResult result = await Tool.RunAsync(tree.Root, "scan", "App");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Skipped (3)", result.Output);
        Assert.Contains("  Broken.cs: C# syntax error at (1,76): CS1002", result.Output);
        Assert.Contains("  Missing.cs: cannot read the file (", result.Output);
        Assert.Contains("  appsettings.Development.json: not valid JSON at (1,", result.Output);
        // The other files are still analysed.
        Assert.Contains("  FhirClient.cs(8,29): NSM001", result.Output);
    }

    [Fact]
    public async Task An_error_directive_in_a_branch_of_undefined_symbols_is_no_syntax_error_and_the_file_is_scanned_and_fixed()
    {
        // Multi-target code often ends an #if chain with #error. The tool parses without the project's symbols,
        // so that branch is active here; the directive is the author's and the tree is whole.
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);
        tree.Write("App/Versioned.cs", """
            class Versioned
            {
            #if R4
                const string Fhir = "R4";
            #else
            #error Set a FHIR version
            #endif
                const string U = "https://fhir.netsmartcloud.com/uscore/v1/Patient";
            }

            """);

        ToolResult scan = await Tool.RunAsync(tree.Root, "scan", "App");
        ToolResult fix = await Tool.RunAsync(tree.Root, "fix", "App");

        Assert.DoesNotContain("Versioned.cs: C# syntax error", scan.Output);
        Assert.Contains("  Versioned.cs(8,22): NSM001", scan.Output);
        Assert.Contains("const string U = \"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient\";", tree.Read("App/Versioned.cs"));
        Assert.Contains("#error Set a FHIR version", tree.Read("App/Versioned.cs"));
    }

    /// <summary>
    /// A .NET 10 file-based program (<c>dotnet run tool.cs</c>) starts with <c>#!</c> and <c>#:</c> directives: the tool
    /// parses them as the SDK does. They were CS9298 syntax errors: the file was listed as skipped (exit code 1) and never
    /// rewritten.
    /// </summary>
    [Fact]
    public async Task A_file_based_program_is_scanned_and_fixed_like_any_file()
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);
        const string Header = "#!/usr/bin/env dotnet\n#:package Humanizer@2.14.1\n#:property Nullable=enable\n\n";
        tree.Write("App/tool.cs", Header + "const string Fhir = \"https://fhir.netsmartcloud.com/uscore/v1/Patient\";\nSystem.Console.WriteLine(Fhir);\n");

        ToolResult scan = await Tool.RunAsync(tree.Root, "scan", "App");
        ToolResult fix = await Tool.RunAsync(tree.Root, "fix", "App");

        Assert.DoesNotContain("tool.cs: C# syntax error", scan.Output);
        Assert.Contains("  tool.cs(5,21): NSM001", scan.Output);
        Assert.DoesNotContain("tool.cs: C# syntax error", fix.Output);
        Assert.Equal(Header + "const string Fhir = \"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient\";\nSystem.Console.WriteLine(Fhir);\n",
            tree.Read("App/tool.cs"));
    }

    [Theory]
    [InlineData("Cut.sln", "Microsoft Visual Studio Solution File, Format Version 12.00\nProject(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"App\", \"App\\App.cs", "error: '{0}' is not a valid solution file: line 2 is not a complete Project line.")]
    [InlineData("Open.sln", "Microsoft Visual Studio Solution File, Format Version 12.00\nProject(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"App\", \"App\\App.csproj\", \"{11111111-1111-1111-1111-111111111111}\"\nGlobal\n", "error: '{0}' is not a valid solution file: its last project has no EndProject (the file may be cut short).")]
    [InlineData("Empty.sln", "Microsoft Visual Studio Solution File, Format Version 12.00\nGlobal\nEndGlobal\n", "error: '{0}' lists no projects: nothing to scan. Pass a folder or a .csproj instead, or add the projects to the solution.")]
    [InlineData("Empty.slnx", "<Solution>\n  <Folder Name=\"/src/\" />\n</Solution>\n", "error: '{0}' lists no projects: nothing to scan. Pass a folder or a .csproj instead, or add the projects to the solution.")]
    [InlineData("Other.slnx", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n", "error: '{0}' is not a valid .slnx file: its root element is <Project>, not <Solution>.")]
    public async Task A_solution_that_does_not_parse_or_lists_nothing_is_an_input_error(string name, string content, string message)
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);
        tree.Write(name, content);

        ToolResult scan = await Tool.RunAsync(tree.Root, "scan", name);
        ToolResult fix = await Tool.RunAsync(tree.Root, "fix", name);

        Assert.True(scan.ExitCode == 2, scan.ToString());
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, tree.PathOf(name)) + "\n", scan.Error);
        Assert.Equal(string.Empty, scan.Output);
        Assert.Equal(2, fix.ExitCode);
        Assert.Contains("v1", tree.Read("App/appsettings.json"));
    }

    [Fact]
    public void Using_items_become_the_global_usings_the_sdk_writes()
    {
        using var tree = new TempFolder();
        tree.Write("App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <Using Include="App.Model.Holder" Alias="H" />
                <Using Include="App.Model.Keys" Static="true" />
                <Using Include="App.Model.Other">
                  <Static>True</Static>
                </Using>
                <Using Include="App.Api;App.Data" />
                <Using Remove="System.Net.Http" />
              </ItemGroup>
            </Project>
            """);

        ProjectSettings settings = InputResolver.ReadSettings(tree.PathOf("App/App.csproj"), tree.PathOf("App"), new List<InputProblem>());

        Assert.Equal(
            "// <auto-generated/>\n" +
            "global using global::System;\nglobal using global::System.Collections.Generic;\nglobal using global::System.IO;\n" +
            "global using global::System.Linq;\nglobal using global::System.Threading;\nglobal using global::System.Threading.Tasks;\n" +
            "global using H = global::App.Model.Holder;\nglobal using static global::App.Model.Keys;\nglobal using static global::App.Model.Other;\n" +
            "global using global::App.Api;\nglobal using global::App.Data;\n",
            LoadedSolution.GlobalUsings(settings));
    }

    [Fact]
    public void Directory_build_files_around_the_project_apply_in_msbuilds_order()
    {
        using var tree = new TempFolder();
        tree.Write("Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <ImplicitUsings>enable</ImplicitUsings>
                <NetsmartTenantIdExpression>Root.Tenant</NetsmartTenantIdExpression>
              </PropertyGroup>
              <ItemGroup>
                <Using Include="App.Shared" />
              </ItemGroup>
            </Project>
            """);
        tree.Write("Directory.Build.targets", "<Project>\n  <ItemGroup>\n    <Using Include=\"App.Late\" />\n  </ItemGroup>\n</Project>\n");
        tree.Write("common.props", "<Project>\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n  </PropertyGroup>\n</Project>\n");
        tree.Write("src/Directory.Build.props", """
            <Project>
              <Import Project="$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))" />
              <Import Project="..\common.props" />
              <Import Project="$(RepoRoot)eng/unknown.props" />
              <ItemGroup>
                <Using Include="App.Model.Holder" Alias="H" />
              </ItemGroup>
            </Project>
            """);
        tree.Write("src/App/local.props", "<Project>\n  <ItemGroup>\n    <Using Include=\"App.Local\" />\n  </ItemGroup>\n</Project>\n");
        tree.Write("src/App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="local.props" />
              <PropertyGroup>
                <NetsmartTenantIdExpression>Settings.Current.Tenant</NetsmartTenantIdExpression>
              </PropertyGroup>
              <ItemGroup>
                <Using Remove="System.IO;App.Shared" />
              </ItemGroup>
            </Project>
            """);
        var problems = new List<InputProblem>();

        ProjectSettings settings = InputResolver.ReadSettings(tree.PathOf("src/App/App.csproj"), tree.PathOf("src/App"), problems);

        Assert.Empty(problems);
        Assert.True(settings.IsExecutable);                                        // common.props, a literal import
        Assert.Equal("Settings.Current.Tenant", settings.TenantIdExpressionProperty); // the project after the props
        Assert.Equal(
            "// <auto-generated/>\n" +
            "global using global::System;\nglobal using global::System.Collections.Generic;\nglobal using global::System.Linq;\n" +
            "global using global::System.Net.Http;\nglobal using global::System.Threading;\nglobal using global::System.Threading.Tasks;\n" +
            "global using H = global::App.Model.Holder;\nglobal using global::App.Local;\nglobal using global::App.Late;\n",
            LoadedSolution.GlobalUsings(settings));
    }

    [Fact]
    public void The_older_import_of_the_next_directory_build_props_is_followed_too()
    {
        using var tree = new TempFolder();
        tree.Write("Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <ImplicitUsings>enable</ImplicitUsings>\n  </PropertyGroup>\n</Project>\n");
        tree.Write("src/Directory.Build.props",
            "<Project>\n  <Import Project=\"$([MSBuild]::GetDirectoryNameOfFileAbove($(MSBuildThisFileDirectory).., Directory.Build.props))\\Directory.Build.props\" />\n</Project>\n");
        tree.Write("src/App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        var problems = new List<InputProblem>();

        ProjectSettings settings = InputResolver.ReadSettings(tree.PathOf("src/App/App.csproj"), tree.PathOf("src/App"), problems);

        Assert.Empty(problems);
        Assert.True(settings.ImplicitUsings); // from the root's props, reached only through the import
    }

    [Fact]
    public void A_project_setting_overrides_the_props_and_an_unreadable_props_file_is_reported()
    {
        using var tree = new TempFolder();
        tree.Write("Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <ImplicitUsings>enable</ImplicitUsings>\n  </PropertyGroup>\n  <Import Project=\"broken.props\" />\n</Project>\n");
        tree.Write("broken.props", "<Project>\n  <PropertyGroup>\n");
        tree.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <ImplicitUsings>disable</ImplicitUsings>\n  </PropertyGroup>\n</Project>\n");
        var problems = new List<InputProblem>();

        ProjectSettings settings = InputResolver.ReadSettings(tree.PathOf("App/App.csproj"), tree.PathOf("App"), problems);

        Assert.False(settings.ImplicitUsings);
        InputProblem problem = Assert.Single(problems);
        Assert.Equal(tree.PathOf("broken.props"), problem.Path);
        Assert.StartsWith("cannot read this imported MSBuild file (", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("); its settings are not applied", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public async Task Implicit_usings_from_directory_build_props_bind_the_project(string prefilter)
    {
        using var tree = new TempFolder();
        tree.Write("Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <ImplicitUsings>enable</ImplicitUsings>\n  </PropertyGroup>\n</Project>\n");
        tree.Write("src/App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        tree.Write("src/App/Client.cs", "namespace App;\n\npublic class Client\n{\n" +
            "    public string Get(Guid id) => string.Concat(\"https://fhir.netsmartcloud.com/\", \"uscore/v1/Patient/\", id.ToString());\n}\n");

        ToolResult result = await ScanWithPrefilterAsync(tree.Root, prefilter, "scan", "src/App/App.csproj", "--format", "json");

        // Without the props' implicit usings, Guid does not bind, string.Concat is not System.String.Concat and the finding was lost.
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(new[] { "Client.cs:5:NSM001" }, result.FindingKeys());
    }

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public async Task A_constant_of_a_referenced_project_is_seen_where_it_is_used(string prefilter)
    {
        using var tree = new TempFolder();
        tree.Write("All.sln", Solution(("Shared", @"Shared\Shared.csproj"), ("Client", @"Client\Client.csproj")));

        // Shared references a project outside the solution: not loaded.
        tree.Write("Shared/Shared.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <ProjectReference Include=\"..\\Other\\Other.csproj\" />\n  </ItemGroup>\n</Project>\n");
        tree.Write("Client/Client.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <ProjectReference Include=\"..\\Shared\\Shared.csproj\" />\n  </ItemGroup>\n</Project>\n");
        tree.Write("Shared/Hosts.cs", "namespace Shared;\n\npublic static class Hosts\n{\n    public const string Fhir = \"https://fhir.netsmartcloud.com\";\n}\n");
        tree.Write("Client/Api.cs", "namespace Client;\n\npublic class Api\n{\n    public string Get(string id) => Shared.Hosts.Fhir + \"/uscore/v1/Patient/\" + id;\n}\n");

        ToolResult result = await ScanWithPrefilterAsync(tree.Root, prefilter, "scan", "All.sln", "--format", "json");

        // As in a build: the Client project sees Shared's constant through its project reference (it saw an unknown name before).
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(new[] { "Client/Api.cs:5:NSM001" }, result.FindingKeys());
    }

    [Theory]
    [InlineData("on", "Client/Client.csproj", "project")]
    [InlineData("off", "Client/Client.csproj", "project")]
    [InlineData("on", "Client", "folder")] // a folder holding one project file reads it
    public async Task A_project_scanned_alone_binds_to_the_projects_it_references_and_reports_only_its_own_files(string prefilter, string input, string kind)
    {
        using var tree = new TempFolder();
        WriteClientAndShared(tree);

        ToolResult result = await ScanWithPrefilterAsync(tree.Root, prefilter, "scan", input, "--format", "json");

        // As a build of Client compiles Shared first: Shared's constant binds in Client (an unknown name before, and the
        // finding was lost with exit code 0). Shared's own files are neither analysed, counted nor reported.
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(new[] { "Api.cs:5:NSM001" }, result.FindingKeys());
        JsonNode report = JsonNode.Parse(result.Output)!;
        Assert.Equal($"{{\"path\":\"{input}\",\"kind\":\"{kind}\",\"projects\":1,\"csharpFiles\":1,\"jsonFiles\":0,\"lines\":6}}", report["input"]!.ToJsonString());
        Assert.Empty(report["skipped"]!.AsArray());
    }

    [Fact]
    public async Task Fixing_a_project_alone_rewrites_its_own_files_and_not_those_of_the_projects_it_references()
    {
        using var tree = new TempFolder();
        WriteClientAndShared(tree);
        string legacy = System.IO.File.ReadAllText(tree.PathOf("Shared/Legacy.cs"));

        ToolResult result = await Tool.RunAsync(tree.Root, "fix", "Client/Client.csproj");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "namespace Client;\n\npublic class Api\n{\n    public string Get(string id) => Shared.Hosts.Fhir + \"/provider/patient-access/v2/{tenant-id}/Patient/\" + id;\n}\n",
            System.IO.File.ReadAllText(tree.PathOf("Client/Api.cs")));
        Assert.Equal(legacy, System.IO.File.ReadAllText(tree.PathOf("Shared/Legacy.cs")));
    }

    [Theory]
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <ProjectReference Include=\"..\\Client\\Client.csproj\" />\n  </ItemGroup>\n</Project>\n")] // a cycle back to the input
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <ProjectReference Include=\"..\\Shared\\Shared.csproj\" />\n  </ItemGroup>\n</Project>\n")] // to itself
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <ProjectReference Include=\"..\\Missing\\Missing.csproj\" />\n  </ItemGroup>\n</Project>\n")] // to nothing
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n")] // not XML
    public async Task A_referenced_project_that_is_broken_or_refers_back_still_binds_and_reports_nothing_of_its_own(string sharedProject)
    {
        using var tree = new TempFolder();
        WriteClientAndShared(tree);
        tree.Write("Shared/Shared.csproj", sharedProject);

        ToolResult result = await Tool.RunAsync(tree.Root, "scan", "Client/Client.csproj", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(new[] { "Api.cs:5:NSM001" }, result.FindingKeys());
        Assert.Empty(JsonNode.Parse(result.Output)!["skipped"]!.AsArray());
    }

    [Fact]
    public async Task A_referenced_project_whose_folder_holds_the_input_is_left_out()
    {
        using var tree = new TempFolder();
        tree.Write("Root.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        tree.Write("Hosts.cs", "public static class Hosts\n{\n    public const string Fhir = \"https://fhir.netsmartcloud.com\";\n}\n");
        tree.Write("Other/Big.cs", "public static class Big\n{\n    public const string Url = \"https://fhir.netsmartcloud.com/uscore/v1\";\n}\n");
        tree.Write("Client/Client.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <ProjectReference Include=\"..\\Root.csproj\" />\n  </ItemGroup>\n</Project>\n");
        tree.Write("Client/Api.cs", "public class Api\n{\n    public string Get(string id) => Hosts.Fhir + \"/uscore/v1/Patient/\" + id;\n}\n");

        // Its files could not be told from the input's without walking the whole tree: not loaded, as before (the name does
        // not bind, and this finding is not seen).
        ToolResult result = await Tool.RunAsync(tree.Root, "scan", "Client/Client.csproj", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.FindingKeys());
        Assert.Equal(1, (int)JsonNode.Parse(result.Output)!["input"]!["csharpFiles"]!);
    }

    /// <summary>Client (Api.cs joins Shared's host constant with a Certified path) references Shared, which holds findings, a broken file and a JSON file of its own.</summary>
    private static void WriteClientAndShared(TempFolder tree)
    {
        tree.Write("Shared/Shared.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        tree.Write("Client/Client.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <ProjectReference Include=\"..\\Shared\\Shared.csproj\" />\n  </ItemGroup>\n</Project>\n");
        tree.Write("Shared/Hosts.cs", "namespace Shared;\n\npublic static class Hosts\n{\n    public const string Fhir = \"https://fhir.netsmartcloud.com\";\n}\n");
        tree.Write("Shared/Legacy.cs", "namespace Shared;\n\npublic static class Legacy\n{\n    public const string Base = \"https://fhir.netsmartcloud.com/uscore/v1\";\n}\n");
        tree.Write("Shared/Broken.cs", "namespace Shared;\n\npublic class Broken {\n");
        tree.Write("Shared/appsettings.json", "{ \"Fhir\": \"https://fhir.netsmartcloud.com/uscore/v1\" }\n");
        tree.Write("Client/Api.cs", "namespace Client;\n\npublic class Api\n{\n    public string Get(string id) => Shared.Hosts.Fhir + \"/uscore/v1/Patient/\" + id;\n}\n");
    }

    [Fact]
    public async Task Projects_that_reference_each_other_are_still_scanned()
    {
        using var tree = new TempFolder();
        tree.Write("All.sln", Solution(("A", @"A\A.csproj"), ("B", @"B\B.csproj")));
        tree.Write("A/A.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <ProjectReference Include=\"../B/B.csproj\" />\n  </ItemGroup>\n</Project>\n");
        tree.Write("B/B.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <ProjectReference Include=\"../A/A.csproj\" />\n  </ItemGroup>\n</Project>\n");
        tree.Write("A/One.cs", "namespace A;\n\npublic class One\n{\n    public string Url = \"https://fhir.netsmartcloud.com/uscore/v1/Patient\";\n}\n");
        tree.Write("B/Two.cs", "namespace B;\n\npublic class Two\n{\n    public string Url = \"https://fhir.netsmartcloud.com/uscore/v1/Observation\";\n}\n");

        // A cycle, which a build refuses: the reference that would close it is left out, and both projects are analysed.
        ToolResult result = await Tool.RunAsync(tree.Root, "scan", "All.sln", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(new[] { "A/One.cs:5:NSM001", "B/Two.cs:5:NSM001" }, result.FindingKeys());
    }

    private const string EndpointsWithBranches =
        "namespace App;\n\npublic static class Endpoints\n{\n#if DEBUG\n    public const string Base = \"https://fhirtest.netsmartcloud.com/uscore/v1\";\n" +
        "#else\n    public const string Base = \"https://fhir.netsmartcloud.com/uscore/v1\";\n#endif\n}\n";

    [Theory]
    [InlineData("on", "", "Endpoints.cs:8:NSM001", "code at (6,1) that '#if DEBUG' leaves out may hold a finding: not analysed, never rewritten (symbols defined: none; --define chooses them)")]
    [InlineData("off", "", "Endpoints.cs:8:NSM001", "code at (6,1) that '#if DEBUG' leaves out may hold a finding: not analysed, never rewritten (symbols defined: none; --define chooses them)")]
    [InlineData("on", "DEBUG", "Endpoints.cs:6:NSM001", "code at (8,1) that '#else' leaves out may hold a finding: not analysed, never rewritten (symbols defined: DEBUG; --define chooses them)")]
    [InlineData("off", "TRACE;DEBUG", "Endpoints.cs:6:NSM001", "code at (8,1) that '#else' leaves out may hold a finding: not analysed, never rewritten (symbols defined: TRACE;DEBUG; --define chooses them)")]
    public async Task Code_that_an_if_directive_leaves_out_is_reported_and_define_chooses_the_branch(string prefilter, string define, string finding, string reason)
    {
        using var tree = new TempFolder();
        tree.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        tree.Write("App/Endpoints.cs", EndpointsWithBranches);
        tree.Write("App/Other.cs", "namespace App;\n\npublic class Other\n{\n#if DEBUG\n    public int Count;\n#endif\n}\n");
        string[] args = define.Length == 0 ? new[] { "scan", "App", "--format", "json" } : new[] { "scan", "App", "--format", "json", "--define", define };

        ToolResult result = await ScanWithPrefilterAsync(tree.Root, prefilter, args);

        JsonNode report = JsonNode.Parse(result.Output)!;
        Assert.Equal(new[] { finding }, report["findings"]!.AsArray().Select(f => $"{f!["file"]}:{f["line"]}:{f["ruleId"]}").ToArray());
        JsonNode skipped = Assert.Single(report["skipped"]!.AsArray())!;
        Assert.Equal("Endpoints.cs", (string?)skipped["file"]);
        Assert.Equal(reason, (string?)skipped["reason"]);
    }

    [Fact]
    public async Task Fix_with_define_rewrites_the_branch_it_chooses()
    {
        using var tree = new TempFolder();
        tree.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        tree.Write("App/Endpoints.cs", EndpointsWithBranches);

        ToolResult result = await Tool.RunAsync(tree.Root, "fix", "App", "--define", "DEBUG");

        Assert.Equal(
            EndpointsWithBranches.Replace("https://fhirtest.netsmartcloud.com/uscore/v1", "https://fhirtest.netsmartcloud.com/provider/patient-access/v2/{tenant-id}", StringComparison.Ordinal),
            System.IO.File.ReadAllText(tree.PathOf("App/Endpoints.cs")));
        Assert.Contains("Endpoints.cs: code at (8,1) that '#else' leaves out may hold a finding", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1X")]
    [InlineData("true")]
    [InlineData("A B")]
    public async Task A_define_that_is_no_symbol_is_a_usage_error(string symbol)
    {
        using var tree = new TempFolder();
        tree.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");

        ToolResult result = await Tool.RunAsync(tree.Root, "scan", "App", "--define", symbol);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: --define '{symbol}' is not a preprocessor symbol (a C# identifier other than true and false).", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public async Task A_linked_file_is_analysed_with_its_project_and_a_removed_one_is_not(string prefilter)
    {
        using var tree = new TempFolder();
        tree.Write("All.sln", Solution(("App", @"src\App\App.csproj")));
        tree.Write("src/App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <Compile Include=\"..\\Shared\\Endpoints.cs\" Link=\"Endpoints.cs\" />\n    <Compile Remove=\"Legacy\\**\" />\n  </ItemGroup>\n</Project>\n");
        tree.Write("src/Shared/Endpoints.cs", "namespace Shared;\n\npublic static class Endpoints\n{\n    public const string Base = \"https://fhir.netsmartcloud.com/uscore/v1\";\n}\n");
        tree.Write("src/App/Legacy/Old.cs", "namespace App.Legacy;\n\npublic static class Old\n{\n    public const string Base = \"https://fhir.netsmartcloud.com/uscore/v1/bulk-data\";\n}\n");
        tree.Write("src/App/Client.cs", "namespace App;\n\npublic class Client\n{\n    public int Count;\n}\n");

        ToolResult result = await ScanWithPrefilterAsync(tree.Root, prefilter, "scan", "All.sln", "--format", "json");

        // As the build compiles them: the shared file outside the project's folder is in, the removed Legacy folder is out.
        Assert.Equal(new[] { "src/Shared/Endpoints.cs:5:NSM001" }, result.FindingKeys());
        Assert.Equal(2, (int)JsonNode.Parse(result.Output)!["input"]!["csharpFiles"]!);
    }

    /// <summary>
    /// <c>&lt;Compile Include="..\Shared\**\*.cs" Exclude="..\Shared\Old\**" /&gt;</c>: the files the glob matches outside the
    /// project's folder are compiled, and analysed, with the project (the tool read only single files); an excluded or
    /// removed one is not.
    /// </summary>
    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public async Task A_compile_glob_outside_the_project_brings_its_files_less_the_excluded_ones(string prefilter)
    {
        using var tree = new TempFolder();
        tree.Write("All.sln", Solution(("App", @"src\App\App.csproj")));
        tree.Write("src/App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <Compile Include=\"..\\Shared\\**\\*.cs\" Exclude=\"..\\Shared\\Old\\**\" LinkBase=\"Shared\" />\n    <Compile Remove=\"..\\Shared\\Gen\\*.cs\" />\n  </ItemGroup>\n</Project>\n");
        tree.Write("src/Shared/Endpoints.cs", SharedConstant("Endpoints"));
        tree.Write("src/Shared/Fhir/More.cs", SharedConstant("More"));
        tree.Write("src/Shared/Old/Gone.cs", SharedConstant("Gone"));
        tree.Write("src/Shared/Gen/Made.cs", SharedConstant("Made"));
        tree.Write("src/Shared/notes.txt", "https://fhir.netsmartcloud.com/uscore/v1\n");
        tree.Write("src/App/Client.cs", "namespace App;\n\npublic class Client\n{\n    public int Count;\n}\n");

        ToolResult result = await ScanWithPrefilterAsync(tree.Root, prefilter, "scan", "All.sln", "--format", "json");

        Assert.Equal(new[] { "src/Shared/Endpoints.cs:5:NSM001", "src/Shared/Fhir/More.cs:5:NSM001" }, result.FindingKeys());
        Assert.Equal(3, (int)JsonNode.Parse(result.Output)!["input"]!["csharpFiles"]!);
    }

    /// <summary>
    /// A glob whose folder holds the whole input (<c>..\..\**\*.cs</c>, up to the disk's root) is not walked: it is reported.
    /// </summary>
    [Fact]
    public async Task A_compile_glob_that_reaches_above_the_input_is_reported_and_not_walked()
    {
        using var tree = new TempFolder();
        tree.Write("All.sln", Solution(("App", @"src\App\App.csproj")));
        tree.Write("src/App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <Compile Include=\"..\\..\\..\\**\\*.cs\" />\n  </ItemGroup>\n</Project>\n");
        tree.Write("src/App/Client.cs", "namespace App;\n\npublic class Client\n{\n    public int Count;\n}\n");

        ToolResult result = await Tool.RunAsync(tree.Root, "scan", "All.sln", "--format", "json");

        JsonNode skipped = Assert.Single(JsonNode.Parse(result.Output)!["skipped"]!.AsArray())!;
        Assert.Equal("src/App/App.csproj", (string?)skipped["file"]);
        Assert.StartsWith("<Compile Include=\"../../../**/*.cs\"> reaches '", (string?)skipped["reason"], StringComparison.Ordinal);
        Assert.EndsWith("', a folder that holds the whole input: not followed, its files are not analysed with this project", (string?)skipped["reason"], StringComparison.Ordinal);
        Assert.Equal(1, (int)JsonNode.Parse(result.Output)!["input"]!["csharpFiles"]!);
    }

    /// <summary>
    /// A shared project (<c>.shproj</c>, not in the solution as a C# project) reaches its users through
    /// <c>&lt;Import Project="..\Shared\Shared.projitems" /&gt;</c>, whose items are <c>$(MSBuildThisFileDirectory)Name.cs</c>: its
    /// listed files are analysed with the first project that imports it (they were never analysed in a solution scan), and a
    /// file it does not list is not (as <c>dotnet msbuild -getItem:Compile</c> shows).
    /// </summary>
    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public async Task A_shared_projects_files_are_analysed_with_the_project_that_imports_it(string prefilter)
    {
        using var tree = new TempFolder();
        tree.Write("All.sln", Solution(("App", @"src\App\App.csproj"), ("Tool", @"src\Tool\Tool.csproj")));
        const string Importer = "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <Import Project=\"..\\Shared\\Shared.projitems\" Label=\"Shared\" />\n</Project>\n";
        tree.Write("src/App/App.csproj", Importer);
        tree.Write("src/Tool/Tool.csproj", Importer);
        tree.Write("src/Shared/Shared.projitems", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">\n  <ItemGroup>\n" +
            "    <Compile Include=\"$(MSBuildThisFileDirectory)Endpoints.cs\" />\n    <Compile Include=\"$(MSBuildThisFileDirectory)Fhir\\More.cs\" />\n  </ItemGroup>\n</Project>\n");
        tree.Write("src/Shared/Shared.shproj", "<Project />\n");
        tree.Write("src/Shared/Endpoints.cs", SharedConstant("Endpoints"));
        tree.Write("src/Shared/Fhir/More.cs", SharedConstant("More"));
        tree.Write("src/Shared/Unlisted.cs", SharedConstant("Unlisted"));
        tree.Write("src/App/Client.cs", "namespace App;\n\npublic class Client\n{\n    public string Url => Shared.Endpoints.Base;\n}\n");

        ToolResult result = await ScanWithPrefilterAsync(tree.Root, prefilter, "scan", "All.sln", "--format", "json");

        // Each listed file once (Tool imports it too); Client.cs reads the constant: the shared file binds in App.
        Assert.Equal(new[] { "src/Shared/Endpoints.cs:5:NSM001", "src/Shared/Fhir/More.cs:5:NSM001" }, result.FindingKeys());
        Assert.Equal(3, (int)JsonNode.Parse(result.Output)!["input"]!["csharpFiles"]!);
    }

    /// <summary>
    /// MSBuild evaluates Directory.Build.props before the SDK adds its default Compile items, so a Remove written there
    /// removes nothing (`dotnet msbuild -getItem:Compile` lists the file), and the build compiles and analyses the file; one
    /// written in Directory.Build.targets removes it. The tool applied both.
    /// </summary>
    [Theory]
    [InlineData("Directory.Build.props", "on", true)]
    [InlineData("Directory.Build.props", "off", true)]
    [InlineData("Directory.Build.targets", "on", false)]
    [InlineData("Directory.Build.targets", "off", false)]
    public async Task A_compile_remove_applies_where_msbuild_applies_it(string file, string prefilter, bool compiled)
    {
        using var tree = new TempFolder();
        tree.Write(file, "<Project>\n  <ItemGroup>\n    <Compile Remove=\"Legacy/**\" />\n  </ItemGroup>\n</Project>\n");
        tree.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        tree.Write("App/Legacy/Old.cs", "namespace App.Legacy;\n\npublic static class Old\n{\n    public const string Base = \"https://fhir.netsmartcloud.com/uscore/v1\";\n}\n");
        tree.Write("App/Client.cs", "namespace App;\n\npublic class Client\n{\n    public int Count;\n}\n");

        ToolResult result = await ScanWithPrefilterAsync(tree.Root, prefilter, "scan", "App", "--format", "json");

        Assert.Equal(compiled ? new[] { "Legacy/Old.cs:5:NSM001" } : Array.Empty<string>(), result.FindingKeys());
        Assert.Equal(compiled ? 1 : 0, result.ExitCode);
    }

    /// <summary>
    /// A multi-targeting project removes a folder for one target framework only. The tool evaluates no condition, so it
    /// analyses what some build compiles: a conditional Remove (on the item or its group) is not applied; an unconditional
    /// one is.
    /// </summary>
    [Theory]
    [InlineData("<ItemGroup Condition=\"'$(TargetFramework)' == 'netstandard2.0'\">\n    <Compile Remove=\"Modern/**\" />\n  </ItemGroup>", true)]
    [InlineData("<ItemGroup>\n    <Compile Remove=\"Modern/**\" Condition=\"'$(TargetFramework)' == 'netstandard2.0'\" />\n  </ItemGroup>", true)]
    [InlineData("<ItemGroup>\n    <Compile Remove=\"Modern/**\" />\n  </ItemGroup>", false)]
    public async Task A_conditional_compile_remove_is_not_applied(string itemGroup, bool analysed)
    {
        using var tree = new TempFolder();
        tree.Write("All.sln", Solution(("App", @"src\App\App.csproj")));
        tree.Write("src/App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFrameworks>net8.0;netstandard2.0</TargetFrameworks>\n  </PropertyGroup>\n  " + itemGroup + "\n</Project>\n");
        tree.Write("src/App/Modern/Client.cs", "namespace App;\n\npublic static class Client\n{\n    public const string Base = \"https://fhir.netsmartcloud.com/uscore/v1\";\n}\n");
        tree.Write("src/App/Other.cs", "namespace App;\n\npublic class Other\n{\n    public int Count;\n}\n");

        ToolResult result = await Tool.RunAsync(tree.Root, "scan", "All.sln", "--format", "json");

        Assert.Equal(analysed ? new[] { "src/App/Modern/Client.cs:5:NSM001" } : Array.Empty<string>(), result.FindingKeys());
    }

    /// <summary>
    /// Each project parses with its own unconditional <c>&lt;DefineConstants&gt;</c> (a shared code base built as R4 and as
    /// STU3, a LEGACY switch), as its build does, with the <c>--define</c> symbols added: a v1 URL under <c>#if LEGACY</c> in the
    /// project that defines LEGACY is found and fixed (it was reported as left out, exit code 1, and never rewritten). A
    /// conditional DefineConstants is not evaluated: its code is still reported as left out.
    /// </summary>
    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public async Task A_projects_define_constants_choose_the_code_it_compiles(string prefilter)
    {
        using var tree = new TempFolder();
        tree.Write("All.sln", Solution(("Legacy", @"src\Legacy\Legacy.csproj"), ("Modern", @"src\Modern\Modern.csproj")));
        tree.Write("src/Legacy/Legacy.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <DefineConstants>$(DefineConstants);LEGACY</DefineConstants>\n  </PropertyGroup>\n</Project>\n");
        tree.Write("src/Modern/Modern.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup Condition=\"'$(Configuration)' == 'Debug'\">\n    <DefineConstants>$(DefineConstants);MODERN</DefineConstants>\n  </PropertyGroup>\n</Project>\n");
        const string Client = "namespace {0};\n\npublic static class Client\n{{\n#if {1}\n    public const string Base = \"https://fhir.netsmartcloud.com/uscore/v1\";\n#endif\n}}\n";
        tree.Write("src/Legacy/Client.cs", string.Format(System.Globalization.CultureInfo.InvariantCulture, Client, "Legacy", "LEGACY"));
        tree.Write("src/Modern/Client.cs", string.Format(System.Globalization.CultureInfo.InvariantCulture, Client, "Modern", "MODERN"));

        ToolResult scan = await ScanWithPrefilterAsync(tree.Root, prefilter, "scan", "All.sln", "--format", "json");
        ToolResult withDefine = await ScanWithPrefilterAsync(tree.Root, prefilter, "scan", "All.sln", "--format", "json", "--define", "MODERN");

        Assert.Equal(new[] { "src/Legacy/Client.cs:6:NSM001" }, scan.FindingKeys());
        JsonArray skipped = JsonNode.Parse(scan.Output)!["skipped"]!.AsArray();
        Assert.Equal("src/Modern/Client.cs", (string?)Assert.Single(skipped)!["file"]);
        Assert.Equal("code at (6,1) that '#if MODERN' leaves out may hold a finding: not analysed, never rewritten (symbols defined: none; --define chooses them)", (string?)skipped[0]!["reason"]);
        Assert.Equal(new[] { "src/Legacy/Client.cs:6:NSM001", "src/Modern/Client.cs:6:NSM001" }, withDefine.FindingKeys());
        Assert.Empty(JsonNode.Parse(withDefine.Output)!["skipped"]!.AsArray());

        ToolResult fix = await Tool.RunAsync(tree.Root, "fix", "All.sln");
        Assert.Contains("public const string Base = \"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}\";", tree.Read("src/Legacy/Client.cs"));
        Assert.Contains("public const string Base = \"https://fhir.netsmartcloud.com/uscore/v1\";", tree.Read("src/Modern/Client.cs"));
    }

    [Theory]
    [InlineData("net8.0", "NET;NET8_0;NETCOREAPP;NET5_0_OR_GREATER;NET6_0_OR_GREATER;NET7_0_OR_GREATER;NET8_0_OR_GREATER;NETCOREAPP1_0_OR_GREATER;NETCOREAPP1_1_OR_GREATER;NETCOREAPP2_0_OR_GREATER;NETCOREAPP2_1_OR_GREATER;NETCOREAPP2_2_OR_GREATER;NETCOREAPP3_0_OR_GREATER;NETCOREAPP3_1_OR_GREATER")]
    [InlineData("net10.0-windows10.0.19041.0", "NET;NET10_0;NETCOREAPP;WINDOWS;NET5_0_OR_GREATER;NET6_0_OR_GREATER;NET7_0_OR_GREATER;NET8_0_OR_GREATER;NET9_0_OR_GREATER;NET10_0_OR_GREATER;NETCOREAPP1_0_OR_GREATER;NETCOREAPP1_1_OR_GREATER;NETCOREAPP2_0_OR_GREATER;NETCOREAPP2_1_OR_GREATER;NETCOREAPP2_2_OR_GREATER;NETCOREAPP3_0_OR_GREATER;NETCOREAPP3_1_OR_GREATER")]
    [InlineData("netstandard2.0", "NETSTANDARD;NETSTANDARD2_0;NETSTANDARD1_0_OR_GREATER;NETSTANDARD1_1_OR_GREATER;NETSTANDARD1_2_OR_GREATER;NETSTANDARD1_3_OR_GREATER;NETSTANDARD1_4_OR_GREATER;NETSTANDARD1_5_OR_GREATER;NETSTANDARD1_6_OR_GREATER;NETSTANDARD2_0_OR_GREATER")]
    [InlineData("netcoreapp3.1", "NETCOREAPP;NETCOREAPP3_1;NETCOREAPP1_0_OR_GREATER;NETCOREAPP1_1_OR_GREATER;NETCOREAPP2_0_OR_GREATER;NETCOREAPP2_1_OR_GREATER;NETCOREAPP2_2_OR_GREATER;NETCOREAPP3_0_OR_GREATER;NETCOREAPP3_1_OR_GREATER")]
    [InlineData("net472", "NETFRAMEWORK;NET472;NET20_OR_GREATER;NET30_OR_GREATER;NET35_OR_GREATER;NET40_OR_GREATER;NET45_OR_GREATER;NET451_OR_GREATER;NET452_OR_GREATER;NET46_OR_GREATER;NET461_OR_GREATER;NET462_OR_GREATER;NET47_OR_GREATER;NET471_OR_GREATER;NET472_OR_GREATER")]
    [InlineData("uap10.0", "")]
    [InlineData("net99999999999.0", "")] // a typo: no symbols, never an overflow
    [InlineData("netcoreapp3.1.2", "")]
    public void A_target_framework_gives_the_sdks_symbols(string moniker, string symbols) =>
        Assert.Equal(symbols.Split(';', StringSplitOptions.RemoveEmptyEntries), InputResolver.TargetFrameworkSymbols(moniker));

    /// <summary>
    /// The SDK defines the target framework's symbols in every build: a project for net8.0 compiles <c>#if NET8_0_OR_GREATER</c>
    /// code and leaves out <c>#if NETSTANDARD2_0</c> code, so the tool does (the first of several TargetFrameworks). The
    /// expected symbols are what <c>dotnet msbuild -getProperty:DefineConstants -t:AddImplicitDefineConstants</c> printed for
    /// net8.0, net472 and net10.0-windows (less TRACE, DEBUG and the Windows versions).
    /// </summary>
    [Fact]
    public async Task The_target_frameworks_symbols_choose_the_code_a_build_compiles()
    {
        using var tree = new TempFolder();
        tree.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFrameworks>net8.0;netstandard2.0</TargetFrameworks>\n  </PropertyGroup>\n</Project>\n");
        tree.Write("App/Client.cs", "namespace App;\n\npublic static class Client\n{\n#if NET8_0_OR_GREATER\n    public const string Base = \"https://fhir.netsmartcloud.com/uscore/v1\";\n#endif\n" +
            "#if NETSTANDARD2_0\n    public const string Old = \"https://fhir.netsmartcloud.com/uscore/v1/bulk-data\";\n#endif\n}\n");

        ToolResult scan = await Tool.RunAsync(tree.Root, "scan", "App", "--format", "json");

        Assert.Equal(new[] { "Client.cs:6:NSM001" }, scan.FindingKeys());
        JsonArray skipped = JsonNode.Parse(scan.Output)!["skipped"]!.AsArray();
        Assert.Equal("code at (9,1) that '#if NETSTANDARD2_0' leaves out may hold a finding: not analysed, never rewritten (symbols defined: those of net8.0; --define chooses them)", (string?)Assert.Single(skipped)!["reason"]);

        // The problem names --define's and the project's own symbols, and the framework's as a whole.
        tree.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFrameworks>net8.0;netstandard2.0</TargetFrameworks>\n    <DefineConstants>$(DefineConstants);LEGACY</DefineConstants>\n  </PropertyGroup>\n</Project>\n");
        ToolResult named = await Tool.RunAsync(tree.Root, "scan", "App", "--format", "json", "--define", "STAGING");
        Assert.Equal("code at (9,1) that '#if NETSTANDARD2_0' leaves out may hold a finding: not analysed, never rewritten (symbols defined: STAGING;LEGACY and those of net8.0; --define chooses them)",
            (string?)Assert.Single(JsonNode.Parse(named.Output)!["skipped"]!.AsArray())!["reason"]);
    }

    [Theory]
    [InlineData("Legacy/**", "Legacy/Old.cs", true)]
    [InlineData("Legacy/**", "Legacy/a/b/Old.cs", true)]
    [InlineData("Legacy/**", "LegacyX/Old.cs", false)]
    [InlineData("**/*.Designer.cs", "a/b/Form.Designer.cs", true)]
    [InlineData("**/*.Designer.cs", "Form.Designer.cs", true)]
    [InlineData("*.cs", "a/b.cs", false)]
    [InlineData("Old?.cs", "Old1.cs", true)]
    [InlineData("Old?.cs", "Old12.cs", false)]
    [InlineData("a.b.cs", "aXb.cs", false)]
    public void Compile_remove_globs_match_as_msbuild_matches_them(string glob, string path, bool expected) =>
        Assert.Equal(expected, InputResolver.GlobPattern(glob).IsMatch(path));

    /// <summary>A class of namespace Shared with a Certified v1 constant (NSM001 on line 5).</summary>
    private static string SharedConstant(string type) =>
        $"namespace Shared;\n\npublic static class {type}\n{{\n    public const string Base = \"https://fhir.netsmartcloud.com/uscore/v1\";\n}}\n";

    /// <summary>The tool run in process with the prefilter "on" or "off".</summary>
    private static Task<ToolResult> ScanWithPrefilterAsync(string root, string prefilter, params string[] args) =>
        Tool.RunAsync(root, environment => environment with { Prefilter = new PrefilterOptions { Enabled = prefilter == "on" } }, args);

    /// <summary>A classic .sln listing C# projects (name, path relative to the solution).</summary>
    private static string Solution(params (string Name, string Path)[] projects) =>
        "Microsoft Visual Studio Solution File, Format Version 12.00\n" +
        string.Concat(projects.Select((p, i) =>
            $"Project(\"{{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}}\") = \"{p.Name}\", \"{p.Path}\", \"{{{i + 1:D8}-1111-1111-1111-111111111111}}\"\nEndProject\n")) +
        "Global\nEndGlobal\n";
}

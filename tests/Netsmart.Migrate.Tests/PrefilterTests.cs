using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CsCheck;
using Netsmart.Migrate.Input;
using Netsmart.Migrate.Tests.Infrastructure;

namespace Netsmart.Migrate.Tests;

/// <summary>
/// <c>scan</c> with the source prefilter (the default) against <c>scan</c> over every file (<c>NETSMART_MIGRATE_PREFILTER=off</c>):
/// byte-identical reports (text, JSON, SARIF) and exit codes, on generated projects whose findings depend on other
/// files — constants declared in one file and used in another (qualified, through <c>using static</c>, a global one, in
/// interpolations, <c>string.Concat</c>, <c>new Uri(new Uri(…), …)</c>), a Netsmart host split across the constants of
/// two files, format strings read through a field of another file, partial classes (a tenant field or
/// <c>[GeneratedCode]</c> in the other part), types of other files that decide how a finding binds (the type of a
/// <c>string.Concat</c> argument reached through a field, property, method, parameter or local, its member inherited from
/// a base type in a third file; the qualifier of an inherited constant; a private format-string field used by another
/// member; a type reached through a global alias or an extension method that a namespace import brings) next to a type
/// named only where no finding is, API evidence in another type, a project type named <c>Uri</c>, an
/// assembly-level <c>[SuppressMessage]</c>, a per-folder tenant expression, syntax errors in files left out.
/// Fixed CsCheck seed (<see cref="PropertySample"/>); <c>NETSMART_PROPERTY_COUNT</c> raises the count.
/// </summary>
public sealed class PrefilterTests
{
    private static readonly string[] Formats = { "json", "text", "sarif" };

    [Fact]
    public async Task Generated_projects_give_the_same_reports_with_and_without_the_prefilter()
    {
        int setAside = 0;
        foreach (int seed in PropertySample.Sample(Gen.Int, PropertySample.Count(6)))
        {
            using var tree = new TempFolder();
            string description = GeneratedProject.Write(tree, new Random(seed));
            foreach (string format in Formats)
            {
                (ToolResult full, _) = await RunAsync(prefilter: false, tree.Root, format);
                (ToolResult filtered, int aside) = await RunAsync(prefilter: true, tree.Root, format);
                setAside += aside;
                try
                {
                    AssertSame(full, filtered);
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"project of seed {seed} ({format}):\n{description}\n{e.Message}");
                }
            }
        }

        Assert.True(setAside > 0, "the prefilter set no file aside: the property compares a path with itself");
    }

    /// <summary>
    /// The closure on the generated projects' files, parsing only the files it asks for, keeps what it keeps when every file
    /// is parsed (<see cref="PrefilterScanTests.AssertSameClosure"/>); many more projects than the tool runs above.
    /// </summary>
    [Fact]
    public void Generated_projects_keep_the_same_files_when_the_closure_parses_only_what_it_asks_for()
    {
        int read = 0, total = 0;
        foreach (int seed in PropertySample.Sample(Gen.Int, PropertySample.Count(60)))
        {
            using var tree = new TempFolder();
            string description = GeneratedProject.Write(tree, new Random(seed));
            var texts = System.IO.Directory.EnumerateFiles(tree.Root, "*.cs", System.IO.SearchOption.AllDirectories)
                .OrderBy(p => p, StringComparer.Ordinal).Select(System.IO.File.ReadAllText).ToList();
            try
            {
                PrefilterScanTests.AssertSameClosure(texts, out int asked);
                read += asked;
                total += texts.Count;
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"project of seed {seed}:\n{description}\n{e.Message}");
            }
        }

        Assert.True(read < total, "every file was parsed: the property compares a path with itself");
    }

    [Fact]
    public async Task Files_joined_by_constants_are_kept_and_only_unrelated_files_are_set_aside()
    {
        using var tree = new TempFolder();
        tree.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <ImplicitUsings>enable</ImplicitUsings>\n  </PropertyGroup>\n</Project>\n");
        tree.Write("App/Hosts.cs", "namespace App.Config;\n\npublic static class Hosts\n{\n    public const string Api = \"https://fhir.netsmart\";\n}\n");
        tree.Write("App/Paths.cs", "namespace App.Config;\n\npublic static class Paths\n{\n    public const string Base = Hosts.Api + Suffix.Cloud;\n}\n");
        tree.Write("App/Suffix.cs", "namespace App.Config;\n\npublic static class Suffix\n{\n    public const string Cloud = \"cloud.com/uscore/v1\";\n}\n");
        tree.Write("App/Client.cs", "using App.Config;\n\nnamespace App;\n\npublic class Client\n{\n    public string Patient(string id) => Paths.Base + \"/Patient/\" + id;\n}\n");
        tree.Write("App/Token.cs", "namespace App;\n\npublic class Token\n{\n    public string Url = \"https://oauth.netsmartcloud.com/token\";\n}\n");
        tree.Write("App/Unrelated.cs", "namespace App;\n\npublic class Unrelated\n{\n    public const string Name = \"unrelated\";\n\n    public int Twice(int x) => x * 2;\n}\n");
        tree.Write("App/Other.cs", "namespace App;\n\npublic class Other\n{\n    public int Count;\n}\n");

        (ToolResult full, _) = await RunAsync(prefilter: false, tree.Root, "json");
        (ToolResult filtered, int aside) = await RunAsync(prefilter: true, tree.Root, "json");

        AssertSame(full, filtered);
        Assert.Equal(2, aside); // Unrelated.cs (read for its constant) and Other.cs (not parsed); Client.cs (a user of Paths.Base, whose value holds a Netsmart URL split over two files), Paths.cs, Hosts.cs and Suffix.cs are kept
        JsonNode report = JsonNode.Parse(filtered.Output)!;
        JsonArray findings = report["findings"]!.AsArray();
        Assert.Equal(new[] { "Token.cs:5:NSM003" }, findings.Select(f => $"{f!["file"]}:{f["line"]}:{f["ruleId"]}").ToArray());
        Assert.Equal(7, (int)report["input"]!["csharpFiles"]!);
        Assert.Empty(report["skipped"]!.AsArray());
    }

    [Fact]
    public async Task A_scope_joined_from_a_context_constant_is_found_with_and_without_the_prefilter()
    {
        // No file holds "patient/" or "user/": the scopes are made from a context constant and the rest written after it,
        // or held by another constant. The prefilter keeps the users of the const field (its value may start a scope) that
        // hold a rest, and the file whose const local and rest are written together; a scope named only in a comment makes
        // no finding either way.
        using var tree = new TempFolder();
        tree.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <ImplicitUsings>enable</ImplicitUsings>\n  </PropertyGroup>\n</Project>\n");
        tree.Write("App/Contexts.cs", "namespace App;\n\npublic static class Contexts\n{\n    public const string Patient = \"patient\";\n}\n");
        tree.Write("App/Client.cs", "namespace App;\n\npublic class Client\n{\n    public string Scope() => Contexts.Patient + \"/Observation.read\";\n}\n");
        tree.Write("App/Local.cs", "namespace App;\n\npublic class Local\n{\n    public string Scope()\n    {\n        const string context = \"user\";\n        return $\"{context}/Encounter.write\";\n    }\n}\n");
        tree.Write("App/Comment.cs", "namespace App;\n\n// Asks for patient/Patient.read.\npublic class Comment\n{\n    public int Count;\n}\n");
        tree.Write("App/Other.cs", "namespace App;\n\npublic class Other\n{\n    public string Name = \"user\";\n}\n");
        tree.Write("App/Rests.cs", "namespace App;\n\npublic static class Rests\n{\n    public const string EncounterRead = \"/Encounter.read\";\n}\n");
        tree.Write("App/Joined.cs", "namespace App;\n\npublic class Joined\n{\n    public string Scope() => Contexts.Patient + Rests.EncounterRead;\n}\n");
        tree.Write("App/Label.cs", "namespace App;\n\npublic class Label\n{\n    public string Context() => Contexts.Patient;\n}\n");

        (ToolResult full, _) = await RunAsync(prefilter: false, tree.Root, "json");
        (ToolResult filtered, int aside) = await RunAsync(prefilter: true, tree.Root, "json");

        AssertSame(full, filtered);

        // Other.cs ("user" in no constant) and Label.cs (names the context constant, but holds no rest of a scope, as most
        // users of such a constant); Comment.cs is kept, its text names patient/.
        Assert.Equal(2, aside);
        JsonArray findings = JsonNode.Parse(filtered.Output)!["findings"]!.AsArray();
        Assert.Equal(
            new[] { "Client.cs:5:NSM010", "Joined.cs:5:NSM010", "Local.cs:8:NSM010" },
            findings.Select(f => $"{f!["file"]}:{f["line"]}:{f["ruleId"]}").OrderBy(f => f, StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// The one difference the prefilter makes, by design: a file set aside is parsed only when the closure needs its
    /// declarations, and its syntax errors are not reported either way (it holds no finding, and its declarations bind in no
    /// file that does). A syntax error in a file kept is reported as before; without the prefilter every file is analysed
    /// and reported.
    /// </summary>
    [Fact]
    public async Task A_syntax_error_is_reported_in_the_files_scan_analyses_and_not_in_the_files_it_sets_aside()
    {
        using var tree = new TempFolder();
        tree.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        tree.Write("App/Broken.cs", "namespace App;\n\npublic class Broken\n{\n    public void M(\n}\n");
        tree.Write("App/Limits.cs", "namespace App;\n\npublic static class Limits\n{\n    public const int Max = 3;\n\n    public static void M(\n}\n");

        (ToolResult cleanFull, _) = await RunAsync(prefilter: false, tree.Root, "json");
        (ToolResult clean, int cleanAside) = await RunAsync(prefilter: true, tree.Root, "json");

        Assert.Equal(2, cleanAside);
        Assert.Equal(0, clean.ExitCode); // nothing skipped that could hold a finding: the gate passes
        Assert.Empty(JsonNode.Parse(clean.Output)!["skipped"]!.AsArray());
        Assert.Equal(1, cleanFull.ExitCode);
        Assert.Equal(new[] { "Broken.cs", "Limits.cs" }, Skipped(cleanFull));

        tree.Write("App/Client.cs", "namespace App;\n\npublic class Client\n{\n    public string Url = \"https://fhir.netsmartcloud.com/uscore/v1/Patient\";\n\n    public int Count() => Limits.Max\n}\n");
        (ToolResult full, _) = await RunAsync(prefilter: false, tree.Root, "json");
        (ToolResult filtered, int aside) = await RunAsync(prefilter: true, tree.Root, "json");

        Assert.Equal(1, aside); // Broken.cs; Limits.cs declares a constant Client.cs names
        Assert.Equal(new[] { "Client.cs", "Limits.cs" }, Skipped(filtered));
        Assert.Equal("C# syntax error at (7,37): CS1002 ; expected; analysed as far as it parses, never rewritten",
            (string?)JsonNode.Parse(filtered.Output)!["skipped"]![0]!["reason"]);
        Assert.Equal(new[] { "Broken.cs", "Client.cs", "Limits.cs" }, Skipped(full));
        Assert.Equal(full.FindingKeys(), filtered.FindingKeys());
        Assert.Equal(new[] { "Client.cs:5:NSM001" }, filtered.FindingKeys());

        static string[] Skipped(ToolResult json) => JsonNode.Parse(json.Output)!["skipped"]!.AsArray().Select(s => (string)s!["file"]!).ToArray();
    }

    [Fact]
    public async Task Types_that_decide_how_a_finding_binds_are_kept_and_a_type_named_elsewhere_is_set_aside()
    {
        using var tree = new TempFolder();
        tree.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        tree.Write("App/Holder.cs", "namespace App;\n\npublic class Holder : HolderBase\n{\n}\n");
        tree.Write("App/HolderBase.cs", "namespace App;\n\npublic class HolderBase\n{\n    public string Id = \"x\";\n}\n");
        tree.Write("App/Tally.cs", "namespace App;\n\npublic class Tally\n{\n    public int Next() => 1;\n}\n");
        tree.Write("App/Service.cs", "namespace App;\n\npublic class Service\n{\n    public Holder Current { get; } = new();\n}\n");
        tree.Write("App/Client.cs", "namespace App;\n\npublic class Client\n{\n    private readonly Service _service = new();\n\n" +
            "    public string Get() => string.Concat(\"https://fhir.netsmartcloud.com/\", \"uscore/v1/Patient/\", _service.Current.Id);\n\n" +
            "    public int Count() => new Tally().Next();\n}\n");

        (ToolResult full, _) = await RunAsync(prefilter: false, tree.Root, "json");
        (ToolResult filtered, int aside) = await RunAsync(prefilter: true, tree.Root, "json");

        AssertSame(full, filtered);

        // string.Concat binds (System.String.Concat, read as one value) only with the field's type, its member's type and
        // the base type that declares Id: Service.cs (the field's type), Holder.cs (the type of Service.Current) and
        // HolderBase.cs (Holder's base), the last two named in no file with findings, are kept; Tally.cs, named only in a
        // member without findings, is set aside.
        Assert.Equal(1, aside);
        Assert.Equal(new[] { "Client.cs:7:NSM001" }, filtered.FindingKeys());
    }

    /// <summary>
    /// Declarations that a file with findings reaches without writing the declaring type's name: an extension method through a
    /// namespace import (also a generic one on a string receiver), a global alias, a global <c>using static</c>, a record's
    /// positional property, an indexer, a custom enumerator's <c>Current</c>, <c>Deconstruct</c>. Without the
    /// file that declares it, the argument has no type, <c>string.Concat</c> does not bind to System.String.Concat and the
    /// finding is lost (exit code 0 instead of 1 before this was kept).
    /// </summary>
    [Theory]
    [InlineData("extension method",
        "ServiceExtensions.cs", "namespace App.Model.Extensions;\n\npublic static class ServiceExtensions\n{\n    public static string Key(this App.Model.Service service) => \"k\";\n}\n",
        "using App.Model;\nusing App.Model.Extensions;\n\nnamespace App;\n\npublic class Client\n{\n    private readonly Service _service = new();\n\n    public string Get() => string.Concat(\"https://fhir.netsmartcloud.com/\", \"uscore/v1/Patient/\", _service.Key());\n}\n",
        10)]
    [InlineData("generic extension method on a string",
        "TextExtensions.cs", "namespace App.Ext;\n\npublic static class TextExtensions\n{\n    public static string Trimmed<T>(this T value) where T : class => \"k\";\n}\n",
        "using App.Ext;\n\nnamespace App;\n\npublic class Client\n{\n    public string Get(string id) => string.Concat(\"https://fhir.netsmartcloud.com/\", \"uscore/v1/Patient/\", id.Trimmed());\n}\n",
        7)]
    [InlineData("C# 14 extension block",
        "ServiceExtensions.cs", "namespace App.Model.Extensions;\n\npublic static class ServiceExtensions\n{\n    extension(App.Model.Service service)\n    {\n        public string Key => \"k\";\n    }\n}\n",
        "using App.Model;\nusing App.Model.Extensions;\n\nnamespace App;\n\npublic class Client\n{\n    private readonly Service _service = new();\n\n    public string Get() => string.Concat(\"https://fhir.netsmartcloud.com/\", \"uscore/v1/Patient/\", _service.Key);\n}\n",
        10)]
    [InlineData("global alias",
        "GlobalUsings.cs", "global using H = App.Model.Holder;\n",
        "namespace App;\n\npublic class Client\n{\n    public string Get() => string.Concat(\"https://fhir.netsmartcloud.com/\", \"uscore/v1/Patient/\", H.Id);\n}\n",
        5)]
    [InlineData("global using static",
        "GlobalUsings.cs", "global using static App.Model.Holder;\n",
        "namespace App;\n\npublic class Client\n{\n    public string Get() => string.Concat(\"https://fhir.netsmartcloud.com/\", \"uscore/v1/Patient/\", Id);\n}\n",
        5)]
    [InlineData("record positional property",
        "Service.cs", "namespace App.Model;\n\npublic record Service(Holder Current);\n",
        "using App.Model;\n\nnamespace App;\n\npublic class Client\n{\n    private readonly Service _service = new(null!);\n\n    public string Get() => string.Concat(\"https://fhir.netsmartcloud.com/\", \"uscore/v1/Patient/\", _service.Current.Name);\n}\n",
        9)]
    [InlineData("indexer",
        "Service.cs", "namespace App.Model;\n\npublic class Service\n{\n    public Holder this[string key] => new();\n}\n",
        "using App.Model;\n\nnamespace App;\n\npublic class Client\n{\n    private readonly Service _service = new();\n\n    public string Get() => string.Concat(\"https://fhir.netsmartcloud.com/\", \"uscore/v1/Patient/\", _service[\"k\"].Name);\n}\n",
        9)]
    [InlineData("foreach over a custom enumerator",
        "Service.cs", "namespace App.Model;\n\npublic class Service\n{\n    public Enumerator GetEnumerator() => new();\n\n    public struct Enumerator\n    {\n        public Holder Current => new();\n\n        public bool MoveNext() => false;\n    }\n}\n",
        "using App.Model;\n\nnamespace App;\n\npublic class Client\n{\n    private readonly Service _service = new();\n\n    public string Get()\n    {\n        foreach (var h in _service)\n        {\n            return string.Concat(\"https://fhir.netsmartcloud.com/\", \"uscore/v1/Patient/\", h.Name);\n        }\n\n        return string.Empty;\n    }\n}\n",
        13)]
    [InlineData("deconstruction",
        "Service.cs", "namespace App.Model;\n\npublic class Service\n{\n    public void Deconstruct(out Holder first, out int count)\n    {\n        first = new();\n        count = 0;\n    }\n}\n",
        "using App.Model;\n\nnamespace App;\n\npublic class Client\n{\n    private readonly Service _service = new();\n\n    public string Get()\n    {\n        var (h, _) = _service;\n        return string.Concat(\"https://fhir.netsmartcloud.com/\", \"uscore/v1/Patient/\", h.Name);\n    }\n}\n",
        12)]
    public async Task Declarations_reached_without_their_type_name_are_kept(string shape, string path, string declaration, string client, int line)
    {
        using var tree = new TempFolder();
        tree.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        tree.Write("App/Service.cs", "namespace App.Model;\n\npublic class Service\n{\n    public int Count;\n}\n");
        tree.Write("App/Holder.cs", "namespace App.Model;\n\npublic class Holder\n{\n    public static string Id = \"x\";\n\n    public string Name = \"n\";\n}\n");
        tree.Write("App/Tally.cs", "namespace App.Model;\n\npublic class Tally\n{\n    public int Next() => 1;\n}\n");
        tree.Write("App/" + path, declaration);
        tree.Write("App/Client.cs", client);

        ToolResult json = await AssertSameOnBothPathsAsync(tree.Root, aside => Assert.True(aside >= 1, $"{shape}: Tally.cs, named nowhere, is set aside"));
        Assert.Equal(1, json.ExitCode);
        Assert.Equal(new[] { $"Client.cs:{line}:NSM001" }, json.FindingKeys());
    }

    /// <summary>
    /// <c>&lt;Using Include="…" Alias="H" /&gt;</c> and <c>Static="true"</c> in the project file: the tool writes them as the
    /// SDK does (it wrote <c>global using global::App.Model.Holder;</c>, a compile error, and both findings were lost on
    /// both paths), and the prefilter keeps the files they name.
    /// </summary>
    [Fact]
    public async Task Using_items_of_the_project_file_bind_in_every_file_and_keep_their_types()
    {
        using var tree = new TempFolder();
        tree.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <Using Include=\"App.Model.Holder\" Alias=\"H\" />\n    <Using Include=\"App.Model.Keys\" Static=\"true\" />\n  </ItemGroup>\n</Project>\n");
        tree.Write("App/Holder.cs", "namespace App.Model;\n\npublic class Holder\n{\n    public static string Id = \"x\";\n}\n");
        tree.Write("App/Keys.cs", "namespace App.Model;\n\npublic static class Keys\n{\n    public static string Key() => \"k\";\n}\n");
        tree.Write("App/Tally.cs", "namespace App.Model;\n\npublic class Tally\n{\n    public int Next() => 1;\n}\n");
        tree.Write("App/Client.cs", "namespace App;\n\npublic class Client\n{\n" +
            "    public string Get() => string.Concat(\"https://fhir.netsmartcloud.com/\", \"uscore/v1/Patient/\", H.Id);\n\n" +
            "    public string Other() => string.Concat(\"https://fhir.netsmartcloud.com/\", \"uscore/v1/Observation/\", Key());\n}\n");

        ToolResult json = await AssertSameOnBothPathsAsync(tree.Root, aside => Assert.Equal(1, aside)); // Tally.cs
        Assert.Equal(new[] { "Client.cs:5:NSM001", "Client.cs:7:NSM001" }, json.FindingKeys());
    }

    [Fact]
    public async Task A_tenant_expression_of_a_folder_with_no_finding_still_reaches_the_checklist()
    {
        using var tree = new TempFolder();
        tree.Write(".editorconfig", "root = true\n\n[App/Legacy/*.cs]\nnetsmart.tenant_id_expression = Settings.Current.Tenant\n");
        tree.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        tree.Write("App/Client.cs", "namespace App;\n\npublic class Client\n{\n    public string Url = \"https://fhir.netsmartcloud.com/uscore/v1/Patient\";\n}\n");
        tree.Write("App/Legacy/Old.cs", "namespace App.Legacy;\n\npublic class Old\n{\n    public int Count;\n}\n");

        (ToolResult full, _) = await RunAsync(prefilter: false, tree.Root, "markdown");
        (ToolResult filtered, int aside) = await RunAsync(prefilter: true, tree.Root, "markdown");

        Assert.Equal(1, aside);
        AssertSame(full, filtered);
        Assert.Contains("Settings.Current.Tenant", filtered.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The project's <c>NetsmartTenantIdExpression</c> (or <c>--tenant-expression</c>) reaches the checklist from the files set
    /// aside too; with no .editorconfig naming the key it is asked of one file per project, not of each.
    /// </summary>
    [Theory]
    [InlineData("<PropertyGroup>\n    <NetsmartTenantIdExpression>Settings.Current.Tenant</NetsmartTenantIdExpression>\n  </PropertyGroup>", null)]
    [InlineData("", "Settings.Current.Tenant")]
    public async Task A_tenant_expression_of_the_project_reaches_the_checklist_from_files_set_aside(string property, string? option)
    {
        using var tree = new TempFolder();
        tree.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  " + property + "\n</Project>\n");
        tree.Write("App/Client.cs", "namespace App;\n\npublic class Client\n{\n    public int Count;\n}\n");
        tree.Write("App/Other.cs", "namespace App;\n\npublic class Other\n{\n    public int Total;\n}\n");
        string[] extra = option is null ? Array.Empty<string>() : new[] { "--tenant-expression", option };

        (ToolResult full, _) = await RunAsync(prefilter: false, tree.Root, "text", extra);
        (ToolResult filtered, int aside) = await RunAsync(prefilter: true, tree.Root, "text", extra);

        Assert.Equal(2, aside);
        AssertSame(full, filtered);
        Assert.Contains("tenant expression 'Settings.Current.Tenant'", filtered.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_html_report_analyses_every_file()
    {
        using var tree = new TempFolder();
        tree.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        tree.Write("App/Client.cs", "namespace App;\n\npublic class Client\n{\n    public string Url = \"https://fhir.netsmartcloud.com/uscore/v1/Patient\";\n}\n");
        tree.Write("App/Other.cs", "namespace App;\n\npublic class Other\n{\n    public int Count;\n}\n");

        (_, int aside) = await RunAsync(prefilter: true, tree.Root, "html");

        Assert.Equal(0, aside);
    }

    [Theory]
    [InlineData("const string X = \"https://fhir.netsmartcloud.com/uscore/v1\";", true)]
    [InlineData("const string X = \"patient/*.read\";", true)]
    [InlineData("const string X = \"/uscore/v1/Patient\";", true)]
    [InlineData("const string X = \"\\u006Eetsmartcloud\";", true)]
    [InlineData("const string X = \"/api/items\";", false)]
    [InlineData("int x = 1; // NetsmartCloud in a comment", true)]
    [InlineData("const string c = \"patient\"; return c + \"/Observation.read\";", true)] // a context constant and its rest
    [InlineData("const string c = \"user\"; return $\"{c}%2FPatient.write\";", true)]
    [InlineData("const string c = \"user\"; return c + \"/api\";", false)]                // no resource type after the slash
    [InlineData("return \"/Observation.read\";", false)]                                  // the rest alone
    public void A_file_may_hold_a_finding_when_its_text_passes_the_knowledge_cores_tests(string text, bool expected) =>
        Assert.Equal(expected, SourcePrefilter.MayHoldFinding(text));

    [Theory]
    [InlineData("var s = \"client_credentials\";", true)]
    [InlineData("[assembly: SuppressMessage(\"x\", \"NSM001\")]", true)]
    [InlineData("global   using static App.K;", true)]
    [InlineData("extern alias Old;", true)]
    [InlineData("private string tenantId;", true)]
    [InlineData("var s = \"/metadata\";", true)]
    [InlineData("// a global variable, using nothing", false)]
    [InlineData("public int Count;", false)]
    public void A_file_holds_context_when_its_text_is_read_across_files(string text, bool expected) =>
        Assert.Equal(expected, SourcePrefilter.HasContext(text));

    [Theory]
    [InlineData("K.Host + \"/x\"", "Host")]
    [InlineData("var x = @Host;", "Host")]
    [InlineData("Ho\u200Bst + 1", "Host")]
    [InlineData("Caf\u00E9", "Caf\u00E9")]
    [InlineData("a_b1 + c", "a_b1")]
    public void Words_are_names_as_the_compiler_reads_them(string text, string name) =>
        Assert.Contains(SourcePrefilter.Hash(name), SourcePrefilter.WordHashes(text));

    [Fact]
    public void A_number_is_no_word() =>
        Assert.DoesNotContain(SourcePrefilter.Hash("L"), SourcePrefilter.WordHashes("var x = 10L + 0x1F;"));

    private static async Task<(ToolResult Result, int SetAside)> RunAsync(bool prefilter, string root, string format, params string[] extra)
    {
        int aside = 0;
        var options = new PrefilterOptions { Enabled = prefilter, FilesSetAside = files => Interlocked.Add(ref aside, files) };
        ToolResult result = await Tool.RunAsync(root, environment => environment with { Prefilter = options }, new[] { "scan", "App", "--format", format, "--fail-on", "info" }.Concat(extra).ToArray());
        return (result, aside);
    }

    /// <summary>
    /// Runs both paths in every format, requires the same exit code, error and report, checks the number of files set aside
    /// with <paramref name="checkAside"/>, and returns the prefilter's JSON run.
    /// </summary>
    private static async Task<ToolResult> AssertSameOnBothPathsAsync(string root, Action<int> checkAside)
    {
        ToolResult? json = null;
        foreach (string format in Formats)
        {
            (ToolResult full, _) = await RunAsync(prefilter: false, root, format);
            (ToolResult filtered, int aside) = await RunAsync(prefilter: true, root, format);

            AssertSame(full, filtered);
            checkAside(aside);
            json = format == "json" ? filtered : json;
        }

        return json!;
    }

    private static void AssertSame(ToolResult full, ToolResult filtered)
    {
        Assert.Equal(full.ExitCode, filtered.ExitCode);
        Assert.Equal(full.Error, filtered.Error);
        Assert.Equal(full.Output, filtered.Output);
    }

    /// <summary>A project of random files whose findings depend on one another.</summary>
    private static class GeneratedProject
    {
        private static readonly string[] Values =
        {
            "\"https://fhir.netsmartcloud.com/uscore/v1\"",
            "\"https://fhir.netsmart\" + \"cloud.com/uscore/v1\"",
            "\"https://fhir.netsmart\"",
            "\"cloud.com/uscore/v1\"",
            "\"patient/Observation.read\"",
            "\"system/Patient.read launch/patient\"",
            "\"/api/items\"",
            "\"hello\"",
            "\"https://oauth.netsmartcloud.com/token\"",
            "\"https://fhir.netsmartcloud.com/v4\"",
            "\"client_credentials\"",
            "\"uscore\"",
            "\"uscore/\" + \"v1\"",
            "\"provider/patient-access\"",
        };

        public static string Write(TempFolder tree, Random random)
        {
            var log = new StringBuilder();
            bool implicitUsings = random.Next(2) == 0;
            tree.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <ImplicitUsings>" + (implicitUsings ? "enable" : "disable") + "</ImplicitUsings>\n  </PropertyGroup>\n</Project>\n");
            if (random.Next(3) == 0)
            {
                tree.Write(".editorconfig", "root = true\n\n[App/Noise/*.cs]\nnetsmart.tenant_id_expression = Settings.Current.Tenant\n");
            }

            if (random.Next(3) == 0)
            {
                tree.Write("App/appsettings.json", "{ \"Fhir\": { \"BaseUrl\": \"https://fhir.netsmartcloud.com/uscore/v1\", \"Scope\": \"patient/*.read\" } }\n");
            }

            // Constant holders: each constant is a literal or built from the constants of earlier holders.
            var constants = new List<string>(); // "K0.A"
            int holders = random.Next(2, 5);
            for (int h = 0; h < holders; h++)
            {
                var body = new StringBuilder();
                int count = random.Next(1, 4);
                for (int c = 0; c < count; c++)
                {
                    string name = ((char)('A' + c)).ToString();
                    string value = constants.Count > 0 && random.Next(3) == 0
                        ? random.Next(3) switch
                        {
                            0 => Pick(random, constants) + " + \"/Patient\"",
                            1 => Pick(random, constants) + " + " + Pick(random, constants),
                            _ => "$\"{" + Pick(random, constants) + "}/Observation\"",
                        }
                        : Values[random.Next(Values.Length)];
                    if (constants.Count > 0 && random.Next(6) == 0)
                    {
                        string other = Pick(random, constants);
                        name = other[(other.IndexOf('.') + 1)..]; // the same name as another holder's constant
                        value = other;
                    }

                    if (!constants.Contains($"K{h}.{name}"))
                    {
                        body.Append($"    public const string {name} = {value};\n");
                        constants.Add($"K{h}.{name}");
                    }
                }

                if (random.Next(4) == 0)
                {
                    body.Append("    public const int Port = 443;\n");
                }

                Write(tree, log, $"App/Constants/K{h}.cs", $"namespace App.Constants;\n\npublic static class K{h}\n{{\n{body}}}\n");
            }

            // A format string in a field of its own file.
            if (random.Next(2) == 0)
            {
                Write(tree, log, "App/Formats.cs", "namespace App;\n\npublic static class Formats\n{\n    public static readonly string Patient = \"https://fhir.netsmartcloud.com/uscore/v1/Patient/{0}\";\n}\n");
            }

            // Users of the constants: qualified, through using static, a global using static, interpolated, string.Concat, new Uri.
            bool globalStatic = random.Next(4) == 0;
            if (globalStatic)
            {
                Write(tree, log, "App/Usings.cs", "global using static App.Constants.K0;\n");
            }

            int users = random.Next(1, 4);
            for (int u = 0; u < users; u++)
            {
                var body = new StringBuilder();
                string holder = $"K{random.Next(holders)}";
                bool usingStatic = random.Next(3) == 0;
                int members = random.Next(1, 4);
                for (int m = 0; m < members; m++)
                {
                    string constant = Pick(random, constants);
                    string reference = usingStatic && constant.StartsWith(holder + ".", StringComparison.Ordinal) ? constant[(holder.Length + 1)..]
                        : globalStatic && constant.StartsWith("K0.", StringComparison.Ordinal) && random.Next(2) == 0 ? constant[3..]
                        : constant;
                    string expression = random.Next(9) switch
                    {
                        7 => "\"https://fhir.netsmartcloud.com/\" + " + reference + " + \"/v1/Patient/\" + id",
                        8 => "$\"https://fhir.netsmartcloud.com/{" + reference + "}/v2/Patient/{id}\"",
                        0 => reference + " + \"/Patient/\" + id",
                        1 => "string.Concat(" + reference + ", \"/Patient/\", id)",
                        2 => "new System.Uri(new System.Uri(" + reference + "), \"uscore/v1/Patient\").ToString()",
                        3 => "$\"{" + reference + "}/Patient/{id}\"",
                        4 => System.IO.File.Exists(tree.PathOf("App/Formats.cs")) ? "string.Format(Formats.Patient, id)" : reference,
                        5 => "new Uri(new Uri(" + reference + "), \"Patient\").ToString()",
                        _ => reference,
                    };
                    body.Append($"    public string M{m}(string id) => {expression};\n");
                }

                string usings = "using System;\nusing App.Constants;\n" + (usingStatic ? $"using static App.Constants.{holder};\n" : string.Empty);
                Write(tree, log, $"App/Users/U{u}.cs", $"{usings}\nnamespace App;\n\npublic class U{u}\n{{\n{body}}}\n");
            }

            // A project type named Uri: new Uri(...) in namespace App binds to it.
            if (random.Next(2) == 0)
            {
                Write(tree, log, "App/Resolve.cs", "using System;\n\nnamespace App;\n\npublic class Resolve\n{\n    public object Get() => new Uri(new Uri(\"https://fhir.netsmartcloud.com/\"), \"uscore/v1/Patient\");\n}\n");
            }

            if (random.Next(2) == 0)
            {
                Write(tree, log, "App/Model/Uri.cs", "namespace App;\n\npublic class Uri\n{\n    public Uri(string value) { }\n\n    public Uri(Uri baseUri, string relative) { }\n}\n");
            }

            // A partial class: the tenant field or [GeneratedCode] in one part, the URL in the other.
            if (random.Next(2) == 0)
            {
                string attribute = random.Next(3) == 0 ? "[System.CodeDom.Compiler.GeneratedCode(\"gen\", \"1.0\")]\n" : string.Empty;
                string tenant = random.Next(2) == 0 ? "    private readonly string tenantId = \"t1\";\n" : "    private readonly int count = 1;\n";
                Write(tree, log, "App/Partial/PartA.cs", $"namespace App;\n\n{attribute}public partial class P\n{{\n{tenant}}}\n");
                Write(tree, log, "App/Partial/PartB.cs", "namespace App;\n\npublic partial class P\n{\n    public string Get() => \"https://fhir.netsmartcloud.com/uscore/v1/Patient\";\n\n    public string Scope() => \"patient/Patient.read\";\n}\n");
            }

            // Types of other files that decide how a finding binds: the type of an argument of string.Concat (reached through a
            // field, a property, a method's return type, a parameter or a local; its member declared there or inherited from
            // a base type in a third file), the qualifier of an inherited constant, and a private format-string field used
            // by another member. A type named only in a member without findings decides nothing.
            WriteBoundTypes(tree, log, random);

            // API evidence in another type of the same file, and in another file.
            if (random.Next(2) == 0)
            {
                Write(tree, log, "App/Evidence/Backend.cs", "namespace App;\n\npublic class Backend\n{\n    public string Grant = \"client_credentials\";\n}\n\npublic class Scopes\n{\n    public string S = \"system/Observation.read\";\n}\n");
                Write(tree, log, "App/Evidence/Ccd.cs", "namespace App;\n\npublic class Ccd\n{\n    public string Scope = \"CCD\";\n\n    public string Clinical = \"patient/Observation.read\";\n}\n");
            }

            if (random.Next(4) == 0)
            {
                Write(tree, log, "App/Suppressions.cs", "[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage(\"Netsmart\", \"NSM010\")]\n");
            }

            // Files with nothing to find (read for a constant, or not parsed at all), some in the folder with a tenant
            // expression, and broken files with a finding (kept, and their syntax errors reported, on both paths; those of a
            // file set aside are not: A_syntax_error_is_reported_in_the_files_scan_analyses_and_not_in_the_files_it_sets_aside).
            int noise = random.Next(1, 5);
            for (int i = 0; i < noise; i++)
            {
                string text = random.Next(4) switch
                {
                    0 => $"namespace App.Noise;\n\npublic class Broken{i}\n{{\n    public string U = \"https://fhir.netsmartcloud.com/uscore/v1/Patient\";\n\n    public void M(\n}}\n",
                    1 => $"namespace App.Noise;\n\npublic class N{i}\n{{\n    public int Add(int a, int b) => a + b;\n}}\n",
                    _ => $"namespace App.Noise;\n\npublic class N{i}\n{{\n    public const string Name = \"n{i}\";\n\n    public int Add(int a, int b) => a + b;\n}}\n",
                };
                Write(tree, log, $"App/Noise/N{i}.cs", text);
            }

            return log.ToString();
        }

        private static void WriteBoundTypes(TempFolder tree, StringBuilder log, Random random)
        {
            bool inherited = random.Next(2) == 0;
            Write(tree, log, "App/Model/Holder.cs", inherited
                ? "namespace App.Model;\n\npublic class Holder : HolderBase\n{\n}\n"
                : "namespace App.Model;\n\npublic class Holder\n{\n    public string Id = \"x\";\n}\n");
            if (inherited)
            {
                Write(tree, log, "App/Model/HolderBase.cs", "namespace App.Model;\n\npublic class HolderBase\n{\n    public string Id = \"x\";\n}\n");
            }

            Write(tree, log, "App/Model/Tally.cs", "namespace App.Model;\n\npublic class Tally\n{\n    public int Next() => 1;\n}\n");
            if (random.Next(3) == 0)
            {
                // Holder reached through a member of another file's type only: its name is written in no file with findings.
                Write(tree, log, "App/Model/Service.cs", "namespace App.Model;\n\npublic class Service\n{\n    public Holder Current { get; } = new();\n}\n");
            }

            bool service = System.IO.File.Exists(tree.PathOf("App/Model/Service.cs"));
            (string declaration, string parameter, string holder) = service ? ("    private readonly Service _service = new();\n\n", string.Empty, "_service.Current") : random.Next(6) switch
            {
                0 => ("    private readonly Holder _holder = new();\n\n", string.Empty, "_holder"),
                1 => ("    public Holder Current { get; } = new();\n\n", string.Empty, "Current"),
                2 => ("    private static Holder Make() => new();\n\n", string.Empty, "Make()"),
                3 => (string.Empty, "Holder holder", "holder"),
                4 => (string.Empty, string.Empty, "new HolderAlias()"),
                _ => (string.Empty, string.Empty, "new Holder()"),
            };
            if (holder == "new HolderAlias()")
            {
                // Holder through a global alias declared in another file: no file with findings writes its name.
                Write(tree, log, "App/Aliases.cs", "global using HolderAlias = App.Model.Holder;\n");
            }

            // Id read as a member, or through an extension method that a namespace import brings (its type named nowhere).
            bool extension = random.Next(3) == 0;
            string id = extension ? "IdOf()" : "Id";
            if (extension)
            {
                Write(tree, log, "App/Model/Extensions/HolderExtensions.cs", "namespace App.Model.Extensions;\n\npublic static class HolderExtensions\n{\n    public static string IdOf(this App.Model.Holder holder) => holder.Id;\n}\n");
            }

            string value = random.Next(3) switch
            {
                0 => $"string.Concat(\"https://fhir.netsmartcloud.com/\", \"uscore/v1/Patient/\", {holder}.{id})",
                1 => $"string.Concat(\"https://fhir.netsmartcloud.com/uscore/v1/Patient/\", {holder}.{id})",
                _ => $"\"https://fhir.netsmartcloud.com/uscore/v1/Patient/\" + {holder}.{id}",
            };
            var body = new StringBuilder(declaration);
            body.Append($"    public string Get({parameter}) => {value};\n\n");
            body.Append("    public int Count() => new Tally().Next();\n");
            if (random.Next(2) == 0)
            {
                // A format string in a private field, used by another member with an argument of another file's type.
                body.Append("\n    private static readonly string Template = \"https://fhir.netsmartcloud.com/provider/patient-access/v2/Patient/{0}\";\n\n");
                body.Append("    public string Format(Holder other) => string.Format(Template, other.Id);\n");
            }

            string imports = extension ? "using App.Model;\nusing App.Model.Extensions;\n" : "using App.Model;\n";
            Write(tree, log, "App/Bound/Client.cs", $"{imports}\nnamespace App.Bound;\n\npublic class Client\n{{\n{body}}}\n");
            if (random.Next(2) == 0)
            {
                // A constant read through a type that inherits it: the qualifier's file and its base's.
                Write(tree, log, "App/Model/HostBase.cs", "namespace App.Model;\n\npublic class HostBase\n{\n    public const string Api = \"https://fhir.netsmartcloud.com\";\n}\n");
                Write(tree, log, "App/Model/Hosts.cs", "namespace App.Model;\n\npublic class Hosts : HostBase\n{\n}\n");
                Write(tree, log, "App/Bound/Inherited.cs", "using App.Model;\n\nnamespace App.Bound;\n\npublic class Inherited\n{\n    public string Get(string id) => Hosts.Api + \"/uscore/v1/Patient/\" + id;\n}\n");
            }
        }

        private static string Pick(Random random, List<string> items) => items[random.Next(items.Count)];

        private static void Write(TempFolder tree, StringBuilder log, string path, string text)
        {
            tree.Write(path, text);
            log.Append("--- ").Append(path).Append('\n').Append(text);
        }
    }
}

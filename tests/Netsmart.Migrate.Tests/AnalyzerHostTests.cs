using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Netsmart.Migrate.Analysis;
using Netsmart.Migrate.Analysis.Host;
using Netsmart.Migrate.Tests.Infrastructure;

namespace Netsmart.Migrate.Tests;

/// <summary>
/// The light analyzer host (default) against Roslyn's analyzer driver (<c>NETSMART_MIGRATE_HOST=driver</c>): the same
/// findings — ids, locations, messages, severities, fixability — and the same reports, on the LegacyClient sample and
/// on a fixture built to hit every filter the driver applies (pragmas, .editorconfig severities, bulk severities,
/// generated code by name, header, option and attribute, [SuppressMessage] local and global, #line hidden, syntax
/// errors, top-level statements, primary constructors, multi-variable fields, attributes, JSON).
/// </summary>
public sealed class AnalyzerHostTests
{
    private const string V1 = "https://fhir.netsmartcloud.com/uscore/v1";
    private const string Bulk = "https://fhir.netsmartcloud.com/uscore/v1/bulk-data";
    private const string Token = "https://oauth.netsmartcloud.com/token";

    [Theory]
    [InlineData("json")]
    [InlineData("text")]
    public async Task Both_hosts_report_the_same_on_the_LegacyClient_sample(string format)
    {
        using var tree = new TempFolder();
        tree.CopyFromRepository("samples/LegacyClient", "LegacyClient");

        (ToolResult light, ToolResult driver, _) = await RunBothAsync(tree.Root, "scan", "LegacyClient", "--format", format, "--fail-on", "info");

        Assert.Equal(1, light.ExitCode);
        Assert.Equal(20, format == "json" ? JsonNode.Parse(light.Output)!["findings"]!.AsArray().Count : 20);
        AssertSameReport(driver, light);
    }

    [Fact]
    public async Task Both_hosts_report_the_same_where_the_light_host_filters_alone()
    {
        using var tree = new TempFolder();
        WriteFilterFixture(tree, withDriverOnlyCases: false);

        (ToolResult light, ToolResult driver, int fallbacks) = await RunBothAsync(tree.Root, "scan", "App", "--format", "json", "--fail-on", "info");

        AssertSameReport(driver, light);
        Assert.Equal(0, fallbacks); // pragmas, severities and generated code were all the light host's own work

        // The fixture does exercise the filters (the driver's report is the reference; these only guard the fixture).
        JsonArray findings = JsonNode.Parse(light.Output)!["findings"]!.AsArray();
        string[] files = findings.Select(f => (string)f!["file"]!).ToArray();
        Assert.Contains("Generated/NotGenerated.g.cs", files);
        Assert.Contains("Generated/LateHeader.cs", files);
        Assert.DoesNotContain("Generated/Client.g.cs", files);
        Assert.DoesNotContain("Generated/Form.Designer.cs", files);
        Assert.DoesNotContain("Generated/Header.cs", files);
        Assert.DoesNotContain("Generated/BlockHeader.cs", files);
        Assert.DoesNotContain("Generated/MarkedByOption.cs", files);
        Assert.Equal(8, findings.Count(f => (string?)f!["file"] == "Pragmas.cs"));
        Assert.DoesNotContain(findings, f => (string?)f!["file"] == "Severity/Levels.cs" && (string?)f["ruleId"] == "NSM010");
        Assert.Contains(findings, f => (string?)f!["file"] == "Severity/Levels.cs" && (string?)f["ruleId"] == "NSM003" && (string?)f["severity"] == "warning");
        Assert.Contains(findings, f => (string?)f!["file"] == "Severity/Levels.cs" && (string?)f["ruleId"] == "NSM001" && (string?)f["severity"] == "error");
        Assert.Contains(findings, f => (string?)f!["file"] == "Bulk/All.cs" && (string?)f["ruleId"] == "NSM002" && (string?)f["severity"] == "info");
        Assert.Contains(findings, f => (string?)f!["file"] == "Bulk/All.cs" && (string?)f["ruleId"] == "NSM010" && (string?)f["severity"] == "error");
        Assert.DoesNotContain(findings, f => (string?)f!["file"] == "Category/ByCategory.cs" && (string?)f["ruleId"] == "NSM002");
        Assert.Equal(
            new[] { "7:NSM001", "9:NSM001", "11:NSM002" },
            findings.Where(f => (string?)f!["file"] == "Split.cs").OrderBy(f => (int)f!["line"]!).Select(f => (int)f!["line"]! + ":" + (string?)f!["ruleId"]).ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Only_the_JSON_files_that_may_hold_a_finding_go_to_the_driver(bool useDriver)
    {
        using var tree = new TempFolder();
        tree.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        tree.Write("App/Program.cs", "namespace App;\n\npublic static class Program\n{\n    public static void Main() { }\n}\n");
        tree.Write("App/appsettings.json", "{\n  \"Fhir\": \"https://fhir.netsmartcloud.com/uscore/v1\",\n  \"Scopes\": \"patient/Patient.read\"\n}\n");
        tree.Write("App/appsettings.Development.json", "{\n  \"Logging\": { \"LogLevel\": \"Debug\" },\n  \"Api\": \"https://example.org/api/v1\"\n}\n");
        tree.Write("App/appsettings.Broken.json", "{ \"Logging\": ");
        int handed = 0;
        var host = new AnalyzerHostOptions { UseDriver = useDriver, ConfigFilesHandedToDriver = files => Interlocked.Add(ref handed, files) };

        ToolResult result = await Tool.RunAsync(tree.Root, environment => environment with { AnalyzerHost = host }, "scan", "App", "--format", "json", "--fail-on", "info");

        // The other two can hold no finding (the configuration rule's own first test), so the driver is not started for
        // them; the report is what it was: the broken file holds nothing to report either.
        Assert.Equal(1, handed);
        Assert.Equal(new[] { "appsettings.json:2:NSM001", "appsettings.json:3:NSM010" }, result.FindingKeys());
        JsonNode report = JsonNode.Parse(result.Output)!;
        Assert.Equal(3, (int)report["input"]!["jsonFiles"]!);
        Assert.Empty(report["skipped"]!.AsArray());
    }

    [Fact]
    public async Task Both_hosts_report_the_same_where_the_light_host_hands_trees_to_the_driver()
    {
        using var tree = new TempFolder();
        WriteFilterFixture(tree, withDriverOnlyCases: true);

        (ToolResult light, ToolResult driver, int fallbacks) = await RunBothAsync(tree.Root, "scan", "App", "--format", "json", "--fail-on", "info");

        AssertSameReport(driver, light);
        Assert.True(fallbacks > 0);
        JsonArray findings = JsonNode.Parse(light.Output)!["findings"]!.AsArray();
        Assert.DoesNotContain(findings, f => (string?)f!["file"] == "Suppressions/Local.cs" && (int)f["line"]! == 8);
        Assert.Contains(findings, f => (string?)f!["file"] == "Suppressions/Local.cs" && (int)f["line"]! == 10);
        Assert.DoesNotContain(findings, f => (string?)f!["file"] == "Suppressions/Remote.cs" && (int)f["line"]! == 5);
        Assert.DoesNotContain(findings, f => (string?)f!["file"] == "Hidden.cs" && (int)f["line"]! == 7);
    }

    [Fact]
    public async Task Both_hosts_fix_the_same_on_the_filter_fixture()
    {
        using var tree = new TempFolder();
        WriteFilterFixture(tree, withDriverOnlyCases: true);

        (ToolResult light, ToolResult driver, _) = await RunBothAsync(tree.Root, "fix", "App", "--dry-run");

        Assert.Equal(1, light.ExitCode);
        AssertSameReport(driver, light);
    }

    [Fact]
    public void An_unsupported_registration_is_an_internal_error_not_a_skipped_rule()
    {
        Compilation compilation = Compile("class C { string s = \"" + V1 + "\"; }");
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);

        var inInitialize = Assert.Throws<UnsupportedAnalyzerRegistrationException>(() =>
            LightAnalyzerHost.Start(compilation, options, ImmutableArray.Create<DiagnosticAnalyzer>(new SymbolActionAnalyzer()), CancellationToken.None));
        var inCompilationStart = Assert.Throws<UnsupportedAnalyzerRegistrationException>(() =>
            LightAnalyzerHost.Start(compilation, options, ImmutableArray.Create<DiagnosticAnalyzer>(new CompilationEndAnalyzer()), CancellationToken.None));

        Assert.Contains(nameof(SymbolActionAnalyzer), inInitialize.Message, StringComparison.Ordinal);
        Assert.Contains("RegisterSymbolAction", inInitialize.Message, StringComparison.Ordinal);
        Assert.Contains("NETSMART_MIGRATE_HOST=driver", inInitialize.Message, StringComparison.Ordinal);
        Assert.Contains("RegisterCompilationEndAction", inCompilationStart.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_analyzer_exception_is_an_AD0001_diagnostic_in_both_hosts()
    {
        Compilation compilation = Compile("class C { string s = \"" + V1 + "\"; string t = \"x\"; }");
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new ThrowingAnalyzer());

        ImmutableArray<Diagnostic> light = await AnalysisRunner.AnalyzeTreesAsync(compilation, analyzers, options, AnalyzerHostOptions.Light, CancellationToken.None);
        ImmutableArray<Diagnostic> driver = await AnalysisRunner.AnalyzeTreesAsync(compilation, analyzers, options, AnalyzerHostOptions.Driver, CancellationToken.None);

        Diagnostic failure = light.First(d => d.Id == "AD0001");
        Assert.Contains(nameof(ThrowingAnalyzer), failure.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("analyzer bug", failure.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(driver, d => d.Id == "AD0001" && d.GetMessage().Contains("analyzer bug", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_analyzer_exception_becomes_an_input_problem_and_never_crashes_the_tool()
    {
        using var tree = new TempFolder();
        tree.Write("App/C.cs", "class C { string s = \"" + V1 + "\"; }\n");
        Compilation compilation = Compile(File.ReadAllText(tree.PathOf("App/C.cs")));

        ImmutableArray<Diagnostic> diagnostics = await AnalysisRunner.AnalyzeTreesAsync(
            compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new ThrowingAnalyzer(), new Analyzers.Rules.NetsmartUrlAnalyzer()),
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), AnalyzerHostOptions.Light, CancellationToken.None);

        Assert.Contains(diagnostics, d => d.Id == "AD0001");
        Assert.Contains(diagnostics, d => d.Id == "NSM001"); // the other analyzers still run
    }

    /// <summary>Runs the tool with each host; also returns how many trees the light host handed to the driver.</summary>
    private static async Task<(ToolResult Light, ToolResult Driver, int Fallbacks)> RunBothAsync(string root, params string[] args)
    {
        (ToolResult light, int fallbacks) = await RunWithHostAsync(useDriver: false, root, args);
        (ToolResult driver, _) = await RunWithHostAsync(useDriver: true, root, args);
        return (light, driver, fallbacks);
    }

    private static async Task<(ToolResult Result, int Fallbacks)> RunWithHostAsync(bool useDriver, string root, string[] args)
    {
        int fallbacks = 0;
        var host = new AnalyzerHostOptions { UseDriver = useDriver, TreesHandedToDriver = trees => Interlocked.Add(ref fallbacks, trees) };
        ToolResult result = await Tool.RunAsync(root, environment => environment with { AnalyzerHost = host }, args);
        return (result, fallbacks);
    }

    private static void AssertSameReport(ToolResult driver, ToolResult light)
    {
        Assert.Equal(driver.ExitCode, light.ExitCode);
        Assert.Equal(driver.Error, light.Error);
        Assert.Equal(driver.Output, light.Output);
    }

    private static Compilation Compile(string source) =>
        CSharpCompilation.Create(
            "HostTest",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview), path: "/src/C.cs") },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>A project that touches every filter between an analyzer and a finding.</summary>
    private static void WriteFilterFixture(TempFolder tree, bool withDriverOnlyCases)
    {
        tree.Write(".editorconfig", "root = true\n\n[*.cs]\nnetsmart.tenant_id_expression = TenantSettings.Current.TenantId\n\n[App/Generated/NotGenerated.g.cs]\ngenerated_code = false\n\n[App/Generated/MarkedByOption.cs]\ngenerated_code = true\n");
        tree.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n    <ImplicitUsings>enable</ImplicitUsings>\n  </PropertyGroup>\n</Project>\n");
        tree.Write("App/TenantSettings.cs", "namespace App;\n\npublic sealed class TenantSettings\n{\n    public static TenantSettings Current { get; } = new();\n\n    public string TenantId { get; init; } = \"\";\n}\n");

        tree.Write("App/Pragmas.cs", $$"""
            namespace App;

            public static class Pragmas
            {
                public const string A = "{{V1}}";
            #pragma warning disable NSM001
                public const string B = "{{V1}}/Patient";
                public const string C = "{{Bulk}}";
            #pragma warning restore NSM001
                public const string D = "{{V1}}/Observation";
            #pragma warning disable
                public const string E = "{{V1}}/Encounter";
                public const string F = "patient/Patient.read";
            #pragma warning restore
                public const string G = "patient/Observation.read";
            #pragma warning disable NSM010, NSM003 // two ids and a comment
                public const string H = "patient/Condition.read launch";
                public const string I = "{{Token}}";
            #pragma warning restore NSM003
                public const string J = "patient/Encounter.read";
                public const string K = "{{Token}}";
            #pragma warning disable 1591, CS0168
                public const string L = "{{V1}}/Condition";
            #if NEVER
            #pragma warning disable NSM001
            #endif
                public const string M = "{{V1}}/Procedure";
            #pragma warning disable nsm001 // ids are case-sensitive: not NSM001
                public const string N = "{{V1}}/Goal";
            #pragma warning disable NSM001
                public const string O = "{{V1}}/Device";
            }

            """);

        tree.Write("App/Severity/.editorconfig", "[*.cs]\ndotnet_diagnostic.NSM001.severity = error\ndotnet_diagnostic.NSM010.severity = none\ndotnet_diagnostic.NSM003.severity = warning\n");
        tree.Write("App/Severity/Levels.cs", $$"""
            namespace App.Severity;

            public static class Levels
            {
                public const string Url = "{{V1}}";
                public const string Scopes = "patient/Patient.read";
                public static string Token() => "{{Token}}"; // NSM003 info by the analyzer; warning by .editorconfig
                public const string Bulk = "{{Bulk}}";
            }

            """);
        tree.Write("App/Bulk/.editorconfig", "[*.cs]\ndotnet_analyzer_diagnostic.severity = error\ndotnet_diagnostic.NSM002.severity = suggestion\n");
        tree.Write("App/Bulk/All.cs", $$"""
            namespace App.Bulk;

            public static class All
            {
                public const string Url = "{{V1}}";
                public const string Export = "{{Bulk}}";
                public const string Scopes = "patient/Patient.read";
                public static string Token() => "{{Token}}";
            }

            """);
        tree.Write("App/Category/.editorconfig", "[*.cs]\ndotnet_analyzer_diagnostic.category-Migration.severity = silent\ndotnet_diagnostic.NSM001.severity = warning\n");
        tree.Write("App/Category/ByCategory.cs", $$"""
            namespace App.Category;

            public static class ByCategory
            {
                public const string Url = "{{V1}}";
                public const string Export = "{{Bulk}}";
            }

            """);

        tree.Write("App/Generated/Client.g.cs", $"namespace App.Generated;\n\npublic static class GeneratedClient\n{{\n    public const string Url = \"{V1}\";\n}}\n");
        tree.Write("App/Generated/Form.Designer.cs", $"namespace App.Generated;\n\npublic static class Form\n{{\n    public const string Url = \"{V1}\";\n}}\n");
        tree.Write("App/Generated/TemporaryGeneratedFile_1234.cs", $"namespace App.Generated;\n\npublic static class Temporary\n{{\n    public const string Url = \"{V1}\";\n}}\n");
        tree.Write("App/Generated/Header.cs", $"// <auto-generated>\n//   by a tool\n// </auto-generated>\nnamespace App.Generated;\n\npublic static class Header\n{{\n    public const string Url = \"{V1}\";\n}}\n");
        tree.Write("App/Generated/BlockHeader.cs", $"/* <autogenerated/> */\nnamespace App.Generated;\n\npublic static class BlockHeader\n{{\n    public const string Url = \"{V1}\";\n}}\n");
        tree.Write("App/Generated/LateHeader.cs", $"namespace App.Generated;\n// <auto-generated/> (not a header: not generated)\npublic static class LateHeader\n{{\n    public const string Url = \"{V1}\";\n}}\n");
        tree.Write("App/Generated/NotGenerated.g.cs", $"namespace App.Generated;\n\npublic static class NotGenerated\n{{\n    public const string Url = \"{V1}\";\n}}\n");
        tree.Write("App/Generated/MarkedByOption.cs", $"namespace App.Generated;\n\npublic static class MarkedByOption\n{{\n    public const string Url = \"{V1}\";\n}}\n");

        if (withDriverOnlyCases)
        {
            WriteDriverOnlyCases(tree);
        }

        tree.Write("App/Shapes.cs", $$""""
            [assembly: System.Reflection.AssemblyMetadata("Fhir", "{{V1}}/Assembly")]

            namespace App;

            public record Settings(string Url = "{{V1}}/Record", string Scopes = "patient/Patient.read");

            public class Primary(string url = "{{V1}}/Primary") : System.Object
            {
                public string Url { get; } = url + "/Patient";
            }

            public static class Shapes
            {
                [System.Obsolete("{{V1}}/Attribute")]
                public const string First = "{{V1}}/First", Second = "{{Bulk}}/Second";

                public enum Kind { A = 1 + 2 }

                public static string Interpolated(string id) => $"{{V1}}/Patient/{id}";

                public static string Concatenated(string id) => "{{V1}}" + "/Patient/" + id;

                public static string Raw() => """
                    {{V1}}/Raw
                    """;

                public static int Utf8() => "{{V1}}/Utf8"u8.Length;

                public static string Lambda() => new System.Func<string>(() => "{{Token}}")();

                public static string Switch(int k) => k switch { 1 => "{{V1}}/One", _ => "patient/*.read" };

                public static string Local()
                {
                    return Inner();

                    static string Inner() => "{{Bulk}}/Inner";
                }
            }

            """");

        // URLs split across the arguments of a call or creation (the light host visits invocations and creations too).
        tree.Write("App/Split.cs", """
            namespace App;

            public static class Split
            {
                public const string Host = "https://fhir.netsmartcloud.com";

                public static string Concat(string id) => string.Concat(Host, "/uscore/v1/Patient/", id);

                public static System.Uri Resolved() => new System.Uri(new System.Uri(Host + "/api"), "uscore/v1/Observation");

                public static System.Uri Built(string id) => new System.UriBuilder("https", "fhir.netsmartcloud.com") { Path = "uscore/v1/bulk-data/Group/" + id }.Uri;

                public static string Silent(string id) => string.Concat(Host, "/v4/Patient/", id);
            }
            """);

        tree.Write("App/Program.cs", $"System.Console.WriteLine(\"{V1}/TopLevel\");\nSystem.Console.WriteLine(App.Shapes.First + \"/Patient\");\n");

        tree.Write("App/appsettings.json", $"{{\n  \"Fhir\": \"{V1}\",\n  \"Token\": \"{Token}\",\n  \"Scopes\": \"patient/Patient.read\"\n}}\n");
        tree.Write("App/Severity/appsettings.Severity.json", $"{{\n  \"Fhir\": \"{V1}\"\n}}\n");
    }

    /// <summary>What the light host hands to the driver when a tree has findings: attributes, #line hidden, syntax errors.</summary>
    private static void WriteDriverOnlyCases(TempFolder tree)
    {
        // [GeneratedCode] on a partial type and on a method.
        tree.Write("App/Attributes/PartA.cs", $$"""
            namespace App.Attributes;

            [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
            public partial class Partial
            {
                public const string A = "{{V1}}/A";
            }

            public class WithGeneratedMember
            {
                [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
                public string Hidden() => "{{V1}}/Hidden";

                public string Shown() => "{{V1}}/Shown";
            }

            """);
        tree.Write("App/Attributes/PartB.cs", $"namespace App.Attributes;\n\npublic partial class Partial\n{{\n    public const string B = \"{V1}/B\";\n}}\n");

        // [SuppressMessage]: on a member, and assembly-level targeting a member of another file.
        tree.Write("App/Suppressions/Local.cs", $$"""
            using System.Diagnostics.CodeAnalysis;

            namespace App.Suppressions;

            public static class Local
            {
                [SuppressMessage("Migration", "NSM001:Certified v1 Patient Access URL", Justification = "test")]
                public static string Suppressed() => "{{V1}}/Suppressed";

                public static string NotSuppressed() => "{{V1}}/NotSuppressed";
            }

            """);
        tree.Write("App/Suppressions/GlobalSuppressions.cs", """
            using System.Diagnostics.CodeAnalysis;

            [assembly: SuppressMessage("Migration", "NSM002", Justification = "test", Scope = "member", Target = "~M:App.Suppressions.Remote.Export~System.String")]

            """);
        tree.Write("App/Suppressions/Remote.cs", $"namespace App.Suppressions;\n\npublic static class Remote\n{{\n    public static string Export() => \"{Bulk}/Group/1/$export\";\n\n    public static string Other() => \"{Bulk}/Patient/$export\";\n}}\n");

        tree.Write("App/Hidden.cs", $$"""
            namespace App;

            public static class Hidden
            {
                public const string Before = "{{V1}}/Before";
            #line hidden
                public const string Inside = "{{V1}}/Inside";
            #line default
                public const string After = "{{V1}}/After";
            }

            """);

        tree.Write("App/Broken.cs", $$"""
            namespace App;

            public static class Broken
            {
                public const string Ok = "{{V1}}/Ok";
                public static string M( => "{{V1}}/InBrokenMember";
                string "{{V1}}/Stray";
            }

            """);
    }

#pragma warning disable RS1001, RS1013, RS1025, RS1026, RS1036, RS1038, RS1041, RS2008 // test-only analyzers, never loaded by a compiler
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class SymbolActionAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray<DiagnosticDescriptor>.Empty;

        public override void Initialize(AnalysisContext context) => context.RegisterSymbolAction(_ => { }, SymbolKind.NamedType);
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class CompilationEndAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray<DiagnosticDescriptor>.Empty;

        public override void Initialize(AnalysisContext context) =>
            context.RegisterCompilationStartAction(start => start.RegisterCompilationEndAction(_ => { }));
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TST001", "Test", "Test", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxNodeAction(
                c => throw new InvalidOperationException("analyzer bug at " + c.Node.SpanStart),
                SyntaxKind.StringLiteralExpression);
        }
    }
#pragma warning restore RS1001, RS1013, RS1025, RS1026, RS1036, RS1038, RS1041, RS2008
}

using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Netsmart.Migrate.Analysis.Host;
using static Netsmart.Migrate.Tests.Host.SideBySide;

namespace Netsmart.Migrate.Tests.Host;

/// <summary>
/// What the light host deliberately does not reproduce, side by side with Roslyn's analyzer driver: each of these only
/// removes findings, so a tree with findings and one of them is handed to the driver (<see cref="LightAnalyzerHost.NeedsDriver"/>),
/// and the tool's report is the driver's. Each test names the difference and checks the hand-off.
/// </summary>
public sealed class DriverHandOffTests
{
    [Fact]
    public async Task Differs_SuppressMessage_attributes_are_left_to_the_driver()
    {
        Project project = Project(("S.cs", $$"""
            using System.Diagnostics.CodeAnalysis;

            public static class S
            {
                [SuppressMessage("Migration", "NSM001:Certified v1 Patient Access URL", Justification = "test")]
                public static string Suppressed() => "{{V1}}/Suppressed";

                public static string Shown() => "{{V1}}/Shown";
            }
            """));

        LightAnalyzerHost.TreeResult light = (await LightResultsAsync(project)).Single();

        Assert.Equal(new[] { "S.cs(8,37)-(8,85): NSM001 Warning" }, await DriverAsync(project));
        Assert.Equal(new[] { "S.cs(6,42)-(6,95): NSM001 Warning", "S.cs(8,37)-(8,85): NSM001 Warning" }, Lines(light.Diagnostics));
        Assert.Equal(SuppressingAttributes.Reach.AnyTree, SuppressingAttributes.ReachOf((await project.GetCompilationAsync())!.SyntaxTrees.Single(), default));
        Assert.True(LightAnalyzerHost.NeedsDriver(light, attributesReachTree: true));
    }

    [Fact]
    public async Task Differs_line_hidden_regions_are_left_to_the_driver()
    {
        Project project = Project(("H.cs", $$"""
            public static class H
            {
                public const string Before = "{{V1}}/Before";
            #line hidden
                public const string Inside = "{{V1}}/Inside";
            #line default
                public const string After = "{{V1}}/After";
            }
            """));

        LightAnalyzerHost.TreeResult light = (await LightResultsAsync(project)).Single();

        // The driver skips the declarations that hold hidden code (here, before the hidden line too).
        Assert.Equal(new[] { "H.cs(7,33)-(7,81): NSM001 Warning" }, await DriverAsync(project));
        Assert.Equal(new[] { "H.cs(3,34)-(3,83): NSM001 Warning", "H.cs(5,34)-(5,83): NSM001 Warning", "H.cs(7,33)-(7,81): NSM001 Warning" }, Lines(light.Diagnostics));
        Assert.True(light.MayNeedDriver);
        Assert.True(LightAnalyzerHost.NeedsDriver(light, attributesReachTree: false));
    }

    [Fact]
    public async Task Trees_with_syntax_errors_are_left_to_the_driver_as_a_precaution()
    {
        Project project = Project(("B.cs", $$"""
            public static class B
            {
                public const string Ok = "{{V1}}/Ok";
                public static string M( => "{{V1}}/InBrokenMember";
                string "{{V1}}/Stray";
            }
            """));

        LightAnalyzerHost.TreeResult light = (await LightResultsAsync(project)).Single();

        // Neither host reports the literals of the broken members here; error recovery may put nodes where the driver,
        // which walks declarations, does not look, and the light host does not reproduce that walk.
        Assert.Equal(new[] { "B.cs(3,30)-(3,75): NSM001 Warning" }, await DriverAsync(project));
        Assert.Equal(new[] { "B.cs(3,30)-(3,75): NSM001 Warning" }, Lines(light.Diagnostics));
        Assert.True(light.MayNeedDriver);
        Assert.True(LightAnalyzerHost.NeedsDriver(light, attributesReachTree: false));
    }

    [Fact]
    public async Task A_tree_without_findings_is_never_handed_to_the_driver()
    {
        Project project = Project(("Clean.cs", "using System.Diagnostics.CodeAnalysis;\n\n[SuppressMessage(\"x\", \"y\")]\npublic static class Clean\n{\n#line hidden\n    public const string Url = \"https://example.com\";\n}\n"));

        LightAnalyzerHost.TreeResult light = (await LightResultsAsync(project)).Single();

        Assert.Empty(await DriverAsync(project));
        Assert.Empty(light.Diagnostics);
        Assert.False(LightAnalyzerHost.NeedsDriver(light, attributesReachTree: true));
    }
    [Fact]
    public async Task A_suppression_that_cannot_name_a_package_rule_hands_nothing_to_the_driver()
    {
        Project project = Project(
            ("Other.cs", "using System.Diagnostics.CodeAnalysis;\n\n[assembly: SuppressMessage(\"Microsoft.Design\", \"CA1031:DoNotCatchGeneralExceptionTypes\", Justification = \"x\")]\n\n[SuppressMessage(\"Style\", \"IDE0060\")]\npublic static class Other\n{\n}\n"),
            ("U.cs", $"public static class U\n{{\n    [System.Diagnostics.CodeAnalysis.SuppressMessage(\"Usage\", \"CA2234\")]\n    public const string Url = \"{V1}\";\n}}\n"));
        Compilation compilation = (await project.GetCompilationAsync())!;

        string[] found = await AssertSameAsync(project);

        Assert.Equal(new[] { "U.cs(4,31)-(4,73): NSM001 Warning" }, found);
        Assert.All(compilation.SyntaxTrees, t => Assert.Equal(SuppressingAttributes.Reach.None, SuppressingAttributes.ReachOf(t, default)));
    }

    [Fact]
    public async Task Differs_an_assembly_level_suppression_in_another_file_is_left_to_the_driver()
    {
        Project project = Project(
            ("Suppressions.cs", "using System.Diagnostics.CodeAnalysis;\n\n[assembly: SuppressMessage(\"Migration\", \"NSM001\", Scope = \"type\", Target = \"~T:U\")]\n"),
            ("U.cs", $"public static class U\n{{\n    public const string Url = \"{V1}\";\n}}\n"));
        Compilation compilation = (await project.GetCompilationAsync())!;

        LightAnalyzerHost.TreeResult[] light = await LightResultsAsync(project);

        Assert.Empty(await DriverAsync(project));
        Assert.Equal(new[] { "U.cs(3,31)-(3,73): NSM001 Warning" }, Lines(light.SelectMany(r => r.Diagnostics)));
        Assert.Equal(
            new[] { SuppressingAttributes.Reach.AnyTree, SuppressingAttributes.Reach.None },
            compilation.SyntaxTrees.OrderBy(t => t.FilePath, System.StringComparer.Ordinal).Select(t => SuppressingAttributes.ReachOf(t, default)));
    }

    [Fact]
    public async Task Differs_a_suppression_through_an_alias_declared_in_another_file_is_left_to_the_driver()
    {
        Project project = Project(
            ("Aliases.cs", "global using Quiet = System.Diagnostics.CodeAnalysis.SuppressMessageAttribute;\n"),
            ("U.cs", $"public static class U\n{{\n    [Quiet(\"M\", \"NSM\" + \"001\")]\n    public const string Url = \"{V1}\";\n}}\n"));
        Compilation compilation = (await project.GetCompilationAsync())!;

        LightAnalyzerHost.TreeResult[] light = await LightResultsAsync(project);

        Assert.Empty(await DriverAsync(project));
        Assert.Equal(new[] { "U.cs(4,31)-(4,73): NSM001 Warning" }, Lines(light.SelectMany(r => r.Diagnostics)));
        Assert.Equal(
            new[] { SuppressingAttributes.Reach.AnyTree, SuppressingAttributes.Reach.None },
            compilation.SyntaxTrees.OrderBy(t => t.FilePath, System.StringComparer.Ordinal).Select(t => SuppressingAttributes.ReachOf(t, default)));
    }

    [Fact]
    public async Task Differs_GeneratedCode_on_another_part_of_a_partial_type_is_left_to_the_driver()
    {
        Project project = Project(
            ("A.cs", "[System.CodeDom.Compiler.GeneratedCode(\"tool\", \"1.0\")]\npublic static partial class P\n{\n}\n"),
            ("B.cs", $"public static partial class P\n{{\n    public const string Url = \"{V1}\";\n}}\n"));
        Compilation compilation = (await project.GetCompilationAsync())!;

        string[] driver = await DriverAsync(project);
        LightAnalyzerHost.TreeResult[] light = await LightResultsAsync(project);

        Assert.Equal(new[] { "B.cs(3,31)-(3,73): NSM001 Warning" }, Lines(light.SelectMany(r => r.Diagnostics)));
        Assert.Equal(new[] { "B.cs(3,31)-(3,73): NSM001 Warning" }, driver);
        Assert.Equal(
            new[] { SuppressingAttributes.Reach.AnyTree, SuppressingAttributes.Reach.None },
            compilation.SyntaxTrees.OrderBy(t => t.FilePath, System.StringComparer.Ordinal).Select(t => SuppressingAttributes.ReachOf(t, default)));
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Netsmart.Analyzers.Tests.Verifiers;

namespace Netsmart.Analyzers.Tests.Meta;

/// <summary>Keeps docs, release tracking, the README and the code in step, and checks what every analyzer and fixer must do.</summary>
public class DescriptorTests
{
    public static IEnumerable<Type> AnalyzerTypes { get; } = typeof(Descriptors).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)).ToList();

    public static IEnumerable<Type> FixerTypes { get; } = typeof(CodeFixes.Rules.NetsmartUrlCodeFixProvider).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t)).ToList();

    public static TheoryData<string> DescriptorIds()
    {
        var data = new TheoryData<string>();
        foreach (DiagnosticDescriptor d in AllDescriptors())
        {
            data.Add(d.Id);
        }

        return data;
    }

    public static TheoryData<string> AnalyzerNames() => new(AnalyzerTypes.Select(t => t.FullName!));

    public static TheoryData<string> FixerNames() => new(FixerTypes.Select(t => t.FullName!));

    [Fact]
    public void There_are_analyzers_and_fixers_to_check()
    {
        Assert.NotEmpty(AnalyzerTypes);
        Assert.NotEmpty(FixerTypes);
        Assert.Equal(
            new[] { "NSM001", "NSM002", "NSM003", "NSM004", "NSM005", "NSM006", "NSM010", "NSM011" },
            AllDescriptors().Select(d => d.Id));
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Every_rule_has_a_docs_page_and_a_help_link_to_it(string id)
    {
        DiagnosticDescriptor d = Descriptor(id);

        Assert.Equal(Descriptors.HelpBaseUri + id + ".md", d.HelpLinkUri);
        Assert.True(RepositoryFiles.Exists("docs", "rules", id + ".md"), $"docs/rules/{id}.md is missing");
        string page = RepositoryFiles.Read("docs", "rules", id + ".md");
        Assert.StartsWith($"# {id}: {d.Title}\n", page.Replace("\r\n", "\n"));
        Assert.Contains($"| Default severity | {d.DefaultSeverity}", page);
        Assert.Contains("## Suppress", page);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Every_rule_is_in_the_unshipped_release_file(string id)
    {
        DiagnosticDescriptor d = Descriptor(id);
        string releases = RepositoryFiles.Read("src", "Netsmart.Analyzers", "AnalyzerReleases.Unshipped.md");

        Assert.Contains($"{id} | {d.Category} | {d.DefaultSeverity} |", releases);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Every_rule_has_a_row_in_the_readme_rule_table(string id)
    {
        DiagnosticDescriptor d = Descriptor(id);
        string table = RepositoryFiles.ReadmeRuleTable();

        Assert.Contains($"| [{id}](docs/rules/{id}.md) | {d.Title} | {d.DefaultSeverity} |", table);
    }

    [Fact]
    public void Docs_pages_and_readme_rows_have_a_rule_behind_them()
    {
        var ids = AllDescriptors().Select(d => d.Id).ToHashSet();
        var pages = System.IO.Directory.GetFiles(RepositoryRoot.Combine("docs", "rules"), "NSM*.md")
            .Select(p => System.IO.Path.GetFileNameWithoutExtension(p));
        var rows = System.Text.RegularExpressions.Regex.Matches(RepositoryFiles.ReadmeRuleTable(), @"\| \[(NSM\d{3})\]")
            .Select(m => m.Groups[1].Value);

        Assert.All(pages.Concat(rows), id => Assert.Contains(id, ids));
    }

    /// <summary>
    /// dotnet format picks one fixer per diagnostic id: two fixers claiming the same id (say, an IDE-only fix for
    /// JSON additional documents) make it skip the real one. Every id has exactly one fixer.
    /// </summary>
    [Fact]
    public void Every_fixable_id_has_exactly_one_fixer()
    {
        var ids = FixerTypes.SelectMany(t => ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds).ToList();

        Assert.Equal(ids.Distinct().Count(), ids.Count);
    }

    [Theory]
    [MemberData(nameof(FixerNames))]
    public void Every_fixer_is_exported_with_its_name_and_supports_fix_all_in_solution(string typeName)
    {
        Type type = FixerTypes.Single(t => t.FullName == typeName);
        ExportCodeFixProviderAttribute? export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
        var fixer = (CodeFixProvider)Activator.CreateInstance(type)!;

        Assert.NotNull(export);
        Assert.Equal(type.Name, export!.Name);
        Assert.Equal(new[] { LanguageNames.CSharp }, export.Languages);
        Assert.NotNull(type.GetCustomAttribute<SharedAttribute>());
        FixAllProvider? fixAll = fixer.GetFixAllProvider();
        Assert.NotNull(fixAll);
        Assert.Contains(FixAllScope.Solution, fixAll!.GetSupportedFixAllScopes());
        Assert.Contains(FixAllScope.Project, fixAll.GetSupportedFixAllScopes());
        Assert.Contains(FixAllScope.Document, fixAll.GetSupportedFixAllScopes());
        Assert.All(fixer.FixableDiagnosticIds, id => Assert.Contains(id, AllDescriptors().Select(d => d.Id)));
    }

    [Theory]
    [MemberData(nameof(AnalyzerNames))]
    public async Task Every_analyzer_runs_on_empty_and_broken_source_without_diagnostics_or_exceptions(string typeName)
    {
        var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(AnalyzerTypes.Single(t => t.FullName == typeName))!;
        foreach (string source in new[] { string.Empty, "class C { string s = \"https://fhir.netsmartcloud.com/uscore/v1", "\"\"\"\n\"https://oauth.netsmartcloud.com/token\" + + ;" })
        {
            CSharpCompilation compilation = CSharpCompilation.Create("M",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview)) },
                TestDefaults.References,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
            ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options).GetAnalyzerDiagnosticsAsync();

            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
            if (source.Length == 0)
            {
                Assert.Empty(diagnostics);
            }
        }
    }

    [Fact]
    public void Every_descriptor_is_supported_by_an_analyzer_and_enabled()
    {
        Assert.All(AllDescriptors(), d =>
        {
            Assert.True(d.IsEnabledByDefault);
            Assert.Equal(Descriptors.MigrationCategory, d.Category);
            Assert.False(string.IsNullOrWhiteSpace(d.Description.ToString()));
        });
    }

    private static DiagnosticDescriptor Descriptor(string id) => AllDescriptors().Single(d => d.Id == id);

    private static IReadOnlyList<DiagnosticDescriptor> AllDescriptors() => AnalyzerTypes
        .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
        .GroupBy(d => d.Id).Select(g => g.First()).OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
}

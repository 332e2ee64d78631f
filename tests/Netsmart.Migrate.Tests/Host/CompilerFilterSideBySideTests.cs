using System.Threading.Tasks;
using static Netsmart.Migrate.Tests.Host.SideBySide;

namespace Netsmart.Migrate.Tests.Host;

/// <summary>
/// The compiler's filter as the light host reproduces it (<c>Analysis/Host/CompilerDiagnosticFilter.cs</c>), side by side
/// with Roslyn's analyzer driver: per-id <c>.editorconfig</c> and global-config severities, <c>none</c>, the bulk
/// <c>dotnet_analyzer_diagnostic[.category-X].severity</c> options, and which of them wins.
/// </summary>
public sealed class CompilerFilterSideBySideTests
{
    private static readonly string Source = $$"""
        namespace App;

        public static class Client
        {
            public const string Url = "{{V1}}";
            public const string Export = "{{Bulk}}";
            public const string Scopes = "patient/Patient.read";
            public static string TokenUrl() => "{{Token}}";
        }

        """;

    [Fact]
    public async Task Without_configuration_each_rule_keeps_its_own_severity()
    {
        string[] found = await AssertSameAsync(Project(("App/Client.cs", Source)));

        Assert.Equal(
            new[]
            {
                "App/Client.cs(5,31)-(5,73): NSM001 Warning",
                "App/Client.cs(6,34)-(6,86): NSM002 Warning",
                "App/Client.cs(7,34)-(7,56): NSM010 Info",
                "App/Client.cs(8,40)-(8,79): NSM003 Warning", // Certified code (the v1 URLs above): NSM003 is a warning
            },
            found);
    }

    /// <summary>An authorization URL with no Certified use in sight: NSM003 is info by the analyzer itself.</summary>
    private static readonly string AuthOnly = $$"""
        namespace Auth;

        public static class Server
        {
            public static string TokenUrl() => "{{Token}}";
        }

        """;

    [Fact]
    public async Task An_analyzer_chosen_severity_stays_when_nothing_overrides_it()
    {
        string[] found = await AssertSameAsync(Project(("Auth/Server.cs", AuthOnly)));

        Assert.Equal(new[] { "Auth/Server.cs(5,40)-(5,79): NSM003 Info" }, found);
    }

    [Fact]
    public async Task Per_id_editorconfig_severities_raise_lower_and_remove_findings()
    {
        string[] found = await AssertSameAsync(Project(
            ("App/Client.cs", Source),
            ("Auth/Server.cs", AuthOnly),
            (".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.NSM001.severity = error\ndotnet_diagnostic.NSM002.severity = silent\ndotnet_diagnostic.NSM010.severity = none\ndotnet_diagnostic.NSM003.severity = warning\n")));

        Assert.Equal(
            new[]
            {
                "App/Client.cs(5,31)-(5,73): NSM001 Error",
                "App/Client.cs(6,34)-(6,86): NSM002 Hidden",
                "App/Client.cs(8,40)-(8,79): NSM003 Warning",
                "Auth/Server.cs(5,40)-(5,79): NSM003 Warning",
            },
            found);
    }

    [Fact]
    public async Task A_nested_editorconfig_overrides_the_parent_for_its_folder_only()
    {
        string[] found = await AssertSameAsync(Project(
            ("App/Client.cs", Source),
            ("Other/Client.cs", Source.Replace("namespace App;", "namespace Other;")),
            (".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.NSM001.severity = suggestion\n"),
            ("Other/.editorconfig", "[*.cs]\ndotnet_diagnostic.NSM001.severity = none\n")));

        Assert.Contains("App/Client.cs(5,31)-(5,73): NSM001 Info", found);
        Assert.DoesNotContain(found, l => l.StartsWith("Other/Client.cs(5,", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_global_config_severity_applies_where_no_editorconfig_section_does()
    {
        string[] found = await AssertSameAsync(Project(
            ("App/Client.cs", Source),
            ("Netsmart.globalconfig", "is_global = true\ndotnet_diagnostic.NSM001.severity = error\ndotnet_diagnostic.NSM010.severity = warning\n"),
            (".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.NSM010.severity = none\n")));

        Assert.Contains("App/Client.cs(5,31)-(5,73): NSM001 Error", found);
        Assert.DoesNotContain(found, l => l.Contains("NSM010", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_bulk_severity_applies_to_every_rule_and_a_per_id_severity_wins_over_it()
    {
        string[] found = await AssertSameAsync(Project(
            ("App/Client.cs", Source),
            (".editorconfig", "root = true\n\n[*.cs]\ndotnet_analyzer_diagnostic.severity = error\ndotnet_diagnostic.NSM002.severity = suggestion\n")));

        Assert.Equal(
            new[]
            {
                "App/Client.cs(5,31)-(5,73): NSM001 Error",
                "App/Client.cs(6,34)-(6,86): NSM002 Info",
                "App/Client.cs(7,34)-(7,56): NSM010 Error",
                "App/Client.cs(8,40)-(8,79): NSM003 Error",
            },
            found);
    }

    [Fact]
    public async Task The_category_bulk_severity_wins_over_the_general_one_and_none_removes_findings()
    {
        string[] found = await AssertSameAsync(Project(
            ("App/Client.cs", Source),
            (".editorconfig", "root = true\n\n[*.cs]\ndotnet_analyzer_diagnostic.severity = error\ndotnet_analyzer_diagnostic.category-Migration.severity = none\ndotnet_diagnostic.NSM001.severity = warning\n")));

        Assert.Equal(new[] { "App/Client.cs(5,31)-(5,73): NSM001 Warning" }, found);
    }

    [Fact]
    public async Task A_severity_value_with_a_trailing_comment_is_read_as_the_severity()
    {
        string[] found = await AssertSameAsync(Project(
            ("App/Client.cs", Source),
            (".editorconfig", "root = true\n\n[*.cs]\ndotnet_analyzer_diagnostic.severity = suggestion # all of them\n")));

        Assert.Contains("App/Client.cs(5,31)-(5,73): NSM001 Info", found);
    }
}

using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Netsmart.Analyzers.Rules;
using Netsmart.Knowledge.Config;
using Netsmart.Knowledge.Rules;

namespace Netsmart.Analyzers.Tests.Meta;

/// <summary>Rule ids exist once (<c>DiagnosticIds</c>), and every id a decision can name has its descriptor.</summary>
public class RuleIdTests
{
    private static readonly string[] Ids = typeof(DiagnosticIds)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .OrderBy(id => id, StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void Every_rule_id_has_its_descriptor_and_every_descriptor_an_id()
    {
        Assert.Equal(
            new[] { "NSM001", "NSM002", "NSM003", "NSM004", "NSM005", "NSM006", "NSM010", "NSM011" },
            Ids);
        Assert.All(Ids, id => Assert.Equal(id, Descriptors.ForId(id)?.Id));
        Assert.Null(Descriptors.ForId("NSM999"));
    }

    [Fact]
    public void The_config_file_analyzer_supports_exactly_the_rules_the_config_file_scanner_reports()
    {
        Assert.Equal(
            Ids.Where(ConfigFileScanner.IsReported),
            new ConfigFileAnalyzer().SupportedDiagnostics.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));
    }

    [Fact]
    public void No_source_file_but_DiagnosticIds_spells_a_rule_id()
    {
        string src = RepositoryRoot.Combine("src");
        var literal = new Regex("\"NSM[0-9]{3}");
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Where(p => Path.GetFileName(p) != "DiagnosticIds.cs")
            .Where(p => literal.IsMatch(File.ReadAllText(p)))
            .Select(p => Path.GetRelativePath(RepositoryRoot.Path, p))
            .ToList();

        Assert.Empty(offenders);
    }
}

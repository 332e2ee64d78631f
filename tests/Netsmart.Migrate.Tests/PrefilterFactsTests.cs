using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using CsCheck;
using Microsoft.CodeAnalysis.CSharp;
using Netsmart.Analyzers.CodeFixes.Editing;
using Netsmart.Analyzers.Rules;
using Netsmart.Knowledge.Urls;
using Netsmart.Migrate.Analysis.Host;
using Netsmart.Migrate.Input;

namespace Netsmart.Migrate.Tests;

/// <summary>
/// The prefilter keeps every file whose text one of the facts' owners would act on: the analyzers' own cheapest tests
/// (private to the analyzer assembly, so read by reflection: they cannot share the prefilter's code), the light host's
/// hand-off to the driver and the fixers' format-string attributes.
/// </summary>
public sealed class PrefilterFactsTests
{
    private static readonly string[] Fragments =
    {
        "https://fhir.netsmartcloud.com", "NETSMARTCLOUD", "netsmart", "cloud.com", "/uscore/v1/Patient", "USCORE/V1", "access/v2",
        "OAuth2/V1/token", "uscore/v2", "access/v1", "patient/Observation.read", "system%2FPatient.read", "launch/patient",
        "/", "%2F", "\\u0041", "\\x2F", "x", " ", "\"", "{id}",
    };

    private static readonly (string Name, Func<string, bool> Test)[] AnalyzerTests = AnalyzerCheapestTests().ToArray();

    [Fact]
    public void Every_string_expression_analyzer_has_its_cheapest_tests_read() =>
        Assert.Equal(
            new[] { "NetsmartUrlAnalyzer.MayMatch", "NetsmartUrlAnalyzer.MayMatchSplitPart", "SmartScopeAnalyzer.MayMatch", "SmartScopeAnalyzer.MayMatchSplitPart" },
            AnalyzerTests.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal));

    [Fact]
    public void A_text_an_analyzer_looks_at_is_a_text_the_prefilter_keeps() =>
        PropertySample.ForAll(
            Gen.Int[0, Fragments.Length - 1].Array[1, 6].Select(picks => string.Concat(picks.Select(p => Fragments[p]))),
            text =>
            {
                foreach ((string name, Func<string, bool> test) in AnalyzerTests)
                {
                    Assert.True(!test(text) || SourcePrefilter.MayHoldFinding(text), $"{name} looks at \"{text}\", which the prefilter sets aside");
                }
            });

    [Theory]
    [InlineData("uscore/v1")]
    [InlineData("ACCESS/V2")]
    [InlineData("oauth2/V1")]
    public void The_url_rule_and_the_prefilter_read_the_same_split_parts(string part)
    {
        Func<string, bool> analyzer = AnalyzerTests.Single(t => t.Name == "NetsmartUrlAnalyzer.MayMatchSplitPart").Test;
        Assert.True(analyzer(part));
        Assert.True(SourcePrefilter.MayHoldFinding(part));
        Assert.Equal(new[] { "uscore/v1", "access/v2", "oauth2/v1" }, NetsmartUrlScanner.SplitPartPaths);
    }

    [Theory]
    [InlineData("[assembly: SuppressMessage(\"Netsmart\", \"NSM001\")]")]
    [InlineData("[UnconditionalSuppressMessage(\"x\", \"NSM001\")] class C { }")]
    [InlineData("[System.CodeDom.Compiler.GeneratedCode(\"tool\", \"1\")] partial class C { }")]
    public void A_file_the_light_host_hands_to_the_driver_for_is_kept(string text)
    {
        Assert.NotEqual(SuppressingAttributes.Reach.None, SuppressingAttributes.ReachOf(CSharpSyntaxTree.ParseText(text), default));
        Assert.True(SourcePrefilter.HasContext(text));
    }

    [Fact]
    public void A_suppression_names_a_package_rule_by_the_texts_the_hand_off_looks_for()
    {
        var descriptors = typeof(StringExpressionAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
            .SelectMany(t => ((Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
            .ToList();

        Assert.NotEmpty(descriptors);
        Assert.Equal(new[] { "NSM", "Migration" }, SuppressingAttributes.PackageRuleTexts);
        Assert.All(descriptors, d => Assert.StartsWith(SuppressingAttributes.PackageRuleTexts[0], d.Id, StringComparison.Ordinal));
        Assert.All(descriptors, d => Assert.Equal(SuppressingAttributes.PackageRuleTexts[1], d.Category));
    }

    [Theory]
    [InlineData("void Log([StringSyntax(StringSyntaxAttribute.CompositeFormat)] string format) { }")]
    [InlineData("static readonly CompositeFormat F = CompositeFormat.Parse(\"{0}\");")]
    [InlineData("[LoggerMessage(Message = \"Hello {Name}\")] static partial void Hello(ILogger logger, string name);")]
    public void A_file_declaring_what_the_fixers_read_as_a_format_string_is_kept(string text)
    {
        Assert.Contains(FormatStringApis.SourceTexts, t => text.Contains(t, StringComparison.Ordinal));
        Assert.True(SourcePrefilter.HasContext(text));
    }

    [Fact]
    public void The_format_string_texts_are_the_fixers_attribute_names() =>
        Assert.Equal(
            new[] { "StringSyntax", "CompositeFormat", "LoggerMessage" },
            new[] { FormatStringApis.StringSyntaxAttribute, FormatStringApis.CompositeFormatSyntax, FormatStringApis.LoggerMessageAttribute }
                .Select(n => n.Substring(n.LastIndexOf('.') + 1)).Select(n => n.EndsWith("Attribute", StringComparison.Ordinal) ? n[..^"Attribute".Length] : n));

    /// <summary>MayMatch and MayMatchSplitPart of every concrete StringExpressionAnalyzer, by reflection.</summary>
    private static IEnumerable<(string Name, Func<string, bool> Test)> AnalyzerCheapestTests()
    {
        foreach (Type type in typeof(StringExpressionAnalyzer).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(StringExpressionAnalyzer).IsAssignableFrom(t)))
        {
            object analyzer = Activator.CreateInstance(type)!;
            foreach (string method in new[] { "MayMatch", "MayMatchSplitPart" })
            {
                MethodInfo info = type.GetMethod(method, BindingFlags.Instance | BindingFlags.NonPublic)!;
                yield return ($"{type.Name}.{method}", text => (bool)info.Invoke(analyzer, new object[] { text })!);
            }
        }
    }
}

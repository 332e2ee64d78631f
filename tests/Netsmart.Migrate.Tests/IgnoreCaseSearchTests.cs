using System;
using System.Linq;
using CsCheck;
using Netsmart.Knowledge.Evidence;
using Netsmart.Knowledge.Urls;
using Netsmart.Migrate.Input;

namespace Netsmart.Migrate.Tests;

/// <summary>
/// <see cref="IgnoreCaseSearch"/> gives the runtime's own answer (<c>IndexOf(needle, OrdinalIgnoreCase) &gt;= 0</c>), and the
/// prefilter's whole-file test that uses it gives <see cref="SourcePrefilter.MayHoldFinding"/>'s.
/// </summary>
public sealed class IgnoreCaseSearchTests
{
    /// <summary>Every needle the prefilter searches ignoring case.</summary>
    private static readonly string[] Needles = new[] { SourcePrefilter.NetsmartUrlMark }
        .Concat(NetsmartUrlScanner.SplitPartPaths)
        .Concat(SourcePrefilter.ContextTexts.Where(t => t.Comparison == StringComparison.OrdinalIgnoreCase).Select(t => t.Text))
        .Concat(ApiEvidenceScanner.Triggers.Where(t => t.Comparison == StringComparison.OrdinalIgnoreCase).Select(t => t.Text))
        .Distinct(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Pieces of texts: the needles in several cases and cut short, characters that equal ASCII letters ignoring case.</summary>
    private static readonly string[] Fragments = Needles
        .SelectMany(n => new[] { n, n.ToUpperInvariant(), n[..^1], n[1..], MixCase(n), n.Replace('s', '\u017F').Replace('i', '\u0131') })
        .Concat(new[] { "https://fhir.", ".com/", "/", "%", "2", "x", " ", "\n", "\u212A", "\u0130", "\uD83D\uDE00", "\\u0041", "patient/", "Tenant" })
        .ToArray();

    [Fact]
    public void The_prefilters_needles_are_the_ones_searched_here() =>
        Assert.Equal(
            new[] { "netsmartcloud", "uscore/v1", "access/v2", "oauth2/v1", ".well-known/smart-configuration", "tenant", "%2F" },
            Needles);

    [Fact]
    public void The_netsmart_url_mark_is_what_the_knowledge_core_looks_for()
    {
        string mark = SourcePrefilter.NetsmartUrlMark;
        Assert.True(NetsmartUrlScanner.MayContainNetsmartUrl(mark));
        Assert.True(NetsmartUrlScanner.MayContainNetsmartUrl("x" + mark.ToUpperInvariant() + "x"));
        for (int i = 0; i < mark.Length; i++)
        {
            Assert.False(NetsmartUrlScanner.MayContainNetsmartUrl(mark.Remove(i, 1)));
        }
    }

    [Fact]
    public void The_forms_searched_for_hold_every_character_the_runtime_equates_ignoring_case()
    {
        foreach (char c in Needles.SelectMany(n => n).Distinct())
        {
            char[] forms = IgnoreCaseSearch.Forms(c);
            for (int x = 0; x <= char.MaxValue; x++)
            {
                char candidate = (char)x;
                if (MemoryExtensions.Equals(new ReadOnlySpan<char>(in candidate), new ReadOnlySpan<char>(in c), StringComparison.OrdinalIgnoreCase))
                {
                    Assert.True(Array.IndexOf(forms, candidate) >= 0, $"U+{x:X4} equals '{c}' ignoring case but is not searched for");
                }
            }
        }
    }

    [Theory]
    [InlineData("netsmartcloud", "netsmartcloud", true)]
    [InlineData("https://fhir.NetsmartCloud.com", "netsmartcloud", true)]
    [InlineData("xNETSMARTCLOUD", "netsmartcloud", true)]
    [InlineData("NETSMARTCLOUDx", "netsmartcloud", true)]
    [InlineData("netsmartclou", "netsmartcloud", false)]
    [InlineData("etsmartcloud", "netsmartcloud", false)]
    [InlineData("", "netsmartcloud", false)]
    [InlineData("/USCORE/V1/Patient", "uscore/v1", true)]
    [InlineData("uscore/v2", "uscore/v1", false)]
    [InlineData("a%2fb", "%2F", true)]
    [InlineData("%2", "%2F", false)]
    [InlineData("TenantId", "tenant", true)]
    [InlineData("tenan", "tenant", false)]
    public void A_needle_is_found_ignoring_case_wherever_it_is(string text, string needle, bool expected)
    {
        Assert.Equal(expected, text.IndexOf(needle, StringComparison.OrdinalIgnoreCase) >= 0);
        Assert.Equal(expected, IgnoreCaseSearch.Contains(text, needle));
    }

    [Fact]
    public void Every_answer_is_the_runtimes() =>
        PropertySample.ForAll(
            Gen.Int[0, Fragments.Length - 1].Array[0, 8].Select(picks => string.Concat(picks.Select(p => Fragments[p]))),
            text =>
            {
                foreach (string needle in Needles)
                {
                    Assert.Equal(text.IndexOf(needle, StringComparison.OrdinalIgnoreCase) >= 0, IgnoreCaseSearch.Contains(text, needle));
                }

                Assert.Equal(SourcePrefilter.MayHoldFinding(text), SourcePrefilter.FileMayHoldFinding(text));
            },
            count: PropertySample.Count(2000));

    [Theory]
    [InlineData("tenant", StringComparison.Ordinal, "TENANT", false)]
    [InlineData("tenant", StringComparison.Ordinal, "a tenant", true)]
    [InlineData("t\u00E9nant", StringComparison.OrdinalIgnoreCase, "T\u00C9NANT", true)]
    public void Other_comparisons_and_non_ascii_needles_are_the_runtimes_own_search(string needle, StringComparison comparison, string text, bool expected)
    {
        Assert.Equal(expected, text.IndexOf(needle, comparison) >= 0);
        Assert.Equal(expected, IgnoreCaseSearch.Contains(text, needle, comparison));
    }

    private static string MixCase(string text) =>
        string.Concat(text.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c));
}

using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Netsmart.Analyzers.Tests.Robustness;

/// <summary>
/// Concatenations of tens of thousands of operands (generated code, SQL-like builders): analysis and Fix-All finish
/// and give the one right diagnostic and fixed text. Not timed assertions (the benchmark harness measures speed);
/// before analysis was linear, N = 2,000 took most of a minute and N = 20,000 did not finish.
/// </summary>
public class LongChainTests
{
    private const string V1 = "https://fhir.netsmartcloud.com/uscore/v1";
    private const string V2 = "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}";
    private const int N = 20_000;
    private const int MixedN = 5_000;

    private readonly ITestOutputHelper _output;

    public LongChainTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task A_v1_url_followed_by_20000_constant_operands_is_reported_on_the_whole_chain_and_fixed()
    {
        var chain = new StringBuilder("\"" + V1 + "/Patient\"");
        for (int i = 0; i < N; i++)
        {
            chain.Append(" + \"/x\"");
        }

        string source = "class C\n{\n    static void Main() { }\n\n    const string Url = " + chain + ";\n}\n";
        int start = source.IndexOf('"', StringComparison.Ordinal);
        int end = source.LastIndexOf('"') + 1;

        await CheckAsync(source, expectedSpans: new[] { (start, end) }, source.Replace(V1, V2, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mixed_chains_of_5000_operands_with_run_time_values_parentheses_and_interpolations_are_fixed()
    {
        // Constant and run-time operands interleaved, parenthesised sub-chains, interpolated strings, a const field.
        var chain = new StringBuilder("\"" + V1 + "/Observation\" + \"?a=\"");
        string[] shapes = { " + \"/x\"", " + id", " + (\"/y\" + id)", " + $\"/z{id}\"", " + Seg", " + ((id))" };
        for (int i = 0; i < MixedN; i++)
        {
            chain.Append(shapes[i % shapes.Length]);
        }

        string source = "class C\n{\n    static void Main() { }\n\n    const string Seg = \"/s\";\n\n    string M(string id) => " + chain + ";\n}\n";
        int start = source.IndexOf("\"https", StringComparison.Ordinal);
        int end = source.IndexOf("\"?a=\"", StringComparison.Ordinal) + "\"?a=\"".Length + " + \"/x\"".Length; // the constant prefix

        await CheckAsync(source, expectedSpans: new[] { (start, end) }, source.Replace(V1, V2, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_chain_of_5000_identical_v1_urls_gets_one_diagnostic_and_one_fix_each()
    {
        var chain = new StringBuilder();
        var spans = new (int, int)[MixedN];
        const string prefix = "class C\n{\n    static void Main() { }\n\n    string M(string id) => ";
        for (int i = 0; i < MixedN; i++)
        {
            if (i > 0)
            {
                chain.Append(" + ");
            }

            int at = prefix.Length + chain.Length;
            string literal = "\"" + V1 + "/Patient/\"";
            spans[i] = (at, at + literal.Length);
            chain.Append(literal).Append(" + id");
        }

        string source = prefix + chain + ";\n}\n";
        await CheckAsync(source, spans, source.Replace(V1, V2, StringComparison.Ordinal));
    }

    private async Task CheckAsync(string source, (int Start, int End)[] expectedSpans, string expectedFixed)
    {
        using var workspace = new AdhocWorkspace();
        Solution solution = FixRunner.Create(workspace, new TestProgram(new[] { ("/0/Chain.cs", source) }));

        var clock = Stopwatch.StartNew();
        Analysis analysis = await FixRunner.AnalyzeAsync(solution);
        _output.WriteLine("analysis: " + clock.Elapsed);
        Assert.Empty(analysis.Exceptions);
        Assert.Empty(analysis.Errors);
        Assert.Equal(
            expectedSpans.Select(s => "NSM001 " + s.Start + ".." + s.End),
            analysis.Nsm.Select(d => d.Id + " " + d.Location.SourceSpan.Start + ".." + d.Location.SourceSpan.End));

        clock.Restart();
        Solution fixedSolution = await FixRunner.FixAllAsync(solution, analysis.Nsm);
        _output.WriteLine("Fix-All: " + clock.Elapsed);
        string actual = FixRunner.Texts(fixedSolution).Single();
        Assert.True(actual == expectedFixed, "the fixed chain differs from the expected one at offset " + FirstDifference(actual, expectedFixed));
    }

    private static int FirstDifference(string a, string b)
    {
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }
}

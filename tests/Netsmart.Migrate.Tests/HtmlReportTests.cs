using System;
using System.Linq;
using System.Threading.Tasks;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Netsmart.Migrate.Tests.Infrastructure;

namespace Netsmart.Migrate.Tests;

/// <summary>scan --format html: one self-contained page, everything from the input escaped, proposed text from the fix engine.</summary>
public sealed class HtmlReportTests
{
    private const string Hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> & \"q\"";

    [Fact]
    public async Task The_html_report_is_self_contained_escaped_and_shows_the_fix_dry_run_text()
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);
        tree.Write("App/Hostile.cs", "namespace App;\npublic static class Hostile\n{\n    public const string U = \"https://fhir.netsmartcloud.com/uscore/v1\"; // " + Hostile + "\n}\n");

        ToolResult scan = await Tool.RunAsync(tree.Root, "scan", "App", "--format", "html", "--output", "out/report.html");
        ToolResult dryRun = await Tool.RunAsync(tree.Root, "fix", "App", "--dry-run");

        Assert.True(scan.ExitCode == 1, scan.ToString());
        Assert.Equal(string.Empty, scan.Output);
        IDocument html = new HtmlParser().ParseDocument(tree.Read("out/report.html"));

        // Self-contained: no script, no stylesheet link, no frame or image, no attribute naming a URL to load.
        Assert.Empty(html.QuerySelectorAll("script, link, iframe, img, object, embed, audio, video, source"));
        Assert.DoesNotContain(html.All, e => e.Attributes.Any(a => a.Name is "src" or "href" or "srcset" or "action" || a.Name.StartsWith("on", StringComparison.Ordinal)));
        Assert.All(html.QuerySelectorAll("style"), s => Assert.DoesNotContain("url(", s.TextContent, StringComparison.Ordinal));
        Assert.All(html.QuerySelectorAll("style"), s => Assert.DoesNotContain("@import", s.TextContent, StringComparison.Ordinal));
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'", html.QuerySelector("meta[http-equiv=Content-Security-Policy]")!.GetAttribute("content"));

        // Structure: the summaries as charts, the checklist, one row per finding.
        Assert.Equal("netsmart-migrate scan App", html.QuerySelector("h1")!.TextContent);
        Assert.Equal(new[] { "NSM001 Certified v1 Patient Access URL: 4", "NSM003 Certified v1 authorization server URL: 1", "NSM010 SMART 1.0 scope syntax: 2" },
            html.QuerySelectorAll("#by-rule svg g.bar title").Select(t => t.TextContent));
        Assert.Equal(new[] { "App: 7" }, html.QuerySelectorAll("#by-project svg g.bar title").Select(t => t.TextContent));
        Assert.Equal(10, html.QuerySelectorAll("#checklist tbody tr").Length);
        Assert.Equal(7, html.QuerySelectorAll("#findings tr.finding").Length);
        Assert.Contains("Result: 5 warnings, 2 info (7 fixable with `netsmart-migrate fix`); exit code 1 (--fail-on warning)", html.QuerySelector("#result")!.TextContent);

        // The hostile comment is text, not markup; the proposed text is the dry run's '+' line.
        IElement row = html.QuerySelectorAll("#findings tr.finding").Single(r => r.TextContent.Contains("Hostile.cs(4,29)", StringComparison.Ordinal));
        Assert.Equal("    public const string U = \"https://fhir.netsmartcloud.com/uscore/v1\"; // " + Hostile, row.QuerySelector("td.source pre")!.TextContent);
        string proposed = row.QuerySelector("td.proposed pre")!.TextContent;
        Assert.Contains("+" + proposed + "\n", dryRun.Output);
        Assert.Contains("\"https://fhir.netsmartcloud.com/provider/patient-access/v2/", proposed);
    }

    [Fact]
    public async Task With_a_baseline_the_html_report_shows_the_burndown()
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);
        await Tool.RunAsync(tree.Root, "scan", "App", "--write-baseline", "b.json");
        tree.Write("App/FhirClient.cs", tree.Read("App/FhirClient.cs").Replace("https://oauth.netsmartcloud.com/token", "https://example.org/token"));

        ToolResult scan = await Tool.RunAsync(tree.Root, "scan", "App", "--format", "html", "--baseline", "b.json");

        Assert.True(scan.ExitCode == 0, scan.ToString());
        IDocument html = new HtmlParser().ParseDocument(scan.Output);
        Assert.Equal("0 new, 5 still open from the baseline, 1 fixed since the baseline.", html.QuerySelector("#burndown p")!.TextContent);
        Assert.Equal(new[] { "fixed since the baseline: 1", "still open: 5", "new: 0" }, html.QuerySelectorAll("#burndown svg g.bar title").Select(t => t.TextContent));
        Assert.Single(html.QuerySelectorAll("#burndown #fixed li"));
    }
}

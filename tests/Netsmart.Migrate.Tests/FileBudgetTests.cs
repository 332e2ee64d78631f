using System;
using System.Threading;
using System.Threading.Tasks;
using Netsmart.Migrate.Analysis;
using Netsmart.Migrate.Cli;
using Netsmart.Migrate.Tests.Infrastructure;

namespace Netsmart.Migrate.Tests;

/// <summary>--file-timeout: a file whose analysis goes over its budget is skipped and named, never a silent hang.</summary>
public sealed class FileBudgetTests
{
    private const string Skipped =
        "  FhirClient.cs: its analysis took longer than the per-file time budget (0 ms); skipped, so its findings are not reported and it is not rewritten. " +
        "Very long string concatenations can cause this: raise the budget with --file-timeout SECONDS (0: no limit)\n";

    // An injected budget: none left for FhirClient.cs (so it is over budget however fast the analysis is), no limit for the others.
    private static CliEnvironment NoTimeForTheClient(CliEnvironment environment) => environment with
    {
        FileTimeout = path => path.EndsWith("FhirClient.cs", StringComparison.Ordinal) ? TimeSpan.Zero : Timeout.InfiniteTimeSpan,
    };

    [Fact]
    public async Task Scan_reports_a_file_over_its_budget_as_skipped_and_analyses_the_others()
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);

        ToolResult result = await Tool.RunAsync(tree.Root, NoTimeForTheClient, "scan", "App");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("\nSkipped (1)\n" + Skipped, result.Output);
        Assert.DoesNotContain("FhirClient.cs(", result.Output);
        Assert.Contains("  appsettings.json(4,21): NSM001 ", result.Output);
        Assert.Contains("Result: 1 warning, 1 info (2 fixable with `netsmart-migrate fix`), 1 file skipped; exit code 1 (--fail-on warning)", result.Output);
    }

    [Fact]
    public async Task Fix_leaves_a_file_over_its_budget_untouched_and_exits_1()
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);
        string client = tree.Read("App/FhirClient.cs");

        ToolResult result = await Tool.RunAsync(tree.Root, NoTimeForTheClient, "fix", "App");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(client, tree.Read("App/FhirClient.cs"));
        Assert.Contains("/provider/patient-access/v2/", tree.Read("App/appsettings.json"));
        Assert.Contains("Skipped (1):\n" + Skipped, result.Output);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("soon")]
    public async Task A_bad_file_timeout_is_a_usage_error(string value)
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);

        ToolResult result = await Tool.RunAsync(tree.Root, "scan", "App", "--file-timeout", value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--file-timeout", result.Error);
    }

    [Fact]
    public async Task The_default_budget_does_not_skip_ordinary_files()
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);

        ToolResult byDefault = await Tool.RunAsync(tree.Root, "scan", "App/App.csproj");
        ToolResult unlimited = await Tool.RunAsync(tree.Root, "scan", "App/App.csproj", "--file-timeout", "0");

        Expected.Matches("scan-app.txt", byDefault.Output);
        Assert.Equal(byDefault.Output, unlimited.Output);
    }

    [Fact]
    public async Task Work_that_ignores_cancellation_is_not_waited_for_past_the_budget()
    {
        var budget = new FileBudget(path => path == "/src/Stuck.cs" ? TimeSpan.FromMilliseconds(50) : Timeout.InfiniteTimeSpan);
        using var never = new ManualResetEventSlim(false);
        try
        {
            // A stuck analyzer: it never checks the token and never returns until released.
            object? result = await budget.RunAsync("/src/Stuck.cs", _ =>
            {
                never.Wait();
                return new object();
            }, CancellationToken.None);

            Assert.Null(result);
            Assert.True(budget.IsExceeded("/src/Stuck.cs"));
            Assert.StartsWith("its analysis took longer than the per-file time budget (50 ms); skipped", Assert.Single(budget.Problems()).Message);
            Assert.Equal("done", await budget.RunAsync("/src/Other.cs", _ => "done", CancellationToken.None));
        }
        finally
        {
            never.Set();
        }
    }
}

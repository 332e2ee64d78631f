using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Netsmart.Migrate.Tests.Infrastructure;

namespace Netsmart.Migrate.Tests;

/// <summary>The built tool, run as a child process with its output redirected.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task The_built_tool_scans_with_redirected_output_and_prints_only_the_report()
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);
        string tool = Path.Combine(AppContext.BaseDirectory, "netsmart-migrate.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            WorkingDirectory = tree.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { tool, "scan", "App", "--format", "json" })
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "the tool did not finish in 2 minutes");

        Assert.True(process.ExitCode == 1, await stderr + await stdout);
        Assert.Equal(string.Empty, await stderr); // no progress indicator when redirected
        JsonNode report = JsonNode.Parse(await stdout)!;
        Assert.Equal(6, (int)report["summary"]!["findings"]!);
    }
}

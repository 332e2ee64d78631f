using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Netsmart.Migrate.Cli;

namespace Netsmart.Migrate.Tests.Infrastructure;

/// <summary>The outcome of one in-process run of the tool.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";

    /// <summary>The findings of a JSON report, each as <c>file:line:ruleId</c>, in the report's order.</summary>
    public string[] FindingKeys() =>
        System.Text.Json.Nodes.JsonNode.Parse(Output)!["findings"]!.AsArray().Select(f => $"{f!["file"]}:{f["line"]}:{f["ruleId"]}").ToArray();
}

/// <summary>Runs netsmart-migrate in process through its real entry point (the command line, parsed as the tool parses it).</summary>
internal static class Tool
{
    public static Task<ToolResult> RunAsync(string currentDirectory, params string[] args) =>
        RunAsync(currentDirectory, environment => environment, args);

    /// <summary>Runs the tool with an environment changed by <paramref name="configure"/> (an injected time budget, a fake terminal).</summary>
    public static async Task<ToolResult> RunAsync(string currentDirectory, Func<CliEnvironment, CliEnvironment> configure, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        int exitCode = await MigrateCli.RunAsync(args, configure(new CliEnvironment(output, error, currentDirectory, Interactive: false)));
        return new ToolResult(exitCode, output.ToString(), error.ToString());
    }
}

using System.Threading.Tasks;
using Netsmart.Migrate.Tests.Infrastructure;

namespace Netsmart.Migrate.Tests;

/// <summary>0 clean, 1 findings (at or above --fail-on) or skipped files, 2 usage or input error.</summary>
public sealed class ExitCodeTests
{
    [Fact]
    public async Task Clean_code_exits_0()
    {
        using var tree = new TempFolder();
        Fixtures.WriteCleanApp(tree);

        ToolResult result = await Tool.RunAsync(tree.Root, "scan", "Clean");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Result: no findings; exit code 0 (--fail-on warning)", result.Output);
        Assert.Contains("ok                   CapabilityStatement retrieved and validated: the code requests .well-known/smart-configuration at Client.cs(7,37)", result.Output);
    }

    [Fact]
    public async Task Info_findings_alone_exit_0_unless_fail_on_info()
    {
        using var tree = new TempFolder();
        tree.Write("Scopes/Scopes.cs", "namespace S; public static class Scopes { public const string Patient = \"patient/Patient.read\"; }\n");

        ToolResult byDefault = await Tool.RunAsync(tree.Root, "scan", "Scopes");
        ToolResult strict = await Tool.RunAsync(tree.Root, "scan", "Scopes", "--fail-on", "info");

        Assert.True(byDefault.ExitCode == 0, byDefault.ToString());
        Assert.Contains("Scopes.cs(1,73): NSM010 SMART 1.0 scope syntax 'patient/Patient.read'; the SMART 2.0 form is 'patient/Patient.rs'", byDefault.Output);
        Assert.Equal(1, strict.ExitCode);
    }

    [Fact]
    public async Task Warnings_exit_1()
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);

        Assert.Equal(1, (await Tool.RunAsync(tree.Root, "scan", "App")).ExitCode);
    }

    [Theory]
    [InlineData("scan", "does-not-exist")]
    [InlineData("scan", "App/FhirClient.cs")]
    [InlineData("scan", "App", "--format", "xml")]
    [InlineData("scan", "App", "--fail-on", "error")]
    [InlineData("scan", "App", "--no-such-option")]
    [InlineData("fix", "App", "--tenant-id", "acme")]
    [InlineData("fix", "App", "--tenant-expression", "Tenant Id")]
    [InlineData("frobnicate")]
    [InlineData]
    public async Task Usage_and_input_errors_exit_2(params string[] args)
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);

        ToolResult result = await Tool.RunAsync(tree.Root, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("error", result.Error);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task Help_exits_0()
    {
        using var tree = new TempFolder();
        ToolResult result = await Tool.RunAsync(tree.Root, "scan", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--fail-on", result.Output);
    }
}

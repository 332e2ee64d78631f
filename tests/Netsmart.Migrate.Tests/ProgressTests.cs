using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Netsmart.Migrate.Cli;
using Netsmart.Migrate.Tests.Infrastructure;

namespace Netsmart.Migrate.Tests;

/// <summary>The progress line: on standard error when it is a terminal (an injected fake here), silent otherwise.</summary>
public sealed class ProgressTests
{
    private const int Files = 210; // progress shows from 200 files

    private static TempFolder ManyFiles()
    {
        var tree = new TempFolder();
        for (int i = 0; i < Files; i++)
        {
            tree.Write($"Big/C{i:000}.cs", $"namespace Big; public static class C{i:000} {{ public const string U = \"https://fhir.netsmartcloud.com/uscore/v1\"; }}\n");
        }

        return tree;
    }

    [Theory]
    [InlineData("scan")]
    [InlineData("fix")]
    public async Task A_terminal_gets_one_rewritten_line_per_phase_erased_before_the_report(string command)
    {
        using TempFolder tree = ManyFiles();
        var terminal = new FakeTerminal(redirected: false);

        ToolResult quiet = command == "scan" ? await Tool.RunAsync(tree.Root, command, "Big") : default!;
        ToolResult result = await Tool.RunAsync(tree.Root, e => e with { Terminal = terminal }, command, "Big");

        string progress = terminal.Text;
        Assert.StartsWith("\rReading files ", progress);
        Assert.Contains($"\rReading files {Files + 1}/{Files + 1}", progress); // and the tree's .editorconfig
        Assert.Contains($"\rParsing C# files {Files}/{Files}", progress);
        if (command == "scan")
        {
            Assert.Contains($"\rScanning C# files {Files}/{Files}", progress); // the prefilter reads every file's text
        }

        Assert.Contains($"\rAnalysing files {Files}/{Files}", progress);
        Assert.DoesNotContain("\n", progress);
        // Each line is padded over the longer one before it, and the last is erased.
        Match last = Regex.Match(progress, "\r([^\r]+)\r( +)\r$");
        Assert.True(last.Success, progress);
        Assert.Equal(last.Groups[1].Value.TrimEnd().Length, last.Groups[2].Value.Length);
        Assert.All(progress.Split('\r').Skip(1).Where(l => l.Trim().Length > 0), l => Assert.Matches(@"^(Reading files|Scanning C# files|Parsing C# files|Analysing files) \d+/\d+ *$|^Fixing NSM\d{3} *$", l));
        Assert.Equal(string.Empty, result.Error);
        if (command == "scan")
        {
            Assert.Equal(quiet.Output, result.Output);
        }
    }

    [Fact]
    public async Task Nothing_is_written_when_standard_error_is_not_a_terminal()
    {
        using TempFolder tree = ManyFiles();
        var terminal = new FakeTerminal(redirected: true);

        ToolResult result = await Tool.RunAsync(tree.Root, e => e with { Terminal = terminal, Interactive = true }, "scan", "Big");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, terminal.Text);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public async Task A_small_tree_shows_no_progress_even_on_a_terminal()
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);
        var terminal = new FakeTerminal(redirected: false);

        await Tool.RunAsync(tree.Root, e => e with { Terminal = terminal }, "fix", "App", "--dry-run");

        Assert.Equal(string.Empty, terminal.Text);
    }

    private sealed class FakeTerminal(bool redirected) : ITerminal
    {
        private readonly StringWriter _error = new();

        public bool IsErrorRedirected => redirected;

        public TextWriter Error => _error;

        public string Text => _error.ToString();
    }
}

using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Netsmart.Analyzers;
using Netsmart.Knowledge.Urls;
using Netsmart.Migrate.Analysis;
using Netsmart.Migrate.Analysis.Host;
using Netsmart.Migrate.Input;
using Netsmart.Migrate.Reporting;

namespace Netsmart.Migrate.Cli;

/// <summary>
/// Where the tool reads and writes; the console for the real tool, string writers in tests. <paramref name="FileTimeout"/>
/// replaces <c>--file-timeout</c> with a budget per file (tests); <paramref name="Terminal"/> is the console the progress
/// line goes to (the real one when null and <paramref name="Interactive"/>). <paramref name="AnalyzerHost"/> chooses the
/// analyzer host (<c>NETSMART_MIGRATE_HOST</c> when null), <paramref name="Prefilter"/> whether <c>scan</c> prefilters
/// (<c>NETSMART_MIGRATE_PREFILTER</c> when null).
/// </summary>
internal sealed record CliEnvironment(
    TextWriter Out,
    TextWriter Error,
    string CurrentDirectory,
    bool Interactive,
    Func<string, TimeSpan>? FileTimeout = null,
    ITerminal? Terminal = null,
    AnalyzerHostOptions? AnalyzerHost = null,
    PrefilterOptions? Prefilter = null)
{
    public AnalyzerHostOptions Host() => AnalyzerHost ?? AnalyzerHostOptions.FromEnvironment();

    public PrefilterOptions Prefiltering() => Prefilter ?? PrefilterOptions.FromEnvironment();

    public FileBudget Budget(double seconds) => FileTimeout is { } perFile ? new FileBudget(perFile) : FileBudget.FromSeconds(seconds);

    public ProgressReporter Progress() =>
        Terminal is { } terminal ? ProgressReporter.For(terminal)
        : Interactive ? ProgressReporter.For(SystemTerminal.Instance)
        : ProgressReporter.Silent;
}

/// <summary>The command line: <c>scan</c> and <c>fix</c>, parsed with System.CommandLine.</summary>
internal static class MigrateCli
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var pathArgument = new Argument<string?>("path")
        {
            Description = "A folder, a .csproj, or a .sln/.slnx file. Default: the current folder.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var tenantExpressionOption = new Option<string?>("--tenant-expression")
        {
            Description = "The C# expression the fixes write for the tenant id (overrides netsmart.tenant_id_expression in .editorconfig).",
            HelpName = "expr",
        };

        var formatOption = new Option<string>("--format", "-f")
        {
            Description = "Report format.",
            DefaultValueFactory = _ => "text",
        };
        formatOption.AcceptOnlyFromAmong("text", "markdown", "json", "sarif", "html");
        var outputOption = new Option<string?>("--output", "-o")
        {
            Description = "Write the report to this file instead of standard output.",
            HelpName = "file",
        };
        var failOnOption = new Option<string>("--fail-on")
        {
            Description = "Lowest finding severity that makes the exit code 1.",
            DefaultValueFactory = _ => "warning",
        };
        failOnOption.AcceptOnlyFromAmong("info", "warning");
        var fileTimeoutOption = new Option<double>("--file-timeout")
        {
            Description = "Seconds one file's analysis may take; a file that takes longer is skipped and reported (exit code 1). 0: no limit.",
            HelpName = "seconds",
            DefaultValueFactory = _ => FileBudget.DefaultLimit.TotalSeconds,
            CustomParser = r =>
            {
                string text = r.Tokens.Count == 1 ? r.Tokens[0].Value : string.Empty;
                if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double seconds) &&
                    seconds >= 0 && double.IsFinite(seconds))
                {
                    return seconds;
                }

                r.AddError($"--file-timeout '{text}' is not a number of seconds, 0 or more (0: no limit).");
                return 0;
            },
        };
        var baselineOption = new Option<string?>("--baseline")
        {
            Description = "A baseline file (from --write-baseline): findings it holds are reported as known and do not fail the scan; the report adds the burndown.",
            HelpName = "file",
        };
        var writeBaselineOption = new Option<string?>("--write-baseline")
        {
            Description = "Record the scan's findings in this baseline file (for --baseline in CI).",
            HelpName = "file",
        };

        var defineOption = new Option<string[]>("--define", "-d")
        {
            Description = "Preprocessor symbols to define for #if, separated by ';' or ',' or repeated (e.g. --define DEBUG). Default: none. Code that #if leaves out and may hold a finding is reported.",
            HelpName = "symbols",
            AllowMultipleArgumentsPerToken = false,
            CustomParser = r =>
            {
                var symbols = new List<string>();
                foreach (string token in r.Tokens.Select(t => t.Value))
                {
                    foreach (string symbol in token.Split(new[] { ';', ',' }, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (!SyntaxFacts.IsValidIdentifier(symbol) || SyntaxFacts.GetKeywordKind(symbol) is SyntaxKind.TrueKeyword or SyntaxKind.FalseKeyword)
                        {
                            r.AddError($"--define '{symbol}' is not a preprocessor symbol (a C# identifier other than true and false).");
                            return Array.Empty<string>();
                        }

                        if (!symbols.Contains(symbol))
                        {
                            symbols.Add(symbol);
                        }
                    }
                }

                return symbols.ToArray();
            },
        };

        var scan = new Command("scan", "Report Certified v1 URLs, tenant-less v2 URLs and SMART scope problems in C# and appsettings*.json files, with the migration guide's validation checklist.")
        {
            pathArgument, formatOption, outputOption, failOnOption, tenantExpressionOption, baselineOption, writeBaselineOption, fileTimeoutOption, defineOption,
        };
        scan.SetAction((result, ct) => Guard(environment, () => ScanCommand.RunAsync(
            new ScanCommand.Options(
                result.GetValue(pathArgument),
                result.GetValue(formatOption)!,
                result.GetValue(outputOption),
                result.GetValue(failOnOption) == "info" ? FindingSeverity.Info : FindingSeverity.Warning,
                ValidTenantExpression(result.GetValue(tenantExpressionOption)),
                result.GetValue(fileTimeoutOption),
                result.GetValue(baselineOption),
                result.GetValue(writeBaselineOption),
                result.GetValue(defineOption)),
            environment,
            ct)));

        var tenantIdOption = new Option<string?>("--tenant-id")
        {
            Description = "A tenant id (UUID) to write into the {tenant-id} placeholders of appsettings*.json values. C# code gets the tenant expression instead.",
            HelpName = "uuid",
        };
        var dryRunOption = new Option<bool>("--dry-run")
        {
            Description = "Print a unified diff of the changes and write nothing.",
        };
        var fix = new Command("fix", "Rewrite the findings to Certified v2 with the package's own code fixes (C#) and the same knowledge (appsettings*.json).")
        {
            pathArgument, tenantExpressionOption, tenantIdOption, dryRunOption, fileTimeoutOption, defineOption,
        };
        fix.SetAction((result, ct) => Guard(environment, () => FixCommand.RunAsync(
            new FixCommand.Options(
                result.GetValue(pathArgument),
                ValidTenantExpression(result.GetValue(tenantExpressionOption)),
                ValidTenantId(result.GetValue(tenantIdOption)),
                result.GetValue(dryRunOption),
                result.GetValue(fileTimeoutOption),
                result.GetValue(defineOption)),
            environment,
            ct)));

        var root = new RootCommand("netsmart-migrate: moves C# code and appsettings*.json from Netsmart CareConnect Certified v1 to Certified v2 with the Netsmart.Analyzers rules and fixes.")
        {
            scan, fix,
        };

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                environment.Error.WriteLine("error: " + error.Message);
            }

            environment.Error.WriteLine("Run 'netsmart-migrate --help' for usage.");
            return ExitCodes.UsageOrInputError;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = environment.Out, Error = environment.Error }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> Guard(CliEnvironment environment, Func<Task<int>> run)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (InputException e)
        {
            environment.Error.WriteLine("error: " + e.Message);
            return ExitCodes.UsageOrInputError;
        }
    }

    private static string? ValidTenantExpression(string? expression) =>
        expression is null ? null
        : NetsmartOptions.ValidTenantIdExpression(expression) ?? throw new InputException($"--tenant-expression '{expression}' is not a C# expression.");

    private static string? ValidTenantId(string? tenantId)
    {
        if (tenantId is null)
        {
            return null;
        }

        if (!NetsmartTenantSegment.IsUuid(tenantId.Trim()))
        {
            throw new InputException($"--tenant-id '{tenantId}' is not a tenant id (a UUID such as 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b).");
        }

        return tenantId.Trim();
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Netsmart.Analyzers.Package.Tests.Infrastructure;

/// <summary>The outcome of one <c>dotnet</c> child process.</summary>
internal sealed record ProcessResult(
    string CommandLine,
    string WorkingDirectory,
    int ExitCode,
    bool TimedOut,
    TimeSpan Elapsed,
    string StandardOutput,
    string StandardError)
{
    /// <summary>Both streams; MSBuild writes diagnostics to stdout.</summary>
    public string Output => StandardOutput + Environment.NewLine + StandardError;

    /// <summary>The whole story, for assertion messages.</summary>
    public string Describe() =>
        $"""
        > {CommandLine}
          (in {WorkingDirectory})
          exit code {ExitCode}{(TimedOut ? " (TIMED OUT, killed)" : "")} after {Elapsed.TotalSeconds:F1}s
        ----- stdout -----
        {StandardOutput.TrimEnd()}
        ----- stderr -----
        {StandardError.TrimEnd()}
        ------------------
        """;
}

/// <summary>Runs the .NET CLI as a child process with a timeout and a clean, quiet environment.</summary>
internal static class DotnetCli
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The dotnet host that runs these tests (set by the CLI), else the one on PATH.</summary>
    public static string DotnetPath { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : "dotnet";

    public static async Task<ProcessResult> RunAsync(
        string workingDirectory,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var args = arguments.ToList();
        var startInfo = new ProcessStartInfo(DotnetPath)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        PrepareEnvironment(startInfo.Environment);
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                startInfo.Environment[key] = value;
            }
        }

        var commandLine = "dotnet " + string.Join(" ", args.Select(a => a.Contains(' ') ? $"\"{a}\"" : a));
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start: {commandLine}");
        process.StandardInput.Close();

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        var timedOut = false;
        using (var cts = new CancellationTokenSource(timeout ?? DefaultTimeout))
        {
            try
            {
                await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Exited in the meantime.
                }

                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        // A grandchild that inherited the pipes (it should not: node reuse is off) must not hang the test.
        var drained = Task.WhenAll(stdout, stderr);
        await Task.WhenAny(drained, Task.Delay(TimeSpan.FromSeconds(30))).ConfigureAwait(false);
        stopwatch.Stop();

        return new ProcessResult(
            commandLine,
            workingDirectory,
            process.ExitCode,
            timedOut,
            stopwatch.Elapsed,
            stdout.IsCompletedSuccessfully ? stdout.Result : "<stdout not drained>",
            stderr.IsCompletedSuccessfully ? stderr.Result : "<stderr not drained>");
    }

    private static void PrepareEnvironment(IDictionary<string, string?> env)
    {
        // The test host may run under `dotnet test`, whose MSBuild variables (MSBuildExtensionsPath,
        // MSBuildSDKsPath, MSBUILD_EXE_PATH, ...) must not leak into an independent build.
        foreach (var key in env.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            env.Remove(key);
        }

        env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        env["DOTNET_NOLOGO"] = "1";
        env["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        env["DOTNET_CLI_UI_LANGUAGE"] = "en";
        // No long-lived MSBuild nodes or server: they would outlive the test and hold files.
        env["MSBUILDDISABLENODEREUSE"] = "1";
        env["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        env["TERM"] = "dumb";
    }
}

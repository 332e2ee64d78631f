using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Netsmart.Analyzers.Benchmarks;

/// <summary>
/// The real-codebase run of issue #14: for each folder, the compiler alone, our two analyzers (and optionally the same
/// analyzers of a baseline build), and the literal floor (<see cref="LiteralFloorAnalyzer"/>), each through
/// <c>CompilationWithAnalyzers</c> with execution-time telemetry, all in one driver pass per round (as in a build: one
/// compilation, each analyzer's own ExecutionTime; their order turns every round); plus the same analyzers dispatched
/// directly (no driver, one thread). Every round parses the files again, so per-tree caches start cold as
/// in a build: one parse for the compiler and the driver passes, another for the direct passes.
/// </summary>
internal static class Codebases
{
    /// <summary>Targets of issue #14, judged on the sum of both analyzers.</summary>
    public const double MaxOverCompile = 0.01;

    public const double MaxOverFloorSummed = 1.5;

    /// <summary>Medians of one codebase (ms). Per set: [0] the URL analyzer, [1] the scope analyzer.</summary>
    internal sealed record Result(
        string Name, int Files, int Lines, double CompilerMs, double FloorExecMs, double FloorDirectMs,
        IReadOnlyList<SetResult> Sets);

    internal sealed record SetResult(string Name, double[] ExecMs, double[] DirectMs, int Diagnostics, bool IsLowerBound = false)
    {
        public double Exec => ExecMs.Sum();

        public double Direct => DirectMs.Sum();
    }

    /// <summary>
    /// A named pair of analyzers (URL, scope) to measure: this build's, a baseline build's, or a lower bound (floors that
    /// report nothing, <see cref="LowerBounds"/>).
    /// </summary>
    internal sealed record AnalyzerSet(string Name, Func<ImmutableArray<DiagnosticAnalyzer>> Create, bool IsLowerBound = false);

    public static AnalyzerSet Ours() => new AnalyzerSet("ours", Harness.Ours);

    /// <summary>
    /// What any design of the two rules pays at least, in the same driver pass as ours (<c>--lower-bounds</c>):
    /// "two floors", two analyzers that each run the cheapest test on every literal, interpolated string and <c>+</c> (a
    /// design with no compilation-start check); "merged floor", one analyzer for both rules on every node kind they
    /// register (<see cref="MergedFloorAnalyzer"/>); "start read", one analyzer that only reads every file's text once at
    /// compilation start (the least a start check that decides whether to register costs).
    /// </summary>
    public static IEnumerable<AnalyzerSet> LowerBounds() => new[]
    {
        new AnalyzerSet("two floors", () => ImmutableArray.Create<DiagnosticAnalyzer>(new FloorUrlAnalyzer(), new FloorScopeAnalyzer()), IsLowerBound: true),
        new AnalyzerSet("merged floor", () => ImmutableArray.Create<DiagnosticAnalyzer>(new MergedFloorAnalyzer(), new IdleScopeFloorAnalyzer()), IsLowerBound: true),
        new AnalyzerSet("start read", () => ImmutableArray.Create<DiagnosticAnalyzer>(new StartReadFloorAnalyzer(), new IdleScopeFloorAnalyzer()), IsLowerBound: true),
    };

    /// <summary>
    /// The analyzers of another build of Netsmart.Analyzers.dll (e.g. main's, for an A/B run in one process), loaded in a
    /// load context of their own; Roslyn itself comes from this process.
    /// </summary>
    public static AnalyzerSet Baseline(string folder)
    {
        string path = Path.GetFullPath(Path.Combine(folder, "Netsmart.Analyzers.dll"));
        var context = new BaselineLoadContext(Path.GetDirectoryName(path)!);
        Assembly assembly = context.LoadFromAssemblyPath(path);
        Type url = assembly.GetType("Netsmart.Analyzers.Rules.NetsmartUrlAnalyzer", throwOnError: true)!;
        Type scope = assembly.GetType("Netsmart.Analyzers.Rules.SmartScopeAnalyzer", throwOnError: true)!;
        return new AnalyzerSet("baseline", () => ImmutableArray.Create(
            (DiagnosticAnalyzer)Activator.CreateInstance(url)!, (DiagnosticAnalyzer)Activator.CreateInstance(scope)!));
    }

    public static async Task<Result> MeasureAsync(Corpus corpus, string name, IReadOnlyList<AnalyzerSet> sets, int rounds, int warmup, bool directOnly, Action<string> log)
    {
        var compiler = new List<double>();
        var floorExec = new List<double>();
        var floorDirect = new List<double>();
        var exec = sets.Select(_ => (Url: new List<double>(), Scope: new List<double>())).ToArray();
        var direct = sets.Select(_ => (Url: new List<double>(), Scope: new List<double>())).ToArray();
        var diagnostics = new int[sets.Count];
        for (int round = -warmup; round < rounds; round++)
        {
            var line = new StringBuilder(round < 0 ? "  warm-up:" : $"  round {round + 1}/{rounds}:");
            if (!directOnly)
            {
                CSharpCompilation compilation = Harness.Compile(corpus);
                compilation.GetDeclarationDiagnostics(); // metadata loaded once, as in any build
                Harness.Collect();
                var sw = Stopwatch.StartNew();
                ImmutableArray<Diagnostic> errors = compilation.Clone().GetDiagnostics();
                double compilerMs = sw.Elapsed.TotalMilliseconds;
                line.Append(CultureInfo.InvariantCulture, $" compiler {compilerMs:0} ms ({errors.Count(d => d.Severity == DiagnosticSeverity.Error)} errors)");

                // One driver pass for every analyzer (ours, the baseline's, the floor), as in a build: one compilation,
                // and each analyzer's own ExecutionTime. Their order turns every round.
                var all = new List<(int Set, DiagnosticAnalyzer Analyzer)>();
                for (int s = 0; s < sets.Count; s++)
                {
                    all.AddRange(sets[s].Create().Select(a => (s, a)));
                }

                all.Add((sets.Count, new LiteralFloorAnalyzer()));
                int turn = (round + warmup) % all.Count;
                var ordered = all.Skip(turn).Concat(all.Take(turn)).ToList();
                Harness.Collect();
                var run = await Harness.RunAsync(compilation.Clone(), ordered.Select(x => x.Analyzer).ToImmutableArray());
                var passExec = sets.Select(_ => new List<double>()).ToArray();
                double floorMs = 0;
                for (int i = 0; i < ordered.Count; i++)
                {
                    if (ordered[i].Set == sets.Count)
                    {
                        floorMs = run.Exec[i];
                    }
                    else
                    {
                        passExec[ordered[i].Set].Add(run.Exec[i]); // URL, then scope: Create() order, kept by the rotation within a set
                    }
                }

                int reporting = sets.Count(x => !x.IsLowerBound);
                for (int s = 0; s < sets.Count; s++)
                {
                    // The pass reports every set's diagnostics together: the count per set assumes the sets agree (lower
                    // bounds report none).
                    diagnostics[s] = sets[s].IsLowerBound ? 0 : run.Found.Count(d => d.Id.StartsWith("NSM", StringComparison.Ordinal)) / Math.Max(1, reporting);
                    if (passExec[s].Count == 2 && ordered.FindIndex(x => x.Set == s) is int first && ordered[first].Analyzer.GetType().Name.Contains("Scope", StringComparison.Ordinal))
                    {
                        passExec[s].Reverse();
                    }
                }

                line.Append(CultureInfo.InvariantCulture, $" | floor exec {floorMs:0.0}");
                for (int s = 0; s < sets.Count; s++)
                {
                    line.Append(CultureInfo.InvariantCulture, $" | {sets[s].Name} exec {passExec[s][0]:0.0} + {passExec[s][1]:0.0}");
                }

                if (round >= 0)
                {
                    compiler.Add(compilerMs);
                    floorExec.Add(floorMs);
                    for (int s = 0; s < sets.Count; s++)
                    {
                        exec[s].Url.Add(passExec[s][0]);
                        exec[s].Scope.Add(passExec[s][1]);
                    }
                }
            }

            // Direct dispatch, on trees of their own (the driver passes above warmed their per-tree caches).
            CSharpCompilation fresh = Harness.Compile(corpus);
            fresh.GetDeclarationDiagnostics();
            Harness.Collect();
            double floorDirectMs = DirectDispatch.Run(fresh.Clone(), new LiteralFloorAnalyzer()).Milliseconds;
            line.Append(CultureInfo.InvariantCulture, $" || direct: floor {floorDirectMs:0.0}");
            // Each set on a parse of its own (a set that runs after another would find the nodes that one created, and
            // the heap it left), in an order that turns every round.
            var passDirect = new double[sets.Count][];
            for (int k = 0; k < sets.Count; k++)
            {
                int s = (k + round + warmup) % sets.Count;
                CSharpCompilation own = Harness.Compile(corpus);
                own.GetDeclarationDiagnostics();
                Harness.Collect();
                Compilation clone = own.Clone();
                passDirect[s] = sets[s].Create().Select(a => DirectDispatch.Run(clone, a).Milliseconds).ToArray();
            }

            for (int s = 0; s < sets.Count; s++)
            {
                line.Append(CultureInfo.InvariantCulture, $" | {sets[s].Name} {passDirect[s][0]:0.0} + {passDirect[s][1]:0.0}");
            }

            if (round >= 0)
            {
                floorDirect.Add(floorDirectMs);
                for (int s = 0; s < sets.Count; s++)
                {
                    direct[s].Url.Add(passDirect[s][0]);
                    direct[s].Scope.Add(passDirect[s][1]);
                }
            }

            int thrown = DirectDispatch.TakeExceptions();
            log(line.Append(" ms").Append(thrown > 0 ? $" ({thrown} analyzer exceptions caught in direct dispatch)" : string.Empty).ToString());
        }

        var results = new List<SetResult>();
        for (int s = 0; s < sets.Count; s++)
        {
            results.Add(new SetResult(sets[s].Name,
                new[] { Harness.Median(exec[s].Url), Harness.Median(exec[s].Scope) },
                new[] { Harness.Median(direct[s].Url), Harness.Median(direct[s].Scope) },
                diagnostics[s], sets[s].IsLowerBound));
        }

        return new Result(name, corpus.Files.Count, corpus.Lines, Harness.Median(compiler), Harness.Median(floorExec), Harness.Median(floorDirect), results);
    }

    public static string Report(IReadOnlyList<Result> results, int rounds, int warmup, int threads)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(string.Format(c,
            "Real codebases ({0} rounds after {1} warm-up, medians; thread pool at {2}; exec = CompilationWithAnalyzers ExecutionTime; " +
            "floor = one analyzer on string, UTF-8 and interpolated literals doing one ordinal IndexOf(\"netsmartcloud\"); " +
            "ours = NetsmartUrlAnalyzer + SmartScopeAnalyzer)", rounds, warmup, threads <= 0 ? "default" : threads.ToString(c)));
        sb.AppendLine();
        sb.AppendLine("| Codebase | Lines | Set | NSM diagnostics | Compile (ms) | Floor exec (ms) | Exec URL + scope (ms) | exec/compile | **exec/floor** | URL/floor | scope/floor | Floor direct (ms) | Direct URL + scope (ms) | direct/floor |");
        sb.AppendLine("|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        int setCount = results.Count == 0 ? 0 : results[0].Sets.Count;
        foreach (Result r in results)
        {
            foreach (SetResult s in r.Sets)
            {
                sb.AppendLine(string.Format(c,
                    "| {0} | {1:N0} | {2} | {3:N0} | {4:N0} | {5:0.0} | {6:0.0} + {7:0.0} = {8:0.0} | {9:0.00%} | **{10:0.00}** | {11:0.00} | {12:0.00} | {13:0.0} | {14:0.0} + {15:0.0} | {16:0.00} |",
                    r.Name, r.Lines, s.Name, s.Diagnostics, r.CompilerMs, r.FloorExecMs, s.ExecMs[0], s.ExecMs[1], s.Exec,
                    s.Exec / r.CompilerMs, s.Exec / r.FloorExecMs, s.ExecMs[0] / r.FloorExecMs, s.ExecMs[1] / r.FloorExecMs,
                    r.FloorDirectMs, s.DirectMs[0], s.DirectMs[1], s.Direct / r.FloorDirectMs));
            }
        }

        if (results.Count > 1)
        {
            double compile = results.Sum(r => r.CompilerMs), floor = results.Sum(r => r.FloorExecMs), floorDirect = results.Sum(r => r.FloorDirectMs);
            for (int i = 0; i < setCount; i++)
            {
                double url = results.Sum(r => r.Sets[i].ExecMs[0]), scope = results.Sum(r => r.Sets[i].ExecMs[1]);
                double durl = results.Sum(r => r.Sets[i].DirectMs[0]), dscope = results.Sum(r => r.Sets[i].DirectMs[1]);
                sb.AppendLine(string.Format(c,
                    "| all together | {0:N0} | {1} | {2:N0} | {3:N0} | {4:0.0} | {5:0.0} + {6:0.0} = {7:0.0} | {8:0.00%} | **{9:0.00}** | {10:0.00} | {11:0.00} | {12:0.0} | {13:0.0} + {14:0.0} | {15:0.00} |",
                    results.Sum(r => r.Lines), results[0].Sets[i].Name, results.Sum(r => r.Sets[i].Diagnostics), compile, floor, url, scope, url + scope,
                    (url + scope) / compile, (url + scope) / floor, url / floor, scope / floor, floorDirect, durl, dscope, (durl + dscope) / floorDirect));
            }
        }

        sb.AppendLine();
        sb.AppendLine("Targets (issue #14, judged on ours = the sum of both analyzers, driver telemetry)");
        foreach (Result r in results)
        {
            SetResult ours = r.Sets[0];
            sb.AppendLine(Check($"ours exec <= 1 % of compile on {r.Name}", ours.Exec / r.CompilerMs, MaxOverCompile, (ours.Exec / r.CompilerMs).ToString("0.00%", c)));
        }

        if (results.Count > 0)
        {
            double oursSum = results.Sum(r => r.Sets[0].Exec), floorSum = results.Sum(r => r.FloorExecMs);
            sb.AppendLine(Check("ours exec <= 1.5x the floor, summed over the codebases", oursSum / floorSum, MaxOverFloorSummed,
                string.Format(c, "{0:0.0} ms / {1:0.0} ms = {2:0.00}", oursSum, floorSum, oursSum / floorSum)));
            double directSum = results.Sum(r => r.Sets[0].Direct), floorDirectSum = results.Sum(r => r.FloorDirectMs);
            sb.AppendLine(Check("(direct dispatch, for reference) ours <= 1.5x the floor, summed", directSum / floorDirectSum, MaxOverFloorSummed,
                string.Format(c, "{0:0.0} ms / {1:0.0} ms = {2:0.00}", directSum, floorDirectSum, directSum / floorDirectSum)));
            for (int i = 1; i < setCount; i++)
            {
                if (results[0].Sets[i].IsLowerBound)
                {
                    double bound = results.Sum(r => r.Sets[i].Exec);
                    sb.AppendLine(string.Format(c, "  (lower bound \"{0}\") exec summed over the codebases: {1:0.0} ms / {2:0.0} ms = {3:0.00}x the floor",
                        results[0].Sets[i].Name, bound, floorSum, bound / floorSum));
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>A target's line: met or missed, or not measured when the run did not measure it (<c>--direct-only</c> has no exec).</summary>
    private static string Check(string what, double value, double limit, string figure) =>
        (double.IsNaN(value) ? "  [not measured] " + what : (value <= limit ? "  [met]    " : "  [MISSED] ") + what + ": " + figure);

    /// <summary>Loads the baseline's Netsmart assemblies from its folder and everything else (Roslyn) from this process.</summary>
    private sealed class BaselineLoadContext : AssemblyLoadContext
    {
        private readonly string _folder;

        public BaselineLoadContext(string folder)
            : base("netsmart-baseline") => _folder = folder;

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string candidate = Path.Combine(_folder, assemblyName.Name + ".dll");
            return assemblyName.Name!.StartsWith("Netsmart.", StringComparison.Ordinal) && File.Exists(candidate)
                ? LoadFromAssemblyPath(candidate)
                : null;
        }
    }
}

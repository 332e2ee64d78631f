using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace Netsmart.Analyzers.Benchmarks;

/// <summary>
/// Same-process benchmark of the Netsmart analyzers: compiler cost, our analyzers, the floor, and Fix-All.
/// See docs/performance.md.
/// </summary>
internal static class Program
{
    private const string Usage = """
        Netsmart.Analyzers.Benchmarks: measures the analyzers against the compiler and the floor, and the Fix-All.

          dotnet run -c Release --project benchmarks/Netsmart.Analyzers.Benchmarks -- [options]

        Corpus (analysis):
          --corpus <folder>        analyze every *.cs file under a folder (bin/obj skipped) instead of a synthetic corpus
          --files <n>              synthetic corpus: number of files                     (default 2000)
          --lines-per-file <n>     synthetic corpus: lines per file                      (default 250)
          --density <d,...>        fraction of statements holding a Netsmart URL/scope,  (default 0,0.1)
                                   one synthetic corpus per value (0 = the common case: none)
        Fix-All:
          --fixall-files <n,...>   Fix-All corpus sizes in files                         (default 100,1000)
          --fixall-literals <n>    Netsmart literals per file                            (default 10)
          --fixall-lines <n>       lines per file                                        (default 100)
        Long concatenations:
          --chain <n,...>          a v1 URL followed by n constant operands, one file each (default 2000,20000)
        Real codebases (issue #14; replaces the synthetic, Fix-All and chain runs):
          --codebases <dir,...>    one folder per codebase: compiler, ours, the literal floor, per codebase and summed
          --exclude-dirs <suffix>  skip files under folders whose name ends with it (e.g. Migrations)
          --baseline <dir>         also measure the Netsmart.Analyzers.dll of another build found in <dir> (A/B)
          --direct-only            direct dispatch only (no compiler, no driver): a quick profile
          --lower-bounds           also measure, in the same driver pass, what any design of the two rules pays at least:
                                   two floors on every literal and +, one merged floor on every node kind the rules
                                   register, and a start check reading every file once
          --emit-corpus <dir>      write the synthetic corpus (--files, --lines-per-file, first --density) as files and stop
          --threads <n>            thread pool limited to n worker threads (min = max = n; 0 = default) (default 2 with --codebases)
        Linear time of the knowledge core's scanners (issue #15; replaces every other run):
          --linearity              time each adversarial input of the knowledge tests at n and 8n characters,
                                   [met] when time(8n)/time(n) <= 12 (linear is about 8, quadratic about 64)
          --linearity-size <n>     n, in characters                                      (default 131072)
        Run:
          --rounds <n>             measured rounds, medians reported                     (default 5)
          --warmup <n>             warm-up rounds (with --codebases: before the first codebase only) (default 1)
          --skip-analysis | --skip-fixall | --skip-chain
          --quick                  small sizes, 3 rounds: a smoke run, not figures
          --json [path]            also write the figures as JSON (to stdout when no path)
          --help
        """;

    public static async Task<int> Main(string[] args)
    {
        var o = new Options();
        try
        {
            o.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        if (o.Help)
        {
            Console.WriteLine(Usage);
            return 0;
        }

#if DEBUG
        Console.Error.WriteLine("warning: Debug build; figures are only meaningful with -c Release");
#endif
        string machine = DescribeMachine();
        Console.WriteLine("Machine: " + machine);
        Console.WriteLine();

        if (o.EmitCorpus != null)
        {
            Corpus synthetic = Corpus.Synthetic(o.Files, o.LinesPerFile, o.Densities[0]);
            foreach ((string path, string text) in synthetic.Files)
            {
                string target = Path.Combine(o.EmitCorpus, path.TrimStart('/'));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, text);
            }

            Console.WriteLine($"{synthetic.Name}: {synthetic.Files.Count:N0} files, {synthetic.Lines:N0} lines written under {Path.GetFullPath(o.EmitCorpus)}");
            return 0;
        }

        if (o.Linearity)
        {
            List<Linearity.Row> rows = Linearity.Measure(o.LinearitySize, o.Rounds, o.Warmup, Console.WriteLine);
            Console.WriteLine();
            Console.WriteLine(Linearity.Report(rows, o.LinearitySize, o.Rounds, o.Warmup));
            return 0;
        }

        if (o.Codebases != null)
        {
            return await RunCodebasesAsync(o);
        }

        var analyses = new List<AnalysisResult>();
        if (!o.SkipAnalysis)
        {
            IEnumerable<Corpus> corpora = o.CorpusFolder != null
                ? new[] { Corpus.FromFolder(o.CorpusFolder) }
                : o.Densities.Select(d => Corpus.Synthetic(o.Files, o.LinesPerFile, d));
            foreach (Corpus corpus in corpora)
            {
                Console.WriteLine($"Analysis: {corpus.Name} ({corpus.Lines:N0} lines)");
                analyses.Add(await Harness.MeasureAnalysisAsync(corpus, o.Rounds, o.Warmup, Console.WriteLine));
            }
        }

        var fixAlls = new List<FixAllResult>();
        if (!o.SkipFixAll)
        {
            foreach (int files in o.FixAllFiles)
            {
                Corpus corpus = Corpus.ForFixAll(files, o.FixAllLines, o.FixAllLiterals);
                Console.WriteLine($"Fix-All: {corpus.Name} ({corpus.Lines:N0} lines)");
                fixAlls.Add(await Harness.MeasureFixAllAsync(corpus, o.Rounds, o.Warmup, Console.WriteLine));
            }
        }

        var chains = new List<(int Operands, AnalysisResult Analysis, FixAllResult FixAll)>();
        if (!o.SkipChain)
        {
            foreach (int operands in o.ChainOperands)
            {
                Corpus corpus = Corpus.Chain(operands);
                Console.WriteLine($"Chain: {corpus.Name}");
                AnalysisResult analysis = await Harness.MeasureAnalysisAsync(corpus, o.Rounds, o.Warmup, Console.WriteLine);
                FixAllResult fixAll = await Harness.MeasureFixAllAsync(corpus, o.Rounds, o.Warmup, Console.WriteLine);
                chains.Add((operands, analysis, fixAll));
            }
        }

        if (DirectDispatch.PerKind != null)
        {
            foreach (var kv in DirectDispatch.PerKind.OrderByDescending(k => k.Value.T))
            {
                Console.WriteLine($"{kv.Key,-50} {kv.Value.N,8} calls {kv.Value.T * 1000.0 / Stopwatch.Frequency,10:0.0} ms {kv.Value.T * 1e6 / Stopwatch.Frequency / kv.Value.N,8:0.00} us/call");
            }
        }

        Console.WriteLine();
        string report = Report(machine, o, analyses, fixAlls) + ChainReport(chains);
        Console.WriteLine(report);
        if (o.Json)
        {
            string json = Json(machine, o, analyses, fixAlls);
            if (o.JsonPath is null)
            {
                Console.WriteLine(json);
            }
            else
            {
                File.WriteAllText(o.JsonPath, json);
                Console.WriteLine("JSON written to " + Path.GetFullPath(o.JsonPath));
            }
        }

        return 0;
    }

    private static async Task<int> RunCodebasesAsync(Options o)
    {
        int threads = o.Threads ?? 2;
        if (threads > 0 && !(ThreadPool.SetMinThreads(threads, threads) && ThreadPool.SetMaxThreads(threads, threads)))
        {
            Console.Error.WriteLine("could not limit the thread pool to " + threads);
            return 2;
        }

        DirectDispatch.ThrowOnAnalyzerException = false; // reported per round instead: a baseline build may throw
        var sets = new List<Codebases.AnalyzerSet> { Codebases.Ours() };
        if (o.Baseline != null)
        {
            sets.Add(Codebases.Baseline(o.Baseline));
        }

        if (o.LowerBounds)
        {
            sets.AddRange(Codebases.LowerBounds());
        }

        var results = new List<Codebases.Result>();
        bool first = true;
        foreach (string folder in o.Codebases!)
        {
            Corpus corpus = Corpus.FromFolder(folder, o.ExcludeDirs);
            string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
            Console.WriteLine($"Codebase: {name} ({corpus.Files.Count:N0} files, {corpus.Lines:N0} lines)");
            // The warm-up (JIT, metadata) is needed once per process: only the first codebase has one.
            results.Add(await Codebases.MeasureAsync(corpus, name, sets, o.Rounds, first ? o.Warmup : 0, o.DirectOnly, Console.WriteLine));
            first = false;
            Console.WriteLine(Codebases.Report(results, o.Rounds, o.Warmup, threads));
        }

        if (DirectDispatch.PerKind != null)
        {
            foreach (var kv in DirectDispatch.PerKind.OrderByDescending(k => k.Value.T))
            {
                Console.WriteLine($"{kv.Key,-70} {kv.Value.N,8} calls {kv.Value.T * 1000.0 / Stopwatch.Frequency,10:0.0} ms {kv.Value.T * 1e6 / Stopwatch.Frequency / kv.Value.N,8:0.00} us/call");
            }
        }

        Console.WriteLine();
        Console.WriteLine(Codebases.Report(results, o.Rounds, o.Warmup, threads));
        return 0;
    }

    private static string Report(string machine, Options o, List<AnalysisResult> analyses, List<FixAllResult> fixAlls)
    {
        var sb = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        if (analyses.Count > 0)
        {
            sb.AppendLine($"Analysis ({o.Rounds} rounds after {o.Warmup} warm-up, medians; exec = CompilationWithAnalyzers ExecutionTime, wall = GetAnalyzerDiagnosticsAsync incl. compilation)");
            sb.AppendLine();
            sb.AppendLine("| Corpus | Lines | Netsmart literals | NSM diagnostics | Compiler (ms) | Ours exec (ms) | URL / scope exec (ms) | Floor exec (ms) | Ours wall (ms) | Floor wall (ms) | ours/floor | ours/compiler | Ours direct (ms) | Floor direct (ms) | direct ours/floor |");
            sb.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
            foreach (AnalysisResult r in analyses)
            {
                sb.AppendLine(string.Format(c,
                    "| {0} | {1:N0} | {2} | {3:N0} | {4:N0} | {5:0.0} | {6:0.0} / {7:0.0} | {8:0.0} | {9:N0} | {10:N0} | {11:0.00} | {12:0.00%} | {13:0.0} | {14:0.0} | {15:0.00} |",
                    r.Corpus, r.Lines, r.NetsmartLiterals < 0 ? "?" : r.NetsmartLiterals.ToString("N0", c), r.Diagnostics, r.CompilerMs,
                    r.OursExecMs, r.OursUrlExecMs, r.OursScopeExecMs, r.FloorExecMs, r.OursWallMs, r.FloorWallMs, r.OursOverFloor, r.OursOverCompiler,
                    r.OursDirectMs, r.FloorDirectMs, r.DirectOursOverFloor));
            }

            sb.AppendLine();
        }

        if (fixAlls.Count > 0)
        {
            sb.AppendLine($"Fix-All, solution scope, both fixers ({o.Rounds} rounds after {o.Warmup} warm-up, medians)");
            sb.AppendLine();
            sb.AppendLine("| Corpus | Files | Fixable diagnostics | Fixed literals | Changed documents | Fix-All (ms) | µs per literal | Analysis pass (ms) | Fix-All / analysis |");
            sb.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
            foreach (FixAllResult r in fixAlls)
            {
                sb.AppendLine(string.Format(c, "| {0} | {1:N0} | {2:N0} | {3:N0} | {4:N0} | {5:N0} | {6:0.0} | {7:N0} | {8:0.00} |",
                    r.Corpus, r.Files, r.FixableDiagnostics, r.FixedLiterals, r.ChangedDocuments, r.FixAllMs, r.MicrosecondsPerLiteral, r.AnalysisPassMs, r.FixAllMs / r.AnalysisPassMs));
            }

            sb.AppendLine();
        }

        sb.AppendLine("Targets");
        foreach (AnalysisResult r in analyses)
        {
            sb.AppendLine(Check($"ours/floor <= 1.5 on {r.Corpus}", r.OursOverFloor <= 1.5, r.OursOverFloor.ToString("0.00", c)));
            sb.AppendLine(Check($"ours/compiler <= 1 % on {r.Corpus}", r.OursOverCompiler <= 0.01, r.OursOverCompiler.ToString("0.00%", c)));
            if (r.Lines < 500_000)
            {
                sb.AppendLine("  (note: the targets are stated for a corpus of at least 500,000 lines; this one has " + r.Lines.ToString("N0", c) + ")");
            }
        }

        if (fixAlls.Count >= 2)
        {
            FixAllResult small = fixAlls[0];
            FixAllResult large = fixAlls[^1];
            double scale = large.MicrosecondsPerLiteral / small.MicrosecondsPerLiteral;
            sb.AppendLine(Check(
                $"Fix-All time per literal at {large.FixedLiterals / (double)Math.Max(1, small.FixedLiterals):0.#}x the literals within 1.2x of the small size",
                scale <= 1.2, scale.ToString("0.00", c) + "x"));
        }

        foreach (FixAllResult r in fixAlls.Where(f => f.FixedLiterals >= 10_000 || f == fixAlls[^1]))
        {
            sb.AppendLine(Check($"Fix-All of {r.FixedLiterals:N0} literals over {r.Files:N0} files faster than one analysis pass",
                r.FixAllMs < r.AnalysisPassMs, string.Format(c, "{0:N0} ms vs {1:N0} ms", r.FixAllMs, r.AnalysisPassMs)));
        }

        return sb.ToString();
    }

    /// <summary>Per-operand figures of the long-chain corpora: flat columns mean linear analysis and Fix-All.</summary>
    private static string ChainReport(List<(int Operands, AnalysisResult Analysis, FixAllResult FixAll)> chains)
    {
        if (chains.Count == 0)
        {
            return "";
        }

        CultureInfo c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine();
        sb.AppendLine("Long concatenation: a v1 URL followed by N constant operands (one file; medians)");
        sb.AppendLine();
        sb.AppendLine("| Operands | Compiler (ms) | Ours exec (ms) | Floor exec (ms) | ours/floor | Ours µs per operand | Floor µs per operand | Fix-All (ms) | Fix-All µs per operand |");
        sb.AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach ((int operands, AnalysisResult a, FixAllResult f) in chains)
        {
            sb.AppendLine(string.Format(c, "| {0:N0} | {1:N0} | {2:0.0} | {3:0.0} | {4:0.00} | {5:0.00} | {6:0.00} | {7:0.0} | {8:0.00} |",
                operands, a.CompilerMs, a.OursExecMs, a.FloorExecMs, a.OursOverFloor, a.OursExecMs * 1000 / operands, a.FloorExecMs * 1000 / operands,
                f.FixAllMs, f.FixAllMs * 1000 / operands));
        }

        if (chains.Count >= 2)
        {
            var small = chains[0];
            var large = chains[^1];
            double analysisScale = (large.Analysis.OursExecMs / large.Operands) / (small.Analysis.OursExecMs / small.Operands);
            double fixScale = (large.FixAll.FixAllMs / large.Operands) / (small.FixAll.FixAllMs / small.Operands);
            sb.AppendLine();
            sb.AppendLine(Check($"analysis time per operand at {large.Operands:N0} within 2x of {small.Operands:N0}", analysisScale <= 2, analysisScale.ToString("0.00", c) + "x"));
            sb.AppendLine(Check($"Fix-All time per operand at {large.Operands:N0} within 2x of {small.Operands:N0}", fixScale <= 2, fixScale.ToString("0.00", c) + "x"));
        }

        return sb.ToString();
    }

    private static string Check(string what, bool met, string figure) => (met ? "  [met]    " : "  [MISSED] ") + what + ": " + figure;

    private static string Json(string machine, Options o, List<AnalysisResult> analyses, List<FixAllResult> fixAlls)
    {
        var document = new
        {
            machine,
            rounds = o.Rounds,
            warmup = o.Warmup,
            roslyn = typeof(Compilation).Assembly.GetName().Version?.ToString(),
            analysis = analyses.Select(r => new
            {
                corpus = r.Corpus,
                files = r.Files,
                lines = r.Lines,
                netsmartLiterals = r.NetsmartLiterals,
                diagnostics = r.Diagnostics,
                compilerMs = r.CompilerMs,
                oursExecMs = r.OursExecMs,
                oursUrlExecMs = r.OursUrlExecMs,
                oursScopeExecMs = r.OursScopeExecMs,
                oursWallMs = r.OursWallMs,
                floorExecMs = r.FloorExecMs,
                floorWallMs = r.FloorWallMs,
                oursOverFloor = r.OursOverFloor,
                oursOverCompiler = r.OursOverCompiler,
                oursDirectMs = r.OursDirectMs,
                floorDirectMs = r.FloorDirectMs,
                directOursOverFloor = r.DirectOursOverFloor,
                directCalls = r.DirectCalls,
            }),
            fixAll = fixAlls.Select(r => new
            {
                corpus = r.Corpus,
                files = r.Files,
                fixableDiagnostics = r.FixableDiagnostics,
                fixedLiterals = r.FixedLiterals,
                changedDocuments = r.ChangedDocuments,
                fixAllMs = r.FixAllMs,
                microsecondsPerLiteral = r.MicrosecondsPerLiteral,
                analysisPassMs = r.AnalysisPassMs,
            }),
        };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true });
    }

    private static string DescribeMachine()
    {
        string cpu = "unknown CPU";
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
            }
        }
        catch (IOException)
        {
        }

        double memoryGb = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return string.Format(CultureInfo.InvariantCulture, "{0}, {1} logical cores, {2:0} GB, {3}, {4} {5}, Roslyn {6}",
            cpu, Environment.ProcessorCount, memoryGb, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
            RuntimeInformation.ProcessArchitecture, typeof(Compilation).Assembly.GetName().Version);
    }

    private sealed class Options
    {
        public string? CorpusFolder;
        public int Files = 2000;
        public int LinesPerFile = 250;
        public double[] Densities = { 0, 0.1 };
        public int[] FixAllFiles = { 100, 1000 };
        public int FixAllLiterals = 10;
        public int FixAllLines = 100;
        public int Rounds = 5;
        public int Warmup = 1;
        public bool SkipAnalysis;
        public bool SkipFixAll;
        public bool SkipChain;
        public int[] ChainOperands = { 2000, 20000 };
        public bool Json;
        public string? JsonPath;
        public bool Help;
        public string[]? Codebases;
        public string? EmitCorpus;
        public string? ExcludeDirs;
        public string? Baseline;
        public bool DirectOnly;
        public bool LowerBounds;
        public int? Threads;
        public bool Linearity;
        public int LinearitySize = 131072;

        public void Parse(string[] args)
        {
            for (int i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException("missing value after " + args[i]);
                switch (args[i])
                {
                    case "--corpus": CorpusFolder = Next(); break;
                    case "--files": Files = Int(Next()); break;
                    case "--lines-per-file": LinesPerFile = Int(Next()); break;
                    case "--density": Densities = Next().Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
                    case "--fixall-files": FixAllFiles = Next().Split(',').Select(Int).ToArray(); break;
                    case "--fixall-literals": FixAllLiterals = Int(Next()); break;
                    case "--fixall-lines": FixAllLines = Int(Next()); break;
                    case "--rounds": Rounds = Math.Max(1, Int(Next())); break;
                    case "--warmup": Warmup = Math.Max(0, Int(Next())); break;
                    case "--skip-analysis": SkipAnalysis = true; break;
                    case "--skip-fixall": SkipFixAll = true; break;
                    case "--skip-chain": SkipChain = true; break;
                    case "--chain": ChainOperands = Next().Split(',').Select(Int).ToArray(); break;
                    case "--quick":
                        Files = 100;
                        FixAllFiles = new[] { 20, 200 };
                        ChainOperands = new[] { 500, 5000 };
                        Rounds = 3;
                        break;
                    case "--json":
                        Json = true;
                        if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                        {
                            JsonPath = args[++i];
                        }

                        break;
                    case "--emit-corpus": EmitCorpus = Next(); break;
                    case "--codebases": Codebases = Next().Split(',', StringSplitOptions.RemoveEmptyEntries); break;
                    case "--exclude-dirs": ExcludeDirs = Next(); break;
                    case "--baseline": Baseline = Next(); break;
                    case "--direct-only": DirectOnly = true; break;
                    case "--lower-bounds": LowerBounds = true; break;
                    case "--threads": Threads = Int(Next()); break;
                    case "--linearity": Linearity = true; break;
                    case "--linearity-size": LinearitySize = Math.Max(1, Int(Next())); break;
                    case "--help":
                    case "-h":
                        Help = true;
                        break;
                    default:
                        throw new ArgumentException("unknown option " + args[i]);
                }
            }
        }

        private static int Int(string s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}

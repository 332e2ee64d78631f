using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Netsmart.Knowledge.Json;
using Netsmart.Knowledge.Scopes;
using Netsmart.Knowledge.Tests;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Analyzers.Benchmarks;

/// <summary>
/// The linear-time check of the knowledge core's scanners (<c>--linearity</c>, issue #15): each adversarial input of
/// the knowledge tests (<see cref="AdversarialInputs"/>) is scanned at n and at 8n characters, and the ratio of the
/// median times is judged against <see cref="Target"/>: about 8 when the scan is linear, about 64 when it is quadratic.
/// </summary>
internal static class Linearity
{
    /// <summary>The largest time(8n) / time(n) taken as linear: 8, with room for cache effects and noise.</summary>
    public const double Target = 12;

    /// <summary>How many times larger the large input is.</summary>
    public const int Scale = 8;

    /// <summary>The least time the warm-up of each scanner lasts, so its code is at its final JIT tier when timed.</summary>
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// What is timed: the CPU time of the measuring thread where the OS gives it (Linux), so the other jobs of a shared
    /// machine, which preempt the thread, do not count; else wall time.
    /// </summary>
    public static string ClockName => ThreadClock.Available ? "CPU time of the measuring thread" : "wall time";

    /// <summary>One scanner: its name, its inputs, and the work timed (returns a count of what it found).</summary>
    internal sealed record Scanner(string Name, IReadOnlyList<AdversarialInput> Inputs, Func<string, long> Run);

    /// <summary>Medians of one input at n and <see cref="Scale"/>·n characters.</summary>
    internal sealed record Row(string Scanner, string Input, int SmallChars, int LargeChars, long SmallFound, long LargeFound, double SmallMs, double LargeMs)
    {
        public double Ratio => LargeMs / SmallMs;

        public bool Met => Ratio <= Target;
    }

    /// <summary>The three scanners of the knowledge core that see whole files or whole literals.</summary>
    public static readonly IReadOnlyList<Scanner> Scanners = new[]
    {
        // As the tests: tokenize, then read every token's path (built lazily from a shared chain) and the error's line.
        new Scanner("JsonStringTokenizer.Tokenize", AdversarialInputs.Json, text =>
        {
            var result = JsonStringTokenizer.Tokenize(text);
            long found = result.Strings.Count;
            foreach (var token in result.Strings)
            {
                found += token.Path.Length;
            }

            return found + (result.Error?.Line ?? 0);
        }),
        new Scanner("NetsmartUrlScanner.FindAll", AdversarialInputs.Urls, text => NetsmartUrlScanner.FindAll(text).Count),
        new Scanner("ScopeScanner.GetEdits", AdversarialInputs.Scopes, text => ScopeScanner.GetEdits(text).Count),
    };

    /// <summary>
    /// Times every input of every scanner at <paramref name="size"/> and <see cref="Scale"/> times that: per scanner a
    /// warm-up of at least <see cref="WarmUpTime"/> on its small inputs, then per input <paramref name="warmup"/> and
    /// <paramref name="rounds"/> rounds, each timing <see cref="Scale"/> calls on as many copies of the small input (their
    /// mean is the time at n) then one call on the large one: both timings of a round read as much memory (a small input
    /// that stays in cache would make the large one look slower) and last about as long.
    /// </summary>
    public static List<Row> Measure(int size, int rounds, int warmup, Action<string> log)
    {
        var rows = new List<Row>();
        foreach (Scanner scanner in Scanners)
        {
            // Scale copies of the small input, one per call of a batch: a batch reads as much memory as the large call.
            var inputs = scanner.Inputs
                .Select(i => (i.Name, Small: Enumerable.Range(0, Scale).Select(_ => i.Build(size)).ToArray(), Large: new[] { i.Build(size * Scale) }))
                .ToList();
            var clock = Stopwatch.StartNew();
            int calls = 0;
            while (clock.Elapsed < WarmUpTime || calls < 10 * inputs.Count)
            {
                scanner.Run(inputs[calls % inputs.Count].Small[0]);
                calls++;
            }

            log($"  {scanner.Name}: warm-up of {calls:N0} calls on the small inputs ({clock.Elapsed.TotalMilliseconds:N0} ms)");
            foreach ((string name, string[] small, string[] large) in inputs)
            {
                var smallMs = new List<double>();
                var largeMs = new List<double>();
                long smallFound = 0, largeFound = 0;
                for (int round = -warmup; round < rounds; round++)
                {
                    (double ms, long found) s = Time(scanner, small);
                    (double ms, long found) l = Time(scanner, large);
                    if (round >= 0)
                    {
                        smallMs.Add(s.ms);
                        largeMs.Add(l.ms);
                    }

                    smallFound = s.found;
                    largeFound = l.found;
                }

                var row = new Row(scanner.Name, name, small[0].Length, large[0].Length, smallFound, largeFound, Harness.Median(smallMs), Harness.Median(largeMs));
                log(string.Format(CultureInfo.InvariantCulture, "  {0} {1}: {2:0.000} ms, {3:0.000} ms, ratio {4:0.0}",
                    scanner.Name, name, row.SmallMs, row.LargeMs, row.Ratio));
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>The table of medians, then each input's target as <c>[met]</c> or <c>[MISSED]</c>.</summary>
    public static string Report(IReadOnlyList<Row> rows, int size, int rounds, int warmup)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(string.Format(c,
            "Linear time of the knowledge core's scanners on adversarial inputs: n = {0:N0} and {1}n characters ({2} rounds after {3} warm-up, medians; {4}; time n = the mean of {1} calls on {1} copies)",
            size, Scale, rounds, warmup, ClockName));
        sb.AppendLine();
        sb.AppendLine("| Scanner | Input | Chars (n) | Chars (8n) | Found (n) | Found (8n) | Time n (ms) | Time 8n (ms) | time(8n)/time(n) |");
        sb.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (Row r in rows)
        {
            sb.AppendLine(string.Format(c, "| {0} | {1} | {2:N0} | {3:N0} | {4:N0} | {5:N0} | {6:0.000} | {7:0.000} | {8:0.0} |",
                r.Scanner, r.Input, r.SmallChars, r.LargeChars, r.SmallFound, r.LargeFound, r.SmallMs, r.LargeMs, r.Ratio));
        }

        sb.AppendLine();
        sb.AppendLine(string.Format(c, "Targets (linear: about {0}; quadratic: about {1})", Scale, Scale * Scale));
        foreach (Row r in rows)
        {
            sb.AppendLine(string.Format(c, "{0}{1} on {2}: time(8n)/time(n) <= {3}: {4:0.0}",
                r.Met ? "  [met]    " : "  [MISSED] ", r.Scanner, r.Input, Target, r.Ratio));
        }

        int missed = rows.Count(r => !r.Met);
        sb.AppendLine(missed == 0
            ? $"All {rows.Count} inputs scale linearly."
            : $"{missed} of {rows.Count} inputs missed the target (a single miss on a loaded machine: run again before suspecting the scanner).");
        return sb.ToString();
    }

    /// <summary>The time of one call, averaged over one call per text, made back to back after a full collection.</summary>
    private static (double Ms, long Found) Time(Scanner scanner, string[] texts)
    {
        Harness.Collect();
        long found = 0;
        long start = Stopwatch.GetTimestamp();
        double startCpu = ThreadClock.Milliseconds();
        foreach (string text in texts)
        {
            found = scanner.Run(text);
        }

        double ms = ThreadClock.Available ? ThreadClock.Milliseconds() - startCpu : Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return (ms / texts.Length, found);
    }

    /// <summary>The calling thread's CPU time, from <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c> (Linux only).</summary>
    private static class ThreadClock
    {
        private const int ClockThreadCpuTimeId = 3; // Linux

        public static readonly bool Available = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && TryRead(out _);

        public static double Milliseconds() => Available && TryRead(out double ms) ? ms : 0;

        private static bool TryRead(out double ms)
        {
            ms = 0;
            try
            {
                if (clock_gettime(ClockThreadCpuTimeId, out TimeSpec t) != 0)
                {
                    return false;
                }

                ms = t.Seconds * 1000.0 + t.Nanoseconds / 1e6;
                return true;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                return false;
            }
        }

        [DllImport("libc", SetLastError = false)]
        private static extern int clock_gettime(int clockId, out TimeSpec time);

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }
    }
}

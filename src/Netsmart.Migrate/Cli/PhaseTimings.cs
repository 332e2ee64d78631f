using System;

namespace Netsmart.Migrate.Cli;

/// <summary>
/// Wall-clock time per phase (the first one from process start) on standard error, with <c>NETSMART_MIGRATE_TIMINGS=1</c> (a diagnostic aid for
/// performance work; see docs/performance.md).
/// </summary>
internal static class PhaseTimings
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("NETSMART_MIGRATE_TIMINGS") == "1";
    private static readonly object Gate = new();
    private static TimeSpan last;

    public static void Mark(string phase)
    {
        if (!Enabled)
        {
            return;
        }

        lock (Gate)
        {
            TimeSpan now = DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime;
            Console.Error.WriteLine(FormattableString.Invariant($"[timings] {phase}: {(now - last).TotalMilliseconds:0} ms (since process start {now.TotalMilliseconds:0} ms)"));
            last = now;
        }
    }
}

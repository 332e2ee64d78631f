using System;
using System.Diagnostics;
using System.Runtime;

namespace Netsmart.Migrate.Cli;

/// <summary>
/// Wall-clock time per phase (the first one from process start) on standard error, with <c>NETSMART_MIGRATE_TIMINGS=1</c> (a diagnostic aid for
/// performance work; see docs/performance.md). Each line also gives the process's CPU time (all threads) what the JIT compiled and how many garbage collections ran (and paused the
/// process) in the phase: on a shared machine CPU time is the steadier figure, and the JIT count tells whether the ReadyToRun code of the assemblies was used.
/// </summary>
internal static class PhaseTimings
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("NETSMART_MIGRATE_TIMINGS") == "1";
    private static readonly object Gate = new();
    private static TimeSpan _last;
    private static TimeSpan _lastCpu;
    private static long _lastJitted;
    private static TimeSpan _lastJitTime;
    private static TimeSpan _lastGcPause;
    private static int _lastGcs;

    public static void Mark(string phase)
    {
        if (!Enabled)
        {
            return;
        }

        lock (Gate)
        {
            using Process process = Process.GetCurrentProcess();
            TimeSpan now = DateTime.Now - process.StartTime;
            TimeSpan cpu = process.TotalProcessorTime;
            long jitted = JitInfo.GetCompiledMethodCount();
            TimeSpan jitTime = JitInfo.GetCompilationTime();
            TimeSpan gcPause = GC.GetTotalPauseDuration();
            int gcs = GC.CollectionCount(0);
            Console.Error.WriteLine(FormattableString.Invariant(
                $"[timings] {phase}: {(now - _last).TotalMilliseconds:0} ms (since process start {now.TotalMilliseconds:0} ms; CPU {(cpu - _lastCpu).TotalMilliseconds:0} ms; JIT {jitted - _lastJitted} methods, {(jitTime - _lastJitTime).TotalMilliseconds:0} ms; GC {gcs - _lastGcs}, paused {(gcPause - _lastGcPause).TotalMilliseconds:0} ms; allocated {GC.GetTotalAllocatedBytes() >> 20} MB, heap {GC.GetTotalMemory(false) >> 20} MB)"));
            _last = now;
            _lastCpu = cpu;
            _lastJitted = jitted;
            _lastJitTime = jitTime;
            _lastGcPause = gcPause;
            _lastGcs = gcs;
        }
    }
}

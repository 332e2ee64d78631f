using System;
using System.Diagnostics;
using System.IO;

namespace Netsmart.Migrate.Cli;

/// <summary>
/// A one-line progress indicator on the terminal (standard error), for large trees only. It is silent when
/// disabled (output redirected, or in tests) and never writes into the report itself.
/// </summary>
internal sealed class ProgressReporter
{
    public static readonly ProgressReporter Silent = new(null, 0);

    private readonly TextWriter? terminal;
    private readonly int minimumTotal;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly object gate = new();
    private long lastWrite = -1000;
    private int lastLength;

    public ProgressReporter(TextWriter? terminal, int minimumTotal)
    {
        this.terminal = terminal;
        this.minimumTotal = minimumTotal;
    }

    /// <summary>Progress on the terminal when standard error is one and the report does not go to a redirected standard output.</summary>
    public static ProgressReporter ForConsole(bool reportToFile) =>
        !Console.IsErrorRedirected && (reportToFile || !Console.IsOutputRedirected) ? new ProgressReporter(Console.Error, 200) : Silent;

    public void Report(string phase, int done, int total)
    {
        if (terminal is null || total < minimumTotal)
        {
            return;
        }

        lock (gate)
        {
            long now = clock.ElapsedMilliseconds;
            if (done != total && now - lastWrite < 100)
            {
                return;
            }

            lastWrite = now;
            string line = $"{phase} {done}/{total}";
            terminal.Write("\r" + line.PadRight(lastLength));
            lastLength = line.Length;
        }
    }

    public void Status(string phase)
    {
        if (terminal is null)
        {
            return;
        }

        lock (gate)
        {
            if (lastLength == 0)
            {
                return; // nothing shown so far: the tree is small
            }

            terminal.Write("\r" + phase.PadRight(lastLength));
            lastLength = phase.Length;
        }
    }

    /// <summary>Erases the indicator line.</summary>
    public void Clear()
    {
        if (terminal is null || lastLength == 0)
        {
            return;
        }

        lock (gate)
        {
            terminal.Write("\r" + new string(' ', lastLength) + "\r");
            lastLength = 0;
        }
    }
}

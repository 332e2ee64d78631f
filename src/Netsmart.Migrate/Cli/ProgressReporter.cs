using System;
using System.Diagnostics;
using System.IO;

namespace Netsmart.Migrate.Cli;

/// <summary>The console as the progress line sees it: standard error, and whether it is redirected (not a terminal).</summary>
internal interface ITerminal
{
    bool IsErrorRedirected { get; }

    TextWriter Error { get; }
}

/// <summary>The process's own console.</summary>
internal sealed class SystemTerminal : ITerminal
{
    public static readonly SystemTerminal Instance = new();

    public bool IsErrorRedirected => Console.IsErrorRedirected;

    public TextWriter Error => Console.Error;
}

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

    /// <summary>
    /// Progress when standard error is a terminal (whether the report goes to standard output, redirected or not, or to a
    /// file: the line is on standard error and is erased before the report is written); silent otherwise.
    /// </summary>
    public static ProgressReporter For(ITerminal terminal) =>
        terminal.IsErrorRedirected ? Silent : new ProgressReporter(terminal.Error, 200);

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
        if (terminal is null)
        {
            return;
        }

        lock (gate)
        {
            if (lastLength == 0)
            {
                return;
            }

            terminal.Write("\r" + new string(' ', lastLength) + "\r");
            lastLength = 0;
        }
    }
}

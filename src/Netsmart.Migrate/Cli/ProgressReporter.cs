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

    private readonly TextWriter? _terminal;
    private readonly int _minimumTotal;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private long _lastWrite = -1000;
    private int _lastLength;

    public ProgressReporter(TextWriter? terminal, int minimumTotal)
    {
        _terminal = terminal;
        _minimumTotal = minimumTotal;
    }

    /// <summary>
    /// Progress when standard error is a terminal (whether the report goes to standard output, redirected or not, or to a
    /// file: the line is on standard error and is erased before the report is written); silent otherwise.
    /// </summary>
    public static ProgressReporter For(ITerminal terminal) =>
        terminal.IsErrorRedirected ? Silent : new ProgressReporter(terminal.Error, 200);

    public void Report(string phase, int done, int total)
    {
        if (_terminal is null || total < _minimumTotal)
        {
            return;
        }

        lock (_gate)
        {
            long now = _clock.ElapsedMilliseconds;
            if (done != total && now - _lastWrite < 100)
            {
                return;
            }

            _lastWrite = now;
            string line = $"{phase} {done}/{total}";
            _terminal.Write("\r" + line.PadRight(_lastLength));
            _lastLength = line.Length;
        }
    }

    public void Status(string phase)
    {
        if (_terminal is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_lastLength == 0)
            {
                return; // nothing shown so far: the tree is small
            }

            _terminal.Write("\r" + phase.PadRight(_lastLength));
            _lastLength = phase.Length;
        }
    }

    /// <summary>Erases the indicator line.</summary>
    public void Clear()
    {
        if (_terminal is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_lastLength == 0)
            {
                return;
            }

            _terminal.Write("\r" + new string(' ', _lastLength) + "\r");
            _lastLength = 0;
        }
    }
}

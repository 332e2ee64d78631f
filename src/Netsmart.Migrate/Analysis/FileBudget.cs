using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Netsmart.Migrate.Input;

namespace Netsmart.Migrate.Analysis;

/// <summary>
/// The time one file's analysis may take (<c>--file-timeout</c>). A file that takes longer is skipped and reported with
/// its name; the run goes on with the other files instead of hanging. Its analysis is abandoned (it is asked to stop, and
/// nobody waits for it any more), and the file is not analysed again or rewritten in the same run.
/// </summary>
internal sealed class FileBudget
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(60);

    private readonly Func<string, TimeSpan> _limitFor;
    private readonly ConcurrentDictionary<string, TimeSpan> _exceeded = new(StringComparer.Ordinal);

    /// <param name="limitFor">The budget of a file by its path; <see cref="Timeout.InfiniteTimeSpan"/> for none (tests inject per-file budgets).</param>
    public FileBudget(Func<string, TimeSpan> limitFor)
    {
        _limitFor = limitFor;
    }

    public static FileBudget Unlimited { get; } = new(_ => Timeout.InfiniteTimeSpan);

    /// <summary>The budget from <c>--file-timeout</c> seconds (0: no limit).</summary>
    public static FileBudget FromSeconds(double seconds) =>
        seconds <= 0 ? Unlimited : new FileBudget(_ => TimeSpan.FromSeconds(seconds));

    public bool IsExceeded(string? path) => path != null && _exceeded.ContainsKey(path);

    /// <summary>The files over budget so far, as skipped-file problems, by path.</summary>
    public IEnumerable<InputProblem> Problems() => _exceeded
        .OrderBy(e => e.Key, StringComparer.Ordinal)
        .Select(e => new InputProblem(e.Key, $"its analysis took longer than the per-file time budget ({Describe(e.Value)}); skipped, so its findings are not reported and it is not rewritten. Very long string concatenations can cause this: raise the budget with --file-timeout SECONDS (0: no limit)"));

    /// <summary>
    /// Runs <paramref name="work"/> for <paramref name="path"/> on the thread pool and waits for it at most the file's
    /// budget. Null when the file is (or already was) over budget.
    /// </summary>
    public async Task<T?> RunAsync<T>(string? path, Func<CancellationToken, T> work, CancellationToken cancellationToken)
        where T : class
    {
        TimeSpan limit = path is null ? Timeout.InfiniteTimeSpan : _limitFor(path);
        if (limit == Timeout.InfiniteTimeSpan)
        {
            return work(cancellationToken);
        }

        if (IsExceeded(path))
        {
            return null;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (limit <= TimeSpan.Zero)
        {
            budget.Cancel();
        }
        else
        {
            budget.CancelAfter(limit);
        }

        try
        {
            return await Task.Run(() => work(budget.Token), budget.Token).WaitAsync(budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _exceeded.TryAdd(path!, limit);
            return null;
        }
    }

    private static string Describe(TimeSpan limit) => limit.TotalSeconds >= 1
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{limit.TotalSeconds:0.###} s")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{limit.TotalMilliseconds:0.###} ms");
}

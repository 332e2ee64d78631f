using System.Collections.Concurrent;

namespace Netsmart.CareConnect.Tests.BulkData;

/// <summary>
/// A clock whose timers fire at once: each requested wait is recorded and the clock jumps forward by it, so tests check
/// Retry-After handling of minutes without sleeping.
/// </summary>
public sealed class RecordingTimeProvider : TimeProvider
{
    private readonly object _lock = new();
    private DateTimeOffset _now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Waits.Enqueue(dueTime);
            lock (_lock)
            {
                _now += dueTime;
            }

            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => default;
    }
}

/// <summary>Reports synchronously on the polling thread (unlike <see cref="Progress{T}"/>), so a test sees every report before the next poll.</summary>
public sealed class ListProgress<T> : IProgress<T>
{
    private readonly Action<T>? _onReport;

    public ListProgress(Action<T>? onReport = null) => _onReport = onReport;

    public ConcurrentQueue<T> Reports { get; } = new();

    public void Report(T value)
    {
        Reports.Enqueue(value);
        _onReport?.Invoke(value);
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;

namespace Netsmart.CareConnect.Internal;

internal static class TaskWaiting
{
    /// <summary>
    /// Waits for a shared task, giving up when <paramref name="cancellationToken"/> fires; the task itself goes on
    /// (one caller cancelling stops its own wait, not the shared work).
    /// </summary>
    public static async Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || task.IsCompleted)
        {
            return await task.ConfigureAwait(false);
        }

        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(s => ((TaskCompletionSource<bool>)s!).TrySetResult(true), cancelled))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }

        return await task.ConfigureAwait(false);
    }

    /// <summary>Exponential delay: <paramref name="first"/> × 2^(n-1), capped at <paramref name="max"/>; zero for n &lt;= 0.</summary>
    public static TimeSpan Backoff(int n, TimeSpan first, TimeSpan max)
    {
        if (n <= 0)
        {
            return TimeSpan.Zero;
        }

        var ticks = first.Ticks * Math.Pow(2, Math.Min(n - 1, 30));
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }
}

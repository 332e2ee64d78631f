using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>
/// Keeps <see cref="PendingAuthorization"/> records between the authorize redirect and the callback. For a web
/// farm, implement it over a shared store (for example <c>IDistributedCache</c> with
/// <see cref="PendingAuthorization.Serialize"/>); <see cref="TakeAsync"/> must remove the record so a callback
/// is used once.
/// </summary>
public interface IAuthorizationStateStore
{
    /// <summary>Saves a record under its <see cref="PendingAuthorization.State"/>.</summary>
    Task SaveAsync(PendingAuthorization pending, CancellationToken cancellationToken = default);

    /// <summary>Returns and removes the record of <paramref name="state"/>, or <see langword="null"/> when there is none (unknown, or already used).</summary>
    Task<PendingAuthorization?> TakeAsync(string state, CancellationToken cancellationToken = default);
}

/// <summary>
/// The default <see cref="IAuthorizationStateStore"/>: in process memory (one server; lost on restart). Records
/// older than <see cref="MaxAge"/> are dropped as new ones arrive.
/// </summary>
public sealed class InMemoryAuthorizationStateStore : IAuthorizationStateStore
{
    private readonly ConcurrentDictionary<string, PendingAuthorization> _records = new ConcurrentDictionary<string, PendingAuthorization>(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the store.</summary>
    public InMemoryAuthorizationStateStore(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long a record is kept at most (bounds the memory that abandoned sign-ins take). Default: 30 minutes.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(30);

    /// <inheritdoc />
    public Task SaveAsync(PendingAuthorization pending, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(pending, nameof(pending));
        var cutoff = _timeProvider.GetUtcNow() - MaxAge;
        foreach (var entry in _records)
        {
            if (entry.Value.CreatedAt < cutoff)
            {
                _records.TryRemove(entry.Key, out _);
            }
        }

        _records[pending.State] = pending;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<PendingAuthorization?> TakeAsync(string state, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(state, nameof(state));
        return Task.FromResult(_records.TryRemove(state, out var pending) ? pending : null);
    }
}

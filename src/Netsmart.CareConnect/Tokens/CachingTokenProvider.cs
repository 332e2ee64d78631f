using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>
/// Base of the token providers: caches the current token and renews it ahead of expiry, holding up under failure.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Single flight: however many callers need a new token at once, one request is made, and all of them get
/// its token or its failure (an outage with N waiting callers costs one request and one timeout, not N).</item>
/// <item>The renewal does not run on any caller's <see cref="CancellationToken"/>: a caller that cancels stops
/// waiting, the shared renewal goes on (it ends when the provider is disposed).</item>
/// <item>During an early renewal (inside <see cref="TokenCacheOptions.RenewBeforeExpiry"/>) only the caller that
/// started it waits for it; other callers get the still-valid token at once. When the early renewal fails, the
/// still-valid token is served.</item>
/// <item>After a failure no new request is made for <see cref="TokenCacheOptions.RetryDelay"/>, doubling up to
/// <see cref="TokenCacheOptions.MaxRetryDelay"/>; callers without a valid token get the same failure at once.</item>
/// <item>Lifetimes below <see cref="TokenCacheOptions.MinimumLifetime"/> (including <c>expires_in: 0</c>) count
/// as the minimum; a missing <c>expires_in</c> counts as <see cref="TokenCacheOptions.DefaultLifetime"/>.</item>
/// <item><see cref="Invalidate"/> (after a 401) forces a renewal; forced renewals of tokens that were themselves
/// forced are spaced out like failures, so an API that rejects every token cannot cause a renewal loop.</item>
/// </list>
/// Thread-safe.
/// </remarks>
public abstract class CachingTokenProvider : ICareConnectTokenProvider, IDisposable
{
    private readonly object _lock = new object();
    private readonly CancellationTokenSource _disposed = new CancellationTokenSource();
    private readonly TokenCacheOptions _cacheOptions;
    private readonly ILogger _logger;
    private Entry? _current;
    private Task<Entry>? _renewal;
    private Exception? _lastFailure;
    private DateTimeOffset _retryAt;
    private int _consecutiveFailures;
    private int _pendingForcedGeneration;

    /// <summary>Creates the provider.</summary>
    protected CachingTokenProvider(TimeProvider timeProvider, TokenCacheOptions? cacheOptions)
        : this(timeProvider, cacheOptions, null)
    {
    }

    /// <summary>Creates the provider with a logger for renewal failures (<see cref="CareConnectDiagnostics.TokenRenewalFailed"/>, <see cref="CareConnectDiagnostics.TokenServedAfterFailedRenewal"/>).</summary>
    protected CachingTokenProvider(TimeProvider timeProvider, TokenCacheOptions? cacheOptions, ILogger? logger)
    {
        TimeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _cacheOptions = cacheOptions ?? new TokenCacheOptions();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The clock.</summary>
    protected TimeProvider TimeProvider { get; }

    /// <inheritdoc />
    public async Task<CareConnectAccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var current = Volatile.Read(ref _current);
        if (current is not null && TimeProvider.GetUtcNow() < current.RenewAt)
        {
            return current.Token;
        }

        Task<Entry> renewal;
        lock (_lock)
        {
            current = _current;
            var now = TimeProvider.GetUtcNow();
            if (current is not null && now < current.RenewAt)
            {
                return current.Token;
            }

            var stillValid = current is not null && now < current.ValidUntil;
            if (_renewal is { IsCompleted: false })
            {
                if (stillValid)
                {
                    // Someone else is renewing early; the current token is still good, so do not wait for it.
                    return current!.Token;
                }

                renewal = _renewal;
            }
            else if (_lastFailure is not null && now < _retryAt)
            {
                if (stillValid)
                {
                    return current!.Token;
                }

                renewal = FromException(_lastFailure);
            }
            else
            {
                if (_disposed.IsCancellationRequested)
                {
                    throw new ObjectDisposedException(GetType().Name);
                }

                renewal = _renewal = RenewAsync();
            }
        }

        try
        {
            return (await TaskWaiting.WaitAsync(renewal, cancellationToken).ConfigureAwait(false)).Token;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested && StillValid() is { } valid)
        {
            // Early renewal failed: the token we have is still good.
            CareConnectDiagnostics.LogServedAfterFailure(_logger, valid.ValidUntil, null);
            return valid.Token;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The token is forgotten only if it is the current one. A token that was itself obtained by a forced renewal
    /// is forgotten only after <see cref="TokenCacheOptions.RetryDelay"/> (doubling with each further forced renewal)
    /// since it was acquired; until then the call does nothing.
    /// </remarks>
    public void Invalidate(CareConnectAccessToken token)
    {
        if (token is null)
        {
            return;
        }

        lock (_lock)
        {
            var current = _current;
            if (current is null || !string.Equals(current.Token.Token, token.Token, StringComparison.Ordinal))
            {
                return;
            }

            if (TimeProvider.GetUtcNow() < current.AcquiredAt + Backoff(current.ForcedGeneration))
            {
                return;
            }

            _current = null;
            _pendingForcedGeneration = current.ForcedGeneration + 1;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Cancels a renewal in flight.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && !_disposed.IsCancellationRequested)
        {
            _disposed.Cancel();
        }
    }

    /// <summary>
    /// Acquires a new token from the authorization server. Called by one renewal at a time, never concurrently;
    /// <paramref name="cancellationToken"/> fires only when the provider is disposed.
    /// </summary>
    protected abstract Task<TokenResponse> AcquireAsync(CancellationToken cancellationToken);

    private static Task<Entry> FromException(Exception exception)
    {
        var tcs = new TaskCompletionSource<Entry>();
        tcs.SetException(exception);
        return tcs.Task;
    }

    private Entry? StillValid()
    {
        var current = Volatile.Read(ref _current);
        return current is not null && TimeProvider.GetUtcNow() < current.ValidUntil ? current : null;
    }

    private TimeSpan Backoff(int n) => TaskWaiting.Backoff(n, _cacheOptions.RetryDelay, _cacheOptions.MaxRetryDelay);

    private async Task<Entry> RenewAsync()
    {
        // Leave the caller's lock before doing anything; the renewal runs on the provider's own token only.
        await Task.Yield();
        try
        {
            var response = await AcquireAsync(_disposed.Token).ConfigureAwait(false);
            var issued = TimeProvider.GetUtcNow();
            var expiresOn = response.ExpiresAt ?? issued + _cacheOptions.DefaultLifetime;
            var lifetime = expiresOn - issued;
            if (lifetime < _cacheOptions.MinimumLifetime)
            {
                lifetime = _cacheOptions.MinimumLifetime;
            }

            var ahead = TimeSpan.FromTicks(Math.Min(_cacheOptions.RenewBeforeExpiry.Ticks, Math.Max(0, lifetime.Ticks / 2)));
            lock (_lock)
            {
                var entry = new Entry(
                    new CareConnectAccessToken(response.AccessToken, expiresOn, response.Scope),
                    issued,
                    issued + lifetime - ahead,
                    issued + lifetime,
                    _pendingForcedGeneration);
                _pendingForcedGeneration = 0;
                _current = entry;
                _lastFailure = null;
                _consecutiveFailures = 0;
                return entry;
            }
        }
        catch (Exception ex)
        {
            lock (_lock)
            {
                _consecutiveFailures++;
                _lastFailure = ex;
                _retryAt = TimeProvider.GetUtcNow() + Backoff(_consecutiveFailures);
            }

            var failure = ex as CareConnectException;
            CareConnectDiagnostics.LogRenewalFailed(_logger, ex.GetType().Name, failure?.StatusCode is { } status ? (int)status : 0, failure?.IsTransient ?? false, failure?.RequestId, null);

            throw;
        }
    }

    private sealed class Entry
    {
        public Entry(CareConnectAccessToken token, DateTimeOffset acquiredAt, DateTimeOffset renewAt, DateTimeOffset validUntil, int forcedGeneration)
        {
            Token = token;
            AcquiredAt = acquiredAt;
            RenewAt = renewAt;
            ValidUntil = validUntil;
            ForcedGeneration = forcedGeneration;
        }

        public CareConnectAccessToken Token { get; }

        public DateTimeOffset AcquiredAt { get; }

        public DateTimeOffset RenewAt { get; }

        public DateTimeOffset ValidUntil { get; }

        public int ForcedGeneration { get; }
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;

namespace Netsmart.CareConnect
{
    /// <summary>
    /// Base of the token providers: caches the current token, renews it ahead of expiry, and lets exactly one
    /// caller acquire a new token while the others wait (thread-safe).
    /// </summary>
    public abstract class CachingTokenProvider : ICareConnectTokenProvider, IDisposable
    {
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private readonly TokenCacheOptions _cacheOptions;
        private Entry? _current;

        /// <summary>Creates the provider.</summary>
        protected CachingTokenProvider(TimeProvider timeProvider, TokenCacheOptions? cacheOptions)
        {
            TimeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
            _cacheOptions = cacheOptions ?? new TokenCacheOptions();
        }

        /// <summary>The clock.</summary>
        protected TimeProvider TimeProvider { get; }

        /// <inheritdoc />
        public async Task<CareConnectAccessToken> GetTokenAsync(CancellationToken cancellationToken)
        {
            var current = Volatile.Read(ref _current);
            if (current is not null && TimeProvider.GetUtcNow() < current.RenewAt)
            {
                return current.Token;
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                current = Volatile.Read(ref _current);
                var now = TimeProvider.GetUtcNow();
                if (current is not null && now < current.RenewAt)
                {
                    return current.Token;
                }

                var response = await AcquireAsync(cancellationToken).ConfigureAwait(false);
                var issued = TimeProvider.GetUtcNow();
                var expiresOn = response.ExpiresAt ?? issued + _cacheOptions.DefaultLifetime;
                var lifetime = expiresOn - issued;
                var ahead = TimeSpan.FromTicks(Math.Min(_cacheOptions.RenewBeforeExpiry.Ticks, Math.Max(0, lifetime.Ticks / 2)));
                var entry = new Entry(new CareConnectAccessToken(response.AccessToken, expiresOn, response.Scope), expiresOn - ahead);
                Volatile.Write(ref _current, entry);
                return entry.Token;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <inheritdoc />
        public void Invalidate(CareConnectAccessToken token)
        {
            var current = Volatile.Read(ref _current);
            if (current is not null && token is not null && string.Equals(current.Token.Token, token.Token, StringComparison.Ordinal))
            {
                Interlocked.CompareExchange(ref _current, null, current);
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        /// <summary>Disposes the lock.</summary>
        protected virtual void Dispose(bool disposing)
        {
            if (disposing)
            {
                _gate.Dispose();
            }
        }

        /// <summary>Acquires a new token from the authorization server.</summary>
        protected abstract Task<TokenResponse> AcquireAsync(CancellationToken cancellationToken);

        private sealed class Entry
        {
            public Entry(CareConnectAccessToken token, DateTimeOffset renewAt)
            {
                Token = token;
                RenewAt = renewAt;
            }

            public CareConnectAccessToken Token { get; }

            public DateTimeOffset RenewAt { get; }
        }
    }
}

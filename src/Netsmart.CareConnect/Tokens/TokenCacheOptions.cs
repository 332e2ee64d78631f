using System;

namespace Netsmart.CareConnect;

/// <summary>When cached tokens are renewed, and how renewal behaves under failure.</summary>
public sealed class TokenCacheOptions
{
    /// <summary>
    /// Renew this long before expiry (capped at half the token lifetime, so short tokens are not renewed on every
    /// call). Default: 60 seconds.
    /// </summary>
    public TimeSpan RenewBeforeExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Lifetime assumed when the server sends no <c>expires_in</c>. Default: 300 seconds (SMART backend tokens).</summary>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// The floor on a token's cached lifetime: an <c>expires_in</c> of 0 or a few seconds is treated as this long,
    /// so such a token is reused for half of it (30 s by default) instead of being renewed on every call. If the
    /// API rejects it earlier, the 401 retry of <see cref="CareConnectAuthenticationHandler"/> renews it. Default: 60 seconds.
    /// </summary>
    public TimeSpan MinimumLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// After a failed renewal, no new token request is made for this long (doubling with each further failure up to
    /// <see cref="MaxRetryDelay"/>): callers get the still-valid token if there is one, else the same failure at
    /// once. The same delay spaces out renewals forced by repeated 401 answers. Default: 1 second.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The cap on <see cref="RetryDelay"/> doubling. Default: 60 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);
}

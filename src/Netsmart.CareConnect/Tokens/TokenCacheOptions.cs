using System;

namespace Netsmart.CareConnect
{
    /// <summary>When cached tokens are renewed.</summary>
    public sealed class TokenCacheOptions
    {
        /// <summary>
        /// Renew this long before expiry (capped at half the token lifetime, so short tokens are not renewed on every
        /// call). Default: 60 seconds.
        /// </summary>
        public TimeSpan RenewBeforeExpiry { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Lifetime assumed when the server sends no <c>expires_in</c>. Default: 300 seconds (SMART backend tokens).</summary>
        public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromSeconds(300);
    }
}

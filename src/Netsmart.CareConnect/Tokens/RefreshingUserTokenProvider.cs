using System;
using System.Threading;
using System.Threading.Tasks;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect
{
    /// <summary>
    /// Patient/practitioner apps: starts from the token response of the code exchange and renews the access token
    /// with the refresh token ahead of expiry (keeping a rotated refresh token). Without a refresh token
    /// (<c>offline_access</c>/<c>online_access</c> not granted) an expired token raises <see cref="CareConnectException"/>.
    /// </summary>
    public sealed class RefreshingUserTokenProvider : CachingTokenProvider
    {
        private readonly CareConnectTokenClient _client;
        private readonly Uri _tokenEndpoint;
        private readonly CareConnectClientCredentials _credentials;
        private TokenResponse? _initial;
        private string? _refreshToken;

        /// <summary>Creates the provider from the code-exchange response.</summary>
        public RefreshingUserTokenProvider(CareConnectTokenClient client, Uri tokenEndpoint, CareConnectClientCredentials credentials, TokenResponse initial, TokenCacheOptions? cacheOptions = null)
            : base(Guard.NotNull(client, nameof(client)).TimeProvider, cacheOptions)
        {
            _client = client;
            _tokenEndpoint = Guard.NotNull(tokenEndpoint, nameof(tokenEndpoint));
            _credentials = Guard.NotNull(credentials, nameof(credentials));
            _initial = Guard.NotNull(initial, nameof(initial));
            _refreshToken = initial.RefreshToken;
        }

        /// <inheritdoc />
        protected override async Task<TokenResponse> AcquireAsync(CancellationToken cancellationToken)
        {
            var initial = Interlocked.Exchange(ref _initial, null);
            if (initial is not null && (initial.ExpiresAt is null || TimeProvider.GetUtcNow() < initial.ExpiresAt))
            {
                return initial;
            }

            if (_refreshToken is null)
            {
                throw new CareConnectException("The access token expired and there is no refresh token; request offline_access or online_access, or send the user through authorization again.");
            }

            var response = await _client.RequestRefreshTokenAsync(_tokenEndpoint, _refreshToken, _credentials, null, cancellationToken).ConfigureAwait(false);
            if (response.RefreshToken is not null)
            {
                _refreshToken = response.RefreshToken;
            }

            return response;
        }
    }
}

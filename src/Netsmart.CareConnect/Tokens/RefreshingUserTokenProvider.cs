using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>
/// Patient/practitioner apps: starts from the token response of the code exchange and renews the access token
/// with the refresh token ahead of expiry (keeping a rotated refresh token). Without a refresh token
/// (<c>offline_access</c>/<c>online_access</c> not granted) an expired token raises <see cref="CareConnectException"/>;
/// an <c>invalid_grant</c> on refresh ends the session (<see cref="CareConnectSessionEndedException"/>, no further requests).
/// To keep refresh tokens across requests or servers, use <see cref="CareConnectClient.StartSessionAsync"/> and an <see cref="IRefreshTokenStore"/>.
/// </summary>
public sealed class RefreshingUserTokenProvider : CachingTokenProvider
{
    private readonly CareConnectTokenClient _client;
    private readonly Uri _tokenEndpoint;
    private readonly CareConnectClientCredentials _credentials;
    private TokenResponse? _initial;
    private string? _refreshToken;
    private CareConnectSessionEndedException? _ended;

    /// <summary>Creates the provider from the code-exchange response.</summary>
    public RefreshingUserTokenProvider(CareConnectTokenClient client, Uri tokenEndpoint, CareConnectClientCredentials credentials, TokenResponse initial, TokenCacheOptions? cacheOptions = null)
        : this(client, tokenEndpoint, credentials, initial, cacheOptions, null)
    {
    }

    /// <summary>
    /// Creates the provider from the code-exchange response, with a logger for failed renewals
    /// (<see cref="CareConnectDiagnostics.TokenRenewalFailed"/>, <see cref="CareConnectDiagnostics.TokenServedAfterFailedRenewal"/>).
    /// </summary>
    public RefreshingUserTokenProvider(CareConnectTokenClient client, Uri tokenEndpoint, CareConnectClientCredentials credentials, TokenResponse initial, TokenCacheOptions? cacheOptions, ILogger? logger)
        : base(Guard.NotNull(client, nameof(client)).TimeProvider, cacheOptions, logger)
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

        if (_ended is not null)
        {
            throw new CareConnectSessionEndedException(_ended.Message, _ended.InnerException);
        }

        if (_refreshToken is null)
        {
            throw new CareConnectException("The access token expired and there is no refresh token; request offline_access or online_access, or send the user through authorization again.");
        }

        TokenResponse response;
        try
        {
            response = await _client.RequestRefreshTokenAsync(_tokenEndpoint, _refreshToken, _credentials, null, cancellationToken).ConfigureAwait(false);
        }
        catch (CareConnectException ex) when (string.Equals(ex.OAuthError, "invalid_grant", StringComparison.Ordinal))
        {
            // The grant is gone (revoked, expired, or the refresh token was already used): never ask again.
            _refreshToken = null;
            _ended = new CareConnectSessionEndedException(
                "The CareConnect session ended: the authorization server refused the refresh token (invalid_grant: revoked, expired or already used); sign the user in again.",
                ex);
            throw _ended;
        }

        if (response.RefreshToken is not null)
        {
            _refreshToken = response.RefreshToken;
        }

        return response;
    }
}

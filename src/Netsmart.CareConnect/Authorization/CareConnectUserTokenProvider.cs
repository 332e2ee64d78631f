using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>
/// The access token of one signed-in user of a registered user app: starts from the code-exchange response (when
/// given), renews with the refresh token from the <see cref="IRefreshTokenStore"/>, saves a rotated refresh token,
/// and ends the session on <c>invalid_grant</c> (store cleared, <see cref="CareConnectSessionEndedException"/>,
/// no further requests). Create it with <see cref="CareConnectClient.StartSessionAsync"/> or
/// <see cref="CareConnectClient.CreateUserTokenProvider"/>.
/// </summary>
public sealed class CareConnectUserTokenProvider : CachingTokenProvider
{
    private readonly CareConnectClient _client;
    private readonly IRefreshTokenStore _store;
    private readonly string _key;
    private TokenResponse? _initial;

    internal CareConnectUserTokenProvider(CareConnectClient client, IRefreshTokenStore store, string key, TokenResponse? initial, TokenCacheOptions cacheOptions, ILogger? logger)
        : base(client.TimeProvider, cacheOptions, logger)
    {
        _client = client;
        _store = store;
        _key = key;
        _initial = initial;
    }

    /// <inheritdoc />
    protected override async Task<TokenResponse> AcquireAsync(CancellationToken cancellationToken)
    {
        var initial = Interlocked.Exchange(ref _initial, null);
        if (initial is not null && (initial.ExpiresAt is null || TimeProvider.GetUtcNow() < initial.ExpiresAt))
        {
            return initial;
        }

        // Providers of the same session on this server refresh one at a time: with a rotating server, the second
        // one then reads the refresh token the first one saved instead of presenting a used one.
        var gate = _client.SessionGate(_key);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<TokenResponse> RefreshAsync(CancellationToken cancellationToken)
    {
        var refreshToken = await _store.GetAsync(_key, cancellationToken).ConfigureAwait(false)
            ?? throw new CareConnectSessionEndedException("The CareConnect session has no refresh token (never granted, or the session ended); sign the user in again.");
        var endpoints = await _client.ResolveEndpointsAsync(cancellationToken).ConfigureAwait(false);
        TokenResponse response;
        try
        {
            response = await _client.TokenClient.RequestRefreshTokenAsync(endpoints.TokenEndpoint, refreshToken, _client.GetCredentials(endpoints), null, cancellationToken).ConfigureAwait(false);
        }
        catch (CareConnectException ex) when (string.Equals(ex.OAuthError, "invalid_grant", StringComparison.Ordinal))
        {
            await _store.RemoveAsync(_key, CancellationToken.None).ConfigureAwait(false);
            throw new CareConnectSessionEndedException(
                "The CareConnect session ended: the authorization server refused the refresh token (invalid_grant: revoked, expired or already used). The stored refresh token was removed; sign the user in again.",
                ex);
        }

        if (!string.IsNullOrEmpty(response.RefreshToken) && !string.Equals(response.RefreshToken, refreshToken, StringComparison.Ordinal))
        {
            await _store.SaveAsync(_key, response.RefreshToken!, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    internal static string StoreKey(CareConnectClient client, string sessionKey) =>
        Guard.NotNull(client, nameof(client)).Name + ":" + Guard.NotNullOrWhiteSpace(sessionKey, nameof(sessionKey));
}

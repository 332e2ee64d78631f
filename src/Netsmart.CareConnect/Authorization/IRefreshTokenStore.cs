using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>
/// Keeps a user's refresh token between requests (and, with a shared implementation, between servers). The
/// library saves every rotated refresh token and removes it when the session ends (<c>invalid_grant</c>).
/// Keys are <c>{client name}:{session key}</c>. Store the values encrypted: a refresh token is a credential.
/// </summary>
public interface IRefreshTokenStore
{
    /// <summary>The refresh token of <paramref name="key"/>, or <see langword="null"/>.</summary>
    Task<string?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Saves (replaces) the refresh token of <paramref name="key"/>.</summary>
    Task SaveAsync(string key, string refreshToken, CancellationToken cancellationToken = default);

    /// <summary>Forgets the refresh token of <paramref name="key"/>.</summary>
    Task RemoveAsync(string key, CancellationToken cancellationToken = default);
}

/// <summary>The default <see cref="IRefreshTokenStore"/>: in process memory (one server; lost on restart).</summary>
public sealed class InMemoryRefreshTokenStore : IRefreshTokenStore
{
    private readonly ConcurrentDictionary<string, string> _tokens = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<string?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_tokens.TryGetValue(Guard.NotNull(key, nameof(key)), out var token) ? token : null);

    /// <inheritdoc />
    public Task SaveAsync(string key, string refreshToken, CancellationToken cancellationToken = default)
    {
        _tokens[Guard.NotNull(key, nameof(key))] = Guard.NotNullOrWhiteSpace(refreshToken, nameof(refreshToken));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        _tokens.TryRemove(Guard.NotNull(key, nameof(key)), out _);
        return Task.CompletedTask;
    }
}

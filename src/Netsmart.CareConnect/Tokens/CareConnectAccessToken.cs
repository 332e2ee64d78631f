using System;

namespace Netsmart.CareConnect;

/// <summary>An access token and when it expires. <see cref="ToString"/> never shows the token.</summary>
public sealed class CareConnectAccessToken
{
    /// <summary>Creates a token.</summary>
    public CareConnectAccessToken(string token, DateTimeOffset expiresOn, string? scope = null)
    {
        Token = token ?? throw new ArgumentNullException(nameof(token));
        ExpiresOn = expiresOn;
        Scope = scope;
    }

    /// <summary>The bearer token.</summary>
    public string Token { get; }

    /// <summary>When the token expires.</summary>
    public DateTimeOffset ExpiresOn { get; }

    /// <summary>The granted scopes.</summary>
    public string? Scope { get; }

    /// <inheritdoc />
    public override string ToString() => "CareConnectAccessToken { Token = ***, ExpiresOn = " + ExpiresOn.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + ", Scope = " + Scope + " }";
}

using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>A completed sign-in of a user app: the token response and the client it belongs to. <see cref="ToString"/> shows no token.</summary>
public sealed class CareConnectAuthorizationResult
{
    internal CareConnectAuthorizationResult(CareConnectClient client, PendingAuthorization authorization, TokenResponse token, CareConnectIdentity? identity)
    {
        Identity = identity;
        Client = Guard.NotNull(client, nameof(client));
        Authorization = authorization;
        Token = token;
    }

    /// <summary>The client that completed the sign-in.</summary>
    public CareConnectClient Client { get; }

    /// <summary>The pending authorization the callback matched.</summary>
    public PendingAuthorization Authorization { get; }

    /// <summary>The token response of the code exchange (access token, refresh token, launch context).</summary>
    public TokenResponse Token { get; }

    /// <summary>The user from the validated id_token (<c>sub</c>, <c>fhirUser</c>), or <see langword="null"/> when no id_token was returned.</summary>
    public CareConnectIdentity? Identity { get; }

    /// <summary>The launch context <c>patient</c>.</summary>
    public string? Patient => Token.Patient;

    /// <inheritdoc />
    public override string ToString() => "CareConnectAuthorizationResult { Client = " + Client.Name + ", Token = *** }";
}

using System;

namespace Netsmart.CareConnect;

/// <summary>
/// The user's session is over: the authorization server refused the refresh token (<c>invalid_grant</c>: revoked,
/// expired or already used) or none is stored. The stored refresh token has been removed; send the user through
/// sign-in again. Retrying does not help.
/// </summary>
public sealed class CareConnectSessionEndedException : CareConnectException
{
    /// <summary>Creates the exception.</summary>
    public CareConnectSessionEndedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

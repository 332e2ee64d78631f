namespace Netsmart.CareConnect;

/// <summary>What a registered CareConnect client is, which decides how it gets tokens and what it must be configured with.</summary>
public enum CareConnectAppKind
{
    /// <summary>
    /// A backend service (System Access): <c>client_credentials</c> with a client secret or a private key; needs
    /// <see cref="CareConnectOptions.Scope"/> with system scopes.
    /// </summary>
    Backend = 0,

    /// <summary>
    /// A patient or practitioner app (Patient Access): authorization code with PKCE S256, a public client
    /// (no secret) or a confidential one; needs <see cref="CareConnectOptions.RedirectUri"/>.
    /// </summary>
    UserApp = 1,
}

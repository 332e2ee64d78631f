using System;

namespace Netsmart.CareConnect;

/// <summary>
/// A built SMART authorize request. Redirect the user to <see cref="Url"/>; keep <see cref="State"/> and
/// <see cref="CodeVerifier"/> server-side for the callback and the code exchange, for example as a
/// <see cref="PendingAuthorization"/> in an <see cref="IAuthorizationStateStore"/>.
/// <see cref="ToString"/> never shows the verifier or the state.
/// </summary>
public sealed class AuthorizationRequest
{
    internal AuthorizationRequest(Uri url, string clientId, Uri redirectUri, string scope, Uri audience, string state, string codeVerifier, string codeChallenge, Uri? tokenEndpoint, string? nonce, string? launch)
    {
        Url = url;
        ClientId = clientId;
        RedirectUri = redirectUri;
        Scope = scope;
        Audience = audience;
        State = state;
        CodeVerifier = codeVerifier;
        CodeChallenge = codeChallenge;
        TokenEndpoint = tokenEndpoint;
        Nonce = nonce;
        Launch = launch;
    }

    /// <summary>The OpenID Connect <c>nonce</c> sent (when <c>openid</c> is requested); the id_token must carry it back.</summary>
    public string? Nonce { get; }

    /// <summary>The EHR launch's <c>launch</c> value sent, if any.</summary>
    public string? Launch { get; }

    /// <summary>The authorize URL to send the user to.</summary>
    public Uri Url { get; }

    /// <summary>The client id.</summary>
    public string ClientId { get; }

    /// <summary>The redirect URI (send the same one with the code exchange).</summary>
    public Uri RedirectUri { get; }

    /// <summary>The space-separated scopes requested.</summary>
    public string Scope { get; }

    /// <summary>The <c>aud</c> sent: the FHIR base in use.</summary>
    public Uri Audience { get; }

    /// <summary>The state (256 bits from a CSPRNG). Compare it with the callback's <c>state</c>.</summary>
    public string State { get; }

    /// <summary>The PKCE code verifier (secret until the code exchange).</summary>
    public string CodeVerifier { get; }

    /// <summary>The S256 code challenge sent.</summary>
    public string CodeChallenge { get; }

    /// <summary>The token endpoint that belongs to this authorize endpoint, when known.</summary>
    public Uri? TokenEndpoint { get; }

    /// <inheritdoc />
    public override string ToString() => "AuthorizationRequest { Url = " + Url.GetLeftPart(UriPartial.Path) + ", ClientId = " + ClientId + ", Audience = " + Audience.AbsoluteUri + ", State = ***, CodeVerifier = ***" + (Nonce is null ? string.Empty : ", Nonce = ***") + " }";
}

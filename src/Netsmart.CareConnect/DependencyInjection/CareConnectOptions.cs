using System;
using Microsoft.IdentityModel.Tokens;

namespace Netsmart.CareConnect;

/// <summary>
/// Settings bound from the <c>CareConnect</c> configuration section. Validated at start-up
/// (<see cref="CareConnectOptionsValidator"/>). <see cref="ToString"/> never shows the secret or key.
/// </summary>
public sealed class CareConnectOptions
{
    /// <summary>The configuration section name, <c>CareConnect</c>.</summary>
    public const string SectionName = "CareConnect";

    /// <summary>The section under <see cref="SectionName"/> whose children are named clients (<c>CareConnect:Clients:agency-a</c>).</summary>
    public const string ClientsSectionName = "Clients";

    /// <summary>A backend service (default) or a patient/practitioner app; decides what is required.</summary>
    public CareConnectAppKind AppKind { get; set; } = CareConnectAppKind.Backend;

    /// <summary>
    /// The redirect URI registered for a <see cref="CareConnectAppKind.UserApp"/> (required there), sent with the
    /// authorize request and the code exchange.
    /// </summary>
    public string? RedirectUri { get; set; }

    /// <summary>The tenant UUID from the developer portal.</summary>
    public string? TenantId { get; set; }

    /// <summary>Production (default) or Preview.</summary>
    public CareConnectEnvironment Environment { get; set; } = CareConnectEnvironment.Production;

    /// <summary>The API the HttpClient talks to. Default: Provider System Access.</summary>
    public CareConnectApi Api { get; set; } = CareConnectApi.ProviderSystemAccess;

    /// <summary>The client id from the developer portal (one registration per tenant).</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret (client_secret_basic). Use either this or a private key.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// How the secret is sent: <c>client_secret_basic</c> or <c>client_secret_post</c>. Default (empty): from the
    /// discovery document's <c>token_endpoint_auth_methods_supported</c> (Basic when listed or unknown).
    /// </summary>
    public string? TokenEndpointAuthMethod { get; set; }

    /// <summary>The https URL of the JWKS registered for the client, sent as the <c>jku</c> header of client assertions (optional, private_key_jwt).</summary>
    public string? JwksUrl { get; set; }

    /// <summary>The private key as a JWK JSON object (private_key_jwt; works on every target framework).</summary>
    public string? PrivateKeyJwk { get; set; }

    /// <summary>The private key as PEM (PKCS#8 or PKCS#1/SEC1; .NET 8 or later).</summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>The <c>kid</c> of the private key as registered in the JWKS (optional when the JWK has one).</summary>
    public string? KeyId { get; set; }

    /// <summary><c>RS384</c> (default) or <c>ES384</c>.</summary>
    public string SigningAlgorithm { get; set; } = SecurityAlgorithms.RsaSha384;

    /// <summary>A signing key given in code instead of configuration (not bound).</summary>
    public SecurityKey? SigningKey { get; set; }

    /// <summary>
    /// Space-separated scopes: of the client-credentials token for a backend (for example <c>system/Patient.rs system/Observation.rs</c>),
    /// of the authorize request for a user app (for example <c>launch/patient openid fhirUser offline_access patient/Patient.rs</c>).
    /// </summary>
    public string? Scope { get; set; }

    /// <summary>Use SMART discovery for the token endpoint (default <see langword="true"/>).</summary>
    public bool UseDiscovery { get; set; } = true;

    /// <summary>Fall back to the documented template when discovery is unavailable (default <see langword="true"/>); an untrusted discovery document never falls back.</summary>
    public bool AllowTemplateFallback { get; set; } = true;

    /// <summary>Hosts endpoints may be on. Default (null or empty): <c>netsmartcloud.com</c> and its sub-domains.</summary>
    public string[]? TrustedHosts { get; set; }

    /// <summary>Another https origin with the CareConnect path layout (private deployment, local test server). Default: the environment's host.</summary>
    public string? Origin { get; set; }

    /// <summary>Renew tokens this long before expiry. Default: 60 seconds.</summary>
    public TimeSpan TokenRenewBeforeExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a user app's sign-in may take from the authorize redirect to the callback. Default: 10 minutes.</summary>
    public TimeSpan AuthorizationMaxAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a discovery document is cached. Default: one hour.</summary>
    public TimeSpan DiscoveryCacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <inheritdoc />
    public override string ToString() =>
        "CareConnectOptions { AppKind = " + AppKind + ", TenantId = " + TenantId + ", Environment = " + Environment + ", Api = " + Api + ", ClientId = " + ClientId +
        ", ClientSecret = " + (string.IsNullOrEmpty(ClientSecret) ? "-" : "***") +
        ", PrivateKey = " + (string.IsNullOrEmpty(PrivateKeyJwk) && string.IsNullOrEmpty(PrivateKeyPem) && SigningKey is null ? "-" : "***") +
        ", Scope = " + Scope + " }";
}

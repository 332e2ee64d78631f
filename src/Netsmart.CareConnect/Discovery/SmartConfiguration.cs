using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>
/// A SMART App Launch 2.0 <c>.well-known/smart-configuration</c> document (all fields SMART 2.0 defines, plus
/// the 2.2 user-access brand fields). Unknown fields are kept in <see cref="AdditionalProperties"/>.
/// </summary>
public sealed class SmartConfiguration
{
    private static readonly HashSet<string> KnownFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "issuer", "jwks_uri", "authorization_endpoint", "grant_types_supported", "token_endpoint",
        "token_endpoint_auth_methods_supported", "registration_endpoint", "scopes_supported",
        "response_types_supported", "management_endpoint", "introspection_endpoint", "revocation_endpoint",
        "capabilities", "code_challenge_methods_supported", "token_endpoint_auth_signing_alg_values_supported",
        "user_access_brand_bundle", "user_access_brand_identifier",
    };

    private SmartConfiguration()
    {
    }

    /// <summary><c>issuer</c> (required with <c>sso-openid-connect</c>).</summary>
    public string? Issuer { get; private set; }

    /// <summary><c>jwks_uri</c> (required with <c>sso-openid-connect</c>).</summary>
    public Uri? JwksUri { get; private set; }

    /// <summary><c>authorization_endpoint</c>.</summary>
    public Uri? AuthorizationEndpoint { get; private set; }

    /// <summary><c>token_endpoint</c> (required).</summary>
    public Uri TokenEndpoint { get; private set; } = null!;

    /// <summary><c>grant_types_supported</c>: <c>authorization_code</c> and/or <c>client_credentials</c>.</summary>
    public IReadOnlyList<string> GrantTypesSupported { get; private set; } = Array.Empty<string>();

    /// <summary><c>token_endpoint_auth_methods_supported</c>: <c>client_secret_basic</c>, <c>private_key_jwt</c>, ...</summary>
    public IReadOnlyList<string> TokenEndpointAuthMethodsSupported { get; private set; } = Array.Empty<string>();

    /// <summary><c>token_endpoint_auth_signing_alg_values_supported</c>: RS384 and/or ES384 for asymmetric client auth.</summary>
    public IReadOnlyList<string> TokenEndpointAuthSigningAlgValuesSupported { get; private set; } = Array.Empty<string>();

    /// <summary><c>registration_endpoint</c>.</summary>
    public Uri? RegistrationEndpoint { get; private set; }

    /// <summary><c>scopes_supported</c>.</summary>
    public IReadOnlyList<string> ScopesSupported { get; private set; } = Array.Empty<string>();

    /// <summary><c>response_types_supported</c>.</summary>
    public IReadOnlyList<string> ResponseTypesSupported { get; private set; } = Array.Empty<string>();

    /// <summary><c>management_endpoint</c>.</summary>
    public Uri? ManagementEndpoint { get; private set; }

    /// <summary><c>introspection_endpoint</c>.</summary>
    public Uri? IntrospectionEndpoint { get; private set; }

    /// <summary><c>revocation_endpoint</c>.</summary>
    public Uri? RevocationEndpoint { get; private set; }

    /// <summary><c>capabilities</c>, for example <c>launch-standalone</c>, <c>permission-v2</c>.</summary>
    public IReadOnlyList<string> Capabilities { get; private set; } = Array.Empty<string>();

    /// <summary><c>code_challenge_methods_supported</c> (must contain S256).</summary>
    public IReadOnlyList<string> CodeChallengeMethodsSupported { get; private set; } = Array.Empty<string>();

    /// <summary><c>user_access_brand_bundle</c> (SMART 2.2).</summary>
    public Uri? UserAccessBrandBundle { get; private set; }

    /// <summary><c>user_access_brand_identifier</c> (SMART 2.2).</summary>
    public string? UserAccessBrandIdentifier { get; private set; }

    /// <summary>Fields this type does not model, as cloned JSON values.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalProperties { get; private set; } = new Dictionary<string, JsonElement>();

    /// <summary>Whether <c>code_challenge_methods_supported</c> contains <c>S256</c>. PKCE S256 is sent regardless.</summary>
    public bool SupportsS256 => CodeChallengeMethodsSupported.Contains("S256", StringComparer.Ordinal);

    /// <summary>Whether the server advertises the capability (case-sensitive, as SMART defines them).</summary>
    public bool HasCapability(string capability) => Capabilities.Contains(capability, StringComparer.Ordinal);

    /// <summary>Parses a smart-configuration document.</summary>
    /// <exception cref="CareConnectDiscoveryException">The JSON is invalid or <c>token_endpoint</c> is missing or not an absolute URI.</exception>
    public static SmartConfiguration Parse(string json)
    {
        Guard.NotNull(json, nameof(json));
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("the document is not a JSON object");
            }

            var config = new SmartConfiguration
            {
                Issuer = Json.String(root, "issuer"),
                JwksUri = OptionalUri(root, "jwks_uri"),
                AuthorizationEndpoint = OptionalUri(root, "authorization_endpoint"),
                TokenEndpoint = OptionalUri(root, "token_endpoint") ?? throw Invalid("token_endpoint is missing"),
                GrantTypesSupported = Json.StringArray(root, "grant_types_supported"),
                TokenEndpointAuthMethodsSupported = Json.StringArray(root, "token_endpoint_auth_methods_supported"),
                TokenEndpointAuthSigningAlgValuesSupported = Json.StringArray(root, "token_endpoint_auth_signing_alg_values_supported"),
                RegistrationEndpoint = OptionalUri(root, "registration_endpoint"),
                ScopesSupported = Json.StringArray(root, "scopes_supported"),
                ResponseTypesSupported = Json.StringArray(root, "response_types_supported"),
                ManagementEndpoint = OptionalUri(root, "management_endpoint"),
                IntrospectionEndpoint = OptionalUri(root, "introspection_endpoint"),
                RevocationEndpoint = OptionalUri(root, "revocation_endpoint"),
                Capabilities = Json.StringArray(root, "capabilities"),
                CodeChallengeMethodsSupported = Json.StringArray(root, "code_challenge_methods_supported"),
                UserAccessBrandBundle = OptionalUri(root, "user_access_brand_bundle"),
                UserAccessBrandIdentifier = Json.String(root, "user_access_brand_identifier"),
            };

            var extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!KnownFields.Contains(property.Name))
                {
                    extra[property.Name] = property.Value.Clone();
                }
            }

            config.AdditionalProperties = extra;
            return config;
        }
        catch (JsonException ex)
        {
            throw new CareConnectDiscoveryException(CareConnectDiscoveryFailure.Invalid, "The SMART configuration is not valid JSON.", ex);
        }
    }

    /// <summary>
    /// Checks every endpoint the client may send users, credentials or tokens to (<c>issuer</c>, <c>jwks_uri</c>,
    /// authorization, token, registration, management, introspection and revocation endpoints).
    /// </summary>
    /// <remarks>Checks hosts only; <see cref="EnsureTrusted(CareConnectHostPolicy, Uri)"/> also pins the document to a tenant.</remarks>
    /// <exception cref="CareConnectDiscoveryException">An endpoint is not https or not on a trusted host.</exception>
    public void EnsureTrusted(CareConnectHostPolicy policy)
    {
        Guard.NotNull(policy, nameof(policy));
        if (Issuer is not null)
        {
            if (!Uri.TryCreate(Issuer, UriKind.Absolute, out var issuer))
            {
                throw new CareConnectDiscoveryException(CareConnectDiscoveryFailure.UntrustedEndpoint, "Refused SMART configuration: issuer is not an absolute URI.");
            }

            policy.EnsureTrusted(issuer, "SMART configuration issuer");
        }

        Check(policy, JwksUri, "jwks_uri");
        Check(policy, AuthorizationEndpoint, "authorization_endpoint");
        Check(policy, TokenEndpoint, "token_endpoint");
        Check(policy, RegistrationEndpoint, "registration_endpoint");
        Check(policy, ManagementEndpoint, "management_endpoint");
        Check(policy, IntrospectionEndpoint, "introspection_endpoint");
        Check(policy, RevocationEndpoint, "revocation_endpoint");
    }

    /// <summary>
    /// Checks the document as <see cref="EnsureTrusted(CareConnectHostPolicy)"/> does, and pins it to the tenant of
    /// <paramref name="fhirBaseUri"/> (a v2 tenant base, <c>{origin}/{group}/{access}/v2/{tenant}</c>):
    /// <c>token_endpoint</c>, <c>authorization_endpoint</c> and <c>jwks_uri</c> must be below
    /// <c>{origin}/auth/{tenant}/oauth2/v1/</c>, and <c>issuer</c> must be the tenant's root <c>{origin}/auth/{tenant}</c>
    /// (an org-level authorization server) or below <c>{origin}/auth/{tenant}/</c> (segment boundary), all on the scheme, host and port of the FHIR base. A document for another tenant, another environment
    /// (production versus preview) or another host is refused.
    /// </summary>
    /// <exception cref="CareConnectDiscoveryException">An endpoint is untrusted or outside the tenant's authorization server (<see cref="CareConnectDiscoveryFailure.UntrustedEndpoint"/>).</exception>
    public void EnsureTrusted(CareConnectHostPolicy policy, Uri fhirBaseUri)
    {
        Guard.NotNull(fhirBaseUri, nameof(fhirBaseUri));
        EnsureTrusted(policy);
        var server = TenantAuthorizationServer.FromFhirBase(fhirBaseUri);
        server.EnsureContains(TokenEndpoint, "token_endpoint", mayBeServerItself: false);
        if (AuthorizationEndpoint is not null)
        {
            server.EnsureContains(AuthorizationEndpoint, "authorization_endpoint", mayBeServerItself: false);
        }

        if (Issuer is not null)
        {
            server.EnsureContainsIssuer(new Uri(Issuer, UriKind.Absolute));
        }

        if (JwksUri is not null)
        {
            server.EnsureContains(JwksUri, "jwks_uri", mayBeServerItself: false);
        }
    }

    private static void Check(CareConnectHostPolicy policy, Uri? uri, string field)
    {
        if (uri is not null)
        {
            policy.EnsureTrusted(uri, "SMART configuration " + field);
        }
    }

    private static Uri? OptionalUri(JsonElement root, string name)
    {
        var text = Json.String(root, name);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            throw Invalid(name + " is not an absolute URI");
        }

        return uri;
    }

    private static CareConnectDiscoveryException Invalid(string reason) =>
        new CareConnectDiscoveryException(CareConnectDiscoveryFailure.Invalid, "The SMART configuration is invalid: " + reason + ".");
}

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Options;

namespace Netsmart.CareConnect;

/// <summary>Validates <see cref="CareConnectOptions"/> with messages that say which setting to fix and how.</summary>
public sealed class CareConnectOptionsValidator : IValidateOptions<CareConnectOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CareConnectOptions options)
    {
        if (options is null)
        {
            return ValidateOptionsResult.Fail("CareConnect options are missing.");
        }

        var errors = new List<string>();
        var S = Prefix(name);
        var userApp = options.AppKind == CareConnectAppKind.UserApp;
        if (!Enum.IsDefined(typeof(CareConnectAppKind), options.AppKind))
        {
            errors.Add(S + "AppKind must be Backend or UserApp.");
        }

        if (string.IsNullOrWhiteSpace(options.TenantId))
        {
            errors.Add(S + "TenantId is missing: set it to the tenant UUID shown under Tenant Authorization in the developer portal.");
        }
        else if (!CareConnectTenant.TryParse(options.TenantId, out _))
        {
            errors.Add(S + "TenantId '" + Shorten(options.TenantId!) + "' is not a tenant UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).");
        }

        if (!Enum.IsDefined(typeof(CareConnectEnvironment), options.Environment))
        {
            errors.Add(S + "Environment must be Production or Preview.");
        }

        if (!Enum.IsDefined(typeof(CareConnectApi), options.Api))
        {
            errors.Add(S + "Api must be ProviderPatientAccess, ProviderSystemAccess, PayerPatientAccess or PayerSystemAccess.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add(S + "ClientId is missing: set it to the client id of the application registered for this tenant in the new developer portal (v1 client ids do not work with v2).");
        }

        var keyCount = (string.IsNullOrEmpty(options.PrivateKeyJwk) ? 0 : 1) + (string.IsNullOrEmpty(options.PrivateKeyPem) ? 0 : 1) + (options.SigningKey is null ? 0 : 1);
        var hasSecret = !string.IsNullOrEmpty(options.ClientSecret);
        if (keyCount > 1)
        {
            errors.Add(S + "set only one of PrivateKeyJwk, PrivateKeyPem or a SigningKey.");
        }

        if (hasSecret && keyCount > 0)
        {
            errors.Add(S + "set either ClientSecret (client_secret_basic) or a private key (private_key_jwt), not both.");
        }

        if (!hasSecret && keyCount == 0 && !userApp)
        {
            errors.Add(S + "ClientSecret or PrivateKeyJwk/PrivateKeyPem is required for the backend (client_credentials) token.");
        }

        if (string.IsNullOrWhiteSpace(options.Scope))
        {
            errors.Add(userApp
                ? S + "Scope is missing: list the scopes of the authorize request, for example \"launch/patient openid fhirUser offline_access patient/Patient.rs\"."
                : S + "Scope is missing: list the system scopes to request, for example \"system/Patient.rs system/Observation.rs\".");
        }

        if (userApp)
        {
            if (string.IsNullOrWhiteSpace(options.RedirectUri))
            {
                errors.Add(S + "RedirectUri is missing: a UserApp needs the redirect URI registered for it in the developer portal.");
            }
            else if (!Uri.TryCreate(options.RedirectUri, UriKind.Absolute, out var redirect) || redirect.Fragment.Length != 0 ||
                     (redirect.Scheme == Uri.UriSchemeHttp && !redirect.IsLoopback))
            {
                errors.Add(S + "RedirectUri must be an absolute URI without fragment (https, a loopback http address or an app scheme).");
            }

            if (options.Api == CareConnectApi.ProviderSystemAccess || options.Api == CareConnectApi.PayerSystemAccess)
            {
                errors.Add(S + "Api " + options.Api + " is a System Access API; a UserApp uses ProviderPatientAccess or PayerPatientAccess.");
            }
        }
        else if (!string.IsNullOrEmpty(options.RedirectUri))
        {
            errors.Add(S + "RedirectUri is set but AppKind is Backend: set AppKind to UserApp for a patient or practitioner app.");
        }

        if (!string.IsNullOrEmpty(options.TokenEndpointAuthMethod))
        {
            if (options.TokenEndpointAuthMethod != "client_secret_basic" && options.TokenEndpointAuthMethod != "client_secret_post")
            {
                errors.Add(S + "TokenEndpointAuthMethod must be client_secret_basic or client_secret_post (private_key_jwt follows from a private key).");
            }
            else if (!hasSecret)
            {
                errors.Add(S + "TokenEndpointAuthMethod " + options.TokenEndpointAuthMethod + " needs a ClientSecret.");
            }
        }

        if (!string.IsNullOrEmpty(options.JwksUrl))
        {
            if (!Uri.TryCreate(options.JwksUrl, UriKind.Absolute, out var jku) || jku.Scheme != Uri.UriSchemeHttps || jku.Fragment.Length != 0)
            {
                errors.Add(S + "JwksUrl must be the absolute https URL of the JWKS registered for the client.");
            }
            else if (keyCount == 0)
            {
                errors.Add(S + "JwksUrl (the jku header) is only sent with a private key (private_key_jwt).");
            }
        }

        if (keyCount == 1 && errors.Count == 0)
        {
            try
            {
                CareConnectKeyLoader.CreateCredentials(options);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is FormatException || ex is PlatformNotSupportedException || ex is System.Security.Cryptography.CryptographicException)
            {
                // Never echo the key material: only the reason.
                errors.Add(S + "the private key cannot be used: " + CareConnectKeyLoader.SafeReason(ex));
            }
        }

        if (!string.IsNullOrEmpty(options.Origin))
        {
            if (!Uri.TryCreate(options.Origin, UriKind.Absolute, out var origin) || origin.Scheme != Uri.UriSchemeHttps || origin.AbsolutePath != "/" || origin.Query.Length != 0 || origin.UserInfo.Length != 0)
            {
                errors.Add(S + "Origin must be an https origin without path, for example https://fhir.example.org.");
            }
        }

        if (options.TrustedHosts is { Length: > 0 })
        {
            try
            {
                _ = new CareConnectHostPolicy(options.TrustedHosts);
            }
            catch (ArgumentException ex)
            {
                errors.Add(S + "TrustedHosts: " + ex.Message.Split('\n')[0].Split(new[] { " (Parameter" }, StringSplitOptions.None)[0]);
            }
        }

        if (options.TokenRenewBeforeExpiry < TimeSpan.Zero)
        {
            errors.Add(S + "TokenRenewBeforeExpiry must not be negative.");
        }

        if (options.AuthorizationMaxAge <= TimeSpan.Zero)
        {
            errors.Add(S + "AuthorizationMaxAge must be positive.");
        }

        if (options.DiscoveryCacheDuration < TimeSpan.Zero)
        {
            errors.Add(S + "DiscoveryCacheDuration must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>How messages start: <c>CareConnect:</c> for the default client, <c>CareConnect client 'name': </c> for a named one.</summary>
    internal static string Prefix(string? name) =>
        string.IsNullOrEmpty(name) ? CareConnectOptions.SectionName + ":" : "CareConnect client '" + Shorten(name!) + "': ";

    private static string Shorten(string value)
    {
        var text = new string(value.Take(64).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return value.Length > 64 ? text + "..." : text;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
#if NET8_0_OR_GREATER
using System.Security.Cryptography;
#endif
using System.Text;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>
/// Builds SMART App Launch 2.0 authorize URLs for patient and practitioner apps (migration step 4) and checks the
/// callback: PKCE S256, a CSPRNG state, and <c>aud</c> set to the FHIR base actually in use.
/// </summary>
public static class SmartAuthorization
{
    /// <summary>
    /// Builds the authorize request from the tenant's template endpoints, in exactly the parameter order of the
    /// guide's step 4: <c>response_type, client_id, redirect_uri, scope, state, aud, code_challenge, code_challenge_method</c>
    /// (then <c>nonce</c> when <c>openid</c> is requested, and <c>launch</c> for an EHR launch).
    /// </summary>
    public static AuthorizationRequest CreateAuthorizationRequest(CareConnectTenant tenant, CareConnectApi api, string clientId, Uri redirectUri, IEnumerable<string> scopes, string? launch = null)
    {
        Guard.NotNull(tenant, nameof(tenant));
        return CreateAuthorizationRequest(CareConnectEndpoints.FromTemplate(tenant, api), clientId, redirectUri, scopes, launch);
    }

    /// <summary>Builds the authorize request on resolved (for example discovered) endpoints; <c>aud</c> is <see cref="CareConnectEndpoints.FhirBaseUri"/>.</summary>
    public static AuthorizationRequest CreateAuthorizationRequest(CareConnectEndpoints endpoints, string clientId, Uri redirectUri, IEnumerable<string> scopes, string? launch = null)
    {
        Guard.NotNull(endpoints, nameof(endpoints));
        Guard.NotNullOrWhiteSpace(clientId, nameof(clientId));
        Guard.NotNull(redirectUri, nameof(redirectUri));
        Guard.NotNull(scopes, nameof(scopes));
        if (endpoints.AuthorizeEndpoint is null)
        {
            throw new InvalidOperationException("The endpoints have no authorize endpoint (the discovery document lists none); patient and practitioner apps need one.");
        }

        if (!endpoints.AuthorizeEndpoint.IsAbsoluteUri || endpoints.AuthorizeEndpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("The authorize endpoint must be an absolute https URI.", nameof(endpoints));
        }

        if (!redirectUri.IsAbsoluteUri)
        {
            throw new ArgumentException("The redirect URI must be absolute.", nameof(redirectUri));
        }

        var scopeList = scopes.ToList();
        if (scopeList.Count == 0 || scopeList.Any(s => string.IsNullOrEmpty(s) || s.Any(c => c <= ' ' || c == '"' || c == '\\' || c == 0x7F)))
        {
            throw new ArgumentException("At least one scope is required, and a scope has no white space, control character, quote or backslash.", nameof(scopes));
        }

        var scope = string.Join(" ", scopeList);
        var state = Crypto.RandomBase64Url(32);
        var verifier = Pkce.CreateCodeVerifier();
        var challenge = Pkce.ComputeS256Challenge(verifier);
        var audience = new Uri(endpoints.FhirBaseUri.GetLeftPart(UriPartial.Path).TrimEnd('/'), UriKind.Absolute);

        var parameters = new List<KeyValuePair<string, string>>
        {
            new KeyValuePair<string, string>("response_type", "code"),
            new KeyValuePair<string, string>("client_id", clientId),
            new KeyValuePair<string, string>("redirect_uri", redirectUri.OriginalString),
            new KeyValuePair<string, string>("scope", scope),
            new KeyValuePair<string, string>("state", state),
            new KeyValuePair<string, string>("aud", audience.AbsoluteUri),
            new KeyValuePair<string, string>("code_challenge", challenge),
            new KeyValuePair<string, string>("code_challenge_method", Pkce.S256),
        };
        string? nonce = null;
        if (scopeList.Contains("openid", StringComparer.Ordinal))
        {
            nonce = Crypto.RandomBase64Url(32);
            parameters.Add(new KeyValuePair<string, string>("nonce", nonce));
        }

        if (!string.IsNullOrEmpty(launch))
        {
            parameters.Add(new KeyValuePair<string, string>("launch", launch!));
        }

        var authorize = endpoints.AuthorizeEndpoint;
        var separator = authorize.Query.Length > 1 ? "&" : authorize.Query.Length == 1 ? string.Empty : "?";
        var url = new Uri(authorize.GetLeftPart(UriPartial.Query) + separator + FormEncoding.Query(parameters), UriKind.Absolute);
        return new AuthorizationRequest(url, clientId, redirectUri, scope, audience, state, verifier, challenge, endpoints.TokenEndpoint, nonce, string.IsNullOrEmpty(launch) ? null : launch);
    }

    /// <summary>
    /// Reads the redirect callback: checks <c>state</c> (constant-time) against the request, turns an
    /// <c>error</c> into a <see cref="CareConnectException"/>, and returns the authorization code.
    /// </summary>
    /// <exception cref="CareConnectException">The state does not match, the server returned an error, or there is no code.</exception>
    public static string ReadCallback(AuthorizationRequest request, Uri callbackUri)
    {
        Guard.NotNull(request, nameof(request));
        return ReadCallback(request.State, callbackUri);
    }

    /// <summary>
    /// Reads the redirect callback against a stored <see cref="PendingAuthorization"/> (after a redirect, on any
    /// server): checks <c>state</c> (constant-time) and that the authorization is younger than <paramref name="maxAge"/>.
    /// Single use is up to the store (<see cref="IAuthorizationStateStore.TakeAsync"/> removes the record).
    /// </summary>
    /// <exception cref="CareConnectException">The state does not match, the authorization expired, the server returned an error, or there is no code.</exception>
    public static string ReadCallback(PendingAuthorization pending, Uri callbackUri, DateTimeOffset now, TimeSpan maxAge)
    {
        Guard.NotNull(pending, nameof(pending));
        var code = ReadCallback(pending.State, callbackUri);
        if (now - pending.CreatedAt > maxAge || now < pending.CreatedAt - TimeSpan.FromMinutes(5))
        {
            throw new CareConnectException(
                "The authorization started at " + pending.CreatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + " has expired (it must complete within " +
                maxAge.TotalMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " minutes); start the sign-in again. The code was not used.");
        }

        return code;
    }

    internal static string? GetCallbackParameter(Uri callbackUri, string name) =>
        Query(Guard.NotNull(callbackUri, nameof(callbackUri))).TryGetValue(name, out var value) ? value : null;

    /// <summary>The <c>state</c> of a callback URI, or <see langword="null"/>.</summary>
    public static string? GetCallbackState(Uri callbackUri)
    {
        Guard.NotNull(callbackUri, nameof(callbackUri));
        return Query(callbackUri).TryGetValue("state", out var state) && state.Length > 0 ? state : null;
    }

    /// <summary>
    /// Reads an EHR launch request (<c>?iss=…&amp;launch=…</c>): the FHIR base the EHR names and the opaque launch value.
    /// Check the <c>iss</c> against an allow-list before anything is sent to it.
    /// </summary>
    /// <exception cref="CareConnectException"><c>iss</c> or <c>launch</c> is missing, or <c>iss</c> is not an absolute https URI.</exception>
    public static (Uri Iss, string Launch) ReadEhrLaunch(Uri launchUri)
    {
        Guard.NotNull(launchUri, nameof(launchUri));
        var query = Query(launchUri);
        if (!query.TryGetValue("iss", out var iss) || string.IsNullOrEmpty(iss) || !query.TryGetValue("launch", out var launch) || string.IsNullOrEmpty(launch))
        {
            throw new CareConnectException("The EHR launch request needs both 'iss' and 'launch' query parameters.");
        }

        if (!Uri.TryCreate(iss, UriKind.Absolute, out var issUri) || issUri.Scheme != Uri.UriSchemeHttps || issUri.Query.Length != 0 || issUri.Fragment.Length != 0 || issUri.UserInfo.Length != 0)
        {
            throw new CareConnectException("The EHR launch's iss is not an https FHIR base URL; the launch was refused.");
        }

        return (issUri, launch);
    }

    private static Dictionary<string, string> Query(Uri uri) =>
        ParseQuery(uri.IsAbsoluteUri ? uri.Query : uri.OriginalString.Substring(Math.Max(0, uri.OriginalString.IndexOf('?'))));

    private static string ReadCallback(string expectedState, Uri callbackUri)
    {
        Guard.NotNull(callbackUri, nameof(callbackUri));
        var query = Query(callbackUri);
        query.TryGetValue("state", out var state);
        if (state is null || !FixedTimeEquals(state, expectedState))
        {
            throw new CareConnectException("The authorization callback's state does not match the request (possible CSRF or a stale callback); the code was not used.");
        }

        if (query.TryGetValue("error", out var error))
        {
            query.TryGetValue("error_description", out var description);
            throw new CareConnectException(null, null, null, error, description, null, null);
        }

        if (!query.TryGetValue("code", out var code) || string.IsNullOrEmpty(code))
        {
            throw new CareConnectException("The authorization callback has no code.");
        }

        return code;
    }

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in query.TrimStart('?').Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var key = Uri.UnescapeDataString((eq < 0 ? part : part.Substring(0, eq)).Replace('+', ' '));
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(part.Substring(eq + 1).Replace('+', ' '));
            if (!result.ContainsKey(key))
            {
                result[key] = value;
            }
        }

        return result;
    }

    private static bool FixedTimeEquals(string a, string b)
    {
        var x = Encoding.UTF8.GetBytes(a);
        var y = Encoding.UTF8.GetBytes(b);
#if NET8_0_OR_GREATER
        return CryptographicOperations.FixedTimeEquals(x, y);
#else
        if (x.Length != y.Length)
        {
            return false;
        }

        var diff = 0;
        for (var i = 0; i < x.Length; i++)
        {
            diff |= x[i] ^ y[i];
        }

        return diff == 0;
#endif
    }
}

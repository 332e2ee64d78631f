using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;

namespace Netsmart.CareConnect;

/// <summary>
/// A non-success response from a CareConnect FHIR server or authorization server (migration step 8), or a
/// refused discovery document. Carries the status, the parsed OperationOutcome or OAuth error, the request
/// and correlation ids, <c>Retry-After</c>, whether the failure is transient, and a hint. Never carries tokens,
/// secrets, request bodies or query strings. <see cref="Exception.Message"/> names only the status, the OAuth
/// error code, the OperationOutcome issue codes, the origin, the ids and the hint: server text that may hold PHI
/// (<see cref="Diagnostics"/>, <see cref="DetailsText"/>, <see cref="OAuthErrorDescription"/>) and the request path
/// (<see cref="RequestUri"/>, which may hold resource ids) are properties only, for code that decides what to log.
/// </summary>
public class CareConnectException : Exception
{
    /// <summary>Creates an exception for a response.</summary>
    public CareConnectException(
        HttpStatusCode? statusCode,
        Uri? requestUri,
        IReadOnlyList<OperationOutcomeIssue>? issues,
        string? oauthError,
        string? oauthErrorDescription,
        string? requestId,
        string? correlationId,
        Exception? innerException = null)
        : this(null, statusCode, requestUri, issues, oauthError, oauthErrorDescription, requestId, correlationId, innerException)
    {
    }

    /// <summary>Creates an exception with a message and no response (for example a refused discovery document).</summary>
    public CareConnectException(string message, Exception? innerException = null)
        : this(message, null, null, null, null, null, null, null, innerException)
    {
    }

    private CareConnectException(
        string? message,
        HttpStatusCode? statusCode,
        Uri? requestUri,
        IReadOnlyList<OperationOutcomeIssue>? issues,
        string? oauthError,
        string? oauthErrorDescription,
        string? requestId,
        string? correlationId,
        Exception? innerException)
        : base(message ?? BuildMessage(statusCode, StripQuery(requestUri), issues, oauthError, oauthErrorDescription, requestId, correlationId), innerException)
    {
        StatusCode = statusCode;
        RequestUri = StripQuery(requestUri);
        Issues = issues ?? Array.Empty<OperationOutcomeIssue>();
        OAuthError = oauthError;
        OAuthErrorDescription = oauthErrorDescription;
        RequestId = requestId;
        CorrelationId = correlationId;
        Hint = GetHint(statusCode, oauthError);
    }

    /// <summary>The HTTP status, or <see langword="null"/> when no response was involved.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The request URI without query string or fragment (queries may hold PHI).</summary>
    public Uri? RequestUri { get; }

    /// <summary>The OperationOutcome issues, empty when the body was not an OperationOutcome.</summary>
    public IReadOnlyList<OperationOutcomeIssue> Issues { get; }

    /// <summary><c>issue[0].diagnostics</c> of the OperationOutcome.</summary>
    public string? Diagnostics => Issues.Select(i => i.Diagnostics).FirstOrDefault(d => !string.IsNullOrEmpty(d));

    /// <summary><c>issue[0].details.text</c> of the OperationOutcome.</summary>
    public string? DetailsText => Issues.Select(i => i.DetailsText).FirstOrDefault(d => !string.IsNullOrEmpty(d));

    /// <summary>The OAuth <c>error</c> code (for example <c>invalid_client</c>), if the body was an OAuth error.</summary>
    public string? OAuthError { get; }

    /// <summary>The OAuth <c>error_description</c>.</summary>
    public string? OAuthErrorDescription { get; }

    /// <summary>The <c>X-Request-ID</c> of the exchange (the response's, else the one sent).</summary>
    public string? RequestId { get; }

    /// <summary>The <c>X-Correlation-Id</c> response header, if any.</summary>
    public string? CorrelationId { get; }

    /// <summary>What usually causes this status on CareConnect and what to do, for 401/403 and common OAuth errors.</summary>
    public string? Hint { get; }

    /// <summary>
    /// How long the server asked the client to wait (<c>Retry-After</c>, as seconds or as a date), or
    /// <see langword="null"/> when it did not say.
    /// </summary>
    public TimeSpan? RetryAfter { get; internal set; }

    /// <summary>
    /// Whether retrying later may succeed: 408, 429 and 5xx answers, network failures and timeouts (also when they
    /// are the inner exception, as in an unavailable discovery). Refusals, 4xx answers and invalid documents are not transient.
    /// </summary>
    public bool IsTransient =>
        IsTransientStatus(StatusCode)
        || (StatusCode is null && IsTransientCause(InnerException));

    private static bool IsTransientCause(Exception? inner) => inner switch
    {
        null => false,
        CareConnectException c => c.IsTransient,
        HttpRequestException => true,
        TimeoutException => true,
        OperationCanceledException => true,
        System.IO.IOException => true,
        _ => false,
    };

    internal static string? GetHint(HttpStatusCode? status, string? oauthError)
    {
        switch (oauthError)
        {
            case "invalid_client":
                return "The authorization server rejected the client authentication: check the client id and secret, or that the private key JWT is signed with the registered key (kid, RS384/ES384) and its aud is this tenant's token URL. v1 credentials do not work with v2; each tenant needs its own registration.";
            case "invalid_grant":
                return "The code or refresh token was rejected: it may have expired or been used already, the redirect_uri may differ from the authorize request, or the code_verifier does not match the code_challenge.";
            case "invalid_scope":
                return "A requested scope is not allowed for this client or API: system/ scopes belong to System Access, patient/ and user/ scopes to Patient Access.";
            case "unauthorized_client":
                return "The client is not authorized for this grant type or tenant: check the tenant authorization in the developer portal.";
        }

        if (status == HttpStatusCode.Unauthorized)
        {
            return "The access token was rejected. It may have expired, or it was issued for another tenant or another API (a Patient Access token is not valid on System Access and vice versa; aud must be this FHIR base), or the tenant has revoked your application's authorization (request re-authorization in the developer portal).";
        }

        if (status == HttpStatusCode.Forbidden)
        {
            return "The token is valid but not allowed to do this: a scope is missing for this resource or interaction, the request is outside the authorized patient context, the system permissions or IP allow-list are not granted, or the tenant authorization was revoked.";
        }

        return null;
    }

    private static Uri? StripQuery(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            return null;
        }

        return new Uri(uri.GetLeftPart(UriPartial.Path), UriKind.Absolute);
    }

    private static string BuildMessage(
        HttpStatusCode? status,
        Uri? requestUri,
        IReadOnlyList<OperationOutcomeIssue>? issues,
        string? oauthError,
        string? oauthErrorDescription,
        string? requestId,
        string? correlationId)
    {
        // Only what cannot carry PHI or secrets: status, codes, ids, the origin and the hint. Server text
        // (diagnostics, details, error_description) and the request path (resource ids) stay in properties.
        _ = oauthErrorDescription;
        var sb = new StringBuilder("CareConnect request failed");
        if (status is { } s)
        {
            sb.Append(" with ").Append(((int)s).ToString(CultureInfo.InvariantCulture)).Append(' ').Append(s.ToString());
        }

        if (requestUri is not null)
        {
            sb.Append(" from ").Append(requestUri.Scheme).Append("://").Append(requestUri.Authority);
        }

        sb.Append('.');
        if (oauthError is not null)
        {
            sb.Append(" OAuth error: ").Append(SafeCode(oauthError)).Append('.');
        }

        if (issues is { Count: > 0 })
        {
            sb.Append(" OperationOutcome issue codes: ").Append(string.Join(", ", issues.Select(i => SafeCode(i.Code ?? "unknown")))).Append('.');
        }

        if (requestId is not null)
        {
            sb.Append(" X-Request-ID: ").Append(SafeCode(requestId)).Append('.');
        }

        if (correlationId is not null)
        {
            sb.Append(" X-Correlation-Id: ").Append(SafeCode(correlationId)).Append('.');
        }

        var hint = GetHint(status, oauthError) ?? TransientHint(status);
        if (hint is not null)
        {
            sb.Append(" Hint: ").Append(hint);
        }

        return sb.ToString();
    }

    private static string? TransientHint(HttpStatusCode? status) =>
        IsTransientStatus(status)
            ? "A temporary failure: retry later (see RetryAfter when the server sent Retry-After)."
            : null;

    internal static bool IsTransientStatus(HttpStatusCode? status) =>
        status is { } s && ((int)s == 408 || (int)s == 429 || (int)s >= 500);

    /// <summary>Codes and ids are short tokens; anything else (free text in a code field) is cut and reduced to safe characters.</summary>
    internal static string SafeCode(string value)
    {
        var sb = new StringBuilder(Math.Min(value.Length, 64));
        foreach (var c in value)
        {
            if (sb.Length == 64)
            {
                sb.Append('…');
                break;
            }

            sb.Append(char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':' ? c : '_');
        }

        return sb.ToString();
    }
}

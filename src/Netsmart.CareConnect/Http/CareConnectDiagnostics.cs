using System;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Netsmart.CareConnect;

/// <summary>
/// Names for tracing and log filtering. Spans and log entries carry no tokens, secrets, request bodies, query
/// strings, resource paths or server text: only origins, tenant discovery URLs, status codes, OAuth error codes,
/// grant types and request ids.
/// </summary>
public static class CareConnectDiagnostics
{
    /// <summary>The <see cref="ActivitySource"/> name, <c>Netsmart.CareConnect</c> (for OpenTelemetry <c>AddSource</c>).</summary>
    public const string ActivitySourceName = "Netsmart.CareConnect";

    /// <summary>Span of one SMART discovery request.</summary>
    public const string DiscoveryActivityName = "CareConnect discovery";

    /// <summary>Span of one token request.</summary>
    public const string TokenActivityName = "CareConnect token request";

    /// <summary>Span of the forced renewal and resend after a 401 from the API.</summary>
    public const string UnauthorizedRetryActivityName = "CareConnect 401 retry";

    /// <summary>Discovery document fetched and accepted (Debug).</summary>
    public static readonly EventId DiscoveryFetched = new EventId(1100, nameof(DiscoveryFetched));

    /// <summary>Discovery document refused by the trust rules (Error).</summary>
    public static readonly EventId DiscoveryRefused = new EventId(1101, nameof(DiscoveryRefused));

    /// <summary>Discovery failed; the documented template endpoints are used (Warning).</summary>
    public static readonly EventId DiscoveryFallback = new EventId(1102, nameof(DiscoveryFallback));

    /// <summary>Discovery unavailable or invalid; remembered for the failure cache duration (Warning).</summary>
    public static readonly EventId DiscoveryFailed = new EventId(1103, nameof(DiscoveryFailed));

    /// <summary>A token was acquired (Information).</summary>
    public static readonly EventId TokenAcquired = new EventId(1200, nameof(TokenAcquired));

    /// <summary>A token renewal failed (Warning).</summary>
    public static readonly EventId TokenRenewalFailed = new EventId(1201, nameof(TokenRenewalFailed));

    /// <summary>An early renewal failed and the still-valid token was served (Warning).</summary>
    public static readonly EventId TokenServedAfterFailedRenewal = new EventId(1202, nameof(TokenServedAfterFailedRenewal));

    /// <summary>The API answered 401; the request was sent again with a new token (Information).</summary>
    public static readonly EventId UnauthorizedRetried = new EventId(1300, nameof(UnauthorizedRetried));

    /// <summary>The API answered 401 and the request was not sent again (Warning).</summary>
    public static readonly EventId UnauthorizedNotRetried = new EventId(1301, nameof(UnauthorizedNotRetried));

    internal static readonly ActivitySource Source = new ActivitySource(ActivitySourceName, typeof(CareConnectDiagnostics).Assembly.GetName().Version?.ToString());

    internal static readonly Action<ILogger, string, int, bool, string?, Exception?> LogRenewalFailed =
        LoggerMessage.Define<string, int, bool, string?>(LogLevel.Warning, TokenRenewalFailed, "CareConnect token renewal failed ({ErrorType}, status {StatusCode}, transient {IsTransient}); X-Request-ID {RequestId}.");

    internal static readonly Action<ILogger, DateTimeOffset, Exception?> LogServedAfterFailure =
        LoggerMessage.Define<DateTimeOffset>(LogLevel.Warning, TokenServedAfterFailedRenewal, "CareConnect early token renewal failed; the current token, valid until {ValidUntil:O}, is used.");

    internal static readonly Action<ILogger, string, Exception?> LogRetried =
        LoggerMessage.Define<string>(LogLevel.Information, UnauthorizedRetried, "CareConnect API at {Origin} answered 401; the request was sent again once with a new token.");

    internal static readonly Action<ILogger, string, string, Exception?> LogNotRetried =
        LoggerMessage.Define<string, string>(LogLevel.Warning, UnauthorizedNotRetried, "CareConnect API at {Origin} answered 401; not sent again: {Reason}.");

    internal static string Origin(Uri? uri) => uri is { IsAbsoluteUri: true } ? uri.Scheme + "://" + uri.Authority : "(none)";

    internal static void Fail(Activity? activity, Exception ex)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("error.type", ex is CareConnectDiscoveryException d ? d.Failure.ToString() : ex.GetType().Name);
        if (ex is CareConnectException c)
        {
            if (c.StatusCode is { } status)
            {
                activity.SetTag("http.response.status_code", (int)status);
            }

            if (c.OAuthError is not null)
            {
                activity.SetTag("oauth.error", CareConnectException.SafeCode(c.OAuthError));
            }

            activity.SetTag("careconnect.transient", c.IsTransient);
        }

        activity.SetStatus(ActivityStatusCode.Error, ex is CareConnectDiscoveryException dd ? dd.Failure.ToString() : ex.GetType().Name);
    }
}

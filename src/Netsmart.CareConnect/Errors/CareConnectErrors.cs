using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>Turns CareConnect error responses into <see cref="CareConnectException"/>.</summary>
public static class CareConnectErrors
{
    /// <summary>
    /// Throws a <see cref="CareConnectException"/> when the response is not a success, with the parsed
    /// OperationOutcome or OAuth error, the request/correlation ids and a hint. Returns the response otherwise.
    /// </summary>
    public static async Task<HttpResponseMessage> EnsureCareConnectSuccessAsync(this HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(response, nameof(response));
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        throw await CreateExceptionAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds (does not throw) the exception for a non-success response.</summary>
    public static async Task<CareConnectException> CreateExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(response, nameof(response));
        string body;
        try
        {
            body = await HttpUtil.ReadBodyAsync(response.Content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException || ex is HttpRequestException || ex is ObjectDisposedException)
        {
            body = string.Empty;
        }

        return Create(response, body);
    }

    internal static CareConnectException Create(HttpResponseMessage response, string body)
    {
        Parse(body, out var issues, out var error, out var description);
        var requestId = HttpUtil.Header(response, HttpUtil.RequestIdHeader) ?? HttpUtil.SentRequestId(response.RequestMessage);
        return new CareConnectException(
            response.StatusCode,
            response.RequestMessage?.RequestUri,
            issues,
            error,
            description,
            requestId,
            HttpUtil.Header(response, HttpUtil.CorrelationIdHeader))
        {
            RetryAfter = RetryAfterOf(response),
        };
    }

    internal static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - (response.Headers.Date ?? DateTimeOffset.UtcNow);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    internal static void Parse(string body, out IReadOnlyList<OperationOutcomeIssue>? issues, out string? error, out string? description)
    {
        issues = null;
        error = null;
        description = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            return;
        }

        try
        {
            using var doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (Json.String(root, "resourceType") == "OperationOutcome")
            {
                var list = new List<OperationOutcomeIssue>();
                if (root.TryGetProperty("issue", out var issueArray) && issueArray.ValueKind == JsonValueKind.Array)
                {
                    foreach (var issue in issueArray.EnumerateArray())
                    {
                        if (issue.ValueKind != JsonValueKind.Object)
                        {
                            continue;
                        }

                        string? detailsText = null;
                        if (issue.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object)
                        {
                            detailsText = Json.String(details, "text");
                        }

                        list.Add(new OperationOutcomeIssue(Json.String(issue, "severity"), Json.String(issue, "code"), Json.String(issue, "diagnostics"), detailsText));
                    }
                }

                issues = list;
                return;
            }

            error = Json.String(root, "error");
            if (error is not null)
            {
                description = Json.String(root, "error_description");
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML gateway page, for example): status and headers still tell the story.
        }
    }
}

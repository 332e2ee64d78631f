using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect.BulkData;

/// <summary>
/// A running (or finished) Bulk Data export, identified by its status URL alone. Persist <see cref="StatusUrl"/> and call
/// <see cref="BulkDataClient.ResumeJob(Uri)"/> after a restart to continue.
/// </summary>
public sealed class BulkExportJob
{
    private readonly BulkDataClient _client;

    internal BulkExportJob(BulkDataClient client, Uri statusUrl)
    {
        _client = client;
        StatusUrl = statusUrl;
    }

    /// <summary>The status URL (the kick-off's <c>Content-Location</c>): everything needed to resume the job.</summary>
    public Uri StatusUrl { get; }

    /// <summary>
    /// Polls the status URL until the export completes and returns its manifest. Honours <c>Retry-After</c> (seconds or
    /// HTTP-date; capped at <see cref="BulkDataClientOptions.MaxPollInterval"/>, plus jitter), otherwise backs off
    /// exponentially; reports each poll (with <c>X-Progress</c>) through <paramref name="progress"/>; retries 429, 5xx,
    /// network errors and OperationOutcomes with code <c>transient</c> up to <see cref="BulkDataClientOptions.MaxTransientFailures"/>
    /// in a row. Stops at once when <paramref name="cancellationToken"/> is cancelled (the job keeps running on the server:
    /// resume it later, or <see cref="DeleteAsync"/> it).
    /// </summary>
    /// <exception cref="CareConnectException">The export failed (with the server's OperationOutcome), or too many transient failures in a row.</exception>
    /// <exception cref="TimeoutException">The export did not complete within <see cref="BulkDataClientOptions.MaxWaitTime"/>.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<BulkExportManifest> WaitForCompletionAsync(IProgress<BulkExportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var options = _client.Options;
        var clock = options.TimeProvider;
        var deadline = clock.GetUtcNow() + options.MaxWaitTime;
        var backoff = options.InitialPollInterval;
        var attempt = 0;
        var failures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            attempt++;
            var poll = await PollAsync(cancellationToken).ConfigureAwait(false);
            if (poll.Manifest is not null)
            {
                return poll.Manifest;
            }

            if (poll.IsTransient)
            {
                failures++;
                if (failures > options.MaxTransientFailures)
                {
                    throw new CareConnectException(
                        "The Bulk Data status URL '" + BulkDataClient.Describe(StatusUrl) + "' failed " + failures.ToString(CultureInfo.InvariantCulture) + " times in a row; the job may still be running: resume it later.",
                        poll.Error);
                }
            }
            else
            {
                failures = 0;
            }

            var wait = poll.RetryAfter ?? backoff;
            if (poll.RetryAfter is null || poll.IsTransient)
            {
                backoff = TimeSpan.FromTicks(Math.Min(Math.Max(backoff.Ticks, TimeSpan.FromMilliseconds(100).Ticks) * 2, options.MaxPollInterval.Ticks));
            }

            if (wait > options.MaxPollInterval)
            {
                wait = options.MaxPollInterval;
            }

            wait = _client.Jitter(wait);
            if (clock.GetUtcNow() + wait > deadline)
            {
                throw new TimeoutException(
                    "The Bulk Data export at '" + BulkDataClient.Describe(StatusUrl) + "' did not complete within " + options.MaxWaitTime.ToString() +
                    "; it may still be running on the server: resume it later from its status URL.");
            }

            progress?.Report(new BulkExportProgress(poll.Status, poll.XProgress, wait, attempt, poll.IsTransient));
            await _client.DelayAsync(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends DELETE to the status URL: before completion it cancels the export, after completion it tells the server the
    /// files may be removed. A 404 (already gone) counts as done.
    /// </summary>
    /// <exception cref="CareConnectException">The server refused the request.</exception>
    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _client.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Delete, StatusUrl);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(BulkDataClient.FhirJson));
                return request;
            },
            sendToken: true,
            HttpCompletionOption.ResponseContentRead,
            cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound)
        {
            return;
        }

        throw await CareConnectErrors.CreateExceptionAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string ToString() => "BulkExportJob { StatusUrl = " + BulkDataClient.Describe(StatusUrl) + " }";

    private async Task<PollResult> PollAsync(CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(
                () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, StatusUrl);
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                    return request;
                },
                sendToken: true,
                HttpCompletionOption.ResponseHeadersRead,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when ((ex is HttpRequestException || ex is IOException) && !cancellationToken.IsCancellationRequested)
        {
            return PollResult.Transient(0, null, new CareConnectException("The Bulk Data status request failed: " + ex.GetType().Name + ".", ex));
        }

        using (response)
        {
            var retryAfter = BulkDataClient.RetryAfter(response, _client.Options.TimeProvider);
            var status = response.StatusCode;
            if (status == HttpStatusCode.Accepted)
            {
                return new PollResult { Status = status, RetryAfter = retryAfter, XProgress = XProgress(response) };
            }

            if (status == HttpStatusCode.OK)
            {
                var body = await _client.ReadManifestBodyAsync(response.Content, cancellationToken).ConfigureAwait(false);
                return new PollResult { Status = status, Manifest = BulkExportManifest.Parse(body, _client.Options.AllowInsecureLoopbackFileUrls) };
            }

            var error = await CareConnectErrors.CreateExceptionAsync(response, cancellationToken).ConfigureAwait(false);
            var transient = (int)status == 429 || (int)status >= 500
                || error.Issues.Any(i => string.Equals(i.Code, "transient", StringComparison.OrdinalIgnoreCase));
            if (transient)
            {
                return PollResult.Transient(status, retryAfter, error);
            }

            throw error;
        }
    }

    private static string? XProgress(HttpResponseMessage response)
    {
        var value = HttpUtil.Header(response, "X-Progress");
        if (value is null)
        {
            return null;
        }

        value = value.Trim();
        return value.Length > 256 ? value.Substring(0, 256) : value;
    }

    private sealed class PollResult
    {
        public HttpStatusCode Status { get; set; }

        public TimeSpan? RetryAfter { get; set; }

        public string? XProgress { get; set; }

        public BulkExportManifest? Manifest { get; set; }

        public bool IsTransient { get; set; }

        public CareConnectException? Error { get; set; }

        public static PollResult Transient(HttpStatusCode status, TimeSpan? retryAfter, CareConnectException error) =>
            new PollResult { Status = status, RetryAfter = retryAfter, IsTransient = true, Error = error };
    }
}

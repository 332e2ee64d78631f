using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace Netsmart.CareConnect.BulkData;

/// <summary>
/// The bytes of one manifest file, reconnecting after a broken connection or a 429/5xx: with <c>Range</c> from the
/// current position when the server advertised <c>Accept-Ranges: bytes</c>, otherwise from the start, skipping the
/// bytes already delivered.
/// </summary>
internal sealed class ResumableDownload : IDisposable
{
    private readonly BulkDataClient _client;
    private readonly BulkExportFile _file;
    private readonly bool _sendToken;
    private HttpResponseMessage? _response;
    private Stream? _body;
    private long _position;
    private bool _rangeSupported;
    private int _failures;

    public ResumableDownload(BulkDataClient client, BulkExportFile file, bool sendToken)
    {
        _client = client;
        _file = file;
        _sendToken = sendToken;
    }

    public async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan? retryAfter = null;
            Exception failure;
            try
            {
                if (_body is null)
                {
                    await OpenAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
                }

                var read = await _body!.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
                _position += read;
                return read;
            }
            catch (TransientDownloadException ex) when (!cancellationToken.IsCancellationRequested)
            {
                failure = ex;
                retryAfter = ex.RetryAfter;
            }
            catch (Exception ex) when ((ex is IOException || ex is HttpRequestException) && !cancellationToken.IsCancellationRequested)
            {
                failure = ex;
            }

            Close();
            _failures++;
            if (_failures >= _client.Options.MaxDownloadAttempts)
            {
                throw new CareConnectException(
                    "The download of " + _file + " failed " + _failures.ToString(CultureInfo.InvariantCulture) + " times (" + failure.GetType().Name + ").", failure);
            }

            var wait = retryAfter ?? TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, _failures - 1)));
            if (wait > _client.Options.MaxPollInterval)
            {
                wait = _client.Options.MaxPollInterval;
            }

            await _client.DelayAsync(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => Close();

    private async Task OpenAsync(byte[] scratch, int offset, int count, CancellationToken cancellationToken)
    {
        var useRange = _position > 0 && _rangeSupported;
        var response = await _client.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, _file.Url);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+ndjson"));
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ndjson", 0.9));
                if (useRange)
                {
                    request.Headers.Range = new RangeHeaderValue(_position, null);
                }

                return request;
            },
            _sendToken,
            HttpCompletionOption.ResponseHeadersRead,
            cancellationToken).ConfigureAwait(false);

        var status = (int)response.StatusCode;
        if (status == 429 || status == 408 || status >= 500)
        {
            var retryAfter = BulkDataClient.RetryAfter(response, _client.Options.TimeProvider);
            response.Dispose();
            throw new TransientDownloadException(status, retryAfter);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await CareConnectErrors.CreateExceptionAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }

        _response = response;
#if NET8_0_OR_GREATER
        _body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        _body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        if (response.StatusCode == HttpStatusCode.PartialContent && useRange
            && response.Content.Headers.ContentRange is { } range && range.From == _position)
        {
            return; // continues where it stopped
        }

        if (response.StatusCode == HttpStatusCode.PartialContent)
        {
            Close();
            _rangeSupported = false;
            throw new TransientDownloadException(206, null); // an unexpected range: start over without Range
        }

        // A full body: remember whether the server takes ranges, and skip what the caller already has.
        _rangeSupported = response.Headers.AcceptRanges.Contains("bytes");
        var skip = _position;
        while (skip > 0)
        {
            var read = await _body.ReadAsync(scratch, offset, (int)Math.Min(count, skip), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new CareConnectException("The file " + _file + " is shorter than before the reconnect; it changed on the server.");
            }

            skip -= read;
        }
    }

    private void Close()
    {
        _body?.Dispose();
        _body = null;
        _response?.Dispose();
        _response = null;
    }

    private sealed class TransientDownloadException : Exception
    {
        public TransientDownloadException(int status, TimeSpan? retryAfter)
            : base("The file server answered " + status.ToString(CultureInfo.InvariantCulture) + ".")
        {
            RetryAfter = retryAfter;
        }

        public TimeSpan? RetryAfter { get; }
    }
}

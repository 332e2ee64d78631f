using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Netsmart.CareConnect.Internal;

internal static class HttpUtil
{
    public const string RequestIdHeader = "X-Request-ID";
    public const string CorrelationIdHeader = "X-Correlation-Id";
    public const int MaxBodyBytes = 1024 * 1024;

    public static string NewRequestId() => Guid.NewGuid().ToString("D");

    /// <summary>Adds an X-Request-ID unless one is present; returns the id in use.</summary>
    public static string EnsureRequestId(HttpRequestMessage request)
    {
        if (request.Headers.TryGetValues(RequestIdHeader, out var values))
        {
            var existing = values.FirstOrDefault();
            if (!string.IsNullOrEmpty(existing))
            {
                return existing!;
            }
        }

        var id = NewRequestId();
        request.Headers.TryAddWithoutValidation(RequestIdHeader, id);
        return id;
    }

    public static string? Header(HttpResponseMessage? response, string name)
    {
        if (response is not null && response.Headers.TryGetValues(name, out var values))
        {
            var v = values.FirstOrDefault();
            return string.IsNullOrEmpty(v) ? null : v;
        }

        return null;
    }

    public static string? SentRequestId(HttpRequestMessage? request)
    {
        if (request is not null && request.Headers.TryGetValues(RequestIdHeader, out var values))
        {
            return values.FirstOrDefault();
        }

        return null;
    }

    /// <summary>Reads at most <see cref="MaxBodyBytes"/> bytes of a body as UTF-8; larger bodies are cut.</summary>
    public static async Task<string> ReadBodyAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return string.Empty;
        }

        (string text, _) = await ReadBoundedAsync(content, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        return text;
    }

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> bytes of a body as UTF-8, never buffering more; <c>Complete</c> is false
    /// when the body was longer and the text is cut there.
    /// </summary>
    public static async Task<(string Text, bool Complete)> ReadBoundedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
#if NET8_0_OR_GREATER
        using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        bool complete = true;
        while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var allowed = Math.Min(read, maxBytes - (int)buffer.Length);
            buffer.Write(chunk, 0, allowed);
            if (allowed < read)
            {
                complete = false;
                break;
            }
        }

        return (Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), complete);
    }
}
